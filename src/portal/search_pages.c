/* search_pages.c - GET /tim-kiem?q=…&trang=N: the readers' search page. Ranked results with
 * the matched words marked (<mark>, built from escaped text in search_marked_html), the
 * number of results, pages of SEARCH_PAGE_SIZE, and the form keeping the query. Not cached
 * (one page per query) and kept out of search engines (noindex). */
#include "portal/search_pages.h"

#include "core/buf.h"
#include "core/config.h"
#include "core/html.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "db/db.h"
#include "portal/article.h"
#include "portal/public.h"
#include "portal/public_view.h"
#include "portal/search.h"
#include "portal/search_view.h"
#include "text/text.h"
#include "http/input.h"
#include "tpl.h"

#include <stdlib.h>
#include <string.h>

#define SEARCH_PAGE_SIZE 10
#define SEARCH_MAX_PAGE (SEARCH_MAX_RESULTS / SEARCH_PAGE_SIZE)

/* ?q=…&trang=N */
static const struct input_field page_field = {"trang", IN_INT, 0, 1, SEARCH_MAX_PAGE, NULL, FK_NUMBER, NULL, NULL, NULL};
static const struct input_field q_field = {"q", IN_TEXT, 0, 0, 100 * SEARCH_MAX_QUERY, NULL, FK_TEXT, NULL, NULL, NULL};

/* ?trang=N: 1 when absent or not a page number. */
static size_t page_param(dv_req *r)
{
    struct input_value v;
    if (input_query1(r, &page_field, &v) || !v.present) return 1;
    return (size_t)v.num;
}

/* The reader's query: cleaned (valid UTF-8, NFC, one line), cut to SEARCH_MAX_QUERY bytes on
 * a character boundary. Broken UTF-8 or a query beyond any use gives "" (nothing to search). */
static const char *query_param(dv_req *r)
{
    struct input_value v;
    if (input_query1(r, &q_field, &v) || !v.present) return "";
    size_t cl = strlen(v.str);
    if (cl > SEARCH_MAX_QUERY) {
        cl = SEARCH_MAX_QUERY;
        while (cl > 0 && ((unsigned char)v.str[cl] & 0xC0) == 0x80) cl--;
    }
    return arena_strndup(r->arena, v.str, cl);
}

void search_page_handle(dv_req *r)
{
    dv_db *db = db_thread();
    if (!db) {
        res_error(r, 500);
        return;
    }
    const char *q = query_param(r);
    size_t page = page_param(r);

    struct search_view v;
    memset(&v, 0, sizeof v);
    v.q = q;
    v.page = page;
    v.searched = search_fts_query(r->arena, q) != NULL;
    if (v.searched) {
        struct search_hit *hits = NULL;
        size_t n = 0, total = 0;
        int rc = search_articles(db, r->arena, q, (page - 1) * SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, &hits, &n,
                                 &total);
        if (rc != 0) {
            log_error("search: %s", dv_strerror(rc));
            res_error(r, 500);
            return;
        }
        struct search_item *items = arena_alloc(r->arena, (n ? n : 1) * sizeof *items);
        for (size_t i = 0; i < n; i++) {
            items[i].hit = &hits[i];
            items[i].title = search_marked_html(r->arena, hits[i].title);
            items[i].snippet = search_marked_html(r->arena, hits[i].snippet);
            public_date_vn(items[i].date, hits[i].published_at);
        }
        v.items = items;
        v.n = n;
        v.total = total;
        v.first = (page - 1) * SEARCH_PAGE_SIZE + 1;
        size_t shown = total > SEARCH_MAX_RESULTS ? SEARCH_MAX_RESULTS : total;
        v.npages = (shown + SEARCH_PAGE_SIZE - 1) / SEARCH_PAGE_SIZE;
    }

    struct portal_page pp;
    const char *title = *q ? arena_printf(r->arena, "%s: %s", _("Search"), q) : _("Search");
    public_page_init(&pp, r, title, "/tim-kiem"); /* the layout, the menu, the footer's facts */
    pp.description = _("Search the news of the mass mobilization work of Ca Mau province.");
    pp.query = q;
    pp.noindex = 1;
    if (*q) { /* the language switch comes back to the same search */
        dv_buf next = DV_BUF_INIT;
        buf_puts(&next, "/tim-kiem?q=");
        html_urlpart(&next, q);
        if (page > 1) buf_printf(&next, "&trang=%zu", page);
        pp.lang_next = arena_strdup(r->arena, buf_cstr(&next));
        buf_free(&next);
    }
    r->status = 200;
    r->content_type = "text/html; charset=utf-8";
    tpl_portal_search(&r->out, &pp, &v);
}
