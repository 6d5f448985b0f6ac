/* public_routes.c - the portal's public pages (anonymous readers): home, category and tag
 * lists, the article page and its print view, About (vi) and /en/about, RSS/Atom feeds and
 * the sitemaps; all served through the page cache (public.h).
 *
 * Caching, as the lead asked and HACKING.md's "Hot paths" describes:
 *  - Only responses to readers who are not signed in and carry no flash cookie are cached
 *    or served from the cache; those responses never carry Set-Cookie (the anonymous CSRF
 *    cookie csrf_prepare adds is dropped: these pages have no POST form; the send form,
 *    which needs it, is another page and sets it itself).
 *  - Key: language + path + the normalised page number (?trang=N); other query parameters
 *    are ignored, so random queries cannot flood the cache.
 *  - Every cached response has a strong ETag (BLAKE2b of the cached bytes) and
 *    "Cache-Control: public, no-cache": browsers and proxies may keep a copy but revalidate
 *    every time (If-None-Match → 304), so a published change is seen at once, yet an
 *    unchanged page costs a 304 without a body.
 *  - The article page's view count is spliced into the cached bytes at a marker at each
 *    response, so counting views neither rewrites nor invalidates the page. The ETag covers
 *    the cached bytes only: a 304 leaves the reader's copy with the count it had.
 *  - portal_changed(id) (called by the article store after its commit) drops the article's
 *    pages (its page and print view), every page listing it as related, and every list
 *    page; other articles' pages stay cached. A render that started before the change is
 *    not stored (generation check).
 *  - Changes made by other processes (a second server, the CLI, sqlite3) are noticed
 *    through settings.portal_version, read at most once a second (portal_version.h): a
 *    new value drops every cached page.
 * The public request path also runs article_publish_due() at most every 5 s and flushes
 * view counts at most every 10 s. */
#include "portal/portal.h"

#include "core/config.h"
#include "core/err.h"
#include "core/html.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "http/http.h"
#include "http/page.h"
#include "portal/article.h"
#include "portal/portal_version.h"
#include "portal/public.h"
#include "portal/public_view.h"
#include "tpl.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PER_PAGE 12
#define HOME_FEATURED 4
#define HOME_LATEST 8
#define HOME_SECTION 4
#define HOME_SECTION_READ (HOME_SECTION + HOME_LATEST + HOME_FEATURED)
#define FEED_ITEMS 20
#define RELATED 5
#define PUBLISH_DUE_EVERY_S 5
#define MAX_PAGE 100000
#define MAX_SITEMAP_FILES 500
#define VIEWS_MARKER "<!--dv:views-->"

static const char CT_HTML[] = "text/html; charset=utf-8";
static const char CT_RSS[] = "application/rss+xml; charset=utf-8";
static const char CT_ATOM[] = "application/atom+xml; charset=utf-8";
static const char CT_XML[] = "application/xml; charset=utf-8";

const char *public_media_url(dv_arena *a, int64_t media_id, int thumb)
{
    return arena_printf(a, "/media/%lld%s", (long long)media_id, thumb ? "/thumb" : "");
}

/* --- the request path: scheduled publishing, view flushing, cache lookup --- */

static atomic_llong next_publish_check;

static void portal_tick(dv_db *db)
{
    long long now = (long long)time(NULL);
    long long due = atomic_load(&next_publish_check);
    if (now >= due && atomic_compare_exchange_strong(&next_publish_check, &due, now + PUBLISH_DUE_EVERY_S)) {
        int n = 0;
        if (article_publish_due(db, &n) != 0) log_warn("portal: publishing scheduled articles failed");
        else if (n > 0) log_info("portal: published %d scheduled article(s)", n);
    }
    view_counter_maybe_flush(db, 0);
    portal_version_poll(db); /* another process may have changed what the pages show */
}

