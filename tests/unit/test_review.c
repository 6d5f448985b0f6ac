/* test_review.c - inspections (src/review/): the legal length and its extension (QĐ 331-QĐ/TW
 * 2025, as settings), the five-year period, the status steps, and the closure rule on a real
 * store: an inspection's follow-up closes only once every recommendation's task is confirmed. */
#include "review/review.h"
#include "review/conference.h"

#include "core/err.h"
#include "directive/directive.h"
#include "directive/task.h"
#include "org_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

static void legal_length_and_extension(void **state)
{
    (void)state;
    assert_int_equal(review_extension_max(45), 15);
    assert_int_equal(review_extension_max(20), 6); /* one third of 20, rounded down */
    assert_int_equal(review_extension_check(45, 0), DV_OK);
    assert_int_equal(review_extension_check(45, 15), DV_OK);
    assert_int_equal(review_extension_check(45, 16), DV_EINVAL);
    assert_int_equal(review_extension_check(20, 6), DV_OK);
    assert_int_equal(review_extension_check(20, 7), DV_EINVAL);
    assert_int_equal(review_extension_check(20, -1), DV_EINVAL);
    char last[11];
    review_last_day("2026-09-05", 45, 0, last); /* day 1 is the start */
    assert_string_equal(last, "2026-10-19");
    review_last_day("2026-09-05", 45, 15, last);
    assert_string_equal(last, "2026-11-03");
    review_last_day("2026-12-20", 20, 6, last); /* across the year's end */
    assert_string_equal(last, "2027-01-14");
    assert_int_equal(review_is_overdue("2026-09-05", 45, 0, NULL, "2026-10-19"), 0);
    assert_int_equal(review_is_overdue("2026-09-05", 45, 0, NULL, "2026-10-20"), 1);
    assert_int_equal(review_is_overdue("2026-09-05", 45, 15, NULL, "2026-10-20"), 0);
    assert_int_equal(review_is_overdue("2026-09-05", 45, 0, "2026-10-10", "2026-12-01"), 0); /* concluded in time */
    assert_int_equal(review_is_overdue("2026-09-05", 45, 0, "2026-11-10", "2026-12-01"), 1); /* concluded late */
    assert_int_equal(review_is_overdue(NULL, 45, 0, NULL, "2026-12-01"), 0);                 /* not started */
}

static void five_year_period(void **state)
{
    (void)state;
    assert_int_equal(review_period_check("2021-09-01", "2026-08-31", "2026-09-01"), DV_OK);
    assert_int_equal(review_period_check("2021-08-31", "2026-08-31", "2026-09-01"), DV_EINVAL);
    assert_int_equal(review_period_check("2024-01-01", "2026-09-02", "2026-09-01"), DV_EINVAL); /* after the decision */
    assert_int_equal(review_period_check("2025-01-01", "2024-01-01", "2026-09-01"), DV_EINVAL); /* reversed */
    assert_int_equal(review_period_check("2023-02-28", "2024-01-01", "2028-02-29"), DV_OK);
    assert_int_equal(review_period_check("2023-02-27", "2024-01-01", "2028-02-29"), DV_EINVAL);
    assert_int_equal(review_period_check("x", "2024-01-01", "2026-09-01"), DV_EINVAL);
}

static void status_steps(void **state)
{
    (void)state;
    assert_true(insp_status_can_move(IS_PLANNED, IS_DECIDED));
    assert_true(insp_status_can_move(IS_DRAFT, IS_CONCLUDED));
    assert_false(insp_status_can_move(IS_PLANNED, IS_IN_PROGRESS)); /* no skipping */
    assert_false(insp_status_can_move(IS_CONCLUDED, IS_DRAFT));     /* no going back */
    assert_false(insp_status_can_move(IS_CLOSED, IS_CLOSED));
    enum insp_status s;
    assert_int_equal(insp_status_parse("draft", &s), DV_OK);
    assert_int_equal(s, IS_DRAFT);
    assert_int_equal(insp_status_parse("done", &s), DV_EINVAL);
    assert_true(review_can_close(IS_CONCLUDED, 0, 0));
    assert_true(review_can_close(IS_CONCLUDED, 3, 3));
    assert_false(review_can_close(IS_CONCLUDED, 3, 2));
    assert_false(review_can_close(IS_DRAFT, 0, 0));
}

