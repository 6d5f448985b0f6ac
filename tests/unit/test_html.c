/* test_html.c - the template escapers of core/html.c, one context at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "core/html.h"

typedef void (*escaper)(dv_buf *out, const char *s);

static void assert_escapes(escaper esc, const char *in, const char *want)
{
    dv_buf out = DV_BUF_INIT;
    esc(&out, in);
    assert_string_equal(buf_cstr(&out), want);
    buf_free(&out);
}

static void test_text_escapes_specials(void **state)
{
    (void)state;
    assert_escapes(html_text, "a & b < c > d \" e ' f", "a &amp; b &lt; c &gt; d &quot; e &#39; f");
    assert_escapes(html_text, "<script>alert(1)</script>",
                   "&lt;script&gt;alert(1)&lt;/script&gt;");
    assert_escapes(html_text, "&amp;", "&amp;amp;");
    assert_escapes(html_text, "", "");
}

static void test_text_passes_utf8(void **state)
{
    (void)state;
    assert_escapes(html_text, "Phường Bến Nghé, Quận 1 – Đà Nẵng",
                   "Phường Bến Nghé, Quận 1 – Đà Nẵng");
    assert_escapes(html_text, "Đ<ạ>", "Đ&lt;ạ&gt;");
}

static void test_null_prints_nothing(void **state)
{
    (void)state;
    assert_escapes(html_text, NULL, "");
    assert_escapes(html_attr, NULL, "");
    assert_escapes(html_url, NULL, "");
    assert_escapes(html_urlpart, NULL, "");
    dv_buf out = DV_BUF_INIT;
    html_raw(&out, (dv_html){NULL});
    assert_int_equal(out.len, 0);
    buf_free(&out);
    assert_false(html_url_is_safe(NULL));
}

static void test_attr_escapes_quotes(void **state)
{
    (void)state;
    assert_escapes(html_attr, "x\" onmouseover=\"alert(1)", "x&quot; onmouseover=&quot;alert(1)");
    assert_escapes(html_attr, "it's", "it&#39;s");
    assert_escapes(html_attr, "Hà Nội & <Huế>", "Hà Nội &amp; &lt;Huế&gt;");
}

static void test_url_safe_schemes(void **state)
{
    (void)state;
    assert_true(html_url_is_safe("http://example.vn/"));
    assert_true(html_url_is_safe("https://example.vn/a?b=c#d"));
    assert_true(html_url_is_safe("HTTPS://EXAMPLE.VN/"));
    assert_true(html_url_is_safe("mailto:ubnd@example.vn"));
    assert_true(html_url_is_safe("MailTo:ubnd@example.vn"));
    assert_true(html_url_is_safe("  https://example.vn/")); /* leading space is stripped */
}

static void test_url_relative_is_safe(void **state)
{
    (void)state;
    assert_true(html_url_is_safe("/units/12"));
    assert_true(html_url_is_safe("units/12?x=a:b"));
    assert_true(html_url_is_safe("?page=2"));
    assert_true(html_url_is_safe("#top"));
    assert_true(html_url_is_safe("./a:b"));
    assert_true(html_url_is_safe(""));
}

static void test_url_dangerous_schemes(void **state)
{
    (void)state;
    assert_false(html_url_is_safe("javascript:alert(1)"));
    assert_false(html_url_is_safe("JaVaScRiPt:alert(1)"));
    assert_false(html_url_is_safe("java\tscript:alert(1)"));
    assert_false(html_url_is_safe("java\nscript:alert(1)"));
    assert_false(html_url_is_safe(" \x01javascript:alert(1)"));
    assert_false(html_url_is_safe("data:text/html;base64,PHNjcmlwdD4="));
    assert_false(html_url_is_safe("vbscript:msgbox(1)"));
    assert_false(html_url_is_safe("http\t:evil"));
    assert_false(html_url_is_safe(":nothing"));
    assert_false(html_url_is_safe("ftp://example.vn/"));
}

/* Protocol-relative URLs leave the site: html_url treats them as unsafe (a template that
 * links elsewhere writes the scheme), including the backslash forms browsers accept. */