struct pctx {
    dv_req *r;
    dv_db *db;
    const char *key;    /* NULL: this response is not cached */
    uint64_t gen;
    struct page_entry_info info;
};


static int etag_matches(const char *inm, const char *etag)
{
    if (!inm) return 0;
    size_t el = strlen(etag);
    for (const char *p = inm; *p;) {
        while (*p == ' ' || *p == ',' || *p == '\t') p++;
        if (*p == '*') return 1;
        if (p[0] == 'W' && p[1] == '/') p += 2; /* If-None-Match uses the weak comparison */
        if (strncmp(p, etag, el) == 0 && (p[el] == '\0' || p[el] == ',' || p[el] == ' ')) return 1;
        while (*p && *p != ',') p++;
    }
    return 0;
}

static void answer_with_etag(dv_req *r, const char *etag)
{
    res_header(r, "ETag", etag);
    r->cache_control = PAGE_CACHE_CONTROL;
    if (etag_matches(req_header(r, "If-None-Match"), etag)) {
        r->status = 304;
        buf_reset(&r->out);
    }
}

static void format_views(char out[24], int64_t n)
{
    snprintf(out, 24, "%lld", (long long)n);
}

/* "lang|path" + key_extra, without printf (on every cached answer). */
static const char *cache_key(dv_req *r, const char *extra)
{
    const char *lang = r->lang ? r->lang : "vi";
    size_t ll = strlen(lang), pl = strlen(r->path), el = extra ? strlen(extra) : 0;
    char *k = arena_alloc(r->arena, ll + 1 + pl + el + 1);
    memcpy(k, lang, ll);
    k[ll] = '|';
    memcpy(k + ll + 1, r->path, pl);
    if (el) memcpy(k + ll + 1 + pl, extra, el);
    k[ll + 1 + pl + el] = '\0';
    return k;
}

/* A prebuilt response of a cached page with its splice point filled in with the view count,
 * handed to the cache for the rest of this second (page_cache_set_live); takes over body's
 * reference. NULL (body kept) when it cannot be built. */
static dv_prebuilt *live_response(const char *key, const struct page_hit *hit, dv_body *body, int64_t views)
{
    if (hit->splice_at == (size_t)-1 || hit->splice_at > body_len(body)) return NULL;
    char shown[24];
    format_views(shown, views);
    size_t at = hit->splice_at, len = body_len(body), ml = strlen(shown);
    char *bytes = xmalloc(len + ml + 1);
    memcpy(bytes, body_data(body), at);
    memcpy(bytes + at, shown, ml);
    memcpy(bytes + at + ml, body_data(body) + at, len - at);
    dv_prebuilt *p = prebuilt_new(bytes, len + ml, hit->content_type, PAGE_CACHE_CONTROL, hit->etag);
    free(bytes);
    if (!p) return NULL;
    body_release(body);
    page_cache_set_live(key, hit->etag, p);
    return p;
}

/* Starts a public response. Returns 1 when it was answered from the cache. */
static int portal_begin(struct pctx *c, dv_req *r, const char *key_extra)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->db = db_thread();
    if (c->db) portal_tick(c->db);
    int cacheable = !r->user && !req_cookie(r, "dv_flash");
    if (!cacheable) return 0;
    c->key = cache_key(r, key_extra);
    struct page_hit hit;
    dv_prebuilt *pre;
    dv_body *body;
    if (page_cache_get_response(c->key, &hit, &pre, &body)) {
        r->status = 200;
        r->content_type = hit.content_type;
        if (etag_matches(req_header(r, "If-None-Match"), hit.etag)) { /* 304, without the body */
            prebuilt_release(pre);
            body_release(body);
            answer_with_etag(r, hit.etag);
            return 1;
        }
        int64_t views = hit.splice_at != (size_t)-1 ? view_counter_hit(hit.view_article, hit.view_base) : 0;
        if (!pre) pre = live_response(c->key, &hit, body, views); /* the count filled in, for this second */
        if (pre) {
            res_prebuilt(r, pre); /* body and headers as they were built */
            return 1;
        }
        char shown[24] = "";
        if (hit.splice_at != (size_t)-1) format_views(shown, views);
        res_body_spliced(r, body, hit.splice_at == (size_t)-1 ? body_len(body) : hit.splice_at, shown);
        answer_with_etag(r, hit.etag);
        return 1;
    }
    c->gen = page_cache_generation();
    return 0;
}

