/* test_fts_vi.c - the "vi" FTS5 tokenizer: case, diacritics and đ/Đ/ð/Ð folded on both
 * sides of MATCH, highlight() marks the original text, and queries made from hostile input
 * by search_fts_query() never make FTS5 fail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "db/db.h"
#include "portal/search.h"
#include "temp_store.h"

struct fx {
    char dir[64], path[96];
    dv_db *db;
    dv_arena *a;
};

static const char *ROWS[] = {
    "Dân vận khéo",                 /* 1 */
    "Đà Nẵng",                      /* 2 */
    "DÂN VẬN",                      /* 3 */
    "Công tác dân vận của hệ thống chính trị", /* 4 */
    "Văn hóa Đà Lạt",               /* 5 */
    "Ban Thường vụ Tỉnh ủy",        /* 6 */
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);
    unsetenv("DANVAN_TEST_PG"); /* the SQLite tokenizer itself: PostgreSQL search is test_search */
    if (TEMP_STORE_OPEN(f, "fts", 0)) return -1;
    if (db_exec_script(f->db, "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='vi')") != 0) return -1;
    for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
        dv_stmt *st = db_prepare(f->db, "INSERT INTO t(rowid, x) VALUES (?1, ?2)");
        db_bind_int(st, 1, (int64_t)i + 1);
        db_bind_text(st, 2, ROWS[i]);
        if (db_exec(st) != 0) return -1;
    }
    f->a = arena_new();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    db_close(f->db);
    TEMP_STORE_REMOVE(f);
    arena_free(f->a);
    free(f);
    return 0;
}

/* The rowids matching an FTS5 query, as "1,3,4" (ascending); "ERR" when FTS5 fails. */
static const char *ids(struct fx *f, const char *match)
{
    static char out[128];
    out[0] = '\0';
    dv_stmt *st = db_prepare(f->db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid");
    assert_non_null(st);
    db_bind_text(st, 1, match);
    int rc;
    while ((rc = db_step(st)) == DB_ROW) {
        size_t l = strlen(out);
        snprintf(out + l, sizeof out - l, "%s%lld", l ? "," : "", (long long)db_col_int(st, 0));
    }
    db_done(st);
    if (rc < 0) return "ERR";
    return out;
}

static void test_case_and_diacritics(void **state)
{
    struct fx *f = *state;
    assert_string_equal(ids(f, "dan van"), "1,3,4");
    assert_string_equal(ids(f, "Dân Vận"), "1,3,4");
    assert_string_equal(ids(f, "DÂN VẬN"), "1,3,4");
    assert_string_equal(ids(f, "dân vận"), "1,3,4");
    assert_string_equal(ids(f, "\"dan van\""), "1,3,4");
    /* NFD input folds the same way */
    assert_string_equal(ids(f, "Da\xCC\x82n va\xCC\xA3\xCC\x82n"), "1,3,4");
    assert_string_equal(ids(f, "he thong chinh tri"), "4");
    assert_string_equal(ids(f, "tinh uy"), "6");
    assert_string_equal(ids(f, "van"), "1,3,4,5");
}

static void test_d_stroke(void **state)
{
    struct fx *f = *state;
    assert_string_equal(ids(f, "da nang"), "2");
    assert_string_equal(ids(f, "đà nẵng"), "2");
    assert_string_equal(ids(f, "ĐÀ NẴNG"), "2");
    assert_string_equal(ids(f, "DA NANG"), "2");
    assert_string_equal(ids(f, "da"), "2,5");
    assert_string_equal(ids(f, "da lat"), "5");
    /* the look-alikes ð / Ð (Icelandic eth), often typed for đ / Đ */
    assert_string_equal(ids(f, "ðà nẵng"), "2");
    assert_string_equal(ids(f, "ÐÀ NẴNG"), "2");
    /* prefix queries go through the tokenizer too */
    assert_string_equal(ids(f, "đ*"), "1,2,3,4,5");
    assert_string_equal(ids(f, "đà n*"), "2");
}

static void test_long_token(void **state)
{
    struct fx *f = *state;
    char lng[600], query[400];
    size_t o = 0, q = 0;
    for (int i = 0; i < 150; i++) {   /* "đĐ" × 150: longer than the tokenizer's stack buffer */
        memcpy(lng + o, i % 2 ? "\xC4\x90" : "\xC4\x91", 2);
        o += 2;
        query[q++] = 'd';
    }
    lng[o] = '\0';
    query[q] = '\0';
    dv_stmt *st = db_prepare(f->db, "INSERT INTO t(rowid, x) VALUES (?1, ?2)");
    db_bind_int(st, 1, 99);
    db_bind_text(st, 2, lng);
    assert_int_equal(db_exec(st), 0);
    assert_string_equal(ids(f, query), "99");
    st = db_prepare(f->db, "DELETE FROM t WHERE rowid = 99");
    assert_int_equal(db_exec(st), 0);
}

static void test_highlight_marks_original(void **state)
{
    struct fx *f = *state;
    dv_stmt *st = db_prepare(f->db, "SELECT highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rowid");
    db_bind_text(st, 1, "dan van");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "[Dân] [vận] khéo");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "[DÂN] [VẬN]");
    db_done(st);

    db_bind_text(st, 1, "da nang");
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "[Đà] [Nẵng]");
    db_done(st);
}

