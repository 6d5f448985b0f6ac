/* test_access.c - the access rules of access.c for every role against a real store:
 * admin everything, staff their subtree (and only officer/editor/viewer accounts), officers
 * their own unit, viewers/editors read their scope; audit and unit editing for admins. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "org/access.h"
#include "org_fixture.h"

static struct dv_user mk(enum dv_role role, int64_t unit, int64_t scope)
{
    struct dv_user u = {.id = 1, .username = "t", .full_name = "T", .unit_id = unit,
                        .scope_unit_id = scope, .role = role, .lang = "vi"};
    return u;
}

static void admin_everything(void **state)
{
    struct fx *f = *state;
    struct dv_user u = mk(ROLE_ADMIN, f->C, f->P);
    assert_int_equal(access_can_view_unit(f->db, &u, f->Q), 1);
    assert_int_equal(access_can_view_unit(f->db, &u, f->A), 1);
    assert_int_equal(access_can_edit_units(&u), 1);
    assert_int_equal(access_can_read_audit(&u), 1);
    assert_int_equal(access_can_manage_account(f->db, &u, f->Q, ROLE_ADMIN), 1);
    assert_int_equal(access_can_manage_account(f->db, &u, f->A, ROLE_STAFF), 1);
}

static void staff_subtree(void **state)
{
    struct fx *f = *state;
    struct dv_user u = mk(ROLE_STAFF, f->C, f->P);
    assert_int_equal(access_can_view_unit(f->db, &u, f->P), 1);
    assert_int_equal(access_can_view_unit(f->db, &u, f->A), 1);
    assert_int_equal(access_can_view_unit(f->db, &u, f->D), 1);
    assert_int_equal(access_can_view_unit(f->db, &u, f->Q), 0);
    assert_int_equal(access_can_edit_units(&u), 0);
    assert_int_equal(access_can_read_audit(&u), 0);
    assert_int_equal(access_can_manage_account(f->db, &u, f->A, ROLE_OFFICER), 1);
    assert_int_equal(access_can_manage_account(f->db, &u, f->D, ROLE_VIEWER), 1);
    assert_int_equal(access_can_manage_account(f->db, &u, f->C, ROLE_EDITOR), 1);
    /* never admin or staff, never outside the subtree */
    assert_int_equal(access_can_manage_account(f->db, &u, f->A, ROLE_ADMIN), 0);
    assert_int_equal(access_can_manage_account(f->db, &u, f->A, ROLE_STAFF), 0);
    assert_int_equal(access_can_manage_account(f->db, &u, f->Q, ROLE_OFFICER), 0);
}

static void staff_of_a_smaller_scope(void **state)
{
    struct fx *f = *state;
    struct dv_user u = mk(ROLE_STAFF, f->C, f->C);
    assert_int_equal(access_can_view_unit(f->db, &u, f->D), 1);
    assert_int_equal(access_can_view_unit(f->db, &u, f->A), 0);
    assert_int_equal(access_can_view_unit(f->db, &u, f->P), 0);
    assert_int_equal(access_can_manage_account(f->db, &u, f->A, ROLE_OFFICER), 0);
}

static void officer_own_unit_only(void **state)
{
    struct fx *f = *state;
    struct dv_user u = mk(ROLE_OFFICER, f->A, f->A);
    assert_int_equal(access_can_view_unit(f->db, &u, f->A), 1);
    assert_int_equal(access_can_view_unit(f->db, &u, f->B), 0); /* commune A refused commune B */
    assert_int_equal(access_can_view_unit(f->db, &u, f->P), 0); /* ... and the province */
    assert_int_equal(access_can_view_unit(f->db, &u, f->Q), 0);
    assert_int_equal(access_can_edit_units(&u), 0);
    assert_int_equal(access_can_read_audit(&u), 0);
    assert_int_equal(access_can_manage_account(f->db, &u, f->A, ROLE_VIEWER), 0);
}

static void officer_of_a_unit_with_children(void **state)
{
    struct fx *f = *state;
    struct dv_user u = mk(ROLE_OFFICER, f->C, f->C);
    assert_int_equal(access_can_view_unit(f->db, &u, f->D), 1);
    assert_int_equal(access_can_view_unit(f->db, &u, f->P), 0);
}

static void viewer_and_editor_read_scope(void **state)
{
    struct fx *f = *state;
    enum dv_role roles[] = {ROLE_VIEWER, ROLE_EDITOR};
    for (size_t i = 0; i < 2; i++) {
        struct dv_user u = mk(roles[i], f->D, f->P);
        assert_int_equal(access_can_view_unit(f->db, &u, f->B), 1);
        assert_int_equal(access_can_view_unit(f->db, &u, f->Q), 0);
        assert_int_equal(access_can_edit_units(&u), 0);
        assert_int_equal(access_can_read_audit(&u), 0);
        assert_int_equal(access_can_manage_account(f->db, &u, f->B, ROLE_VIEWER), 0);
    }
}

static void nobody_and_disabled(void **state)
{
    struct fx *f = *state;
    assert_int_equal(access_can_view_unit(f->db, NULL, f->A), 0);
    assert_int_equal(access_can_edit_units(NULL), 0);
    assert_int_equal(access_can_read_audit(NULL), 0);
    struct dv_user u = mk(ROLE_ADMIN, f->C, f->P);
    u.disabled = 1;
    assert_int_equal(access_can_view_unit(f->db, &u, f->A), 0);
    assert_int_equal(access_can_manage_account(f->db, &u, f->A, ROLE_VIEWER), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(admin_everything, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(staff_subtree, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(staff_of_a_smaller_scope, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(officer_own_unit_only, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(officer_of_a_unit_with_children, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(viewer_and_editor_read_scope, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(nobody_and_disabled, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
