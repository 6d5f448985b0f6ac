/* markdown.c - editors' Markdown to HTML that is safe to put in a page: cmark-gfm without
 * CMARK_OPT_UNSAFE (raw HTML blocks and inline HTML become comments, dangerous URLs are
 * emptied), plus our own rule that a link or image may only point to http(s), mailto or a
 * relative address (cmark would let data:image/... through). GFM tables, strikethrough
 * and autolinks are on. */
#include "portal/article.h"

#include "core/buf.h"
#include "core/html.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void register_extensions(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

static void attach(cmark_parser *p, const char *name)
{
    cmark_syntax_extension *e = cmark_find_syntax_extension(name);
    if (e) cmark_parser_attach_syntax_extension(p, e);
}

/* Links and images: keep only URLs html_url_is_safe() accepts. */
static void clean_urls(cmark_node *doc)
{
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE) continue;
        const char *url = cmark_node_get_url(n);
        if (url && *url && !html_url_is_safe(url)) cmark_node_set_url(n, "");
    }
    cmark_iter_free(it);
}

char *markdown_to_safe_html(const char *md)
{
    pthread_once(&once, register_extensions);
    const int opts = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
    cmark_parser *p = cmark_parser_new(opts);
    attach(p, "table");
    attach(p, "strikethrough");
    attach(p, "autolink");
    if (md) cmark_parser_feed(p, md, strlen(md));
    cmark_node *doc = cmark_parser_finish(p);
    char *html = NULL;
    if (doc) {
        clean_urls(doc);
        char *h = cmark_render_html(doc, opts, cmark_parser_get_syntax_extensions(p));
        html = xstrdup(h ? h : "");
        free(h);
        cmark_node_free(doc);
    } else {
        html = xstrdup("");
    }
    cmark_parser_free(p);
    return html;
}
