/* mail.c - composing the "send this article" e-mail (RFC 5322, RFC 2047 subject, quoted-
 * printable UTF-8 body) and handing it to the SMTP server through libcurl. Nothing the
 * reader typed reaches a header: see mail.h. */
#include "mail/mail.h"

#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "text/text.h"

#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_CHARS 76
#define SMTP_CONNECT_TIMEOUT_S 5L
#define SMTP_TIMEOUT_S 20L

int mail_address_ok(const char *addr)
{
    if (!addr) return 0;
    size_t n = strlen(addr);
    if (n < 3 || n > 254) return 0;
    const char *at = strchr(addr, '@');
    if (!at || at == addr || strchr(at + 1, '@') || !at[1]) return 0;
    if (at - addr > 64) return 0;
    for (const unsigned char *p = (const unsigned char *)addr; *p; p++) {
        /* printable ASCII only, and none of the characters that separate or quote */
        if (*p <= 0x20 || *p >= 0x7f) return 0;
        if (strchr("\"(),:;<>[\\]", *p)) return 0;
    }
    const char *dom = at + 1;
    if (dom[0] == '.' || dom[0] == '-' || dom[strlen(dom) - 1] == '.' || strstr(dom, "..")) return 0;
    if (addr[0] == '.' || at[-1] == '.' || strstr(addr, "..")) return 0;
    return 1;
}

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t utf8_len(unsigned char c)
{
    if (c < 0x80) return 1;
    if ((c & 0xe0) == 0xc0) return 2;
    if ((c & 0xf0) == 0xe0) return 3;
    if ((c & 0xf8) == 0xf0) return 4;
    return 1;
}

static void put_b64(dv_buf *out, const unsigned char *p, size_t n)
{
    char tmp[128];
    sodium_bin2base64(tmp, sizeof tmp, p, n, sodium_base64_VARIANT_ORIGINAL);
    buf_puts(out, tmp);
}

void mail_encode_words(dv_buf *out, const char *utf8, size_t prefix_len)
{
    const unsigned char *p = (const unsigned char *)utf8;
    size_t col = prefix_len;
    int first = 1;
    while (*p || first) {
        /* room on this line: "=?UTF-8?B?" + base64 + "?=" within LINE_MAX_CHARS */
        size_t room = col + 12 < LINE_MAX_CHARS ? (LINE_MAX_CHARS - col - 12) / 4 * 3 : 0;
        if (room < 12 && !first) room = 45;
        if (room < 12) room = 12; /* a long prefix: still make progress */
        size_t take = 0;
        while (p[take]) {
            size_t l = utf8_len(p[take]);
            if (take + l > room) break;
            take += l;
        }
        if (take == 0 && *p) take = utf8_len(*p); /* cannot happen with room >= 12 */
        if (!first) {
            buf_puts(out, "\r\n ");
            col = 1;
        }
        buf_puts(out, "=?UTF-8?B?");
        put_b64(out, p, take);
        buf_puts(out, "?=");
        col += 12 + (take + 2) / 3 * 4;
        p += take;
        first = 0;
    }
}

void mail_encode_qp(dv_buf *out, const char *text)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)text;
    size_t col = 0;
    while (*p) {
        if (*p == '\n') {
            buf_puts(out, "\r\n");
            col = 0;
            p++;
            continue;
        }
        char tok[4];
        size_t tl;
        int at_end = p[1] == '\n' || p[1] == '\0';
        int literal = (*p >= 33 && *p <= 126 && *p != '=') || ((*p == ' ' || *p == '\t') && !at_end);
        if (col == 0 && (*p == '.' || (*p == 'F' && strncmp((const char *)p, "From ", 5) == 0))) literal = 0;
        if (literal) {
            tok[0] = (char)*p;
            tl = 1;
        } else {
            tok[0] = '=';
            tok[1] = hex[*p >> 4];
            tok[2] = hex[*p & 15];
            tl = 3;
        }
        /* keep a UTF-8 sequence on one line when it fits, for readable raw mail */
        size_t need = tl;
        if (*p >= 0xc0) need = utf8_len(*p) * 3;
        if (col + need > LINE_MAX_CHARS - 1) {
            buf_puts(out, "=\r\n");
            col = 0;
            continue; /* re-check the leading-dot rule on the new line */
        }
        buf_append(out, tok, tl);
        col += tl;
        p++;
    }
}