static int64_t new_inspection(struct fx *f)
{
    int64_t subj = f->A, id = 0;
    struct inspection_input in = {f->C, 0, "inspection", "province", "Kiểm tra xã A", "", "2024-01-01", "2025-12-31", &subj, 1};
    assert_int_equal(review_inspection_create(f->db, NULL, &in, &id), DV_OK);
    return id;
}

/* The lead unit reports the work done, the inspecting unit confirms it (src/directive/). */
static void confirm_task(struct fx *f, int64_t task)
{
    struct completion_input in = {.submitted_on = "2026-11-20", .note = "Đã thực hiện", .link = "https://example.org/ke-hoach"};
    assert_int_equal(task_complete(f->db, NULL, task, &in, NULL), DV_OK);
    assert_int_equal(task_decide(f->db, NULL, task, 1, "Đạt", "2026-11-21"), DV_OK);
}

static void settings_and_closure(void **state)
{
    struct fx *f = *state;
    assert_int_equal(review_base_days(f->db, "province"), 45);
    assert_int_equal(review_base_days(f->db, "upper"), 20);
    int64_t id = new_inspection(f), n1 = 0, n2 = 0;
    /* the period is checked against the decision date */
    assert_int_equal(review_inspection_decide(f->db, f->a, NULL, id, "2031-01-02", "2030-2035", &n1), DV_EINVAL);
    assert_int_equal(review_inspection_decide(f->db, f->a, NULL, id, "2026-09-01", "2025-2030", &n1), DV_OK);
    assert_int_equal(n1, 1);
    assert_int_equal(review_inspection_decide(f->db, f->a, NULL, id, "2026-09-01", "2025-2030", &n1), DV_ECONFLICT);
    assert_int_equal(review_inspection_start(f->db, NULL, id, "2026-08-31"), DV_EINVAL); /* before the decision */
    assert_int_equal(review_inspection_start(f->db, NULL, id, "2026-09-05"), DV_OK);
    assert_int_equal(review_inspection_extend(f->db, NULL, id, 16, "lý do"), DV_EINVAL);
    assert_int_equal(review_inspection_extend(f->db, NULL, id, 15, "lý do"), DV_OK);
    assert_int_equal(review_inspection_conclude(f->db, f->a, NULL, id, "2026-11-01", "2025-2030", &n2), DV_ECONFLICT);
    assert_int_equal(review_inspection_draft(f->db, NULL, id, "Kết luận"), DV_OK);
    assert_int_equal(review_inspection_conclude(f->db, f->a, NULL, id, "2026-11-01", "2025-2030", &n2), DV_OK);
    assert_int_equal(n2, 1); /* TB has its own series */
    assert_int_equal(review_member_add(f->db, NULL, id, "member", "X", ""), DV_ECONFLICT); /* team fixed */

    int64_t t1 = 0, t2 = 0;
    assert_int_equal(review_rec_add(f->db, f->a, NULL, id, "Kiến nghị 1", f->A, "2026-12-01", &t1), DV_OK);
    assert_int_equal(review_rec_add(f->db, f->a, NULL, id, "Kiến nghị 2", f->A, "2027-01-31", &t2), DV_OK);
    enum task_status ts;
    assert_int_equal(task_status_of(f->db, f->a, t1, "2026-12-02", &ts), DV_OK);
    assert_int_equal(ts, TS_OPEN_OVERDUE);

    struct review_board b;
    assert_int_equal(review_board_load(f->db, f->a, 2026, "2026-12-02", &b), DV_OK);
    assert_int_equal(b.noverdue, 1);
    assert_string_equal(b.overdue[0].text, "Kiến nghị 1");
    assert_int_equal(b.overdue[0].inspection_id, id);

    assert_int_equal(review_inspection_close(f->db, f->a, NULL, id, "2026-12-02"), DV_ECONFLICT);
    confirm_task(f, t1);
    assert_int_equal(review_inspection_close(f->db, f->a, NULL, id, "2026-12-02"), DV_ECONFLICT); /* one still open */
    confirm_task(f, t2);
    assert_int_equal(review_inspection_close(f->db, f->a, NULL, id, "2026-12-02"), DV_OK);
    struct inspection ins;
    assert_int_equal(review_inspection_get(f->db, f->a, id, &ins), DV_OK);
    assert_string_equal(ins.status, "closed");
    /* a setting changes the legal length */
    dv_stmt *st = db_prepare(f->db, "UPDATE settings SET value = '30' WHERE key = 'review_max_days_province'");
    assert_int_equal(db_exec(st), DV_OK);
    assert_int_equal(review_base_days(f->db, "province"), 30);
}

