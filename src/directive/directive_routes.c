/* directive_routes.c - the routes of documents, tasks, the follow-up board and the tasks API,
 * the menu entries, flash messages and audit kinds of the directive area. */
#include "directive/directive_pages.h"

#include "core/i18n.h"
#include "directive/directive.h"
#include "directive/directive_access.h"
#include "http/page.h"
#include "org/audit.h"

/* Who may (HACKING.md "Route access"), as directive_access.h says: every role but the
 * portal's reads its scope's subtree (officers their unit's); writing acts for a unit (admin,
 * staff whose scope holds it, that unit's officer). A task is read by the readers of its lead
 * unit and of its assigning unit (the task kind's receiver). */
#define USE "admin | staff | officer | viewer | inspector"
#define READ "admin | staff@subtree | officer@unit | viewer@subtree | inspector@subtree"
#define READ_TASK READ " | staff@receiver | officer@receiver | viewer@receiver | inspector@receiver"
#define ACT "admin | staff@subtree | officer@own"

static const struct dv_route directive_routes[] = {
    ROUTE_WHO("GET", "/documents", directive_page_documents, ROUTE_SLOW, USE),
    ROUTE_WHO("GET", "/documents.csv", directive_page_documents_csv, ROUTE_SLOW, USE),
    ROUTE_WHO("GET", "/documents/new", directive_page_document_new, 0, "admin | staff | officer"),
    ROUTE_WHO("POST", "/documents", directive_page_document_create, 0, "admin | staff"),
    ROUTE_WHO("GET", "/documents/:id", directive_page_document_show, ROUTE_SLOW, READ " on document:id"),
    ROUTE_WHO("GET", "/documents/:id/file", directive_page_document_file, ROUTE_SLOW, READ " on document:id"),
    ROUTE_WHO("POST", "/documents/:id/relations", directive_page_document_relate, 0, ACT " on document:id"),
    ROUTE_WHO("POST", "/documents/:id/tasks", directive_page_document_assign, 0, "admin | staff@subtree | officer@unit on document:id"),
    ROUTE_WHO("GET", "/tasks", directive_page_tasks, ROUTE_SLOW, USE),
    ROUTE_WHO("GET", "/tasks/mine", directive_page_my_tasks, ROUTE_SLOW, USE),
    ROUTE_WHO("GET", "/tasks/board", directive_page_board, ROUTE_SLOW, USE),
    ROUTE_WHO("GET", "/tasks/settings", directive_page_settings, 0, "admin | staff@top"),
    ROUTE_WHO("POST", "/tasks/settings", directive_page_settings_save, 0, "admin | staff@top"),
    ROUTE_WHO("GET", "/tasks/evidence/:id", directive_page_task_evidence, ROUTE_SLOW, READ_TASK " on evidence:id"),
    ROUTE_WHO("GET", "/tasks/:id", directive_page_task_show, ROUTE_SLOW, READ_TASK " on task:id"),
    ROUTE_WHO("POST", "/tasks/:id/complete", directive_page_task_complete, 0, ACT " on task:id"),
    ROUTE_WHO("POST", "/tasks/:id/decide", directive_page_task_decide, 0, ACT " on task_assigner:id"),
    ROUTE_WHO("POST", "/tasks/:id/deadline", directive_page_task_deadline, 0, ACT " on task_assigner:id"),
    ROUTE_WHO("POST", "/tasks/:id/explain", directive_page_task_explain, 0, ACT " on task:id"),
    ROUTE_WHO("POST", "/tasks/:id/cascade", directive_page_task_cascade, 0, ACT " on task:id"),
    ROUTE_WHO("GET", "/api/tasks", directive_api_tasks, ROUTE_SLOW, USE),
    ROUTE_WHO("GET", "/api/tasks/:id", directive_api_task, ROUTE_SLOW, READ_TASK " on task:id"),
    /* a token, not a cookie: no CSRF to check (the handlers refuse any request without one) */
    ROUTE_WHO("POST", "/api/tasks", directive_api_task_create, ROUTE_PUBLIC | ROUTE_NO_CSRF, "token"),
    ROUTE_WHO("POST", "/api/tasks/:id/completions", directive_api_task_complete, ROUTE_PUBLIC | ROUTE_NO_CSRF, "token on task:id"),
};

static int can_board(const struct dv_user *u) { return directive_can_use(u); }
static int can_configure(const struct dv_user *u) { return directive_can_configure(db_thread(), u) == 1; }

static const struct menu_entry directive_menu[] = {
    {"documents", "/documents", N_("Documents"), 250, directive_can_use},
    {"tasks", "/tasks/mine", N_("Tasks"), 260, directive_can_use},
    {"board", "/tasks/board", N_("Follow-up board"), 270, can_board},
    {"task_settings", "/tasks/settings", N_("Task settings"), 650, can_configure},
};

static const char *const directive_flash[] = {
    N_("The document has been registered."), N_("The relation has been added."), N_("The tasks have been assigned."),
    N_("The completion has been submitted."), N_("The completion has been confirmed."),
    N_("The completion has been returned."), N_("The deadline has been changed; the original is kept."),
    N_("The explanation has been sent."), N_("The task has been cascaded."),
    N_("The task has changed meanwhile: nothing was saved."), N_("The settings have been saved."),
};

static int describe_document(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    struct document d;
    if (document_get(db, a, id, &d) != 0) return -1;
    *label = arena_printf(a, "%s: %s", d.code, d.title);
    *href = arena_printf(a, "/documents/%lld", (long long)id);
    return 0;
}

static int describe_task(dv_db *db, dv_arena *a, int64_t id, const char **label, const char **href)
{
    struct task t;
    if (task_get(db, a, id, &t) != 0) return -1;
    *label = arena_printf(a, "%s · %s", t.title, t.lead_name);
    *href = arena_printf(a, "/tasks/%lld", (long long)id);
    return 0;
}

void directive_routes_register(void)
{
    router_add(directive_routes, sizeof directive_routes / sizeof *directive_routes);
    page_menu_add(directive_menu, sizeof directive_menu / sizeof *directive_menu);
    page_flash_add(directive_flash, sizeof directive_flash / sizeof *directive_flash);
    audit_kind_add("document", N_("Document"), "/documents/%lld", describe_document);
    audit_kind_add("task", N_("Task"), "/tasks/%lld", describe_task);
    audit_kind_add("directive_settings", N_("Task settings"), "/tasks/settings", NULL);
    directive_reminder_register();
}
