/* bench_directive.c - the follow-up board on national data (bench/directive.sh).
 *   --gen: every unit of the national table (34 provinces, 3,321 communes) plus 6 bodies per
 *   province, 60 documents over 10 years, and for each document 2-3 tasks per unit of its
 *   scope (~500,000), most completed and confirmed (on time or late), some returned, some
 *   with a moved deadline. Synthetic, bulk SQL, synchronous=OFF (this generator only).
 *   default: times board_compute() (board.h) for one province and for the nation, as of
 *   today and as of a past date, cold (first call in a fresh cache: the load of every
 *   task's history) and warm; beside a plain SQLite GROUP BY over the same rows
 *   (the four groups from the tasks' own columns); RESULT lines for directive.sh's ratios
 *   beside DuckDB's. Prints; asserts nothing. */
#include "core/arena.h"
#include "core/clock.h"
#include "core/err.h"
#include "db/db.h"
#include "directive/board.h"
#include "org/unit.h"
#include "org/unit_tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 8) & 0xffffff;
}

static void add_days(int y, int m, int d, int days, char out[11])
{
    int yy, mm, dd;
    clock_civil_from_days(clock_days_from_civil(y, m, d) + days, &yy, &mm, &dd);
    snprintf(out, 11, "%04d-%02d-%02d", yy, mm, dd);
}

static int exec(dv_db *db, const char *sql) { return db_exec_script(db, sql); }

static int gen_bodies(dv_db *db)
{
    return exec(db,
        "INSERT INTO units (code, name, name_fold, type, valid_from) SELECT u.code || '-B' || k.n, 'Cơ quan ' || k.n || ' ' || u.name,"
        " 'co quan', CASE k.n WHEN 1 THEN 'party_commission' WHEN 2 THEN 'fatherland_front' ELSE 'department' END, '2015-01-01'"
        " FROM units u, (SELECT 1 n UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6) k WHERE u.type = 'province';"
        "INSERT INTO unit_links (child_id, parent_id, valid_from) SELECT b.id, p.id, '2015-01-01' FROM units b JOIN units p"
        " ON b.code LIKE p.code || '-B%' WHERE p.type = 'province' AND b.code <> p.code;"
        "UPDATE units SET valid_from = '2015-01-01'; UPDATE unit_links SET valid_from = '2015-01-01';");
}

