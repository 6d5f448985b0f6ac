/* test_mail.c - the "send this article" message: headers built only from trusted values,
 * RFC 2047 subject that decodes back to the title, quoted-printable body with the name,
 * message, link, and line lengths within limits; addresses with line breaks refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "mail/mail.h"

/* Decode the "=?UTF-8?B?...?=" words of a (folded) header value. */
static char *decode_words(const char *v)
{
    dv_buf out = DV_BUF_INIT;
    const char *p = v;
    while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
        p += 10;
        const char *e = strstr(p, "?=");
        unsigned char bin[256];
        size_t len = 0;
        assert_int_equal(sodium_base642bin(bin, sizeof bin, p, (size_t)(e - p), NULL, &len, NULL,
                                           sodium_base64_VARIANT_ORIGINAL), 0);
        buf_append(&out, bin, len);
        p = e + 2;
    }
    return buf_detach(&out);
}

static char *header(const char *msg, const char *name)
{
    size_t nl = strlen(name);
    const char *end = strstr(msg, "\r\n\r\n");
    for (const char *p = msg; p < end; p = strstr(p, "\r\n") + 2) {
        if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
            const char *q = p + nl + 1;
            const char *e = q;
            while ((e = strstr(e, "\r\n")) && (e[2] == ' ' || e[2] == '\t')) e += 2;
            return strndup(q, (size_t)(e - q));
        }
    }
    return NULL;
}

static char *qp_decode(const char *s)
{
    dv_buf out = DV_BUF_INIT;
    while (*s) {
        if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') s += 3;
        else if (s[0] == '=') {
            char h[3] = {s[1], s[2], 0};
            buf_putc(&out, (char)strtol(h, NULL, 16));
            s += 3;
        } else if (s[0] == '\r' && s[1] == '\n') {
            buf_putc(&out, '\n');
            s += 2;
        } else buf_putc(&out, *s++);
    }
    return buf_detach(&out);
}

static const char *TITLE = "BAN THƯỜNG VỤ TỈNH ỦY TỔ CHỨC HỘI NGHỊ TỔNG KẾT 10 NĂM THỰC HIỆN QUYẾT ĐỊNH SỐ "
                           "290-QĐ/TW NGÀY 25/02/2010 CỦA BỘ CHÍNH TRỊ (KHÓA X)";

static void test_compose(void **state)
{
    (void)state;
    struct mail_article_msg m = {
        .portal_name = "Cổng thông tin Dân vận", .from = "no-reply@danvan.local", .to = "ban@example.vn",
        .sender_name = "Nguyễn Văn A\r\nBcc: evil@example.com",
        .message = "Xem bài này nhé.\n.\nFrom here\nContent-Type: text/html\n<b>x</b>",
        .title = TITLE, .lead = "Thực hiện chương trình công tác …",
        .url = "http://127.0.0.1:8080/bai-viet/ban-thuong-vu", .date = 1590631200,
    };
    dv_buf b = DV_BUF_INIT;
    assert_int_equal(mail_compose(&m, &b), DV_OK);
    const char *msg = buf_cstr(&b);
    const char *sep = strstr(msg, "\r\n\r\n");
    assert_non_null(sep);

    /* every header line is short, ASCII, and none comes from the reader */
    for (const char *p = msg; p < sep + 2;) {
        const char *e = strstr(p, "\r\n");
        assert_true(e - p <= 76);
        for (const char *q = p; q < e; q++) assert_true((unsigned char)*q >= 0x20 && (unsigned char)*q < 0x7f);
        p = e + 2;
    }
    char head[4096];
    snprintf(head, sizeof head, "%.*s", (int)(sep - msg), msg);
    assert_null(strstr(head, "Bcc"));
    assert_null(strstr(head, "evil"));
    assert_null(strstr(head, "Reply-To"));
    assert_non_null(strstr(head, "To: <ban@example.vn>"));
    assert_non_null(strstr(head, "<no-reply@danvan.local>"));
    assert_non_null(strstr(head, "Date: Thu, 28 May 2020 02:00:00 +0000"));
    assert_non_null(strstr(head, "Message-ID: <1590631200."));
    assert_non_null(strstr(head, "@danvan.local>"));
    assert_non_null(strstr(head, "Content-Type: text/plain; charset=UTF-8"));
    assert_non_null(strstr(head, "Content-Transfer-Encoding: quoted-printable"));

    char *subj = header(msg, "Subject");
    char *dec = decode_words(subj);
    char want[512];
    snprintf(want, sizeof want, "[Cổng thông tin Dân vận] %s", TITLE);
    assert_string_equal(dec, want);
    free(subj);
    free(dec);

    /* body lines within 76 characters; decoded, it has the name, message, link, no HTML part */
    for (const char *p = sep + 4; *p;) {
        const char *e = strstr(p, "\r\n");
        if (!e) e = p + strlen(p);
        assert_true(e - p <= 76);
        assert_false(p[0] == '.');
        assert_false(strncmp(p, "From ", 5) == 0);
        p = *e ? e + 2 : e;
    }
    char *body = qp_decode(sep + 4);
    assert_non_null(strstr(body, "Nguyễn Văn A"));
    assert_non_null(strstr(body, "Xem bài này nhé."));
    assert_non_null(strstr(body, "\n.\n"));
    assert_non_null(strstr(body, "http://127.0.0.1:8080/bai-viet/ban-thuong-vu\n"));
    assert_non_null(strstr(body, TITLE));
    free(body);
    buf_free(&b);
}

