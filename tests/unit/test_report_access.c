/* test_report_access.c - the reporting area's access questions (report_access.c) for every
 * role against a real store: acting for a unit, reviewing for a receiver, managing regimes and
 * category sets. Regression (issue 17): the management and review questions answered yes to
 * roles that may not manage (a viewer "managed" a category set of their scope) and to
 * disabled accounts; only the handlers' own role check stood in between. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report/report_access.h"
#include "org_fixture.h"

static struct dv_user mk(enum dv_role role, int64_t unit, int64_t scope)
{
    struct dv_user u = {.id = 1, .username = "t", .full_name = "T", .unit_id = unit,
                        .scope_unit_id = scope, .role = role, .lang = "vi"};
    return u;
}

static void staff_manage_their_subtree(void **state)
{
    struct fx *f = *state;
    struct dv_user u = mk(ROLE_STAFF, f->C, f->C);
    assert_int_equal(report_can_manage_regime(f->db, &u, f->D), 1);
    assert_int_equal(report_can_manage_regime(f->db, &u, f->A), 0);
    assert_int_equal(report_can_manage_category_set(f->db, &u, f->C), 1);
    assert_int_equal(report_can_manage_category_set(f->db, &u, f->Q), 0);
    assert_int_equal(report_access_act_for(f->db, &u, f->D), 1);
    assert_int_equal(report_access_reviews(f->db, &u, f->P), 0);
}

static void other_roles_manage_nothing(void **state)
{
    struct fx *f = *state;
    const enum dv_role roles[] = {ROLE_OFFICER, ROLE_EDITOR, ROLE_VIEWER, ROLE_CONTRIBUTOR};
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
        struct dv_user u = mk(roles[i], f->C, f->C);
        assert_int_equal(report_can_manage_category_set(f->db, &u, f->C), 0);
        assert_int_equal(report_can_manage_category_set(f->db, &u, f->D), 0);
        assert_int_equal(report_can_manage_regime(f->db, &u, f->C), 0);
        assert_int_equal(report_can_review_reports(&u), 0);
        assert_int_equal(report_access_reviews(f->db, &u, f->C), 0);
    }
    struct dv_user o = mk(ROLE_OFFICER, f->C, f->C);
    assert_int_equal(report_access_act_for(f->db, &o, f->C), 1);
    assert_int_equal(report_access_act_for(f->db, &o, f->D), 0); /* their own unit only */
}

static void disabled_accounts_nothing(void **state)
{
    struct fx *f = *state;
    const enum dv_role roles[] = {ROLE_ADMIN, ROLE_STAFF};
    for (size_t i = 0; i < 2; i++) {
        struct dv_user u = mk(roles[i], f->C, f->P);
        u.disabled = 1;
        assert_int_equal(report_can_manage_regime(f->db, &u, f->C), 0);
        assert_int_equal(report_can_manage_category_set(f->db, &u, f->C), 0);
        assert_int_equal(report_can_review_reports(&u), 0);
        assert_int_equal(report_access_act_for(f->db, &u, f->C), 0);
    }
    assert_int_equal(report_can_manage_category_set(f->db, NULL, f->C), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(staff_manage_their_subtree, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(other_roles_manage_nothing, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(disabled_accounts_nothing, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
