/* test_citizen.c - src/citizen: working-day arithmetic over the seeded holiday calendar
 * (Tết 2025, 2026 and 2027, swapped Saturdays, weekends), the petition's state moves, the
 * tracking codes, and the store: a submission's deadlines, the rate limits and duplicates,
 * a second reviewer's approval, the reopening, and access to another commune's petition
 * (a real SQLite store with the org fixture's tree: province P, communes A and B). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "citizen/citizen_access.h"
#include "citizen/petition.h"
#include "citizen/workday.h"
#include "core/clock.h"
#include "core/err.h"
#include "org_fixture.h"

static long D(int y, int m, int d)
{
    return clock_days_from_civil(y, m, d);
}

static void assert_day(long got, int y, int m, int d)
{
    int gy, gm, gd;
    clock_civil_from_days(got, &gy, &gm, &gd);
    if (gy != y || gm != m || gd != d) fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", gy, gm, gd, y, m, d);
}

static void test_weekends_only(void **state)
{
    (void)state;
    struct work_cal none = {0};
    assert_true(workday_is_working(&none, D(2025, 12, 5)));   /* Friday */
    assert_false(workday_is_working(&none, D(2025, 12, 6)));  /* Saturday */
    assert_false(workday_is_working(&none, D(2025, 12, 7)));  /* Sunday */
    assert_day(workday_add(&none, D(2025, 12, 5), 1), 2025, 12, 8);
    assert_day(workday_add(&none, D(2025, 12, 6), 1), 2025, 12, 8);
    assert_day(workday_add(&none, D(2025, 12, 1), 10), 2025, 12, 15);
    assert_int_equal(workday_between(&none, D(2025, 12, 5), D(2025, 12, 12)), 5);
    assert_int_equal(workday_between(&none, D(2025, 12, 12), D(2025, 12, 5)), 0);
    assert_day(workday_add(&none, D(2025, 12, 5), 0), 2025, 12, 5);
    long day;
    assert_int_equal(workday_parse("2026-02-30", &day), -1);
    assert_int_equal(workday_parse("2026-2-3", &day), 0);
    assert_int_equal(workday_parse("x", &day), -1);
}

/* The seeded calendar (0023_citizen.sql), read from a migrated store. */
static void test_tet_and_swaps(void **state)
{
    struct fx *f = *state;
    struct work_cal cal;
    assert_int_equal(citizen_calendar_load(f->db, f->a, &cal), DV_OK);
    assert_true(cal.nholidays >= 30);
    /* Tết Ất Tỵ: Mon 27/01 – Fri 31/01/2025 off */
    assert_day(workday_add(&cal, D(2025, 1, 24), 1), 2025, 2, 3);
    assert_false(workday_is_working(&cal, D(2025, 1, 29)));
    /* Tết Bính Ngọ: 16–20/02/2026 off; 10 working days from Fri 13/02 */
    assert_day(workday_add(&cal, D(2026, 2, 13), 1), 2026, 2, 23);
    assert_day(workday_add(&cal, D(2026, 2, 13), 5), 2026, 2, 27);
    assert_day(workday_add(&cal, D(2026, 2, 13), 10), 2026, 3, 6);
    assert_int_equal(workday_between(&cal, D(2026, 2, 13), D(2026, 3, 6)), 10);
    /* Tết Đinh Mùi: 05, 08–11/02/2027 off */
    assert_day(workday_add(&cal, D(2027, 2, 4), 1), 2027, 2, 12);
    /* 30/4 – 1/5/2025 with 2/5 swapped for Saturday 26/4 */
    assert_true(workday_is_working(&cal, D(2025, 4, 26)));
    assert_day(workday_add(&cal, D(2025, 4, 25), 1), 2025, 4, 26);
    assert_day(workday_add(&cal, D(2025, 4, 25), 4), 2025, 5, 5);
    /* Quốc khánh 2025: Mon 1 and Tue 2 September */
    assert_day(workday_add(&cal, D(2025, 8, 29), 1), 2025, 9, 3);
    /* Giỗ Tổ 2026 falls on a Sunday: Monday 27/4 off */
    assert_false(workday_is_working(&cal, D(2026, 4, 27)));
    char out[11];
    assert_int_equal(workday_add_iso(&cal, "2026-02-13", 10, out), 0);
    assert_string_equal(out, "2026-03-06");
    /* the operator adds a day off: deadlines move */
    struct dv_user admin = fx_user(f, "quantri", ROLE_ADMIN);
    assert_int_equal(citizen_calendar_put(f->db, &admin, "2026-03-02", "holiday", "Nghỉ đột xuất"), DV_OK);
    assert_int_equal(citizen_calendar_load(f->db, f->a, &cal), DV_OK);
    assert_day(workday_add(&cal, D(2026, 2, 13), 10), 2026, 3, 9);
    assert_int_equal(citizen_calendar_put(f->db, &admin, "2026-03-02", "nghi", "x"), DV_EINVAL);
    assert_int_equal(citizen_calendar_delete(f->db, &admin, "2026-03-02"), DV_OK);
    assert_int_equal(citizen_calendar_delete(f->db, &admin, "2026-03-02"), DV_ENOTFOUND);
}

