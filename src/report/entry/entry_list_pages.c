/* entry_list_pages.c - the lists of the reports area: GET /reports (what is due) and GET /reports/review (the commission's review list); routed by entry_routes.c. */
#include "report/entry/entry_pages_int.h"

#include "core/clock.h"

#include <stdlib.h>
#include <string.h>

/* ---- GET /reports ---- */

static int due_needs_action(enum report_status st)
{
    return st == REPORT_NONE || st == REPORT_DRAFT || st == REPORT_RETURNED;
}

/* What to do first: reports still to send by deadline (overdue ones first), then the
 * ones sent, by deadline; a missing deadline last; then unit (Vietnamese order), regime. */
static int due_cmp(const void *x, const void *y)
{
    const struct report_due_row *a = x, *b = y;
    int na = due_needs_action(a->status), nb = due_needs_action(b->status);
    if (na != nb) return nb - na;
    if (!a->deadline != !b->deadline) return a->deadline ? -1 : 1;
    int c = a->deadline ? strcmp(a->deadline, b->deadline) : 0;
    if (c) return c;
    if ((c = text_collate(a->unit_name, b->unit_name))) return c;
    if ((c = text_collate(a->regime_name, b->regime_name))) return c;
    return (a->period_id > b->period_id) - (a->period_id < b->period_id);
}

void entry_page_due(dv_req *r)
{
    dv_db *db = db_thread();
    const struct dv_user *u = r->user;
    if (!report_can_enter_reports(u)) {
        res_error(r, 403);
        return;
    }
    int64_t *units;
    size_t nunits;
    if (report_enters_own_unit_only(u)) {
        units = arena_alloc(r->arena, sizeof *units);
        units[0] = u->unit_id;
        nunits = 1;
    } else {
        struct unit *sub;
        size_t n;
        if (unit_store_subtree(db, r->arena, u->scope_unit_id, &sub, &n) != 0) {
            res_error(r, 500);
            return;
        }
        units = arena_alloc(r->arena, (n + 1) * sizeof *units);
        for (size_t i = 0; i < n; i++) units[i] = sub[i].id;
        nunits = n;
    }
    char today[11];
    clock_vn_today(today);
    struct report_due_row *rows;
    size_t n;
    if (report_store_due(db, r->arena, units, nunits, today, &rows, &n) != 0) {
        res_error(r, 500);
        return;
    }
    if (n > 1) qsort(rows, n, sizeof *rows, due_cmp);
    struct entry_due_view v;
    memset(&v, 0, sizeof v);
    if (n > DUE_LIMIT) {
        n = DUE_LIMIT;
        v.truncated = 1;
    }
    v.rows = arena_alloc(r->arena, (n + 1) * sizeof *v.rows);
    v.n = n;
    for (size_t i = 0; i < n; i++) {
        struct entry_due_row *w = &v.rows[i];
        const struct report_due_row *d = &rows[i];
        w->regime_name = d->regime_name;
        w->period_label = d->period_label;
        w->unit_name = d->unit_name;
        w->href = entry_pg_form_href(r, d->regime_id, d->period_id, d->unit_id);
        w->deadline = text_date_dmy(r->arena, d->deadline);
        w->status_label = report_status_label(d->status);
        w->status_code = report_status_code(d->status);
        if (d->deadline && (d->status == REPORT_NONE || d->status == REPORT_DRAFT || d->status == REPORT_RETURNED)) {
            long days = date_diff_days(today, d->deadline);
            if (days > 0) w->when = arena_printf(r->arena, _("Days left: %ld"), days);
            else if (days == 0) w->when = _("Due today");
            else {
                w->when = arena_printf(r->arena, _("Days overdue: %ld"), -days);
                w->overdue = 1;
            }
        }
    }
    if (entry_pg_is_commission(u)) {
        struct report_review_row *rv;
        size_t nr;
        if (report_store_review_list(db, r->arena, access_scope_root(u), REVIEW_LIMIT, &rv, &nr) == 0) {
            v.review_href = "/reports/review";
            v.waiting = (long long)nr;
        }
    }
    struct page pg;
    entry_pg_reports_page_init(r, &pg, _("Reports due"));
    tpl_report_entry_due(&r->out, &pg, &v);
}

/* ---- GET /reports/review ---- */

#define REVIEW_PAGE 50

struct review_filter {
    int64_t regime, period;
    const char *q;     /* as typed */
    char *qfold;       /* folded, or NULL */
    int late, newest;
    size_t page;       /* 1-based */
};

