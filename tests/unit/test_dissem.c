/* test_dissem.c - dissemination sessions and cadres on a real store (org_fixture.h's tree):
 * the attendance rate as people read it, a cadre's history and the cadre of a unit as of
 * any date (a new assignment ends the open one the day before; overlaps refused), the
 * units without a cadre on a date, and the pre-fill sources' values and derivations
 * (report/prefill.h), including a correction kept with a report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/i18n.h"
#include "directive/cadre.h"
#include "directive/session.h"
#include "org_fixture.h"
#include "report/prefill.h"

static void test_rate_text(void **state)
{
    (void)state;
    dv_arena *a = arena_new();
    assert_string_equal(dissem_rate_text(a, 35599, 35900, "vi"), "35.599/35.900 = 99,16%");
    assert_string_equal(dissem_rate_text(a, 35599, 35900, "en"), "35,599/35,900 = 99.16%");
    assert_string_equal(dissem_rate_text(a, 12, 12, "vi"), "12/12 = 100,00%");
    assert_string_equal(dissem_rate_text(a, 0, 0, "vi"), "0/0");
    assert_true(dissem_rate(2, 3) > 66.66 && dissem_rate(2, 3) < 66.68);
    assert_true(dissem_rate(5, 0) == 0);
    arena_free(a);
}

static struct cadre_input cadre_in(const char *name, const char *from, const char *until)
{
    return (struct cadre_input){name, "Phó Bí thư", NULL, "12-QĐ/ĐU", from, from, until, NULL};
}

static void test_cadre_history(void **state)
{
    struct fx *f = *state;
    struct cadre_input a1 = cadre_in("Nguyễn Văn An", "2025-07-01", NULL);
    int64_t first = 0, second = 0, ended = -1;
    assert_int_equal(cadre_add(f->db, NULL, NULL, f->A, &a1, &first, &ended), 0);
    assert_int_equal(ended, 0);
    /* the next one ends the open one the day before it starts */
    struct cadre_input a2 = cadre_in("Trần Thị Bình", "2026-01-05", NULL);
    assert_int_equal(cadre_add(f->db, NULL, NULL, f->A, &a2, &second, &ended), 0);
    assert_int_equal(ended, first);
    struct cadre c;
    assert_int_equal(cadre_get(f->db, f->a, first, &c), 0);
    assert_string_equal(c.valid_until, "2026-01-04");
    /* as of a date: before, during, at the edges, after the handover */
    assert_int_equal(cadre_on(f->db, f->a, f->A, "2025-06-30", &c), DV_ENOTFOUND);
    assert_int_equal(cadre_on(f->db, f->a, f->A, "2025-07-01", &c), 0);
    assert_string_equal(c.full_name, "Nguyễn Văn An");
    assert_int_equal(cadre_on(f->db, f->a, f->A, "2026-01-04", &c), 0);
    assert_string_equal(c.full_name, "Nguyễn Văn An");
    assert_int_equal(cadre_on(f->db, f->a, f->A, "2026-01-05", &c), 0);
    assert_string_equal(c.full_name, "Trần Thị Bình");
    /* an assignment inside the first one's days is refused; the history is unchanged */
    struct cadre_input bad = cadre_in("Lê Văn Cường", "2025-08-01", "2025-09-01");
    assert_int_equal(cadre_add(f->db, NULL, NULL, f->A, &bad, NULL, NULL), DV_ECONFLICT);
    struct cadre_input rev = cadre_in("Lê Văn Cường", "2025-08-01", "2025-07-01");
    assert_int_equal(cadre_add(f->db, NULL, NULL, f->B, &rev, NULL, NULL), DV_EINVAL);
    struct cadre *all;
    size_t n;
    assert_int_equal(cadre_list_unit(f->db, f->a, f->A, &all, &n), 0);
    assert_int_equal(n, 2);
    assert_string_equal(all[0].full_name, "Trần Thị Bình"); /* newest first */
    /* ending it: no cadre after its last day */
    assert_int_equal(cadre_end(f->db, NULL, NULL, second, "2026-06-30"), 0);
    assert_int_equal(cadre_on(f->db, f->a, f->A, "2026-07-01", &c), DV_ENOTFOUND);
    assert_int_equal(cadre_end(f->db, NULL, NULL, second, "2025-12-31"), DV_EINVAL); /* before it began */
}

