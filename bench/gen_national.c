/* gen_national.c - the national data set for the reporting benchmarks: 34 provinces and
 * 3,321 communes (the national table imported through the library), ~200 provincial
 * agencies and organisations (6 per province), a national receiver above the provinces,
 * one monthly regime with 40 integer indicators (rules: each even one <= the odd one
 * before it) reported by the whole tree, 10 years of monthly periods (period_generate),
 * and a report for nearly every expected unit and period with 40 values each (~16M
 * values). Synthetic: the units are backdated so that the 2025 tree exists for all ten
 * years. Bulk insert: one transaction per period, prepared statements, PRAGMA
 * synchronous=OFF (this generator only). Prints the time taken; asserts nothing.
 * Usage: gen_national --db PATH [--tsv FILE] [--provinces 34] [--years 10] [--from 2016]
 *                     [--indicators 40] [--missing-pct 2] [--no-reports]
 * --no-reports stops after the periods (bench/submit.sh fills them through HTTP). */
#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "db/db.h"
#include "org/unit.h"
#include "org/unit_internal.h"
#include "report/regime/regime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BACKDATE "2015-01-01"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rs = 0x2545F4914F6CDD1DULL;
static uint64_t rnd(void)
{
    rs ^= rs << 13;
    rs ^= rs >> 7;
    rs ^= rs << 17;
    return rs;
}
static long rr(long lo, long hi)
{
    return lo + (long)(rnd() % (uint64_t)(hi - lo + 1));
}

static void die(const char *what, int rc)
{
    fprintf(stderr, "gen_national: %s: %s\n", what, dv_strerror(rc));
    exit(1);
}

/* The first nprov provinces of the table into a temporary file (all: the table itself). */
static const char *subset_tsv(const char *tsv, int nprov, char *tmp, size_t cap)
{
    if (nprov >= 34) return tsv;
    FILE *in = fopen(tsv, "r");
    snprintf(tmp, cap, "/tmp/gen_national_%d.tsv", (int)getpid());
    FILE *out = in ? fopen(tmp, "w") : NULL;
    if (!out) {
        fprintf(stderr, "gen_national: cannot read %s\n", tsv);
        exit(1);
    }
    char line[1024], last[16] = "";
    int seen = 0, first = 1;
    while (fgets(line, sizeof line, in)) {
        if (first) { fputs(line, out); first = 0; continue; }
        char code[16];
        snprintf(code, sizeof code, "%.*s", (int)strcspn(line, "\t"), line);
        if (strcmp(code, last)) {
            snprintf(last, sizeof last, "%s", code);
            if (++seen > nprov) break;
        }
        fputs(line, out);
    }
    fclose(in);
    fclose(out);
    return tmp;
}

static const struct { const char *code, *name, *type; } agencies[] = {
    {"BDV", "Ban Dân vận Tỉnh ủy", "party_commission"},
    {"MTTQ", "Ủy ban MTTQ Việt Nam tỉnh", "fatherland_front"},
    {"HND", "Hội Nông dân tỉnh", "sociopolitical_org"},
    {"HLHPN", "Hội Liên hiệp Phụ nữ tỉnh", "sociopolitical_org"},
    {"TD", "Tỉnh đoàn", "sociopolitical_org"},
    {"LDLD", "Liên đoàn Lao động tỉnh", "sociopolitical_org"},
};

