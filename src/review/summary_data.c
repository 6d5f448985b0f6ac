/* summary_data.c - the data of an N-year summary report, computed from the records the other
 * areas keep, through their public functions: documents and concretizing lag (directive.h),
 * dissemination sessions and participation (session.h), cadres assigned (cadre.h), reporting
 * completeness and timeliness (completeness.h over the regime's periods of each year),
 * petitions, dialogues and models (the citizen area's counts), inspections and
 * recommendations (this area). Each year over the scope's root; each appendix unit over its
 * own subtree and the whole span. */
#include "review/summary.h"

#include "citizen/dialogue.h"
#include "citizen/model.h"
#include "citizen/petition.h"
#include "core/err.h"
#include "core/i18n.h"
#include "directive/cadre.h"
#include "directive/directive.h"
#include "directive/session.h"
#include "report/completeness/completeness.h"
#include "report/regime/regime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const unsigned summary_rate_rgb[SR_N] = {0x1565c0, 0xb71c1c, 0x2e7d32, 0x6a1b9a, 0xe65100};
const char *const summary_rate_labels[SR_N] = {N_("Reports received"), N_("Reports on time"), N_("Recommendations done"),
                                               N_("Participation in sessions"), N_("Units with a cadre")};
const char *const summary_rate_labels_vi[SR_N] = {"Báo cáo đã nhận", "Báo cáo đúng hạn", "Kiến nghị đã thực hiện",
                                                  "Tỷ lệ tham dự học tập, quán triệt", "Đơn vị có cán bộ dân vận"};

static double rate(long part, long whole)
{
    return whole > 0 ? 100.0 * (double)part / (double)whole : -1;
}

double summary_rate(const struct summary_year *y, enum summary_rate_kind k)
{
    switch (k) {
    case SR_RECEIVED: return rate(y->received, y->expected);
    case SR_ON_TIME: return rate(y->on_time, y->expected);
    case SR_RECOMMENDATIONS: return rate(y->recommendations_done, y->recommendations);
    case SR_PARTICIPATION: return rate(y->attended, y->invited);
    case SR_CADRES: return rate(y->units_with_cadre, y->units);
    default: return -1;
    }
}

static struct summary_year *year_of(struct summary_data *d, int y)
{
    for (size_t k = 0; k < d->nyears; k++)
        if (d->years[k].year == y) return &d->years[k];
    return NULL;
}

static int year_prefix(const char *iso)
{
    return iso && strlen(iso) >= 4 ? atoi(iso) : 0;
}

static int load_documents(dv_db *db, dv_arena *a, const struct summary *s, struct summary_data *d)
{
    for (size_t k = 0; k < d->nyears; k++) {
        struct document_filter f = {0};
        f.from = arena_printf(a, "%d-01-01", d->years[k].year);
        f.to = arena_printf(a, "%d-12-31", d->years[k].year);
        f.limit = 1;
        struct document *docs = NULL;
        size_t n = 0, total = 0;
        int rc = document_search(db, a, &f, &docs, &n, &total);
        if (rc) return rc;
        d->years[k].documents = (long)total;
    }
    if (!s->subject_document_id) return DV_OK;
    struct concretize_row *rows = NULL;
    size_t n = 0;
    int rc = document_concretize_lag(db, a, s->subject_document_id, &rows, &n);
    if (rc) return rc;
    for (size_t k = 0; k < n; k++) {
        struct summary_year *y = rows[k].doc_id ? year_of(d, year_prefix(rows[k].issued_on)) : NULL;
        if (y) {
            y->concretized++;
            y->concretize_days_sum += rows[k].days;
        } else if (!rows[k].doc_id && d->nyears) {
            d->years[d->nyears - 1].not_concretized++;
        }
        for (size_t u = 0; u < d->nunits; u++)
            if (d->units[u].unit_id == rows[k].unit_id) d->units[u].concretize_days = rows[k].doc_id ? rows[k].days : -1;
    }
    return DV_OK;
}

/* The regime's periods in the span, their completeness per year and per unit (the appendix). */
static int load_reporting(dv_db *db, dv_arena *a, const struct summary *s, int64_t root, struct summary_data *d)
{
    struct period *ps = NULL;
    size_t np = 0;
    int rc = period_store_list(db, a, s->regime_id, &ps, &np);
    if (rc) return rc;
    struct compl_period *cp = arena_alloc(a, (np + 1) * sizeof *cp);
    int *py = arena_alloc(a, (np + 1) * sizeof *py);
    size_t n = 0;
    for (size_t k = 0; k < np; k++)
        if (ps[k].year >= s->from_year && ps[k].year <= s->to_year) {
            cp[n] = (struct compl_period){ps[k].id, ps[k].label, ps[k].close_start, ps[k].close_end};
            py[n++] = ps[k].year;
        }
    if (!n) return DV_OK;
    struct compl_result res;
    rc = completeness_compute(db, a, s->regime_id, cp, n, root, NULL, &res);
    if (rc) return rc;
    for (size_t k = 0; k < n; k++) {
        struct summary_year *y = year_of(d, py[k]);
        if (!y || !res.totals) continue;
        y->expected += res.totals[k].expected;
        y->received += res.totals[k].received;
        y->on_time += res.totals[k].on_time;
    }
    d->units = arena_alloc(a, (res.nrows + 1) * sizeof *d->units);
    for (size_t k = 0; k < res.nrows; k++) {
        if (res.rows[k].is_root) continue;
        struct summary_unit_row *u = &d->units[d->nunits++];
        memset(u, 0, sizeof *u);
        u->unit_id = res.rows[k].unit_id;
        u->name = res.rows[k].name;
        u->expected = res.rows[k].total.expected;
        u->received = res.rows[k].total.received;
        u->on_time = res.rows[k].total.on_time;
        u->concretize_days = -2;
    }
    return DV_OK;
}

