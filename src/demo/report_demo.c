/* report_demo.c - the demo province's reports: two years of generated, deterministic
 * reports (values obeying the regime's rules, short Vietnamese narrative sections, and a
 * report_events history consistent with each report's status), inserted directly in one
 * transaction per period for speed. See report_demo.h. */
#include "demo/report_demo.h"
#include "core/clock.h"

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "demo/demo_store.h"
#include "report/document/doc_store.h"
#include "report/completeness/expected.h"
#include "report/period.h"
#include "report/regime/regime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: a small deterministic PRNG, seeded per (regime, period, unit) by what does
 * not change when the demo's periods reach a new year: the regime's id, the period's year
 * and place in it, the unit's id (period ids would shift as periods are added). */
struct rng {
    uint64_t s;
};
static uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static long rng_range(struct rng *r, long lo, long hi) /* inclusive */
{
    return hi <= lo ? lo : lo + (long)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static const char *const comments[] = {
    "Số liệu chỉ tiêu đối thoại chưa khớp với báo cáo quý; đề nghị rà soát, bổ sung và gửi lại.",
    "Đề nghị bổ sung phần hạn chế, nguyên nhân và làm rõ số đơn thư đã giải quyết.",
    "Thiếu số liệu mô hình \"Dân vận khéo\"; đề nghị cập nhật và gửi lại báo cáo.",
};

static const char *const section_texts[] = {
    "Cấp ủy, chính quyền đã cụ thể hóa Quy chế công tác dân vận bằng các văn bản, kế hoạch phù hợp với "
    "tình hình địa phương; tổ chức tuyên truyền, phổ biến sâu rộng đến cán bộ, đảng viên và Nhân dân.",
    "Việc tiếp xúc, đối thoại trực tiếp với Nhân dân được duy trì; các kiến nghị chính đáng của người dân "
    "được tiếp nhận và giải quyết kịp thời, đúng quy định.",
    "Phong trào thi đua \"Dân vận khéo\" tiếp tục lan tỏa, nhiều mô hình hay, cách làm hiệu quả được nhân rộng.",
    "Một số nơi việc cụ thể hóa văn bản còn chậm; công tác nắm tình hình Nhân dân có lúc chưa kịp thời. "
    "Nguyên nhân chủ yếu do một bộ phận cán bộ chưa nhận thức đầy đủ vai trò của công tác dân vận.",
    "Cần phát huy vai trò người đứng đầu, gần dân, trọng dân, lắng nghe và giải quyết kịp thời kiến nghị "
    "của Nhân dân; kết hợp chặt chẽ giữa dân vận của chính quyền với Mặt trận và các đoàn thể.",
    "Thời gian tới tiếp tục thực hiện nghiêm Quy chế công tác dân vận, nâng cao chất lượng đối thoại, "
    "xây dựng và nhân rộng mô hình \"Dân vận khéo\" gắn với các nhiệm vụ phát triển kinh tế - xã hội.",
};

static const char *const text_values[] = {
    "Thực hiện đầy đủ theo kế hoạch.",
    "Đã triển khai đến 100% chi bộ trực thuộc.",
    "Tổ chức lồng ghép trong sinh hoạt chi bộ và họp dân.",
};

/* The monthly regime's indicators, by code: a month's plausible range for a commune
 * (the "điểm nóng" flag is rarely yes). */
static const struct {
    const char *code;
    long lo, hi;
} month_ranges[] = {
    {"T01", 2, 8}, {"T02", 120, 900}, {"T03", 1, 4}, {"T04", 2, 30}, {"T05", 2, 30}, {"T06", 0, 2},
};
#define MONTH_REGIME "BC-DV-THANG"
#define MONTH_FROM "2024-01-01" /* the first monthly period loaded (January 2024) */
#define PRE_MERGER_RETURN "2025-03-14" /* the close_end of a pre-merger month with a returned report */

static int is_month(const struct regime_def *def)
{
    return !strcmp(def->regime.code, MONTH_REGIME);
}

/* The numeric value of each indicator (the total for a disaggregated one), then the rules. */
static double gen_value(struct rng *r, const struct regime_def *def, const struct indicator *ind,
                        const char *period_end)
{
    if (is_month(def)) {
        if (ind->type == IND_BOOL) return rng_range(r, 0, 19) == 0; /* a hotspot: about 1 in 20 */
        for (size_t i = 0; i < sizeof month_ranges / sizeof *month_ranges; i++)
            if (!strcmp(ind->code, month_ranges[i].code))
                return (double)rng_range(r, month_ranges[i].lo, month_ranges[i].hi);
    }
    switch (ind->type) {
    case IND_INT: {
        long scale = 5 + (long)((ind->position * 37 + 11) % 60); /* indicator-specific magnitude */
        return (double)rng_range(r, scale / 2, scale * 3);
    }
    case IND_DECIMAL: return (double)rng_range(r, 10, 5000) / 10.0;
    case IND_PERCENT: return (double)rng_range(r, 600, 1000) / 10.0;
    case IND_BOOL: return rng_range(r, 0, 9) < 8 ? 1 : 0;
    case IND_DATE: {
        int y, m, d;
        date_parse(period_end, &y, &m, &d);
        return (double)(y * 10000 + m * 100 + (int)rng_range(r, 1, d < 28 ? d : 28));
    }
    case IND_TEXT: return 0;
    }
    return 0;
}

static int find_ind(const struct regime_def *def, const char *code)
{
    for (size_t i = 0; i < def->n_indicators; i++)
        if (!strcmp(def->indicators[i].code, code)) return (int)i;
    return -1;
}

/* Adjusts values until every rule holds (a few passes over the rules); a value above its
 * bound is brought to 60-95% of it, so that "resolved <= received" looks like real data. */
static void apply_rules(const struct regime_def *def, double *v, struct rng *r)
{
    for (int pass = 0; pass < 4; pass++) {
        int changed = 0;
        for (size_t k = 0; k < def->n_rules; k++) {
            const struct indicator_rule *ru = &def->rules[k];
            int li = find_ind(def, ru->left_code);
            if (li < 0) continue;
            int ri = find_ind(def, ru->right_operand);
            double right = ri >= 0 ? v[ri] : strtod(ru->right_operand, NULL);
            double l = v[li], nl = l;
            int is_int = def->indicators[li].type == IND_INT || def->indicators[li].type == IND_BOOL;
            double step = is_int ? 1 : 0.1;
            double frac = (double)rng_range(r, 60, 95) / 100.0;
            if (!strcmp(ru->op, "<=") && l > right) nl = is_int ? floor(right * frac) : round(right * frac * 10) / 10;
            else if (!strcmp(ru->op, "<") && l >= right) nl = is_int ? ceil(right) - 1 : right - step;
            else if (!strcmp(ru->op, ">=") && l < right) nl = is_int ? ceil(right) : right;
            else if (!strcmp(ru->op, ">") && l <= right) nl = is_int ? floor(right) + 1 : right + step;
            else if (!strcmp(ru->op, "=") && l != right) nl = right;
            if (nl < 0 && right >= 0) nl = 0;
            if (nl != l) {
                v[li] = nl;
                changed = 1;
            }
        }
        if (!changed) break;
    }
}

/* "YYYY-MM-DDTHH:MM:SSZ" at a working hour of Vietnam day iso (UTC+7 → 01..09 UTC). */
static void at_day(struct rng *r, const char *iso, char out[21])
{
    snprintf(out, 21, "%.10sT%02ld:%02ld:%02ldZ", iso, rng_range(r, 1, 9), rng_range(r, 0, 59), rng_range(r, 0, 59));
}

struct ctx {
    dv_db *db;
    int64_t reviewer;   /* the staff account that reviews (bdv), 0 = none */
    int returned;       /* returned reports so far */
    int extra_return;   /* this period gets the monthly regime's second returned report */
};

enum kind { K_NONE, K_DRAFT, K_ON_TIME, K_LATE, K_RETURNED };

/* The cells of a disaggregated indicator: total split over its options (integers stay
 * integers; a percentage is the same in each). */
static int put_cells(dv_db *db, int64_t rid, const struct indicator *ind, double total, struct rng *r)
{
    const struct category_set *cs = ind->cats;
    double left = total;
    int rc = DV_OK;
    for (size_t o = 0; o < cs->n_options && rc == DV_OK; o++) {
        double part;
        if (o + 1 == cs->n_options) part = left;
        else if (ind->type == IND_PERCENT) part = total;
        else {
            part = ind->type == IND_INT ? floor(left * (double)rng_range(r, 10, 60) / 100.0)
                                        : round(left * (double)rng_range(r, 10, 60)) / 100.0;
        }
        if (ind->type != IND_PERCENT) left -= part;
        rc = demo_value_insert(db, rid, ind->id, cs->options[o].id, &part, 2, NULL);
    }
    return rc;
}

/* One report with its values, sections and events. */
static int add_report(struct ctx *c, const struct regime_def *def, const struct period *p,
                      const struct expected_unit *eu, enum kind k, int approve, struct rng *r, const char *today)
{
    dv_db *db = c->db;
    const char *deadline = eu->deadline[0] ? eu->deadline : p->close_end;
    char start_day[11], sub_day[11], rev_day[11];
    date_add_days(p->close_end, -(long)rng_range(r, 0, 3), start_day);
    if (k == K_LATE) date_add_days(deadline, (int)rng_range(r, 1, 15), sub_day);
    else {
        long span = date_diff_days(p->close_end, deadline);
        date_add_days(p->close_end, (int)rng_range(r, span > 0 ? 1 : 0, span > 0 ? span : 0), sub_day);
    }
    if (date_cmp(sub_day, today) > 0) snprintf(sub_day, sizeof sub_day, "%s", today);
    if (date_cmp(start_day, sub_day) > 0) snprintf(start_day, sizeof start_day, "%s", sub_day);
    date_add_days(sub_day, (int)rng_range(r, 1, 6), rev_day);
    if (date_cmp(rev_day, today) > 0) snprintf(rev_day, sizeof rev_day, "%s", today);
    char saved_at[21], sub_at[21], rev_at[21];
    at_day(r, start_day, saved_at);
    at_day(r, sub_day, sub_at);
    at_day(r, rev_day, rev_at);
    if (strcmp(sub_at, saved_at) < 0) memcpy(sub_at, saved_at, sizeof sub_at);
    if (strcmp(rev_at, sub_at) < 0) memcpy(rev_at, sub_at, sizeof rev_at);

    int sent = k == K_ON_TIME || k == K_LATE || k == K_RETURNED;
    const char *status = k == K_DRAFT ? "draft" : k == K_RETURNED ? "returned" : approve ? "approved" : "submitted";
    const char *comment = k == K_RETURNED ? comments[rng_range(r, 0, 2)] : NULL;
    int64_t officer = demo_unit_user(db, eu->unit_id);
    int reviewed = k == K_RETURNED || (sent && approve);
    int version = 1 + sent + reviewed;

    struct demo_report_row row = {
        .regime_id = def->regime.id, .period_id = p->id, .unit_id = eu->unit_id,
        .status = status, .deadline = deadline,
        .first_submitted_at = sent ? sub_at : NULL, .submitted_at = sent ? sub_at : NULL,
        .reviewed_at = reviewed ? rev_at : NULL, .reviewed_by = reviewed ? c->reviewer : 0,
        .review_comment = comment, .version = version,
        .updated_at = reviewed ? rev_at : sent ? sub_at : saved_at,
        .updated_by = reviewed && c->reviewer ? c->reviewer : officer,
    };
    int64_t rid = 0;
    int rc = demo_report_insert(db, &row, &rid);
    if (rc) return rc;

    /* values: totals first (rules apply to them), then the split over categories */
    size_t ni = def->n_indicators;
    double *v = xcalloc(ni ? ni : 1, sizeof *v);
    for (size_t i = 0; i < ni; i++) v[i] = gen_value(r, def, &def->indicators[i], p->close_end);
    apply_rules(def, v, r);
    for (size_t i = 0; i < ni && rc == DV_OK; i++) {
        const struct indicator *ind = &def->indicators[i];
        /* a draft leaves some optional fields empty */
        if (k == K_DRAFT && !ind->required && rng_range(r, 0, 2) == 0) continue;
        const struct category_set *cs = ind->cats;
        int split = cs && cs->n_options && ind->type != IND_TEXT && ind->type != IND_BOOL && ind->type != IND_DATE;
        if (split) { /* a disaggregated indicator stores its cells only, as entry does */
            rc = put_cells(db, rid, ind, v[i], r);
            continue;
        }
        if (ind->type == IND_TEXT) rc = demo_value_insert(db, rid, ind->id, 0, NULL, 1, text_values[rng_range(r, 0, 2)]);
        else rc = demo_value_insert(db, rid, ind->id, 0, &v[i], 1, NULL);
        if (rc != 0) break;
    }
    free(v);
    for (size_t s = 0; s < def->n_sections && rc == DV_OK; s++) {
        char body[1024];
        snprintf(body, sizeof body, "%s: %s", eu->name,
                 section_texts[(def->sections[s].position - 1 + (int)rng_range(r, 0, 1) * 3 + 6) % 6]);
        rc = demo_section_insert(db, rid, def->sections[s].position, body);
    }
    if (rc == DV_OK) rc = demo_event_insert(db, rid, saved_at, officer, "saved", NULL);
    if (rc == DV_OK && sent) rc = demo_event_insert(db, rid, sub_at, officer, "submitted", NULL);
    if (rc == DV_OK && k == K_RETURNED) rc = demo_event_insert(db, rid, rev_at, c->reviewer, "returned", comment);
    else if (rc == DV_OK && reviewed) rc = demo_event_insert(db, rid, rev_at, c->reviewer, "approved", NULL);
    return rc;
}

/* The latest deadline of any level of a period ("" when none). */
static void period_last_deadline(dv_db *db, dv_arena *a, int64_t period_id, char out[11])
{
    struct period_deadline *dl;
    size_t n;
    out[0] = '\0';
    if (period_deadlines_get(db, a, period_id, &dl, &n)) return;
    for (size_t i = 0; i < n; i++)
        if (strcmp(dl[i].deadline, out) > 0) snprintf(out, 11, "%s", dl[i].deadline);
}

static int load_period(struct ctx *c, dv_arena *a, const struct regime_def *def, const struct period *p,
                       int current, int last_past, const char *today)
{
    dv_db *db = c->db;
    int month = is_month(def);
    int old = date_diff_days(p->close_end, today) > 75;
    if (demo_period_has_reports(db, p->id)) return DV_OK; /* loaded before: leave it */
    struct expected_unit *eu;
    size_t ne;
    int rc = expected_units(db, a, p->id, &eu, &ne);
    if (rc) return rc;
    if ((rc = db_begin(db)) != 0) return rc;
    for (size_t j = 0; j < ne && rc == DV_OK; j++) {
        uint64_t period_key = (uint64_t)p->regime_id << 24 ^ (uint64_t)p->year << 8 ^ (uint64_t)p->seq;
        struct rng r = {period_key * 0xd1b54a32d192ed03ULL ^ (uint64_t)eu[j].unit_id * 0x9e3779b97f4a7c15ULL ^
                        0x5eed2025ULL};
        r.s = rng_next(&r); /* one round of mixing: neighbouring ids give unrelated streams */
        const char *deadline = eu[j].deadline[0] ? eu[j].deadline : p->close_end;
        int passed = date_cmp(deadline, today) < 0;
        long roll = rng_range(&r, 0, 99);
        enum kind k;
        int approve = 0;
        if (passed) {
            if (roll < 68) k = K_ON_TIME, approve = rng_range(&r, 0, 9) < 8;
            else if (roll < 82) k = K_LATE, approve = rng_range(&r, 0, 9) < 5;
            else if (roll < 85) k = month ? K_LATE : K_RETURNED; /* monthly: returned only as forced below */
            else if (roll < 88) k = K_DRAFT; /* saved but never sent: missing */
            else k = K_NONE;                 /* missing */
            /* at least one returned report in the demo */
            if (last_past && (month || !c->returned) && j + 1 == ne) k = K_RETURNED;
            /* the monthly regime: one more returned report, earlier, in the middle of the list */
            if (month && c->extra_return && j == ne / 2) k = K_RETURNED;
        } else {
            /* the current open period: some sent already, some drafts, the rest not started */
            if (roll < 35) k = K_ON_TIME, approve = rng_range(&r, 0, 9) < 3;
            else if (roll < 50) k = K_DRAFT;
            else k = K_NONE;
            /* the demo officers (xa1, xa2) find their own open reports still to do */
            if (k == K_ON_TIME && demo_unit_has_officer(db, eu[j].unit_id)) k = K_DRAFT, approve = 0;
        }
        (void)current;
        /* the monthly regime: months closed long ago have been reviewed (the queue holds
         * the last two months only, as at a commission that keeps up) */
        if (month && old && (k == K_ON_TIME || k == K_LATE)) approve = 1;
        if (k == K_RETURNED) c->returned++;
        if (k != K_NONE) rc = add_report(c, def, p, &eu[j], k, approve, &r, today);
    }
    if (rc == DV_OK) rc = db_commit(db);
    if (rc) db_rollback(db);
    return rc;
}

int report_demo_load_at(dv_db *db, const char *today)
{
    dv_arena *a = arena_new();
    struct ctx c = {.db = db};
    c.reviewer = demo_user_by_name(db, "bdv");
    struct regime *regs;
    size_t nr;
    int rc = regime_store_list(db, a, &regs, &nr);
    for (size_t i = 0; i < nr && rc == DV_OK; i++) {
        struct regime_def def;
        if ((rc = regime_load(db, a, regs[i].id, &def)) != 0) break;
        struct period *ps;
        size_t np;
        if ((rc = period_store_list(db, a, regs[i].id, &ps, &np)) != 0) break;
        int64_t cur = 0;
        if (period_store_current(db, regs[i].id, today, &cur) != 0) cur = 0;
        /* the 6-month and annual regimes: the periods of the years from 2024 to last year
         * whose deadline has passed (this year's are left to enter);
         * the monthly one: every due period from January 2024 up to today (the old
         * provinces' bodies before the 2025 merger, the new ones after it), with its own
         * returned reports (one forced in its last due period, one three months before, one
         * in March 2025 before the merger) */
        int month = is_month(&def);
        int saved_returned = c.returned;
        if (month) c.returned = 0;
        size_t last_past = (size_t)-1;
        char dl[11];
        int *past = xcalloc(np ? np : 1, sizeof *past);
        for (size_t j = 0; j < np; j++) {
            period_last_deadline(db, a, ps[j].id, dl);
            int due = dl[0] && date_cmp(dl, today) < 0;
            past[j] = month ? due && date_cmp(ps[j].close_end, MONTH_FROM) >= 0
                            : due && ps[j].year >= 2024 && ps[j].year < clock_vn_year();
            if (past[j]) last_past = j; /* it gets the guaranteed returned report */
        }
        for (size_t j = 0; j < np && rc == DV_OK; j++) {
            int current = ps[j].id == cur;
            if (!past[j] && !current) continue;
            c.extra_return = month && past[j] &&
                             ((last_past != (size_t)-1 && last_past >= 3 && j == last_past - 3) ||
                              !strcmp(ps[j].close_end, PRE_MERGER_RETURN));
            dv_arena *pa = arena_new();
            rc = load_period(&c, pa, &def, &ps[j], current, j == last_past, today);
            arena_free(pa);
        }
        c.extra_return = 0;
        free(past);
        if (month) c.returned = saved_returned;
    }
    arena_free(a);
    /* the generated reports were issued: numbered in the order they were sent */
    if (rc == DV_OK) rc = doc_store_backfill(db);
    if (rc) log_error("report demo: %s", dv_strerror(rc));
    return rc;
}

int report_demo_load(dv_db *db)
{
    char today[11];
    clock_vn_today(today);
    return report_demo_load_at(db, today);
}
