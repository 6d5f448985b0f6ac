/* settings_pages.c - /tasks/settings: the directive area's settings for those who own them
 * (directive_can_configure): the days past its deadline after which an overdue task
 * escalates to the staff above its unit and into their digests (settings.
 * directive_escalate_days, default 15). */
#include "directive/directive_pages.h"
#include "directive/directive_pages_int.h"

#include "core/err.h"
#include "core/i18n.h"
#include "directive/directive_access.h"
#include "directive/task.h"
#include "http/input.h"
#include "http/page.h"
#include "tpl.h"

#include <string.h>

static const struct input_field days_field = {
    "escalate_days", IN_INT, 1, 1, TASK_ESCALATE_MAX, NULL, FK_NUMBER, N_("Days overdue before a task escalates"),
    N_("From 1 to 365 days after the deadline in force: the task is then listed to the staff of the unit above and in their reminder digests."),
    NULL};

static void render(dv_req *r, dv_db *db, const struct input_value *typed, int status)
{
    struct dir_settings_view v;
    memset(&v, 0, sizeof v);
    int days = task_escalate_days(db);
    field_of(r->arena, &v.f_days, &days_field, typed, FIELD_MARKED);
    if (!typed) v.f_days.value = arena_printf(r->arena, "%d", days);
    field_collect(&v.f_days, v.errors, &v.nerrors, 1);
    v.current = arena_printf(r->arena, _("Overdue tasks escalate %d days after their deadline."), days);
    struct page pg;
    page_init(&pg, r, _("Task settings"));
    pg.nav = "task_settings";
    r->status = status;
    tpl_directive_settings(&r->out, &pg, &v);
}

/* GET /tasks/settings */
void directive_page_settings(dv_req *r)
{
    dv_db *db = db_thread();
    if (directive_can_configure(db, r->user) != 1) {
        res_error(r, 403);
        return;
    }
    render(r, db, NULL, 200);
}

/* POST /tasks/settings */
void directive_page_settings_save(dv_req *r)
{
    dv_db *db = db_thread();
    if (directive_can_configure(db, r->user) != 1) {
        res_error(r, 403);
        return;
    }
    struct input_value v;
    if (input_form1(r, &days_field, &v)) {
        render(r, db, &v, 422);
        return;
    }
    int rc = task_escalate_days_set(db, r->user, r->remote_addr, (int)v.num);
    if (rc == DV_EINVAL) {
        render(r, db, &v, 422);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "The settings have been saved.");
    res_redirect(r, "/tasks/settings");
}