/* Ends a rendered response: stores it (with the view-count splice point) and answers. */
static void portal_finish(struct pctx *c, const char *content_type)
{
    dv_req *r = c->r;
    r->content_type = content_type;
    size_t splice = (size_t)-1;
    if (c->info.view_article) {
        const char *m = strstr(buf_cstr(&r->out), VIEWS_MARKER);
        if (m) {
            splice = (size_t)(m - r->out.data);
            size_t ml = sizeof VIEWS_MARKER - 1;
            memmove(r->out.data + splice, r->out.data + splice + ml, r->out.len - splice - ml + 1);
            r->out.len -= ml;
        }
    }
    char etag[40] = "";
    if (c->key && r->status == 200) {
        page_cache_put(c->key, c->gen, content_type, r->out.data ? r->out.data : "", r->out.len, splice,
                       &c->info, etag);
    }
    if (splice != (size_t)-1) { /* put the live count where the marker was */
        int64_t n = view_counter_hit(c->info.view_article, c->info.view_base);
        char num[24];
        int nl = snprintf(num, sizeof num, "%lld", (long long)n);
        dv_buf whole = DV_BUF_INIT;
        buf_append(&whole, r->out.data, splice);
        buf_append(&whole, num, (size_t)nl);
        buf_append(&whole, r->out.data + splice, r->out.len - splice);
        buf_free(&r->out);
        r->out = whole;
    }
    if (c->key && r->status == 200) answer_with_etag(r, etag);
}

/* --- the layout --- */

/* The configured owner, person responsible, licence and contacts (footer, About). */
static void legal_init(struct portal_page *pp, dv_req *r)
{
    const struct dv_portal_legal *l = config_portal_legal();
    int en = r->lang && strcmp(r->lang, "en") == 0;
    pp->owner = en ? l->owner_en : l->owner;
    pp->responsible = en ? l->responsible_en : l->responsible;
    pp->licence = l->licence[0] ? l->licence : NULL;
    pp->address = l->address;
    pp->phone = l->phone;
    pp->email = l->email;
    pp->mailto = arena_printf(r->arena, "mailto:%s", l->email);
}

void public_page_init(struct portal_page *pp, dv_req *r, const char *title, const char *path)
{
    dv_db *db = db_thread();
    memset(pp, 0, sizeof *pp);
    page_init(&pp->pg, r, title);
    int en = r->lang && strcmp(r->lang, "en") == 0;
    pp->portal_name = en ? config_portal_name_en() : config_portal_name();
    pp->portal_name_vi = config_portal_name();
    pp->canonical = public_abs_url(r->arena, path);
    pp->lang_next = path;
    pp->og_type = "website";
    pp->description = _("News of the mass mobilization work of Ca Mau province.");
    legal_init(pp, r);
    struct term *cats = NULL;
    size_t n = 0;
    if (db && category_list(db, r->arena, &cats, &n) == 0) {
        pp->menu = cats;
        pp->nmenu = n;
    }
}

static void not_found(dv_req *r)
{
    struct portal_page pp;
    public_page_init(&pp, r, _("Page not found"), r->path);
    pp.noindex = 1;
    r->status = 404;
    r->content_type = CT_HTML;
    buf_reset(&r->out);
    tpl_portal_not_found(&r->out, &pp);
}

/* An address with a slug the article or category had before: 301 to where it is now,
 * the rest of the path (suffix) and the page number kept. 1 when answered. */
