/* summary_data.c - the data of an N-year summary report, computed from the records the other
 * areas keep, through their public functions: documents and concretizing lag (directive.h),
 * reporting completeness and timeliness (completeness.h over the regime's periods of each
 * year), inspections and recommendations (this area); the areas not present are named. */
#include "review/summary.h"

#include "core/err.h"
#include "directive/directive.h"
#include "report/completeness/completeness.h"
#include "report/regime/regime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        *u = (struct summary_unit_row){res.rows[k].unit_id, res.rows[k].name, res.rows[k].total.expected,
                                       res.rows[k].total.received, res.rows[k].total.on_time, 0, -2};
    }
    return DV_OK;
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
    const char **m = arena_alloc(a, 4 * sizeof *m);
    size_t nm = 0;
    /* The sessions, cadres (0022) and citizens' records (0023) are not counted by the summary
     * yet: it says so in the document, whether or not those areas hold data. */
    m[nm++] = "Chưa có số liệu về các buổi học tập, quán triệt và số người tham dự, về cán bộ phụ trách công tác dân vận: "
              "các nội dung này chưa được tổng hợp vào báo cáo.";
    m[nm++] = "Chưa có số liệu về kiến nghị, phản ánh của Nhân dân, các buổi đối thoại và mô hình \"Dân vận khéo\": "
              "các nội dung này chưa được tổng hợp vào báo cáo.";
    out->missing = m;
    out->nmissing = nm;
    return rc;
}
