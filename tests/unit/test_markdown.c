/* test_markdown.c - editors' Markdown becomes safe HTML: no script, no raw HTML, no
 * event-handler attributes, no javascript:/data: links or images; Vietnamese text intact;
 * GFM tables and strikethrough render. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "portal/article.h"

#include <stdlib.h>
#include <string.h>

static char *md(const char *s)
{
    char *h = markdown_to_safe_html(s);
    assert_non_null(h);
    return h;
}

static void no_script(void **state)
{
    (void)state;
    char *h = md("Xin chào <script>alert(1)</script>\n\n<script>alert(2)</script>\n");
    assert_null(strstr(h, "<script"));
    assert_non_null(strstr(h, "Xin chào"));
    free(h);
}

static void no_raw_html(void **state)
{
    (void)state;
    char *h = md("<div onclick=\"x()\">khối</div>\n\nảnh <img src=x onerror=alert(1)> và <iframe src=\"https://e.vn\"></iframe>\n");
    assert_null(strstr(h, "<div"));
    assert_null(strstr(h, "<img"));
    assert_null(strstr(h, "onerror"));
    assert_null(strstr(h, "<iframe"));
    assert_null(strstr(h, "onclick"));
    free(h);
}

static void no_dangerous_urls(void **state)
{
    (void)state;
    const char *bad[] = {
        "[bấm](javascript:alert(1))", "[bấm](JaVaScRiPt:alert(1))", "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "![ảnh](data:image/png;base64,iVBORw0KGgo=)",
        "![ảnh](javascript:alert(1))", "<javascript:alert(1)>", "[x](//evil.example/)",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *h = md(bad[i]);
        /* the text may still read "javascript:…"; no attribute may hold such a URL */
        assert_null(strstr(h, "=\"javascript"));
        assert_null(strstr(h, "=\"JaVaScRiPt"));
        assert_null(strstr(h, "=\"vbscript"));
        assert_null(strstr(h, "=\"data:"));
        assert_null(strstr(h, "=\"//evil"));
        free(h);
    }
    char *h = md("[Cổng](https://camau.dcs.vn/tin-tuc) và ![ảnh](/media/3)");
    assert_non_null(strstr(h, "href=\"https://camau.dcs.vn/tin-tuc\""));
    assert_non_null(strstr(h, "src=\"/media/3\""));
    free(h);
}

static void vietnamese_and_tables(void **state)
{
    (void)state;
    const char *src = "## Kết quả\n\nCông tác **dân vận** của hệ thống chính trị ~~cũ~~.\n\n"
                      "| Đơn vị | Tham luận |\n| --- | ---: |\n| MTTQ tỉnh | 2 |\n| Hội Nông dân | 1 |\n";
    char *h = md(src);
    assert_non_null(strstr(h, "<h2>Kết quả</h2>"));
    assert_non_null(strstr(h, "<strong>dân vận</strong>"));
    assert_non_null(strstr(h, "<del>cũ</del>"));
    assert_non_null(strstr(h, "<table>"));
    assert_non_null(strstr(h, "<th>Đơn vị</th>"));
    assert_non_null(strstr(h, "<td>MTTQ tỉnh</td>"));
    free(h);
    h = md("Xem www.camau.gov.vn nhé");
    assert_non_null(strstr(h, "<a href=\"http://www.camau.gov.vn\">"));
    free(h);
    h = md(NULL);
    assert_string_equal(h, "");
    free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_script),
        cmocka_unit_test(no_raw_html),
        cmocka_unit_test(no_dangerous_urls),
        cmocka_unit_test(vietnamese_and_tables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