static int moved(dv_req *r, dv_db *db, int (*now_of)(dv_db *, dv_arena *, const char *, const char **),
                 const char *prefix, const char *suffix)
{
    const char *now;
    if (now_of(db, r->arena, req_param(r, "slug"), &now) != 0) return 0;
    const char *page = req_query(r, "trang");
    int keep_page = page && strspn(page, "0123456789") == strlen(page) && *page;
    res_redirect(r, arena_printf(r->arena, "%s%s%s%s%s", prefix, now, suffix, keep_page ? "?trang=" : "",
                                 keep_page ? page : ""));
    r->status = 301;
    r->cache_control = "public, max-age=3600";
    return 1;
}

static void server_error(dv_req *r)
{
    res_error(r, 500);
}

/* ?trang=N: 1 when absent; 0 when not a page number (then the page does not exist). */
static size_t page_param(dv_req *r)
{
    const char *s = req_query(r, "trang");
    if (!s) return 1;
    char *end;
    long n = strtol(s, &end, 10);
    if (!*s || *end || n < 1 || n > MAX_PAGE) return 0;
    return (size_t)n;
}

static const char *page_key(dv_req *r, size_t page)
{
    return page != 1 ? arena_printf(r->arena, "?trang=%zu", page) : ""; /* 0: not a page (404) */
}

static int64_t total_pages(size_t total)
{
    return total ? (int64_t)((total + PER_PAGE - 1) / PER_PAGE) : 1;
}

/* --- GET / --- */

/* Is article id among the n articles of list? */
static int listed(const struct article *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id) return 1;
    return 0;
}

/* The lead story into *lead: the first featured article with a photo, else the first
 * featured, else the newest; a featured one is taken out of feat (the others keep their
 * order). 0 when nothing is published. */
static int pick_lead(struct article *feat, size_t *nf, const struct article *latest, size_t nl,
                     struct article *lead)
{
    if (*nf == 0) {
        if (nl) *lead = latest[0];
        return nl > 0;
    }
    size_t k = 0;
    while (k < *nf && !feat[k].nphotos) k++;
    if (k == *nf) k = 0;
    *lead = feat[k];
    memmove(&feat[k], &feat[k + 1], (*nf - k - 1) * sizeof *feat);
    (*nf)--;
    return 1;
}

static void handle_home(dv_req *r)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    if (!c.db) { server_error(r); return; }
    struct article *feat = NULL, *latest = NULL;
    size_t nf = 0, nl = 0, total = 0;
    if (article_list_published(c.db, r->arena, 0, 0, 1, 0, HOME_FEATURED, &feat, &nf, &total) ||
        article_list_published(c.db, r->arena, 0, 0, 0, 0, HOME_LATEST + HOME_FEATURED, &latest, &nl, &total))
        { server_error(r); return; }
    struct article lead_story, *lead = pick_lead(feat, &nf, latest, nl, &lead_story) ? &lead_story : NULL;
    /* the latest list leaves out what is already shown above */
    size_t k = 0;
    for (size_t i = 0; i < nl && k < HOME_LATEST; i++)
        if (!listed(feat, nf, latest[i].id) && (!lead || lead->id != latest[i].id)) latest[k++] = latest[i];
    struct portal_page pp;
    public_page_init(&pp, r, _("Home"), "/");
    pp.pg.nav = "home";
    if (lead && lead->nphotos)
        pp.og_image = public_abs_url(r->arena, public_media_url(r->arena, lead->photos[0].media_id, 0));
    struct home_section *secs = arena_alloc(r->arena, (pp.nmenu ? pp.nmenu : 1) * sizeof *secs);
    size_t ns = 0;
    for (size_t i = 0; i < pp.nmenu; i++) { /* each category's newest not shown above */
        struct article *items = NULL;
        size_t n = 0, kept = 0;
        if (article_list_published(c.db, r->arena, pp.menu[i].id, 0, 0, 0, HOME_SECTION_READ, &items, &n, NULL))
            { server_error(r); return; }
        for (size_t j = 0; j < n && kept < HOME_SECTION; j++)
            if (!listed(feat, nf, items[j].id) && !listed(latest, k, items[j].id) && (!lead || lead->id != items[j].id))
                items[kept++] = items[j];
        if (kept) secs[ns++] = (struct home_section){&pp.menu[i], items, kept};
    }
    struct home_view v = {.lead = lead, .featured = feat, .nfeatured = nf, .latest = latest, .nlatest = k,
                          .sections = secs, .nsections = ns};
    c.info.is_list = 1;
    tpl_portal_home(&r->out, &pp, &v, r->arena);
    portal_finish(&c, CT_HTML);
}