static void test_state_moves(void **state)
{
    (void)state;
    assert_true(petition_can_move(PS_RECEIVED, PS_CLASSIFIED));
    assert_true(petition_can_move(PS_RECEIVED, PS_TRANSFERRED));
    assert_true(petition_can_move(PS_CLASSIFIED, PS_DUPLICATE));
    assert_true(petition_can_move(PS_ASSIGNED, PS_REFUSED));
    assert_true(petition_can_move(PS_DRAFTED, PS_IN_PROGRESS));
    assert_true(petition_can_move(PS_APPROVED, PS_PUBLISHED));
    assert_false(petition_can_move(PS_RECEIVED, PS_PUBLISHED));
    assert_false(petition_can_move(PS_IN_PROGRESS, PS_APPROVED)); /* a draft first */
    assert_false(petition_can_move(PS_DRAFTED, PS_PUBLISHED));    /* an approval first */
    assert_false(petition_can_move(PS_IN_PROGRESS, PS_TRANSFERRED));
    for (int s = 0; s < PS_COUNT; s++) {
        assert_false(petition_can_move(PS_PUBLISHED, (enum petition_status)s));
        assert_false(petition_can_move(PS_REFUSED, (enum petition_status)s));
        enum petition_status back;
        assert_int_equal(petition_status_parse(petition_status_code((enum petition_status)s), &back), 0);
        assert_int_equal(back, s);
    }
    assert_true(petition_is_closed(PS_DUPLICATE));
    assert_false(petition_is_closed(PS_APPROVED));
}

static void test_codes(void **state)
{
    (void)state;
    char seen[500][PETITION_CODE_LEN + 1];
    for (int i = 0; i < 500; i++) {
        petition_code_new(seen[i]);
        assert_int_equal(strlen(seen[i]), PETITION_CODE_LEN);
        assert_memory_equal(seen[i], "KN-", 3);
        assert_int_equal(seen[i][7], '-');
        for (int k = 3; k < PETITION_CODE_LEN; k++) {
            if (k == 7) continue;
            assert_non_null(strchr(PETITION_ALPHABET, seen[i][k]));
            assert_null(strchr("0O1IL5S8BUV", seen[i][k]));
        }
        for (int j = 0; j < i; j++) assert_string_not_equal(seen[i], seen[j]);
        char back[PETITION_CODE_LEN + 1];
        assert_int_equal(petition_code_normalize(seen[i], back), 0);
        assert_string_equal(back, seen[i]);
    }
    char out[PETITION_CODE_LEN + 1];
    assert_int_equal(petition_code_normalize(" kn 7hq4 mx2p ", out), 0);
    assert_string_equal(out, "KN-7HQ4-MX2P");
    assert_int_equal(petition_code_normalize("7HQ4-MX2P", out), 0);
    assert_string_equal(out, "KN-7HQ4-MX2P");
    assert_int_equal(petition_code_normalize("KN-7HQ4-MX2O", out), DV_EINVAL); /* O is not in the alphabet */
    assert_int_equal(petition_code_normalize("KN-7HQ4", out), DV_EINVAL);
    assert_int_equal(petition_code_normalize("KN-7HQ4-MX2P-AAAA", out), DV_EINVAL);
    assert_int_equal(petition_code_normalize(NULL, out), DV_EINVAL);
}