static void test_hostile_queries(void **state)
{
    struct fx *f = *state;
    static const char *inputs[] = {
        "AND", "OR", "NOT", "dan AND van", "dan OR", "NEAR(", "NEAR(dan van", "*", "dan*", ":", "x:dan",
        "\"", "\"dan", "dan\"", "\"\"\"", "(", ")", "dan)", "^dan", "-dan", "+", "{x}: dan", "'", "\\",
        "<script>alert(1)</script>", "dan van khéo AND NOT OR NEAR ( ) * : \" ^",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        const char *q = search_fts_query(f->a, inputs[i]);
        if (!q) continue; /* no searchable term: nothing is run */
        const char *r = ids(f, q);
        if (strcmp(r, "ERR") == 0) fail_msg("input %s → FTS5 query %s failed", inputs[i], q);
    }
    /* keywords are searched as words, not operators */
    assert_string_equal(ids(f, search_fts_query(f->a, "dan AND van")), "");
    assert_string_equal(ids(f, search_fts_query(f->a, "\"dan van\"")), "1,3,4");
    assert_string_equal(ids(f, search_fts_query(f->a, "x:dan van")), "");
}

static void test_fts_query_building(void **state)
{
    struct fx *f = *state;
    assert_null(search_fts_query(f->a, NULL));
    assert_null(search_fts_query(f->a, ""));
    assert_null(search_fts_query(f->a, "   \t "));
    assert_null(search_fts_query(f->a, "* : ( ) \" -"));
    assert_null(search_fts_query(f->a, "bad \xC3 utf8"));
    assert_string_equal(search_fts_query(f->a, "Dân vận"), "\"Dân\" \"vận\"*");
    assert_string_equal(search_fts_query(f->a, "  say \"hi\" "), "\"say\" \"\"\"hi\"\"\"*");
    /* at most 10 terms */
    assert_string_equal(search_fts_query(f->a, "a b c d e f g h i j k l"),
                        "\"a\" \"b\" \"c\" \"d\" \"e\" \"f\" \"g\" \"h\" \"i\" \"j\"*");
    /* prefix: "dan va" finds the rows with van/vận */
    assert_string_equal(ids(f, search_fts_query(f->a, "dan va")), "1,3,4");
    assert_string_equal(ids(f, search_fts_query(f->a, "DA NA")), "2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_case_and_diacritics, setup, teardown),
        cmocka_unit_test_setup_teardown(test_d_stroke, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_token, setup, teardown),
        cmocka_unit_test_setup_teardown(test_highlight_marks_original, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_queries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fts_query_building, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