/* Category and tag pages share this: a page of cards. */
static void render_list(dv_req *r, struct pctx *c, int64_t cat_id, int64_t tag_id, const char *name,
                        const char *intro, const char *base, size_t page, const char *current_cat, int feeds)
{
    struct article *items = NULL;
    size_t n = 0, total = 0;
    if (article_list_published(c->db, r->arena, cat_id, tag_id, 0, (page - 1) * PER_PAGE, PER_PAGE, &items, &n, &total))
        { server_error(r); return; }
    int64_t npages = total_pages(total);
    if ((int64_t)page > npages) { not_found(r); return; }
    const char *title = page > 1 ? arena_printf(r->arena, "%s (%s %zu)", name, _("page"), page) : name;
    struct portal_page pp;
    public_page_init(&pp, r, title, arena_printf(r->arena, "%s%s", base, page_key(r, page)));
    pp.current_cat = current_cat;
    if (page > 1) pp.rel_prev = public_abs_url(r->arena, arena_printf(r->arena, "%s%s", base, page_key(r, page - 1)));
    if ((int64_t)page < npages) pp.rel_next = public_abs_url(r->arena, arena_printf(r->arena, "%s?trang=%zu", base, page + 1));
    if (feeds) {
        pp.feed_rss = arena_printf(r->arena, "%s/rss.xml", base);
        pp.feed_atom = arena_printf(r->arena, "%s/atom.xml", base);
        pp.description = arena_printf(r->arena, "%s: %s", config_portal_name(), name);
    }
    struct crumb *cr = arena_alloc(r->arena, 3 * sizeof *cr);
    cr[0] = (struct crumb){_("Home"), "/"};
    cr[1] = (struct crumb){name, NULL};
    pp.pg.crumbs = cr;
    struct list_view v = {.heading = title, .intro = intro, .items = items, .n = n, .page = page,
                          .npages = (size_t)npages, .base_path = base, .feed_rss = pp.feed_rss,
                          .feed_atom = pp.feed_atom};
    c->info.is_list = 1;
    tpl_portal_list(&r->out, &pp, &v, r->arena);
    portal_finish(c, CT_HTML);
}

/* GET /chuyen-muc/:slug?trang=N */
static void handle_category(dv_req *r)
{
    size_t page = page_param(r);
    struct pctx c;
    if (portal_begin(&c, r, page_key(r, page))) return;
    if (!c.db) { server_error(r); return; }
    struct term cat;
    if (page == 0 || category_get_by_slug(c.db, r->arena, req_param(r, "slug"), &cat) != 0) {
        if (page == 0 || !moved(r, c.db, category_slug_now, "/chuyen-muc/", "")) not_found(r);
        return;
    }
    const char *base = arena_printf(r->arena, "/chuyen-muc/%s", cat.slug);
    render_list(r, &c, cat.id, 0, cat.name, NULL, base, page, cat.slug, 1);
}