static void test_coverage_and_prefill(void **state)
{
    struct fx *f = *state;
    cadre_prefill_register();
    dissem_prefill_register();
    struct cadre_input a = cadre_in("Nguyễn Văn An", "2025-07-01", NULL);
    struct cadre_input c = cadre_in("Võ Thị Hạnh", "2025-10-01", NULL);
    assert_int_equal(cadre_add(f->db, NULL, NULL, f->A, &a, NULL, NULL), 0);
    assert_int_equal(cadre_add(f->db, NULL, NULL, f->C, &c, NULL, NULL), 0);
    struct cadre_coverage_row *rows;
    size_t n;
    assert_int_equal(cadre_coverage(f->db, f->a, f->P, "2025-12-31", &rows, &n), 0);
    assert_int_equal(n, 5); /* P, A, B, C, D: not Q */
    size_t with = 0;
    for (size_t i = 0; i < n; i++) with += rows[i].cadre.id != 0;
    assert_int_equal(with, 2);
    assert_int_equal(cadre_coverage(f->db, f->a, f->P, "2025-09-30", &rows, &n), 0);
    with = 0;
    for (size_t i = 0; i < n; i++) with += rows[i].cadre.id != 0;
    assert_int_equal(with, 1); /* C's cadre starts in October */

    double v = -1;
    const char *how = NULL;
    i18n_use("vi");
    assert_int_equal(report_prefill_compute(f->db, f->a, "directive.cadres_assigned", f->P, "2025-07-01", "2025-12-31",
                                            &v, &how), 0);
    assert_true(v == 2);
    assert_true(strstr(how, "2/5") || strstr(how, "2 of 5")); /* the catalogue may not be built in */
    assert_non_null(strstr(how, "31/12/2025"));
    assert_non_null(strstr(how, "Xã B")); /* named as without one */
    assert_int_equal(report_prefill_compute(f->db, f->a, "no.such.source", f->P, "2025-07-01", "2025-12-31", &v, &how),
                     DV_ENOTFOUND);

    /* sessions of A and D in the half-year, one of B outside it */
    static const char *const pts[] = {"Điểm cầu xã A", "Điểm cầu ấp 3"};
    struct dissem_input s1 = {0, "23-QĐ/TW", "2025-09-10", "Hội trường xã A", "online", 0, NULL,
                              {{1, 100, 98}, {1, 20, 20}, {0, 0, 0}}, pts, 2, NULL, 0};
    struct dissem_input s2 = {0, "23-QĐ/TW", "2025-11-02", "Phòng D", "in_person", 0, NULL,
                              {{0, 0, 0}, {1, 10, 9}, {1, 5, 5}}, NULL, 0, NULL, 0};
    struct dissem_input s3 = {0, "23-QĐ/TW", "2026-02-01", "Xã B", "in_person", 0, NULL,
                              {{1, 50, 50}, {0, 0, 0}, {0, 0, 0}}, NULL, 0, NULL, 0};
    int64_t id1 = 0;
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->A, &s1, &id1), 0);
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->D, &s2, NULL), 0);
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->B, &s3, NULL), 0);
    assert_int_equal(report_prefill_compute(f->db, f->a, "directive.sessions", f->P, "2025-07-01", "2025-12-31", &v,
                                            &how), 0);
    assert_true(v == 2);
    assert_non_null(strstr(how, "10/09/2025 Xã A"));
    assert_int_equal(report_prefill_compute(f->db, f->a, "directive.participants", f->P, "2025-07-01", "2025-12-31",
                                            &v, &how), 0);
    assert_true(v == 132); /* 98 + 20 + 9 + 5 */
    assert_non_null(strstr(how, "132/135 = 97,78%"));
    /* a commune's own report counts its own sessions only */
    assert_int_equal(report_prefill_compute(f->db, f->a, "directive.sessions", f->B, "2025-07-01", "2025-12-31", &v,
                                            &how), 0);
    assert_true(v == 0);
    assert_int_equal(report_prefill_compute(f->db, f->a, "directive.concretizing_docs", f->P, "2025-07-01",
                                            "2025-12-31", &v, &how), 0);
    assert_true(v == 0);

    /* the session as stored: groups, bridge points */
    struct dissem_session got;
    assert_int_equal(dissem_session_get(f->db, f->a, id1, &got), 0);
    assert_int_equal(got.expected, 120);
    assert_int_equal(got.attended, 118);
    assert_int_equal(got.npoints, 2);
    assert_string_equal(got.points[1], "Điểm cầu ấp 3");
    assert_false(got.groups[SG_OTHER].recorded);
}

static void test_session_refusals(void **state)
{
    struct fx *f = *state;
    struct dissem_input more = {0, "23-QĐ/TW", "2025-09-10", "Xã A", "in_person", 0, NULL,
                                {{1, 10, 11}, {0, 0, 0}, {0, 0, 0}}, NULL, 0, NULL, 0};
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->A, &more, NULL), DV_EINVAL);
    struct dissem_input online = {0, "23-QĐ/TW", "2025-09-10", "Xã A", "online", 0, NULL,
                                  {{1, 10, 10}, {0, 0, 0}, {0, 0, 0}}, NULL, 0, NULL, 0};
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->A, &online, NULL), DV_EINVAL);
    struct dissem_input ok = {0, "23-QĐ/TW", "2025-09-10", "Xã A", "in_person", 0, NULL,
                              {{1, 10, 8}, {0, 0, 0}, {0, 0, 0}}, NULL, 0, NULL, 0};
    int64_t first = 0;
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->A, &ok, &first), 0);
    /* a make-up session: of the same unit, not earlier than the session it makes up */
    struct dissem_input mk = ok;
    mk.makeup_of = first;
    mk.held_on = "2025-09-20";
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->B, &mk, NULL), DV_EINVAL);
    mk.held_on = "2025-09-01";
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->A, &mk, NULL), DV_EINVAL);
    mk.held_on = "2025-09-20";
    int64_t second = 0;
    assert_int_equal(dissem_session_create(f->db, NULL, NULL, f->A, &mk, &second), 0);
    struct dissem_session got;
    assert_int_equal(dissem_session_get(f->db, f->a, first, &got), 0);
    assert_int_equal(got.nmakeups, 1);
    assert_int_equal(got.makeups[0], second);
    mk.makeup_of = second;
    assert_int_equal(dissem_session_update(f->db, NULL, NULL, second, &mk), DV_EINVAL); /* itself */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rate_text),
        cmocka_unit_test_setup_teardown(test_cadre_history, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_coverage_and_prefill, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_session_refusals, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