static void test_url_protocol_relative_is_unsafe(void **state)
{
    (void)state;
    assert_false(html_url_is_safe("//evil.com/x"));
    assert_false(html_url_is_safe("  //evil.com"));
    assert_false(html_url_is_safe("/\\evil.com"));
    assert_false(html_url_is_safe("\\\\evil.com"));
    assert_false(html_url_is_safe("/\t/evil.com"));
    assert_true(html_url_is_safe("/a//b"));
}

static void test_url_escapes_or_replaces(void **state)
{
    (void)state;
    assert_escapes(html_url, "javascript:alert(1)", "#");
    assert_escapes(html_url, "JaVaScRiPt:alert(1)", "#");
    assert_escapes(html_url, "java\tscript:alert(1)", "#");
    assert_escapes(html_url, "data:text/html,x", "#");
    assert_escapes(html_url, "//evil.com", "#");
    assert_escapes(html_url, "/search?q=a&p=\"2\"", "/search?q=a&amp;p=&quot;2&quot;");
    assert_escapes(html_url, "mailto:a@b.vn", "mailto:a@b.vn");
    assert_escapes(html_url, "https://vi.wikipedia.org/wiki/Đà_Nẵng",
                   "https://vi.wikipedia.org/wiki/Đà_Nẵng");
}

static void test_urlpart_percent_encodes(void **state)
{
    (void)state;
    assert_escapes(html_urlpart, "AZaz09-._~", "AZaz09-._~");
    assert_escapes(html_urlpart, "a b&c=d/e?f#g", "a%20b%26c%3Dd%2Fe%3Ff%23g");
    assert_escapes(html_urlpart, "\"'<>", "%22%27%3C%3E");
    assert_escapes(html_urlpart, "javascript:x", "javascript%3Ax");
    assert_escapes(html_urlpart, "Đà Nẵng", "%C4%90%C3%A0%20N%E1%BA%B5ng");
    assert_escapes(html_urlpart, "đường", "%C4%91%C6%B0%E1%BB%9Dng");
    assert_escapes(html_urlpart, "", "");
}

static void test_int(void **state)
{
    (void)state;
    dv_buf out = DV_BUF_INIT;
    html_int(&out, 0);
    buf_putc(&out, ' ');
    html_int(&out, -42);
    buf_putc(&out, ' ');
    html_int(&out, LLONG_MAX);
    buf_putc(&out, ' ');
    html_int(&out, LLONG_MIN);
    assert_string_equal(buf_cstr(&out),
                        "0 -42 9223372036854775807 -9223372036854775808");
    buf_free(&out);
}

static void test_raw_is_not_escaped(void **state)
{
    (void)state;
    dv_buf out = DV_BUF_INIT;
    buf_puts(&out, "x");
    html_raw(&out, (dv_html){"<b>đậm</b> &amp;"});
    assert_string_equal(buf_cstr(&out), "x<b>đậm</b> &amp;");
    buf_free(&out);
}

static void test_appends_to_existing(void **state)
{
    (void)state;
    dv_buf out = DV_BUF_INIT;
    buf_puts(&out, "<p>");
    html_text(&out, "a<b");
    buf_puts(&out, "</p>");
    assert_string_equal(buf_cstr(&out), "<p>a&lt;b</p>");
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_escapes_specials),
        cmocka_unit_test(test_text_passes_utf8),
        cmocka_unit_test(test_null_prints_nothing),
        cmocka_unit_test(test_attr_escapes_quotes),
        cmocka_unit_test(test_url_safe_schemes),
        cmocka_unit_test(test_url_relative_is_safe),
        cmocka_unit_test(test_url_dangerous_schemes),
        cmocka_unit_test(test_url_protocol_relative_is_unsafe),
        cmocka_unit_test(test_url_escapes_or_replaces),
        cmocka_unit_test(test_urlpart_percent_encodes),
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_raw_is_not_escaped),
        cmocka_unit_test(test_appends_to_existing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