/* GET /the/:slug?trang=N */
static void handle_tag(dv_req *r)
{
    size_t page = page_param(r);
    struct pctx c;
    if (portal_begin(&c, r, page_key(r, page))) return;
    if (!c.db) { server_error(r); return; }
    struct term t;
    if (page == 0 || tag_get_by_slug(c.db, r->arena, req_param(r, "slug"), &t) != 0) { not_found(r); return; }
    const char *base = arena_printf(r->arena, "/the/%s", t.slug);
    const char *heading = arena_printf(r->arena, "%s: %s", _("Tag"), t.name);
    render_list(r, &c, 0, t.id, heading, NULL, base, page, NULL, 0);
}

/* --- the article --- */

static const char *credit_line(dv_arena *ar, const struct article *a)
{
    if (!a->nauthors) return NULL;
    dv_buf b = DV_BUF_INIT;
    for (size_t i = 0; i < a->nauthors; i++) {
        if (i) buf_puts(&b, ", ");
        buf_puts(&b, a->authors[i].name ? a->authors[i].name : "");
        if (a->authors[i].unit_label && *a->authors[i].unit_label) buf_printf(&b, " - %s", a->authors[i].unit_label);
    }
    const char *s = arena_strdup(ar, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static int load_article(dv_req *r, struct pctx *c, struct article *a, struct article_view *v, struct portal_page *pp,
                        int print)
{
    const char *slug = req_param(r, "slug");
    int rc = article_get_published(c->db, r->arena, slug, a);
    if (rc == DV_ENOTFOUND) {
        if (!moved(r, c->db, article_slug_now, "/bai-viet/", print ? "/in" : "")) not_found(r);
        return -1;
    }
    if (rc) {
        server_error(r);
        return -1;
    }
    memset(v, 0, sizeof *v);
    v->a = a;
    char d[17];
    public_date_vn(d, a->published_at);
    v->published = arena_strdup(r->arena, d);
    if (a->updated_at && a->published_at && strcmp(a->updated_at, a->published_at) > 0) {
        public_date_vn(d, a->updated_at);
        if (strcmp(d, v->published) != 0) v->updated = arena_strdup(r->arena, d);
    }
    v->credit = credit_line(r->arena, a);
    const char *path = arena_printf(r->arena, "/bai-viet/%s", a->slug);
    v->canonical = public_abs_url(r->arena, path);
    if (a->ncategories) {
        v->back_href = arena_printf(r->arena, "/chuyen-muc/%s", a->categories[0].slug);
        v->back_label = a->categories[0].name;
    } else {
        v->back_href = "/";
        v->back_label = _("Home");
    }
    public_page_init(pp, r, a->title, path);
    pp->og_type = "article";
    pp->description = a->lead && *a->lead ? a->lead : pp->description;
    pp->published_iso = a->published_at;
    if (a->nphotos) pp->og_image = public_abs_url(r->arena, public_media_url(r->arena, a->photos[0].media_id, 0));
    c->info.deps[0] = a->id;
    c->info.ndeps = 1;
    if (!print) {
        struct article *rel = NULL;
        size_t nrel = 0;
        if (article_related(c->db, r->arena, a->id, RELATED, &rel, &nrel) == 0) {
            v->related = rel;
            v->nrelated = nrel;
            for (size_t i = 0; i < nrel && c->info.ndeps < PAGE_CACHE_MAX_DEPS; i++)
                c->info.deps[c->info.ndeps++] = rel[i].id;
        }
        pp->current_cat = a->ncategories ? a->categories[0].slug : NULL;
        /* Home › category: where the article sits; the title is the page's own heading just
         * below, so the trail does not repeat it */
        if (a->ncategories) {
            struct crumb *cr = arena_alloc(r->arena, 3 * sizeof *cr);
            cr[0] = (struct crumb){_("Home"), "/"};
            cr[1] = (struct crumb){a->categories[0].name, v->back_href};
            pp->pg.crumbs = cr;
        }
    }
    return 0;
}

/* GET /bai-viet/:slug */
static void handle_article(dv_req *r)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    if (!c.db) { server_error(r); return; }
    struct article a;
    struct article_view v;
    struct portal_page pp;
    if (load_article(r, &c, &a, &v, &pp, 0)) return;
    c.info.view_article = a.id;
    c.info.view_base = a.view_count;
    tpl_portal_article(&r->out, &pp, &v, r->arena);
    portal_finish(&c, CT_HTML);
}

/* GET /bai-viet/:slug/in - the print view: a clean A4 page */
static void handle_print(dv_req *r)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    if (!c.db) { server_error(r); return; }
    struct article a;
    struct article_view v;
    struct portal_page pp;
    if (load_article(r, &c, &a, &v, &pp, 1)) return;
    tpl_portal_print(&r->out, &pp, &v, r->arena);
    portal_finish(&c, CT_HTML);
}