int main(int argc, char **argv)
{
    const char *path = NULL, *tsv = "data/vn-admin-units-2025.tsv";
    int nprov = 34, years = 10, from = 2016, nind = 40, missing_pct = 2, no_reports = 0;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--no-reports")) {
            no_reports = 1;
            for (int j = i; j + 1 < argc; j++) argv[j] = argv[j + 1];
            argc--;
        }
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--db")) path = argv[i + 1];
        else if (!strcmp(argv[i], "--tsv")) tsv = argv[i + 1];
        else if (!strcmp(argv[i], "--provinces")) nprov = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--years")) years = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--from")) from = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--indicators")) nind = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--missing-pct")) missing_pct = atoi(argv[i + 1]);
    }
    if (!path || nprov < 1 || years < 1 || nind < 1 || nind > 200) {
        fprintf(stderr, "usage: gen_national --db PATH [--tsv FILE] [--provinces 34] [--years 10] [--from 2016]"
                        " [--indicators 40] [--missing-pct 2] [--no-reports]\n");
        return 2;
    }
    log_set_quiet(1);
    unlink(path);
    double t0 = now_s();
    struct db_options o = {.path = path, .busy_ms = 5000};
    db_thread_config(&o);
    dv_db *db = db_thread();
    if (!db) die("open", DV_EDB);
    int rc = db_migrate(db);
    if (rc) die("migrate", rc);
    db_exec_script(db, "PRAGMA synchronous=OFF");

    /* units: the national table, backdated; a national receiver; 6 bodies per province */
    char tmp[256], err[512] = "";
    const char *src = subset_tsv(tsv, nprov, tmp, sizeof tmp);
    struct unit_import_counts ic;
    if ((rc = unit_import_tsv(db, src, 0, &ic, err, sizeof err)) != 0) {
        fprintf(stderr, "gen_national: import: %s\n", err);
        return 1;
    }
    if (src != tsv) unlink(src);
    int64_t root;
    if ((rc = db_begin(db)) != 0) die("begin", rc);
    db_exec_script(db, "UPDATE units SET valid_from = '" BACKDATE "'; UPDATE unit_links SET valid_from = '" BACKDATE "'");
    struct unit_input rin = {.code = "TW-BDV", .name = "Ban Dân vận Trung ương", .type = "party_commission",
                             .valid_from = BACKDATE};
    if ((rc = unit_create_in_tx(db, NULL, NULL, &rin, 0, &root)) != 0) die("root", rc);
    dv_stmt *pst = db_prepare(db, "SELECT id, code, name FROM units WHERE type = 'province' ORDER BY code");
    dv_stmt *lnk = db_prepare(db, "INSERT INTO unit_links(child_id, parent_id, valid_from) VALUES (?1, ?2, '" BACKDATE "')");
    int64_t provs[64];
    char pcode[64][8], pname[64][128];
    int np = 0;
    while (np < 64 && db_step(pst) == DB_ROW) {
        provs[np] = db_col_int(pst, 0);
        snprintf(pcode[np], sizeof pcode[np], "%s", db_col_text(pst, 1));
        snprintf(pname[np], sizeof pname[np], "%s", db_col_text(pst, 2));
        np++;
    }
    db_done(pst);
    for (int i = 0; i < np; i++) {
        db_bind_int(lnk, 1, provs[i]);
        db_bind_int(lnk, 2, root);
        if ((rc = db_exec(lnk)) != 0) die("link", rc);
        for (size_t k = 0; k < sizeof agencies / sizeof *agencies; k++) {
            char code[32], name[256];
            snprintf(code, sizeof code, "%s-%s", pcode[i], agencies[k].code);
            const char *pn = pname[i];
            if (!strncmp(pn, "Tỉnh ", strlen("Tỉnh "))) pn += strlen("Tỉnh ");
            else if (!strncmp(pn, "Thành phố ", strlen("Thành phố "))) pn += strlen("Thành phố ");
            snprintf(name, sizeof name, "%.60s %.120s", agencies[k].name, pn);
            struct unit_input in = {.code = code, .name = name, .type = agencies[k].type, .valid_from = BACKDATE,
                                    .parent_id = provs[i]};
            int64_t id;
            if ((rc = unit_create_in_tx(db, NULL, NULL, &in, 0, &id)) != 0) die("agency", rc);
        }
    }
    if ((rc = db_commit(db)) != 0) die("commit units", rc);

    /* the regime */
    char af[11];
    snprintf(af, sizeof af, "%04d-01-01", from);
    struct regime_input ri = {.code = "BC-DV-THANG", .name = "Báo cáo tháng về công tác dân vận", .frequency = "month",
                              .receiver_unit_id = root, .active_from = af};
    int64_t regime;
    if ((rc = regime_create(db, NULL, NULL, &ri, &regime)) != 0) die("regime", rc);
    struct assignment_input ai = {.kind = "subtree", .unit_id = root, .valid_from = BACKDATE};
    int64_t aid;
    if ((rc = regime_assignment_add(db, NULL, NULL, regime, &ai, &aid)) != 0) die("assignment", rc);
    const char *lv[] = {"commune", "ward", "special_zone", "*"};
    const int ld[] = {5, 5, 5, 10};
    for (int i = 0; i < 4; i++)
        if ((rc = regime_deadline_set(db, NULL, NULL, regime, lv[i], ld[i])) != 0) die("deadline", rc);
    int64_t *ind = calloc((size_t)nind, sizeof *ind);
    for (int i = 0; i < nind; i++) {
        char code[8], name[64];
        snprintf(code, sizeof code, "I%02d", i + 1);
        snprintf(name, sizeof name, "Chỉ tiêu %d", i + 1);
        struct indicator_input ii = {.code = code, .name = name, .type = "int", .unit_of_measure = "lượt",
                                     .position = i + 1};
        if ((rc = indicator_add(db, NULL, NULL, regime, &ii, &ind[i])) != 0) die("indicator", rc);
        if (i % 2 == 1) {
            char left[8], right[8];
            snprintf(left, sizeof left, "I%02d", i + 1);
            snprintf(right, sizeof right, "I%02d", i);
            struct rule_input ru = {.left_code = left, .op = "<=", .right_operand = right,
                                    .message = "Không được lớn hơn chỉ tiêu trước"};
            int64_t rid;
            if ((rc = indicator_rule_add(db, NULL, NULL, regime, &ru, &rid)) != 0) die("rule", rc);
        }
    }
    int created = 0;
    if ((rc = period_generate(db, NULL, NULL, regime, from, from + years - 1, &created)) != 0) die("periods", rc);
    double t_setup = now_s() - t0;
    if (no_reports) {
        printf("gen_national: %d provinces, %d indicators, %d periods, no reports; %.1f s -> %s\n", np, nind, created,
               t_setup, path);
        free(ind);
        db_thread_close_all();
        return 0;
    }

    /* every unit under the root (the tree is the same all ten years) with its deadline level */
    dv_stmt *ust = db_prepare(db, "SELECT id, type FROM units WHERE valid_to IS NULL ORDER BY id");
    size_t nu = 0, ucap = 8192;
    int64_t *uid = malloc(ucap * sizeof *uid);
    int *ucomm = malloc(ucap * sizeof *ucomm);
    while (db_step(ust) == DB_ROW) {
        if (nu == ucap) {
            ucap *= 2;
            uid = realloc(uid, ucap * sizeof *uid);
            ucomm = realloc(ucomm, ucap * sizeof *ucomm);
        }
        const char *t = db_col_text(ust, 1);
        uid[nu] = db_col_int(ust, 0);
        ucomm[nu] = !strcmp(t, "commune") || !strcmp(t, "ward") || !strcmp(t, "special_zone");
        nu++;
    }
    db_done(ust);

    dv_stmt *per = db_prepare(db, "SELECT p.id, p.close_end, (SELECT deadline FROM period_deadlines WHERE period_id = p.id AND level = 'commune'),"
                                  " (SELECT deadline FROM period_deadlines WHERE period_id = p.id AND level = '*')"
                                  " FROM periods p WHERE p.regime_id = ?1 ORDER BY p.close_end");
    db_bind_int(per, 1, regime);
    size_t npd = 0;
    struct pinfo { int64_t id; char end[11], dlc[11], dls[11]; } *pi = calloc((size_t)years * 12 + 1, sizeof *pi);
    while (db_step(per) == DB_ROW && npd < (size_t)years * 12) {
        pi[npd].id = db_col_int(per, 0);
        snprintf(pi[npd].end, 11, "%s", db_col_text(per, 1));
        snprintf(pi[npd].dlc, 11, "%s", db_col_text(per, 2));
        snprintf(pi[npd].dls, 11, "%s", db_col_text(per, 3));
        npd++;
    }
    db_done(per);

    const char *ins_r = "INSERT INTO reports(regime_id, period_id, unit_id, status, deadline, first_submitted_at, submitted_at,"
                        " reviewed_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, 3)";
    const char *ins_v = "INSERT INTO report_values(report_id, indicator_id, option_id, num) VALUES (?1, ?2, 0, ?3)";
    long nreports = 0, nvalues = 0;
    double t1 = now_s();
    long *vals = calloc((size_t)nind, sizeof *vals);
    for (size_t p = 0; p < npd; p++) {
        if ((rc = db_begin(db)) != 0) die("begin", rc);
        dv_stmt *sr = db_prepare(db, ins_r), *sv = db_prepare(db, ins_v);
        for (size_t u = 0; u < nu; u++) {
            if (rr(0, 99) < missing_pct) continue;
            const char *dl = ucomm[u] ? pi[p].dlc : pi[p].dls;
            long roll = rr(0, 99);
            const char *status = roll < 80 ? "approved" : roll < 97 ? "submitted" : "returned";
            int late = rr(0, 99) < 12;
            char day[11], at[21], rev[21];
            int y, m, d;
            sscanf(late ? dl : pi[p].end, "%d-%d-%d", &y, &m, &d);
            /* on time: 0..4 days after close_end (before every deadline); late: 1..9 days after the deadline */
            long off = late ? rr(1, 9) : rr(0, 4);
            struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d + (int)off, .tm_hour = 12};
            timegm(&tm);
            strftime(day, sizeof day, "%Y-%m-%d", &tm);
            snprintf(at, sizeof at, "%sT0%ld:%02ld:00Z", day, rr(1, 9), rr(0, 59));
            snprintf(rev, sizeof rev, "%sT10:%02ld:00Z", day, rr(0, 59));
            db_bind_int(sr, 1, regime);
            db_bind_int(sr, 2, pi[p].id);
            db_bind_int(sr, 3, uid[u]);
            db_bind_text(sr, 4, status);
            db_bind_text(sr, 5, dl);
            db_bind_text(sr, 6, at);
            if (strcmp(status, "submitted")) db_bind_text(sr, 7, rev);
            else db_bind_null(sr, 7);
            if ((rc = db_exec(sr)) != 0) die("report", rc);
            int64_t rid = db_last_id(db);
            nreports++;
            for (int i = 0; i < nind; i++) {
                vals[i] = i % 2 == 0 ? rr(0, 400) : rr(0, vals[i - 1]);
                db_bind_int(sv, 1, rid);
                db_bind_int(sv, 2, ind[i]);
                db_bind_int(sv, 3, vals[i]);
                if ((rc = db_exec(sv)) != 0) die("value", rc);
            }
            nvalues += nind;
        }
        if ((rc = db_commit(db)) != 0) die("commit", rc);
        if ((p + 1) % 12 == 0) {
            fprintf(stderr, "  year %zu/%d: %ld reports, %ld values, %.1f s\n", (p + 1) / 12, years, nreports, nvalues,
                    now_s() - t1);
        }
    }
    double t_ins = now_s() - t1;
    db_exec_script(db, "ANALYZE");
    double t_all = now_s() - t0;
    printf("gen_national: %d provinces, %zu units (incl. %zu agencies and the receiver), 1 regime, %d indicators, %zu periods\n",
           np, nu, (size_t)np * (sizeof agencies / sizeof *agencies), nind, npd);
    printf("gen_national: %ld reports, %ld values; setup %.1f s, insert %.1f s (%.0f values/s), total %.1f s -> %s\n",
           nreports, nvalues, t_setup, t_ins, t_ins > 0 ? (double)nvalues / t_ins : 0, t_all, path);
    free(vals);
    free(ind);
    free(uid);
    free(ucomm);
    free(pi);
    db_thread_close_all();
    return 0;
}
