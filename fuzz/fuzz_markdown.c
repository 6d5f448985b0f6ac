/* fuzz_markdown.c - article Markdown (markdown_to_safe_html). Properties: the output is
 * valid UTF-8; every tag in it is one cmark itself writes (no raw HTML from the input ever
 * gets through: it becomes "<!-- raw HTML omitted -->"); no attribute is an event handler
 * or style; every href/src is http(s), mailto, a relative address or empty. */
#include "fuzz.h"

#include "portal/article.h"
#include "text/text.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const TAGS[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "img", "ul", "ol", "li",
    "blockquote", "pre", "code", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "del",
    NULL};
static const char *const ATTRS[] = {"href", "src", "alt", "title", "align", "start", "class", NULL};

static int in_list(const char *const *list, const char *s, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncasecmp(list[i], s, n) == 0) return 1;
    return 0;
}

/* How a browser reads the scheme of an href (WHATWG URL): leading C0 controls and spaces
 * dropped, tab/CR/LF dropped anywhere; a scheme is a letter then letters, digits, + - .
 * up to ':'; anything else makes the URL relative. */
static void check_url(const char *v, size_t n)
{
    char buf[64];
    size_t k = 0, i = 0;
    while (i < n && (unsigned char)v[i] <= 0x20) i++;
    for (; i < n && k + 1 < sizeof buf; i++)
        if (v[i] != '\t' && v[i] != '\n' && v[i] != '\r') buf[k++] = (char)tolower((unsigned char)v[i]);
    buf[k] = '\0';
    size_t s = 0;
    if (!isalpha((unsigned char)buf[0])) return; /* relative */
    while (isalnum((unsigned char)buf[s]) || buf[s] == '+' || buf[s] == '-' || buf[s] == '.') s++;
    if (buf[s] != ':') return; /* relative (or a longer scheme: none we allow anyway) */
    FUZZ_ASSERT(strncmp(buf, "http:", 5) == 0 || strncmp(buf, "https:", 6) == 0 ||
                    strncmp(buf, "mailto:", 7) == 0,
                "a link is http(s), mailto or relative");
}

/* p points just after '<' of a tag; returns the position after its '>'. */
static const char *check_tag(const char *p)
{
    if (strncmp(p, "!-- raw HTML omitted -->", 24) == 0) return p + 24;
    if (*p == '/') p++;
    const char *name = p;
    while (isalnum((unsigned char)*p)) p++;
    FUZZ_ASSERT(in_list(TAGS, name, (size_t)(p - name)), "only cmark's own tags");
    for (;;) {
        while (*p == ' ') p++;
        if (*p == '>') return p + 1;
        if (p[0] == '/' && p[1] == '>') return p + 2;
        const char *an = p;
        while (isalpha((unsigned char)*p) || *p == '-') p++;
        size_t anl = (size_t)(p - an);
        FUZZ_ASSERT(anl > 0 && in_list(ATTRS, an, anl), "only known attributes");
        if (*p != '=') continue;
        FUZZ_ASSERT(p[1] == '"', "attribute values are quoted");
        const char *v = p + 2, *end = strchr(v, '"');
        FUZZ_ASSERT(end != NULL, "attribute value closed");
        FUZZ_ASSERT(memchr(v, '<', (size_t)(end - v)) == NULL, "no '<' in an attribute");
        if ((anl == 4 && strncasecmp(an, "href", 4) == 0) || (anl == 3 && strncasecmp(an, "src", 3) == 0))
            check_url(v, (size_t)(end - v));
        p = end + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 16384) return 0;
    char *md = fuzz_str(data, size);
    char *html = markdown_to_safe_html(md);
    FUZZ_ASSERT(html != NULL, "markdown renders");
    FUZZ_ASSERT(text_valid_utf8(html, strlen(html)), "output is UTF-8");
    for (const char *p = strchr(html, '<'); p; p = strchr(p, '<')) p = check_tag(p + 1);
    free(html);
    free(md);
    return 0;
}