static void put_date(dv_buf *out, time_t t)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    struct tm tm;
    gmtime_r(&t, &tm);
    buf_printf(out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
               months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int text_ok(const char *s)
{
    return s && text_valid_utf8(s, strlen(s));
}

/* From (display name + address), To, Subject, Date, Message-ID and the MIME headers of a
 * plain-text quoted-printable UTF-8 message, up to and including the blank line. */
static void put_headers(dv_buf *out, const char *from_name, const char *from, const char *to,
                        const char *subject, time_t date)
{
    buf_puts(out, "From: ");
    mail_encode_words(out, from_name, 6);
    buf_printf(out, "\r\n <%s>\r\n", from);
    buf_printf(out, "To: <%s>\r\n", to);
    buf_puts(out, "Subject: ");
    mail_encode_words(out, subject, 9);
    buf_puts(out, "\r\nDate: ");
    put_date(out, date);
    unsigned char rnd[12];
    char rhex[25];
    randombytes_buf(rnd, sizeof rnd);
    sodium_bin2hex(rhex, sizeof rhex, rnd, sizeof rnd);
    buf_printf(out, "\r\nMessage-ID: <%lld.%s@%s>\r\n", (long long)date, rhex, strchr(from, '@') + 1);
    buf_puts(out, "MIME-Version: 1.0\r\n"
                  "Content-Type: text/plain; charset=UTF-8\r\n"
                  "Content-Transfer-Encoding: quoted-printable\r\n"
                  "Auto-Submitted: auto-generated\r\n"
                  "\r\n");
}

int mail_compose_plain(const struct mail_plain_msg *m, dv_buf *out)
{
    if (!mail_address_ok(m->from) || !mail_address_ok(m->to)) return DV_EINVAL;
    if (!text_ok(m->from_name) || !*m->from_name || !text_ok(m->subject) || strpbrk(m->subject, "\r\n") ||
        !text_ok(m->body))
        return DV_EINVAL;
    if (sodium_init() < 0) return DV_EIO;
    put_headers(out, m->from_name, m->from, m->to, m->subject, m->date);
    mail_encode_qp(out, m->body);
    return DV_OK;
}

int mail_compose(const struct mail_article_msg *m, dv_buf *out)
{
    if (!mail_address_ok(m->from) || !mail_address_ok(m->to)) return DV_EINVAL;
    if (!text_ok(m->portal_name) || !text_ok(m->sender_name) || !*m->sender_name || !text_ok(m->title) ||
        !text_ok(m->url) || (m->message && !text_ok(m->message)) || (m->lead && !text_ok(m->lead)))
        return DV_EINVAL;
    /* the link is ours, but it stands alone on its line: no spaces or line breaks */
    if (strpbrk(m->url, " \t\r\n")) return DV_EINVAL;
    if (sodium_init() < 0) return DV_EIO;

    char *subject = NULL;
    {
        dv_buf s = DV_BUF_INIT;
        buf_printf(&s, "[%s] %s", m->portal_name, m->title);
        subject = buf_detach(&s);
    }
    put_headers(out, m->portal_name, m->from, m->to, subject, m->date);
    free(subject);

    /* The body: a fixed template; the reader's text is plain text in it. */
    dv_buf body = DV_BUF_INIT;
    buf_printf(&body, _("%s sent you this article."), m->sender_name);
    buf_puts(&body, "\n\n");
    if (m->message && *m->message) {
        buf_printf(&body, "%s\n\n", _("Their message:"));
        buf_puts(&body, m->message);
        buf_puts(&body, "\n\n----\n\n");
    }
    buf_printf(&body, "%s\n\n", m->title);
    if (m->lead && *m->lead) buf_printf(&body, "%s\n\n", m->lead);
    buf_printf(&body, "%s\n%s\n\n", _("Read the whole article:"), m->url);
    buf_puts(&body, "-- \n");
    buf_printf(&body, "%s\n", m->portal_name);
    buf_printf(&body, "%s\n", _("A reader sent you this message with the portal's \"Send this article\" form; "
                                 "your address is used for nothing else."));
    mail_encode_qp(out, buf_cstr(&body));
    buf_free(&body);
    return DV_OK;
}

struct upload {
    const char *data;
    size_t len, pos;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *ud)
{
    struct upload *u = ud;
    size_t n = size * nmemb;
    if (n > u->len - u->pos) n = u->len - u->pos;
    memcpy(dst, u->data + u->pos, n);
    u->pos += n;
    return n;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_init_once(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

int mail_send(const char *smtp_url, const char *from, const char *to, const char *data, size_t len)
{
    if (!mail_address_ok(from) || !mail_address_ok(to)) return DV_EINVAL;
    if (!smtp_url || (strncmp(smtp_url, "smtp://", 7) != 0 && strncmp(smtp_url, "smtps://", 8) != 0))
        return DV_EINVAL;
    pthread_once(&curl_once, curl_init_once);
    CURL *c = curl_easy_init();
    if (!c) return DV_EIO;
    char mail_from[300], rcpt_addr[300], errbuf[CURL_ERROR_SIZE] = "";
    snprintf(mail_from, sizeof mail_from, "<%s>", from);
    snprintf(rcpt_addr, sizeof rcpt_addr, "<%s>", to);
    struct curl_slist *rcpt = curl_slist_append(NULL, rcpt_addr);
    struct upload u = {data, len, 0};
    curl_easy_setopt(c, CURLOPT_URL, smtp_url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &u);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, SMTP_CONNECT_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, SMTP_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        log_warn("mail: sending to the SMTP server failed: %s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
        return DV_EIO;
    }
    return DV_OK;
}