static int gen_tasks(dv_db *db, int years)
{
    dv_stmt *units = db_prepare(db, "SELECT id FROM units WHERE valid_to IS NULL AND type <> 'province' ORDER BY id");
    int64_t *ids = NULL;
    size_t n = 0, cap = 0;
    while (db_step(units) == DB_ROW) {
        if (n == cap) ids = realloc(ids, (cap = cap ? cap * 2 : 4096) * sizeof *ids);
        ids[n++] = db_col_int(units, 0);
    }
    db_done(units);
    unsigned seed = 42;
    long ntask = 0;
    int64_t province = 0;
    dv_stmt *pq = db_prepare(db, "SELECT min(id) FROM units WHERE type = 'province'");
    if (db_step(pq) == DB_ROW) province = db_col_int(pq, 0);
    db_done(pq);
    for (int d = 0; d < 60; d++) {
        db_begin(db);
        int day0 = d * years * 365 / 60;
        char issued[11], dl[11], done[11], conf[11];
        add_days(2016, 1, 10, day0, issued);
        dv_stmt *doc = db_prepare(db, "INSERT INTO documents (number, symbol, code, doc_type, issuer_name, title, issued_on)"
                                      " VALUES (?1, 'KH/TW', ?1 || '-KH/TW', 'KH', 'Trung ương', 'Kế hoạch ' || ?1, ?2)");
        db_bind_int(doc, 1, d + 1);
        db_bind_text(doc, 2, issued);
        db_exec(doc);
        int64_t doc_id = db_last_id(db);
        dv_stmt *ins = db_prepare(db,
            "INSERT INTO tasks (title, source_kind, source_id, assigner_unit_id, lead_unit_id, product_kind, assigned_on,"
            " deadline_original, deadline, done_on, confirmed_on, state) VALUES ('Nhiệm vụ', 'document', ?1, ?2, ?3, 'document',"
            " ?4, ?5, ?6, ?7, ?8, ?9)");
        for (size_t u = 0; u < n; u++) {
            int k = 2 + (rnd(&seed) % 4 == 0);
            for (int j = 0; j < k; j++) {
                int span = 30 + (int)(rnd(&seed) % 150), r = (int)(rnd(&seed) % 100);
                add_days(2016, 1, 10, day0 + span, dl);
                int has = r < 85, late = r >= 65;
                add_days(2016, 1, 10, day0 + (late ? span + 5 + r : span - 10 - r % 20), done);
                add_days(2016, 1, 10, day0 + (late ? span + 8 + r : span - 5 - r % 20), conf);
                if (has && strcmp(conf, "2026-12-03") > 0) has = 0;
                db_bind_int(ins, 1, doc_id);
                db_bind_int(ins, 2, province);
                db_bind_int(ins, 3, ids[u]);
                db_bind_text(ins, 4, issued);
                db_bind_text(ins, 5, dl);
                db_bind_text(ins, 6, dl);
                db_bind_text(ins, 7, has ? done : NULL);
                db_bind_text(ins, 8, has ? conf : NULL);
                db_bind_text(ins, 9, has ? "confirmed" : "open");
                db_exec(ins);
                ntask++;
            }
        }
        db_commit(db);
    }
    /* completions of the confirmed tasks, some returned first, some deadlines moved */
    int rc = exec(db,
        "BEGIN; INSERT INTO task_completions (task_id, submitted_on, decision, decided_on, evidence_link)"
        " SELECT id, done_on, 'confirmed', confirmed_on, 'https://example.org' FROM tasks WHERE done_on IS NOT NULL;"
        "INSERT INTO task_completions (task_id, submitted_on, decision, decided_on, evidence_link)"
        " SELECT id, date(done_on, '-10 days'), 'returned', date(done_on, '-8 days'), 'https://example.org'"
        " FROM tasks WHERE done_on IS NOT NULL AND id % 37 = 0;"
        "INSERT INTO task_deadline_changes (task_id, old_deadline, new_deadline, changed_on, reason)"
        " SELECT id, deadline_original, date(deadline_original, '+30 days'), date(deadline_original, '-5 days'), 'lùi hạn'"
        " FROM tasks WHERE id % 53 = 0;"
        "UPDATE tasks SET deadline = date(deadline_original, '+30 days') WHERE id % 53 = 0; COMMIT;");
    printf("  generated %ld tasks over %zu units and 60 documents\n", ntask, n);
    free(ids);
    return rc;
}

/* The plain way: one GROUP BY over the tasks' own columns for the subtree's units. */
static const char *SQL_PLAIN =
    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION SELECT l.child_id FROM unit_links l JOIN sub ON l.parent_id = sub.id"
    " WHERE l.valid_to IS NULL)"
    " SELECT t.lead_unit_id, sum(t.confirmed_on <= ?2 AND t.done_on <= t.deadline), sum(t.confirmed_on <= ?2 AND t.done_on > t.deadline),"
    " sum((t.confirmed_on IS NULL OR t.confirmed_on > ?2) AND ?2 <= t.deadline), sum((t.confirmed_on IS NULL OR t.confirmed_on > ?2) AND ?2 > t.deadline)"
    " FROM tasks t WHERE t.assigned_on <= ?2 AND (?1 = 0 OR t.lead_unit_id IN (SELECT id FROM sub)) GROUP BY t.lead_unit_id";

static double plain(dv_db *db, int64_t root, const char *as_of, long *total)
{
    double t0 = now_ms();
    dv_stmt *st = db_prepare(db, SQL_PLAIN);
    db_bind_int(st, 1, root);
    db_bind_text(st, 2, as_of);
    *total = 0;
    while (db_step(st) == DB_ROW)
        for (int i = 1; i <= 4; i++) *total += db_col_int(st, i);
    db_done(st);
    return now_ms() - t0;
}