static void test_addresses(void **state)
{
    (void)state;
    assert_true(mail_address_ok("a@b.vn"));
    assert_true(mail_address_ok("nguyen.van+tin@so-ttt.camau.gov.vn"));
    assert_false(mail_address_ok("a@b.vn\r\nBcc: c@d.vn"));
    assert_false(mail_address_ok("a@b.vn, c@d.vn"));
    assert_false(mail_address_ok("<a@b.vn>"));
    assert_false(mail_address_ok("a b@c.vn"));
    assert_false(mail_address_ok("a@b@c.vn"));
    assert_false(mail_address_ok("ạ@b.vn"));
    assert_false(mail_address_ok("a@.vn"));
    assert_false(mail_address_ok(""));
    assert_false(mail_address_ok(NULL));

    struct mail_article_msg m = {
        .portal_name = "P", .from = "no-reply@danvan.local", .to = "x@y.vn\nBcc: z@w.vn", .sender_name = "A",
        .title = "T", .url = "http://h/x", .date = 0,
    };
    dv_buf b = DV_BUF_INIT;
    assert_int_equal(mail_compose(&m, &b), DV_EINVAL);
    m.to = "x@y.vn";
    m.url = "http://h/x\r\nBcc: z@w.vn";
    assert_int_equal(mail_compose(&m, &b), DV_EINVAL);
    assert_int_equal(mail_send("smtp://127.0.0.1:1", "a@b.vn", "c@d.vn\r\nRCPT TO:<e@f.vn>", "x", 1), DV_EINVAL);
    assert_int_equal(mail_send("http://127.0.0.1:1", "a@b.vn", "c@d.vn", "x", 1), DV_EINVAL);
    buf_free(&b);
}

static void test_encode_words_long(void **state)
{
    (void)state;
    /* many multi-byte characters: no character split, every line within 76 */
    dv_buf b = DV_BUF_INIT;
    buf_puts(&b, "Subject: ");
    const char *s = "ỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦỦ";
    mail_encode_words(&b, s, 9);
    char *dec = decode_words(buf_cstr(&b));
    assert_string_equal(dec, s);
    free(dec);
    for (const char *p = buf_cstr(&b); *p;) {
        const char *e = strstr(p, "\r\n");
        if (!e) e = p + strlen(p);
        assert_true(e - p <= 76);
        p = *e ? e + 2 : e;
    }
    buf_free(&b);
}

int main(void)
{
    if (i18n_init(NULL) != 0) return 1;
    i18n_use("vi");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compose),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_encode_words_long),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