static int64_t submit(struct fx *f, int64_t commune, const char *content, const char *phone, const char *ip,
                      enum petition_refusal *why, char code[PETITION_CODE_LEN + 1])
{
    struct petition_input in = {1, commune, content, "Nguyễn Văn A", NULL, phone, 0, ip, NULL, 0, NULL};
    int64_t id = 0;
    int rc = petition_submit(f->db, &in, code, &id, why);
    return rc == DV_OK ? id : rc;
}

static void test_store_flow(void **state)
{
    struct fx *f = *state;
    enum petition_refusal why;
    char code[PETITION_CODE_LEN + 1];
    int64_t id = submit(f, f->A, "Đường liên ấp bị sạt lở nghiêm trọng", "0913000001", "192.0.2.1", &why, code);
    assert_true(id > 0);
    struct petition p;
    assert_int_equal(petition_get(f->db, f->a, id, &p), DV_OK);
    assert_int_equal(p.status, PS_RECEIVED);
    struct work_cal cal;
    citizen_calendar_load(f->db, f->a, &cal);
    char due[11];
    workday_add_iso(&cal, p.received_day, PETITION_NOTICE_DAYS, due);
    assert_string_equal(p.notice_due, due);
    workday_add_iso(&cal, p.received_day, 30, due); /* category 1: 30 working days */
    assert_string_equal(p.answer_due, due);
    /* a duplicate, a commune that is not one */
    assert_int_equal(submit(f, f->A, "Đường liên ấp bị sạt lở   nghiêm trọng", "0913 000 001", "192.0.2.9", &why, code), DV_ECONFLICT);
    assert_int_equal(why, PR_DUPLICATE);
    assert_int_equal(submit(f, f->C, "Một nội dung khác hẳn", "0913000002", "192.0.2.9", &why, code), DV_EINVAL);

    struct dv_user staff = fx_user(f, "canbo", ROLE_STAFF), staff2 = fx_user(f, "canbo2", ROLE_STAFF);
    staff.scope_unit_id = staff2.scope_unit_id = f->P;
    struct petition_action a = {PS_ASSIGNED, 0, NULL, f->A, NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(petition_act(f->db, &staff, id, &a), DV_ECONFLICT); /* classify first */
    a = (struct petition_action){PS_CLASSIFIED, 0, "", 0, NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(petition_act(f->db, &staff, id, &a), DV_EINVAL);    /* needs a summary */
    a.summary = "Đường liên ấp sạt lở";
    assert_int_equal(petition_act(f->db, &staff, id, &a), DV_OK);
    const enum petition_status path[] = {PS_ASSIGNED, PS_IN_PROGRESS, PS_DRAFTED};
    for (size_t i = 0; i < 3; i++) {
        a = (struct petition_action){path[i], 0, NULL, f->A, "Sẽ sửa trong tháng.", NULL, NULL, NULL, NULL};
        assert_int_equal(petition_act(f->db, &staff, id, &a), DV_OK);
    }
    a = (struct petition_action){PS_APPROVED, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL};
    assert_int_equal(petition_act(f->db, &staff, id, &a), DV_EDENIED); /* its own author */
    assert_int_equal(petition_act(f->db, &staff2, id, &a), DV_OK);
    a.to = PS_PUBLISHED;
    assert_int_equal(petition_act(f->db, &staff2, id, &a), DV_OK);
    assert_int_equal(petition_get(f->db, f->a, id, &p), DV_OK);
    assert_int_equal(p.status, PS_PUBLISHED);
    assert_non_null(p.closed_on);
    int64_t n = 0;
    char today[11];
    clock_vn_today(today);
    assert_int_equal(petition_count_resolved(f->db, f->P, today, today, &n), DV_OK);
    assert_int_equal(n, 1);
    assert_int_equal(petition_count_received(f->db, f->B, today, today, &n), DV_OK);
    assert_int_equal(n, 0);
    /* the petitioner reopens it */
    assert_int_equal(petition_reopen(f->db, p.code, "", "192.0.2.1"), DV_EINVAL);
    assert_int_equal(petition_reopen(f->db, p.code, "Chưa thấy sửa.", "192.0.2.1"), DV_OK);
    assert_int_equal(petition_reopen(f->db, p.code, "Lần nữa.", "192.0.2.1"), DV_ECONFLICT);
    struct petition_event *ev;
    size_t ne;
    assert_int_equal(petition_events(f->db, f->a, id, &ev, &ne), DV_OK);
    assert_int_equal(ne, 8);
    assert_int_equal(ev[7].status, PS_IN_PROGRESS);
}

static void test_rate_and_access(void **state)
{
    struct fx *f = *state;
    enum petition_refusal why;
    char code[PETITION_CODE_LEN + 1];
    char text[64];
    int64_t last = 0;
    for (int i = 0; i < 11 && last >= 0; i++) {
        snprintf(text, sizeof text, "Kiến nghị số %d về điện chiếu sáng", i);
        char phone[16];
        snprintf(phone, sizeof phone, "09130100%02d", i);
        last = submit(f, f->B, text, phone, "192.0.2.50", &why, code);
    }
    assert_int_equal(last, DV_EBUSY); /* 10 an hour from one address (the default) */
    assert_int_equal(why, PR_RATE_IP);
    int64_t id = submit(f, f->B, "Thêm một kiến nghị từ địa chỉ khác", "0913020001", "192.0.2.51", &why, code);
    assert_true(id > 0);
    struct petition p;
    assert_int_equal(petition_get(f->db, f->a, id, &p), DV_OK);
    struct dv_user officer_a = {.id = 90, .username = "xa", .unit_id = f->A, .scope_unit_id = f->A, .role = ROLE_OFFICER};
    struct dv_user officer_b = {.id = 91, .username = "xb", .unit_id = f->B, .scope_unit_id = f->B, .role = ROLE_OFFICER};
    struct dv_user viewer = {.id = 92, .username = "v", .unit_id = f->P, .scope_unit_id = f->P, .role = ROLE_VIEWER};
    assert_int_equal(citizen_can_view_petition(f->db, &officer_a, &p), 0);
    assert_int_equal(citizen_can_view_petition(f->db, &officer_b, &p), 1);
    assert_int_equal(citizen_can_handle_petition(f->db, &officer_b, &p), 1);
    assert_int_equal(citizen_can_review_petition(f->db, &officer_b, &p), 0);
    assert_int_equal(citizen_can_view_petition(f->db, &viewer, &p), 1);
    assert_int_equal(citizen_can_handle_petition(f->db, &viewer, &p), 0);
    assert_int_equal(citizen_can_assign_to(f->db, &officer_b, f->A), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekends_only),
        cmocka_unit_test_setup_teardown(test_tet_and_swaps, fx_setup, fx_teardown),
        cmocka_unit_test(test_state_moves),
        cmocka_unit_test(test_codes),
        cmocka_unit_test_setup_teardown(test_store_flow, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_rate_and_access, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests_name("citizen", tests, NULL, NULL);
}