/* The review list's filters (?regime=&period=&q=&late=1&sort=new&page=N); one that is not
 * valid is dropped. */
enum { RQ_REGIME, RQ_PERIOD, RQ_Q, RQ_LATE, RQ_SORT, RQ_PAGE, RQ_N };
static const char *const sort_codes[] = {"new", "old", NULL};
static const struct input_field review_filters[RQ_N] = {
    [RQ_REGIME] = {"regime", IN_ID, 0, 0, 0, NULL, FK_SELECT, NULL, NULL, NULL},
    [RQ_PERIOD] = {"period", IN_ID, 0, 0, 0, NULL, FK_SELECT, NULL, NULL, NULL},
    [RQ_Q] = {"q", IN_TEXT, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
    [RQ_LATE] = {"late", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, NULL, NULL, NULL},
    [RQ_SORT] = {"sort", IN_CHOICE, 0, 0, 0, sort_codes, FK_SELECT, NULL, NULL, NULL},
    [RQ_PAGE] = {"page", IN_ID, 0, 0, 0, NULL, FK_NUMBER, NULL, NULL, NULL},
};

static int64_t valid_num(const struct input_value *v)
{
    return v->present && !v->error ? v->num : 0;
}

static int review_match(const struct review_filter *f, const struct report_review_row *x)
{
    if (f->regime && x->regime_id != f->regime) return 0;
    if (f->period && x->period_id != f->period) return 0;
    if (f->late && !x->late) return 0;
    if (f->qfold) {
        char *name = text_fold(x->unit_name ? x->unit_name : "");
        int ok = name && strstr(name, f->qfold);
        free(name);
        if (!ok) return 0;
    }
    return 1;
}

/* The query string of the filter (without the page), "&"-joined, percent-encoded. */
static const char *review_query(dv_req *r, const struct review_filter *f)
{
    dv_buf b = DV_BUF_INIT;
    if (f->regime) buf_printf(&b, "&regime=%lld", (long long)f->regime);
    if (f->period) buf_printf(&b, "&period=%lld", (long long)f->period);
    if (f->q && *f->q) {
        buf_puts(&b, "&q=");
        html_urlpart(&b, f->q);
    }
    if (f->late) buf_puts(&b, "&late=1");
    if (f->newest) buf_puts(&b, "&sort=new");
    const char *s = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

static const char *review_page_href(dv_req *r, const char *query, size_t page)
{
    const char *q = arena_printf(r->arena, "%s%s", query, page > 1 ? arena_printf(r->arena, "&page=%zu", page) : "");
    return arena_printf(r->arena, "/reports/review%s%s", *q ? "?" : "", *q ? q + 1 : "");
}

/* The distinct regimes and periods waiting, for the filter's selects (periods latest first). */
static void review_choices(dv_req *r, const struct report_review_row *rows, size_t n, const struct review_filter *f,
                           struct entry_review_view *v)
{
    dv_arena *a = r->arena;
    v->regimes = arena_alloc(a, (n + 2) * sizeof *v->regimes);
    v->periods = arena_alloc(a, (n + 2) * sizeof *v->periods);
    const char **period_end = arena_alloc(a, (n + 2) * sizeof *period_end);
    v->regimes[v->nregimes++] = (struct entry_choice){"", _("All regimes"), f->regime == 0};
    v->periods[v->nperiods++] = (struct entry_choice){"", _("All periods"), f->period == 0};
    for (size_t i = 0; i < n; i++) {
        const char *rid = arena_printf(a, "%lld", (long long)rows[i].regime_id);
        int seen = 0;
        for (size_t k = 1; k < v->nregimes && !seen; k++) seen = !strcmp(v->regimes[k].value, rid);
        if (!seen) v->regimes[v->nregimes++] = (struct entry_choice){rid, rows[i].regime_name, rows[i].regime_id == f->regime};
        if (f->regime && rows[i].regime_id != f->regime) continue; /* periods of the chosen regime */
        const char *pid = arena_printf(a, "%lld", (long long)rows[i].period_id);
        seen = 0;
        for (size_t k = 1; k < v->nperiods && !seen; k++) seen = !strcmp(v->periods[k].value, pid);
        if (seen) continue;
        const char *label = f->regime ? rows[i].period_label
                                      : arena_printf(a, "%s · %s", rows[i].period_label, rows[i].regime_name);
        /* insert by close_end, latest first */
        size_t at = v->nperiods;
        const char *end = rows[i].period_end ? rows[i].period_end : "";
        while (at > 1 && strcmp(period_end[at - 1], end) < 0) {
            v->periods[at] = v->periods[at - 1];
            period_end[at] = period_end[at - 1];
            at--;
        }
        v->periods[at] = (struct entry_choice){pid, label, rows[i].period_id == f->period};
        period_end[at] = end;
        v->nperiods++;
    }
    v->sorts = arena_alloc(a, 2 * sizeof *v->sorts);
    v->sorts[0] = (struct entry_choice){"old", _("Oldest first"), !f->newest};
    v->sorts[1] = (struct entry_choice){"new", _("Newest first"), f->newest};
    v->nsorts = 2;
}

void entry_page_review(dv_req *r)
{
    dv_db *db = db_thread();
    if (!entry_pg_is_commission(r->user)) {
        res_error(r, 403);
        return;
    }
    struct report_review_row *rows;
    size_t n;
    int64_t scope = access_scope_root(r->user);
    if (report_store_review_list(db, r->arena, scope, REVIEW_LIMIT, &rows, &n) != 0) {
        res_error(r, 500);
        return;
    }
    struct review_filter f = {0};
    struct input_value qv[RQ_N];
    input_query(r, review_filters, RQ_N, qv);
    f.regime = valid_num(&qv[RQ_REGIME]);
    f.period = valid_num(&qv[RQ_PERIOD]);
    if (qv[RQ_Q].present && !qv[RQ_Q].error) {
        f.q = qv[RQ_Q].str;
        f.qfold = text_fold(f.q);
        if (f.qfold && !*f.qfold) {
            free(f.qfold);
            f.qfold = NULL;
        }
    }
    f.late = qv[RQ_LATE].num != 0;
    f.newest = qv[RQ_SORT].str && !strcmp(qv[RQ_SORT].str, "new");
    int64_t pg_no = valid_num(&qv[RQ_PAGE]);
    f.page = pg_no > 0 ? (size_t)pg_no : 1;

    struct entry_review_view v;
    memset(&v, 0, sizeof v);
    v.all = n;
    review_choices(r, rows, n, &f, &v);
    v.q = f.q;
    v.late = f.late;
    v.filtered = f.regime || f.period || f.q || f.late;
    /* matching rows in the order asked for (the store gives oldest first) */
    size_t *match = arena_alloc(r->arena, (n + 1) * sizeof *match);
    size_t nm = 0;
    for (size_t i = 0; i < n; i++)
        if (review_match(&f, &rows[i])) match[nm++] = i;
    free(f.qfold);
    if (f.newest)
        for (size_t i = 0; i < nm / 2; i++) {
            size_t t = match[i];
            match[i] = match[nm - 1 - i];
            match[nm - 1 - i] = t;
        }
    v.total = nm;
    size_t npages = nm ? (nm + REVIEW_PAGE - 1) / REVIEW_PAGE : 1;
    if (f.page > npages) f.page = npages;
    size_t from = (f.page - 1) * REVIEW_PAGE, to = from + REVIEW_PAGE < nm ? from + REVIEW_PAGE : nm;
    v.rows = arena_alloc(r->arena, (to - from + 1) * sizeof *v.rows);
    for (size_t i = from; i < to; i++) {
        const struct report_review_row *x = &rows[match[i]];
        struct entry_review_row *w = &v.rows[v.n++];
        w->regime_name = x->regime_name;
        w->period_label = x->period_label;
        w->unit_name = x->unit_name;
        w->href = entry_pg_form_href(r, x->regime_id, x->period_id, x->unit_id);
        w->submitted = entry_pg_vn_time(r, x->submitted_at);
        w->deadline = text_date_dmy(r->arena, x->deadline);
        w->late = x->late;
    }
    v.first = nm ? from + 1 : 0;
    v.last = to;
    const char *query = review_query(r, &f);
    if (f.page > 1) v.prev_href = review_page_href(r, query, f.page - 1);
    if (f.page < npages) v.next_href = review_page_href(r, query, f.page + 1);
    if (npages > 1) v.page_label = arena_printf(r->arena, _("Page %zu of %zu"), f.page, npages);
    v.caption = f.newest ? _("Submitted reports waiting for review, newest first")
                         : _("Submitted reports waiting for review, oldest first");
    v.dashboard_href = f.regime ? arena_printf(r->arena, "/dashboard?regime=%lld", (long long)f.regime) : "/dashboard";
    struct page pg;
    entry_pg_reports_page_init(r, &pg, _("Reports to review"));
    tpl_report_entry_review(&r->out, &pg, &v);
}
