/* desk_list_pages.c - GET /desk: the desk's list of articles, by status, a page at a time (routed by desk_routes.c). */
#include "portal/desk_pages_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- GET /desk ---------------------------------------------------------------------- */

/* ?status=CODE&page=N: an unknown status lists all, a page out of range is the first. */
enum { LQ_STATUS, LQ_PAGE, LQ_N };
static const struct input_field list_query[LQ_N] = {
    [LQ_STATUS] = {"status", IN_TEXT, 0, 0, 40, NULL, FK_SELECT, N_("Status"), NULL, NULL},
    [LQ_PAGE] = {"page", IN_INT, 0, 1, 100000, NULL, FK_NUMBER, NULL, NULL, NULL},
};

void desk_page_index(dv_req *r)
{
    if (desk_pg_require_desk(r)) return;
    dv_db *db = db_thread();
    struct desk_list_view v;
    memset(&v, 0, sizeof v);
    int status = -1;
    enum article_status s;
    struct input_value q[LQ_N];
    input_query(r, list_query, LQ_N, q);
    if (q[LQ_STATUS].present && article_status_parse(q[LQ_STATUS].str, &s) == 0) status = (int)s;
    long long page = q[LQ_PAGE].present && !q[LQ_PAGE].error ? q[LQ_PAGE].num : 1;
    v.only_mine = !portal_can_publish(r->user);
    struct article *arts = NULL;
    size_t n = 0, total = 0;
    int rc = article_list_desk_by(db, r->arena, status, v.only_mine ? r->user->id : 0,
                                  (size_t)(page - 1) * DESK_PAGE_SIZE, DESK_PAGE_SIZE, &arts, &n, &total);
    if (rc) {
        res_error(r, 500);
        return;
    }
    v.rows = arena_alloc(r->arena, (n + 1) * sizeof *v.rows);
    for (size_t i = 0; i < n; i++) {
        v.rows[i].title = arts[i].title;
        v.rows[i].href = desk_pg_art_href(r, arts[i].id, NULL);
        v.rows[i].status_label = article_status_label(arts[i].status);
        v.rows[i].note = desk_pg_schedule_note(r, &arts[i]);
        v.rows[i].updated = desk_pg_vn_time(r, arts[i].updated_at);
        v.rows[i].author = desk_pg_credit_of(r, &arts[i], " – ");
    }
    v.n = n;
    v.total = (long long)total;
    v.page = page;
    v.pages = ((long long)total + DESK_PAGE_SIZE - 1) / DESK_PAGE_SIZE;
    if (v.pages < 1) v.pages = 1;
    const char *sq = status >= 0 ? article_status_code((enum article_status)status) : "";
    if (page > 1) v.prev_href = arena_printf(r->arena, "/desk?status=%s&page=%lld", sq, page - 1);
    if (page < v.pages) v.next_href = arena_printf(r->arena, "/desk?status=%s&page=%lld", sq, page + 1);
    v.can_create = portal_can_create(r->user);
    field_of(r->arena, &v.status, &list_query[LQ_STATUS], NULL, 0);
    v.statuses[v.nstatuses++] = (struct option_view){"", _("All"), status < 0};
    for (int i = ART_DRAFT; i <= ART_ARCHIVED; i++)
        v.statuses[v.nstatuses++] = (struct option_view){article_status_code((enum article_status)i),
                                                         article_status_label((enum article_status)i), status == i};
    struct page pg;
    page_init(&pg, r, _("Portal desk"));
    pg.nav = "desk";
    tpl_portal_desk_list(&r->out, &pg, &v);
}