/* --- About --- */

/* GET /gioi-thieu */
static void handle_about(dv_req *r)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    struct portal_page pp;
    public_page_init(&pp, r, _("About and contact"), "/gioi-thieu");
    pp.pg.nav = "about";
    if (strcmp(r->lang, "en") != 0) pp.lang_next = "/en/about"; /* its English counterpart */
    struct crumb *cr = arena_alloc(r->arena, 3 * sizeof *cr);
    cr[0] = (struct crumb){_("Home"), "/"};
    cr[1] = (struct crumb){pp.pg.title, NULL};
    pp.pg.crumbs = cr;
    c.info.is_list = 1; /* shows the category menu */
    tpl_portal_about(&r->out, &pp);
    portal_finish(&c, CT_HTML);
}

/* GET /en/about - in English whatever the reader's language */
static void handle_about_en(dv_req *r)
{
    r->lang = "en";
    i18n_use("en");
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    struct portal_page pp;
    public_page_init(&pp, r, "About / Contact", "/en/about");
    pp.pg.nav = "about";
    pp.lang_next = "/gioi-thieu";
    pp.description = arena_printf(r->arena, "About the news portal of the %s, and how to contact it.", pp.owner);
    c.info.is_list = 1;
    tpl_portal_about_en(&r->out, &pp);
    portal_finish(&c, CT_HTML);
}

/* --- feeds --- */

static void render_feed(dv_req *r, struct pctx *c, int atom, int64_t cat_id, const char *title, const char *html_path,
                        const char *self_path)
{
    struct article *items = NULL;
    size_t n = 0, total = 0;
    if (article_list_published(c->db, r->arena, cat_id, 0, 0, 0, FEED_ITEMS, &items, &n, &total))
        { server_error(r); return; }
    struct feed_info f = {.title = title, .self_path = self_path, .html_path = html_path,
                          .description = _("News of the mass mobilization work of Ca Mau province.")};
    int rc = atom ? feed_write_atom(&r->out, &f, items, n) : feed_write_rss(&r->out, &f, items, n);
    if (rc) { server_error(r); return; }
    r->status = 200;
    c->info.is_list = 1;
    portal_finish(c, atom ? CT_ATOM : CT_RSS);
}

/* GET /feed/rss.xml and /feed/atom.xml */
static void handle_feed(dv_req *r, int atom)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    if (!c.db) { server_error(r); return; }
    render_feed(r, &c, atom, 0, config_portal_name(), "/", r->path);
}

static void handle_feed_rss(dv_req *r) { handle_feed(r, 0); }
static void handle_feed_atom(dv_req *r) { handle_feed(r, 1); }

/* GET /chuyen-muc/:slug/rss.xml and /atom.xml */
static void handle_category_feed(dv_req *r, int atom)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    if (!c.db) { server_error(r); return; }
    struct term cat;
    if (category_get_by_slug(c.db, r->arena, req_param(r, "slug"), &cat) != 0) {
        if (!moved(r, c.db, category_slug_now, "/chuyen-muc/", atom ? "/atom.xml" : "/rss.xml")) not_found(r);
        return;
    }
    const char *title = arena_printf(r->arena, "%s - %s", cat.name, config_portal_name());
    const char *html = arena_printf(r->arena, "/chuyen-muc/%s", cat.slug);
    render_feed(r, &c, atom, cat.id, title, html, r->path);
}

