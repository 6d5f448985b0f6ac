/* mail.h - "Gởi bài viết": an article sent by e-mail as a fixed plain-text message.
 *
 * mail_compose() builds the RFC 5322 message; no header value comes from the reader: the
 * From: is the portal's configured sender, the To: is one address that passed
 * mail_address_ok(), the Subject: is the portal name and the article title as RFC 2047
 * encoded-words. The reader's name and message go in the body only, as plain text
 * (quoted-printable UTF-8), never as HTML. mail_send() hands the message to the configured
 * SMTP server (config_smtp_url()) through libcurl, for exactly one recipient. */
#ifndef DV_MAIL_H
#define DV_MAIL_H

#include "core/buf.h"

#include <stddef.h>
#include <time.h>

struct mail_article_msg {
    const char *portal_name;  /* "Cổng thông tin …" (from the configuration) */
    const char *from;         /* the sender address: "no-reply@danvan.local" */
    const char *to;           /* the one recipient */
    const char *sender_name;  /* the reader who sends it: body only */
    const char *message;      /* the reader's note: body only; NULL or "" = none */
    const char *title;
    const char *lead;         /* may be NULL */
    const char *url;          /* absolute link to the article */
    time_t date;
};

/* 1 when addr is one plain address (local@domain, printable ASCII without spaces, quotes,
 * angle brackets, commas or line breaks, at most 254 bytes), else 0. */
int mail_address_ok(const char *addr);

/* The whole message with CRLF line ends into out. DV_EINVAL when from/to fail
 * mail_address_ok() or a text field is missing or not valid UTF-8. */
int mail_compose(const struct mail_article_msg *m, dv_buf *out);

/* A plain-text message built by the application (reminder digests): every field is ours,
 * none comes from a request. Same headers and encodings as mail_compose(). */
struct mail_plain_msg {
    const char *from_name;    /* display name of the sender */
    const char *from;
    const char *to;
    const char *subject;      /* one line */
    const char *body;         /* UTF-8 text, lines end in "\n" */
    time_t date;
};
/* DV_EINVAL when an address fails mail_address_ok() or a text is missing or not UTF-8. */
int mail_compose_plain(const struct mail_plain_msg *m, dv_buf *out);

/* RFC 2047 "B" encoded-words for a UTF-8 header value, folded (CRLF SP) so that no line
 * exceeds 76 characters; prefix_len is what already stands on the first line
 * ("Subject: " = 9). Characters are never split across words. */
void mail_encode_words(dv_buf *out, const char *utf8, size_t prefix_len);

/* Quoted-printable (RFC 2045) of UTF-8 text whose lines end in "\n": CRLF line ends, soft
 * breaks keep lines within 76 characters, a leading "." or "From " is encoded. */
void mail_encode_qp(dv_buf *out, const char *text);

/* Send data (a composed message) to exactly one recipient through smtp_url. 0, DV_EINVAL
 * (bad address) or DV_EIO (the server refused or was unreachable; logged). */
int mail_send(const char *smtp_url, const char *from, const char *to, const char *data, size_t len);

#endif
