/* public_feed.c - RSS 2.0, Atom 1.0 and sitemaps (index + url sets), written with libxml2's
 * xmlTextWriter so that every text is escaped and the output is well-formed UTF-8. */
#include "portal/public.h"

#include "core/config.h"
#include "core/err.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

static const char *abs_url(char *buf, size_t cap, const char *path)
{
    snprintf(buf, cap, "%s%s", config_base_url(), path);
    return buf;
}

struct writer {
    xmlBufferPtr xb;
    xmlTextWriterPtr w;
    int err;
};

static int writer_open(struct writer *wr)
{
    wr->err = 0;
    wr->xb = xmlBufferCreate();
    if (!wr->xb) return DV_EIO;
    wr->w = xmlNewTextWriterMemory(wr->xb, 0);
    if (!wr->w) {
        xmlBufferFree(wr->xb);
        return DV_EIO;
    }
    xmlTextWriterSetIndent(wr->w, 1);
    xmlTextWriterSetIndentString(wr->w, X(" "));
    if (xmlTextWriterStartDocument(wr->w, NULL, "UTF-8", NULL) < 0) wr->err = 1;
    return DV_OK;
}

static int writer_close(struct writer *wr, dv_buf *out)
{
    if (xmlTextWriterEndDocument(wr->w) < 0) wr->err = 1;
    xmlFreeTextWriter(wr->w); /* flushes into the buffer */
    if (!wr->err) buf_append(out, xmlBufferContent(wr->xb), (size_t)xmlBufferLength(wr->xb));
    xmlBufferFree(wr->xb);
    return wr->err ? DV_EIO : DV_OK;
}

static void start(struct writer *wr, const char *name)
{
    if (xmlTextWriterStartElement(wr->w, X(name)) < 0) wr->err = 1;
}

static void end(struct writer *wr)
{
    if (xmlTextWriterEndElement(wr->w) < 0) wr->err = 1;
}

static void attr(struct writer *wr, const char *name, const char *value)
{
    if (xmlTextWriterWriteAttribute(wr->w, X(name), X(value)) < 0) wr->err = 1;
}

static void elem(struct writer *wr, const char *name, const char *text)
{
    if (xmlTextWriterWriteElement(wr->w, X(name), X(text ? text : "")) < 0) wr->err = 1;
}

static const char *newest(const struct article *items, size_t n)
{
    const char *best = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *t = items[i].updated_at ? items[i].updated_at : items[i].published_at;
        if (t && (!best || strcmp(t, best) > 0)) best = t;
    }
    return best;
}

static void credit(char *buf, size_t cap, const struct article *a)
{
    buf[0] = '\0';
    size_t len = 0;
    for (size_t i = 0; i < a->nauthors && len < cap; i++) {
        const struct article_author *au = &a->authors[i];
        len += (size_t)snprintf(buf + len, cap - len, "%s%s%s%s", i ? ", " : "", au->name ? au->name : "",
                                au->unit_label && *au->unit_label ? " - " : "",
                                au->unit_label ? au->unit_label : "");
    }
}

int feed_write_rss(dv_buf *out, const struct feed_info *f, const struct article *items, size_t n)
{
    struct writer wr;
    char url[1024], date[32];
    if (writer_open(&wr)) return DV_EIO;
    start(&wr, "rss");
    attr(&wr, "version", "2.0");
    attr(&wr, "xmlns:atom", "http://www.w3.org/2005/Atom");
    start(&wr, "channel");
    elem(&wr, "title", f->title);
    elem(&wr, "link", abs_url(url, sizeof url, f->html_path));
    elem(&wr, "description", f->description);
    elem(&wr, "language", "vi");
    public_date_rfc822(date, newest(items, n));
    elem(&wr, "lastBuildDate", date);
    start(&wr, "atom:link");
    attr(&wr, "href", abs_url(url, sizeof url, f->self_path));
    attr(&wr, "rel", "self");
    attr(&wr, "type", "application/rss+xml");
    end(&wr);
    for (size_t i = 0; i < n; i++) {
        const struct article *a = &items[i];
        char path[600];
        snprintf(path, sizeof path, "/bai-viet/%s", a->slug);
        start(&wr, "item");
        elem(&wr, "title", a->title);
        elem(&wr, "link", abs_url(url, sizeof url, path));
        start(&wr, "guid");
        attr(&wr, "isPermaLink", "true");
        if (xmlTextWriterWriteString(wr.w, X(url)) < 0) wr.err = 1;
        end(&wr);
        public_date_rfc822(date, a->published_at);
        elem(&wr, "pubDate", date);
        elem(&wr, "description", a->lead);
        for (size_t c = 0; c < a->ncategories; c++) elem(&wr, "category", a->categories[c].name);
        end(&wr);
    }
    end(&wr);
    end(&wr);
    return writer_close(&wr, out);
}