static void handle_category_rss(dv_req *r) { handle_category_feed(r, 0); }
static void handle_category_atom(dv_req *r) { handle_category_feed(r, 1); }

/* --- sitemaps --- */

/* GET /sitemap.xml - the index */
static void handle_sitemap_index(dv_req *r)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    if (!c.db) { server_error(r); return; }
    size_t total = 0;
    if (public_sitemap_count(c.db, &total)) { server_error(r); return; }
    size_t files = sitemap_file_count(total, SITEMAP_PER_FILE);
    if (files > MAX_SITEMAP_FILES) files = MAX_SITEMAP_FILES;
    const char **lastmods = NULL;
    if (public_sitemap_lastmods(c.db, r->arena, SITEMAP_PER_FILE, files, &lastmods) ||
        sitemap_write_index(&r->out, files, lastmods))
        { server_error(r); return; }
    c.info.is_list = 1;
    portal_finish(&c, CT_XML);
}

/* GET /sitemap-N.xml */
static void handle_sitemap_file(dv_req *r)
{
    struct pctx c;
    if (portal_begin(&c, r, NULL)) return;
    if (!c.db) { server_error(r); return; }
    const char *num = req_param(r, "n");
    size_t no = strspn(num, "0123456789") == strlen(num) && strlen(num) < 8 ? (size_t)strtoul(num, NULL, 10) : 0;
    size_t total = 0;
    if (public_sitemap_count(c.db, &total)) { server_error(r); return; }
    if (no < 1 || no > sitemap_file_count(total, SITEMAP_PER_FILE)) { not_found(r); return; }
    struct sitemap_url *urls = NULL;
    size_t n = 0;
    if (public_sitemap_urls(c.db, r->arena, (no - 1) * SITEMAP_PER_FILE, SITEMAP_PER_FILE, &urls, &n) ||
        sitemap_write_urls(&r->out, urls, n))
        { server_error(r); return; }
    c.info.is_list = 1;
    portal_finish(&c, CT_XML);
}

static const struct dv_route public_routes[] = {
    ROUTE("GET", "/", handle_home, ROUTE_PUBLIC),
    ROUTE("GET", "/chuyen-muc/:slug", handle_category, ROUTE_PUBLIC),
    ROUTE("GET", "/chuyen-muc/:slug/rss.xml", handle_category_rss, ROUTE_PUBLIC),
    ROUTE("GET", "/chuyen-muc/:slug/atom.xml", handle_category_atom, ROUTE_PUBLIC),
    ROUTE("GET", "/the/:slug", handle_tag, ROUTE_PUBLIC),
    ROUTE("GET", "/bai-viet/:slug", handle_article, ROUTE_PUBLIC),
    ROUTE("GET", "/bai-viet/:slug/in", handle_print, ROUTE_PUBLIC),
    ROUTE("GET", "/gioi-thieu", handle_about, ROUTE_PUBLIC),
    ROUTE("GET", "/en/about", handle_about_en, ROUTE_PUBLIC),
    ROUTE("GET", "/feed/rss.xml", handle_feed_rss, ROUTE_PUBLIC),
    ROUTE("GET", "/feed/atom.xml", handle_feed_atom, ROUTE_PUBLIC),
    ROUTE("GET", "/sitemap.xml", handle_sitemap_index, ROUTE_PUBLIC),
    ROUTE("GET", "/sitemap-:n.xml", handle_sitemap_file, ROUTE_PUBLIC),
};

void public_routes_register(void)
{
    router_add(public_routes, sizeof public_routes / sizeof *public_routes);
}