static void measure(dv_db *db, const char *name, int64_t root, const char *as_of)
{
    dv_arena *a = arena_new();
    struct board b;
    board_cache_clear();
    double t0 = now_ms();
    board_compute(db, a, root, as_of, 0, &b);
    double cold = now_ms() - t0;
    /* a second date on the loaded histories: a new date computed from memory */
    double w = 1e9;
    for (int i = 0; i < 5; i++) {
        t0 = now_ms();
        board_compute(db, a, root, as_of, 0, &b);
        double x = now_ms() - t0;
        if (x < w) w = x;
    }
    long pt = 0;
    double p = 1e9;
    for (int i = 0; i < 3; i++) {
        double x = plain(db, root, as_of, &pt);
        if (x < p) p = x;
    }
    printf("  %-10s as of %s: %7ld tasks  cold %8.1f ms  warm %6.2f ms  | plain SQLite GROUP BY %8.1f ms (%ld)"
           "  ratio plain/warm %6.0fx, plain/cold %4.1fx\n",
           name, as_of, b.total.total, cold, w, p, pt, p / (w > 0.001 ? w : 0.001), p / cold);
    printf("RESULT board %s %s cold=%.2f warm=%.3f plain=%.2f\n", name, as_of, cold, w, p);
    arena_free(a);
}

/* The page's chart: the subtree's totals at 12 month ends, on the loaded histories. */
static void chart_dates(dv_db *db, int64_t root)
{
    static const char *const d[12] = {"2025-12-31", "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31",
                                      "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30"};
    dv_arena *a = arena_new();
    struct task_tally t[12];
    double t0 = now_ms();
    board_series(db, a, root, d, 12, 0, t);
    printf("  the page's chart (12 month ends, %s) with the histories loaded: %.1f ms\n", root ? "province" : "nation", now_ms() - t0);
    arena_free(a);
}

/* The nation's load alone (the part of a cold board that reads the store). */
static void load_alone(dv_db *db)
{
    struct board_data d;
    double t0 = now_ms();
    board_store_load(db, NULL, 0, 0, &d);
    printf("  the nation's tasks read from the store: %.1f ms (%zu tasks, %zu with a moved deadline or a return)\n",
           now_ms() - t0, d.n, d.n_cx);
    board_data_free(&d);
}

static void date_cold(dv_db *db, int64_t root, const char *as_of)
{
    dv_arena *a = arena_new();
    struct board b;
    double t0 = now_ms();
    board_compute(db, a, root, as_of, 0, &b);
    printf("  a new date (%s) with the histories loaded: %.1f ms\n", as_of, now_ms() - t0);
    arena_free(a);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *tsv = "data/vn-admin-units-2025.tsv";
    int gen = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--db") && i + 1 < argc) path = argv[++i];
        else if (!strcmp(argv[i], "--tsv") && i + 1 < argc) tsv = argv[++i];
        else if (!strcmp(argv[i], "--gen")) gen = 1;
    }
    if (!path) {
        fprintf(stderr, "usage: bench_directive --db PATH [--gen] [--tsv FILE]\n");
        return 2;
    }
    struct db_options o = {.path = path, .busy_ms = 5000};
    dv_db *db;
    if (db_open(&o, &db) || db_migrate(db)) return 1;
    if (gen) {
        double t0 = now_ms();
        char err[256] = "";
        exec(db, "PRAGMA synchronous=OFF");
        if (unit_import_tsv(db, tsv, 0, NULL, err, sizeof err) || gen_bodies(db) || gen_tasks(db, 10)) {
            fprintf(stderr, "generation failed: %s\n", err);
            return 1;
        }
        unit_tree_invalidate();
        printf("  generation: %.1f s\n", (now_ms() - t0) / 1e3);
        db_close(db);
        return 0;
    }
    int64_t province = 0;
    dv_stmt *st = db_prepare(db, "SELECT id FROM units WHERE type = 'province' AND code = '01'");
    if (db_step(st) == DB_ROW) province = db_col_int(st, 0);
    db_done(st);
    measure(db, "province", province, "2026-12-03");
    measure(db, "province", province, "2020-06-30");
    measure(db, "nation", 0, "2026-12-03");
    measure(db, "nation", 0, "2020-06-30");
    date_cold(db, 0, "2019-03-31");
    chart_dates(db, 0);
    load_alone(db);
    db_close(db);
    return 0;
}