/* Sessions held in the span by root's subtree, by year; and each appendix unit's. */
static int load_sessions(dv_db *db, dv_arena *a, const struct summary *s, int64_t root, struct summary_data *d)
{
    const char *from = arena_printf(a, "%d-01-01", s->from_year), *to = arena_printf(a, "%d-12-31", s->to_year);
    struct dissem_session *ss = NULL;
    size_t n = 0;
    int rc = dissem_session_list_subtree(db, a, root, from, to, &ss, &n);
    for (size_t k = 0; !rc && k < n; k++) {
        struct summary_year *y = year_of(d, year_prefix(ss[k].held_on));
        if (!y) continue;
        y->sessions++;
        y->attended += (long)ss[k].attended;
        y->invited += (long)ss[k].expected;
    }
    for (size_t u = 0; !rc && u < d->nunits; u++) {
        struct summary_unit_row *r = &d->units[u];
        rc = dissem_session_list_subtree(db, a, r->unit_id, from, to, &ss, &n);
        for (size_t k = 0; !rc && k < n; k++) {
            r->sessions++;
            r->attended += (long)ss[k].attended;
            r->invited += (long)ss[k].expected;
        }
    }
    return rc;
}

/* The units of the scope on each 31/12 and those with a cadre; each appendix unit's cadre on
 * the span's last day. */
static int load_cadres(dv_db *db, dv_arena *a, const struct summary *s, int64_t root, struct summary_data *d)
{
    struct cadre_coverage_row *rows = NULL;
    size_t n = 0;
    for (size_t k = 0; k < d->nyears; k++) {
        int rc = cadre_coverage(db, a, root, arena_printf(a, "%d-12-31", d->years[k].year), &rows, &n);
        if (rc) return rc;
        d->years[k].units = (long)n;
        for (size_t i = 0; i < n; i++) d->years[k].units_with_cadre += rows[i].cadre.id != 0;
    }
    if (!d->nyears || d->years[d->nyears - 1].year != s->to_year) return DV_OK;
    for (size_t u = 0; u < d->nunits; u++)      /* rows: the last year's */
        for (size_t i = 0; i < n; i++)
            if (rows[i].unit_id == d->units[u].unit_id) d->units[u].has_cadre = rows[i].cadre.id != 0;
    return DV_OK;
}

typedef int (*count_fn)(dv_db *db, int64_t unit, const char *from, const char *to, int64_t *n);

static int count(count_fn fn, dv_db *db, int64_t unit, const char *from, const char *to, long *out)
{
    int64_t n = 0;
    int rc = fn(db, unit, from, to, &n);
    *out = (long)n;
    return rc;
}

/* Petitions received and resolved, dialogues held, models registered and recognised. */
static int load_citizens(dv_db *db, dv_arena *a, const struct summary *s, int64_t root, struct summary_data *d)
{
    int rc = DV_OK;
    for (size_t k = 0; !rc && k < d->nyears; k++) {
        struct summary_year *y = &d->years[k];
        const char *from = arena_printf(a, "%d-01-01", y->year), *to = arena_printf(a, "%d-12-31", y->year);
        rc = count(petition_count_received, db, root, from, to, &y->petitions);
        if (!rc) rc = count(petition_count_resolved, db, root, from, to, &y->petitions_resolved);
        if (!rc) rc = count(dialogue_count_held, db, root, from, to, &y->dialogues);
        if (!rc) rc = count(model_count_registered, db, root, from, to, &y->models);
        if (!rc) rc = count(model_count_effective, db, root, from, to, &y->models_effective);
    }
    const char *from = arena_printf(a, "%d-01-01", s->from_year), *to = arena_printf(a, "%d-12-31", s->to_year);
    for (size_t u = 0; !rc && u < d->nunits; u++) {
        struct summary_unit_row *r = &d->units[u];
        rc = count(petition_count_received, db, r->unit_id, from, to, &r->petitions);
        if (!rc) rc = count(petition_count_resolved, db, r->unit_id, from, to, &r->petitions_resolved);
        if (!rc) rc = count(dialogue_count_held, db, r->unit_id, from, to, &r->dialogues);
        if (!rc) rc = count(model_count_registered, db, r->unit_id, from, to, &r->models);
    }
    return rc;
}

int summary_data_load(dv_db *db, dv_arena *a, const struct summary *s, int64_t root_id, struct summary_data *out)
{
    memset(out, 0, sizeof *out);
    out->nyears = (size_t)(s->to_year - s->from_year + 1);
    out->years = arena_alloc(a, out->nyears * sizeof *out->years);
    for (size_t k = 0; k < out->nyears; k++) {
        memset(&out->years[k], 0, sizeof out->years[k]);
        out->years[k].year = s->from_year + (int)k;
    }
    int rc = s->regime_id ? load_reporting(db, a, s, root_id, out) : DV_OK;
    if (!rc) rc = load_documents(db, a, s, out);
    if (!rc) rc = summary_inspection_years(db, root_id, out->years, out->nyears);
    for (size_t k = 0; !rc && k < out->nunits; k++)
        rc = summary_inspected_count(db, out->units[k].unit_id, s->from_year, s->to_year, &out->units[k].inspected);
    if (!rc) rc = load_sessions(db, a, s, root_id, out);
    if (!rc) rc = load_cadres(db, a, s, root_id, out);
    if (!rc) rc = load_citizens(db, a, s, root_id, out);
    return rc;
}
