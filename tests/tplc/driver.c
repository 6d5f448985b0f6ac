/* driver.c - renders the sample templates of tests/tplc/good/ and checks the escaping. */
#include "tpl.h"

#include <stdio.h>
#include <string.h>

static int failures;

static void expect_contains(const char *out, const char *want)
{
    if (strstr(out, want)) return;
    fprintf(stderr, "FAIL: output lacks: %s\n", want);
    failures++;
}

static void expect_lacks(const char *out, const char *bad)
{
    if (!strstr(out, bad)) return;
    fprintf(stderr, "FAIL: output contains: %s\n", bad);
    failures++;
}

static void check_page(void)
{
    struct tplc_item items[] = {
        {"Phường Bến Nghé <b>", "javascript:alert(1)", 7},
        {"a&b", "/units/8?x=1", 8},
    };
    struct tplc_page pg = {"Đà <Nẵng>", "x\" onmouseover=\"y", items, 2, {"<b>hi</b>"}};
    dv_buf out = DV_BUF_INIT;
    tpl_core_page(&out, &pg);
    const char *s = buf_cstr(&out);
    expect_contains(s, "<title>Đà &lt;Nẵng&gt; – Province portal</title>");
    expect_contains(s, "<b>hi</b>");
    expect_contains(s, "value=\"x&quot; onmouseover=&quot;y\"");
    expect_contains(s, "placeholder='Search ?? units'");
    expect_contains(s, "<textarea name=\"note\">x&quot; onmouseover=&quot;y</textarea>");
    expect_contains(s, "data-id=\"7\"");
    expect_contains(s, "<a href=\"#\" title=\"Phường Bến Nghé &lt;b&gt;\">Phường Bến Nghé &lt;b&gt;</a>");
    expect_contains(s, "href=\"/units?q=Ph%C6%B0%E1%BB%9Dng%20B%E1%BA%BFn%20Ngh%C3%A9%20%3Cb%3E&amp;id=7\"");
    expect_contains(s, "<a href=\"/units/8?x=1\" title=\"a&amp;b\">a&amp;b</a>");
    expect_contains(s, "href=\"/units?q=a%26b&amp;id=8\"");
    expect_contains(s, "<p>2 units</p>");
    expect_lacks(s, "javascript:");
    expect_lacks(s, "\n{%");
    expect_lacks(s, "\n\n");
    buf_free(&out);
}

static void check_list_and_empty(void)
{
    dv_buf out = DV_BUF_INIT;
    tpl_org_unit_list(&out, NULL, 0);
    if (strcmp(buf_cstr(&out), "<p class=\"empty\">No units.</p>\n") != 0) {
        fprintf(stderr, "FAIL: unit-list rendered: [%s]\n", buf_cstr(&out));
        failures++;
    }
    buf_reset(&out);
    tpl_core_empty(&out);
    if (out.len != 0) {
        fprintf(stderr, "FAIL: empty rendered %zu bytes\n", out.len);
        failures++;
    }
    buf_free(&out);
}

int main(void)
{
    check_page();
    check_list_and_empty();
    if (failures) return 1;
    printf("tplc driver: ok\n");
    return 0;
}