static void recommendation_needs_conclusion(void **state)
{
    struct fx *f = *state;
    int64_t id = new_inspection(f), t = 0;
    assert_int_equal(review_rec_add(f->db, f->a, NULL, id, "Sớm quá", f->A, "2027-01-31", &t), DV_ECONFLICT);
    assert_int_equal(review_inspection_close(f->db, f->a, NULL, id, "2026-12-02"), DV_ECONFLICT);
}

static void award_twice_refused(void **state)
{
    struct fx *f = *state;
    assert_string_equal(award_achievement_key(f->a, "Thành tích  XUẤT SẮC, trong 10 năm!"), "thanh tich xuat sac trong 10 nam");
    assert_string_equal(award_achievement_key(f->a, "Đổi mới"), "doi moi");
    struct award_input in = {0, f->A, "collective", NULL, "Thành tích xuất sắc trong 10 năm", "Bằng khen", "125-QĐ/TU", "2026-12-03"};
    int64_t id = 0;
    assert_int_equal(award_add(f->db, f->a, NULL, &in, &id), DV_OK);
    in.achievement = "thành tích xuất sắc trong 10 năm."; /* the same achievement, written otherwise */
    in.decision_number = "126-QĐ/TU";
    assert_int_equal(award_add(f->db, f->a, NULL, &in, &id), DV_ECONFLICT);
    in.unit_id = f->B; /* another collective */
    assert_int_equal(award_add(f->db, f->a, NULL, &in, &id), DV_OK);
    struct award_input p = {0, f->A, "individual", "Nguyễn Văn An", "Thành tích xuất sắc trong 10 năm", "Giấy khen", "9-QĐ/ĐU", "2026-12-03"};
    assert_int_equal(award_add(f->db, f->a, NULL, &p, &id), DV_OK); /* a person of A is another recipient */
    p.person_name = "nguyễn văn an";
    assert_int_equal(award_add(f->db, f->a, NULL, &p, &id), DV_ECONFLICT);
    p.achievement = "Hoàn thành xuất sắc nhiệm vụ năm 2026";
    assert_int_equal(award_add(f->db, f->a, NULL, &p, &id), DV_OK);
    p.decision_number = "";
    p.achievement = "Khác";
    assert_int_equal(award_add(f->db, f->a, NULL, &p, &id), DV_EINVAL);
    assert_true(conf_can_close("held", "Biên bản"));
    assert_false(conf_can_close("held", ""));
    assert_false(conf_can_close("preparing", "Biên bản"));
    assert_true(conf_is_time("07:30"));
    assert_false(conf_is_time("24:00"));
    assert_false(conf_is_time("7:30"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(legal_length_and_extension),
        cmocka_unit_test(five_year_period),
        cmocka_unit_test(status_steps),
        cmocka_unit_test_setup_teardown(settings_and_closure, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(recommendation_needs_conclusion, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(award_twice_refused, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