int feed_write_atom(dv_buf *out, const struct feed_info *f, const struct article *items, size_t n)
{
    struct writer wr;
    char url[1024], date[21], who[512];
    if (writer_open(&wr)) return DV_EIO;
    start(&wr, "feed");
    attr(&wr, "xmlns", "http://www.w3.org/2005/Atom");
    attr(&wr, "xml:lang", "vi");
    elem(&wr, "title", f->title);
    elem(&wr, "subtitle", f->description);
    elem(&wr, "id", abs_url(url, sizeof url, f->self_path));
    public_date_rfc3339(date, newest(items, n));
    elem(&wr, "updated", date);
    start(&wr, "link");
    attr(&wr, "rel", "self");
    attr(&wr, "type", "application/atom+xml");
    attr(&wr, "href", url);
    end(&wr);
    start(&wr, "link");
    attr(&wr, "rel", "alternate");
    attr(&wr, "type", "text/html");
    attr(&wr, "href", abs_url(url, sizeof url, f->html_path));
    end(&wr);
    start(&wr, "author");
    elem(&wr, "name", config_portal_name());
    end(&wr);
    for (size_t i = 0; i < n; i++) {
        const struct article *a = &items[i];
        char path[600];
        snprintf(path, sizeof path, "/bai-viet/%s", a->slug);
        start(&wr, "entry");
        elem(&wr, "title", a->title);
        abs_url(url, sizeof url, path);
        elem(&wr, "id", url);
        start(&wr, "link");
        attr(&wr, "rel", "alternate");
        attr(&wr, "type", "text/html");
        attr(&wr, "href", url);
        end(&wr);
        public_date_rfc3339(date, a->published_at);
        elem(&wr, "published", date);
        public_date_rfc3339(date, a->updated_at ? a->updated_at : a->published_at);
        elem(&wr, "updated", date);
        credit(who, sizeof who, a);
        if (*who) {
            start(&wr, "author");
            elem(&wr, "name", who);
            end(&wr);
        }
        start(&wr, "summary");
        attr(&wr, "type", "text");
        if (xmlTextWriterWriteString(wr.w, X(a->lead ? a->lead : "")) < 0) wr.err = 1;
        end(&wr);
        for (size_t c = 0; c < a->ncategories; c++) {
            start(&wr, "category");
            attr(&wr, "term", a->categories[c].slug);
            attr(&wr, "label", a->categories[c].name);
            end(&wr);
        }
        end(&wr);
    }
    end(&wr);
    return writer_close(&wr, out);
}

size_t sitemap_file_count(size_t total, size_t per_file)
{
    if (per_file == 0) return 1;
    size_t n = (total + per_file - 1) / per_file;
    return n ? n : 1;
}

int sitemap_write_index(dv_buf *out, size_t nfiles, const char *const *lastmods)
{
    struct writer wr;
    char path[64], url[1024], date[21];
    if (writer_open(&wr)) return DV_EIO;
    start(&wr, "sitemapindex");
    attr(&wr, "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
    for (size_t i = 1; i <= nfiles; i++) {
        snprintf(path, sizeof path, "/sitemap-%zu.xml", i);
        start(&wr, "sitemap");
        elem(&wr, "loc", abs_url(url, sizeof url, path));
        if (lastmods && lastmods[i - 1]) {
            public_date_rfc3339(date, lastmods[i - 1]);
            elem(&wr, "lastmod", date);
        }
        end(&wr);
    }
    end(&wr);
    return writer_close(&wr, out);
}

int sitemap_write_urls(dv_buf *out, const struct sitemap_url *urls, size_t n)
{
    struct writer wr;
    char url[1024], date[21];
    if (writer_open(&wr)) return DV_EIO;
    start(&wr, "urlset");
    attr(&wr, "xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
    for (size_t i = 0; i < n; i++) {
        start(&wr, "url");
        elem(&wr, "loc", abs_url(url, sizeof url, urls[i].path));
        if (urls[i].lastmod) {
            public_date_rfc3339(date, urls[i].lastmod);
            elem(&wr, "lastmod", date);
        }
        end(&wr);
    }
    end(&wr);
    return writer_close(&wr, out);
}
