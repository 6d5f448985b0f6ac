/* petition_desk_pages.c - the staff's desk of petitions: GET /citizen/petitions (the
 * petitions of the user's subtree with filters and overdue flags), GET
 * /citizen/petitions/:id (everything about one, with the moves the user may make),
 * POST /citizen/petitions/:id/act (one move) and GET /citizen/petition-files/:id (an
 * attachment, to those who may see its petition). */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_access.h"
#include "citizen/citizen_pages_int.h"
#include "citizen/citizen_view.h"
#include "citizen/petition.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "http/input.h"
#include "http/page.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

static const char *const status_codes[] = {"received", "classified", "assigned", "in_progress", "drafted", "approved",
                                           "published", "transferred", "duplicate", "refused", NULL};

enum { Q_STATUS, Q_CAT, Q_OVERDUE, Q_OPEN, QN };
static const struct input_field list_fields[QN] = {
    [Q_STATUS] = {"status", IN_CHOICE, 0, 0, 0, status_codes, FK_SELECT, N_("Status"), NULL, NULL},
    [Q_CAT] = {"category_id", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Subject"), NULL, NULL},
    [Q_OVERDUE] = {"overdue", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, N_("Overdue only"), NULL, NULL},
    [Q_OPEN] = {"open", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, N_("Open only"), NULL, NULL},
};

static struct option_view *status_options(dv_req *r, const char *selected)
{
    struct option_view *o = arena_alloc(r->arena, PS_COUNT * sizeof *o);
    for (int i = 0; i < PS_COUNT; i++)
        o[i] = (struct option_view){status_codes[i], petition_status_label((enum petition_status)i),
                                    selected && !strcmp(selected, status_codes[i])};
    return o;
}

/* GET /citizen/petitions */
void citizen_page_desk_list(dv_req *r)
{
    if (!citizen_can_use_desk(r->user)) {
        res_error(r, 403);
        return;
    }
    struct input_value q[QN];
    input_query(r, list_fields, QN, q);
    enum petition_status st = PS_RECEIVED;
    int status = q[Q_STATUS].present && !q[Q_STATUS].error && petition_status_parse(q[Q_STATUS].str, &st) == 0 ? (int)st : -1;
    char today[11];
    clock_vn_today(today);
    struct petition_filter f = {citizen_scope_root(r->user), status, q[Q_CAT].error ? 0 : q[Q_CAT].num,
                                (int)q[Q_OVERDUE].num, (int)q[Q_OPEN].num, today, 200, 0};
    struct petition_row *rows = NULL;
    size_t n = 0;
    struct petition_list_view v;
    memset(&v, 0, sizeof v);
    struct option_view *cats = NULL;
    dv_db *db = db_thread();
    if (petition_list(db, r->arena, &f, &rows, &n) || citizen_category_options(r, f.category_id, &cats, &v.ncats) ||
        petition_count_overdue(db, f.root, today, &v.overdue_count)) {
        res_error(r, 500);
        return;
    }
    const char **rec = arena_alloc(r->arena, (n + 1) * sizeof *rec), **due = arena_alloc(r->arena, (n + 1) * sizeof *due);
    for (size_t i = 0; i < n; i++) {
        rec[i] = citizen_dmy(r->arena, rows[i].received_day);
        due[i] = citizen_dmy(r->arena, rows[i].answer_due);
    }
    v.rows = rows;
    v.n = n;
    v.received = rec;
    v.due = due;
    v.cats = cats;
    v.statuses = status_options(r, status >= 0 ? status_codes[status] : NULL);
    v.nstatuses = PS_COUNT;
    v.overdue_only = f.overdue_only;
    v.open_only = f.open_only;
    struct page pg;
    page_init(&pg, r, _("Petitions"));
    pg.nav = "petitions";
    tpl_citizen_desk_list(&r->out, &pg, &v);
}

/* The petition of :id that the user may see, or the answer already given. */
static int load(dv_req *r, struct petition *p)
{
    if (!citizen_can_use_desk(r->user)) {
        res_error(r, 403);
        return -1;
    }
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    dv_db *db = db_thread();
    int rc = petition_get(db, r->arena, id, p);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    rc = citizen_can_view_petition(db, r->user, p);
    if (rc != 1) {
        res_error(r, rc < 0 ? 500 : 404); /* another unit's petition: as if it did not exist */
        return -1;
    }
    return 0;
}

static const struct petition_action_view all_actions[] = {
    {"classified", N_("Classify and acknowledge receipt"), 1, 0, 0, 0, 0, 0, 1},
    {"assigned", N_("Assign to a unit"), 0, 1, 0, 0, 0, 1, 0},
    {"in_progress", N_("Start handling"), 0, 0, 0, 0, 0, 1, 0},
    {"drafted", N_("Save the draft answer"), 0, 0, 1, 0, 0, 0, 0},
    {"approved", N_("Approve the answer"), 0, 0, 0, 0, 0, 0, 0},
    {"published", N_("Publish the answer"), 0, 0, 0, 0, 0, 0, 0},
    {"transferred", N_("Transfer to the competent body"), 0, 0, 0, 1, 0, 0, 0},
    {"duplicate", N_("Mark as a duplicate"), 0, 0, 0, 0, 1, 0, 0},
    {"refused", N_("Refuse, with the reason"), 0, 0, 0, 0, 0, 1, 0},
};
#define NACTIONS (sizeof all_actions / sizeof *all_actions)

/* The moves u may make now. */
static void actions_of(dv_req *r, const struct petition *p, struct petition_desk_view *v)
{
    dv_db *db = db_thread();
    int handle = citizen_can_handle_petition(db, r->user, p) == 1;
    int review = citizen_can_review_petition(db, r->user, p) == 1;
    struct petition_action_view *a = arena_alloc(r->arena, NACTIONS * sizeof *a);
    size_t k = 0;
    for (size_t i = 0; i < NACTIONS; i++) {
        enum petition_status to;
        petition_status_parse(all_actions[i].to, &to);
        if (!petition_can_move(p->status, to)) continue;
        int needs_review = to == PS_APPROVED || to == PS_PUBLISHED;
        if (needs_review ? !review : !handle) continue;
        if (to == PS_APPROVED && r->user->id == p->drafted_by) continue; /* another reviewer approves */
        a[k] = all_actions[i];
        a[k].label = _(all_actions[i].label);
        if (to == PS_IN_PROGRESS && (p->status == PS_DRAFTED || p->status == PS_APPROVED))
            a[k].label = _("Return the draft for changes");
        k++;
    }
    v->actions = a;
    v->nactions = k;
}

static void render_show(dv_req *r, const struct petition *p, const char *error, int status)
{
    struct petition_desk_view v;
    memset(&v, 0, sizeof v);
    dv_db *db = db_thread();
    struct petition_event *ev = NULL;
    struct petition_file *files = NULL;
    struct option_view *units = NULL, *cats = NULL;
    if (citizen_petition_public_view(r, p, &v.pub) || petition_events(db, r->arena, p->id, &ev, &v.nevents) ||
        petition_files(db, r->arena, p->id, &files, &v.nfiles) ||
        citizen_unit_options(r, p->assigned_unit_id, &units, &v.nunits) ||
        citizen_category_options(r, p->category_id, &cats, &v.ncats)) {
        res_error(r, 500);
        return;
    }
    const char **dates = arena_alloc(r->arena, (v.nevents + 1) * sizeof *dates);
    for (size_t i = 0; i < v.nevents; i++) dates[i] = citizen_dmy(r->arena, ev[i].at);
    v.events = ev;
    v.event_dates = dates;
    v.files = files;
    v.units = units;
    v.cats = cats;
    v.error = error;
    v.action_href = arena_printf(r->arena, "/citizen/petitions/%lld/act", (long long)p->id);
    v.notice_due = citizen_dmy(r->arena, p->notice_due);
    v.transfer_due = citizen_dmy(r->arena, p->transfer_due);
    char today[11];
    clock_vn_today(today);
    v.overdue_notice = p->status == PS_RECEIVED && strcmp(p->notice_due, today) < 0;
    v.overdue_answer = v.pub.overdue;
    actions_of(r, p, &v);
    struct page pg;
    page_init(&pg, r, arena_printf(r->arena, "%s %s", _("Petition"), p->code));
    pg.nav = "petitions";
    struct crumb *c = arena_alloc(r->arena, 3 * sizeof *c);
    c[0] = (struct crumb){_("Petitions"), "/citizen/petitions"};
    c[1] = (struct crumb){p->code, NULL};
    pg.crumbs = c;
    r->status = status;
    tpl_citizen_desk_show(&r->out, &pg, &v);
}

/* GET /citizen/petitions/:id */
void citizen_page_desk_show(dv_req *r)
{
    struct petition p;
    if (load(r, &p)) return;
    render_show(r, &p, NULL, 200);
}

enum { A_TO, A_CAT, A_SUMMARY, A_UNIT, A_ANSWER, A_BODY, A_DUP, A_REASON, AN };
static const struct input_field act_fields[AN] = {
    [A_TO] = {"to", IN_CHOICE, 1, 0, 0, status_codes, FK_SELECT, N_("Action"), NULL, NULL},
    [A_CAT] = {"category_id", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Subject"), NULL, NULL},
    [A_SUMMARY] = {"summary", IN_MULTILINE, 0, 0, 1000, NULL, FK_TEXTAREA, N_("Public summary"), NULL, NULL},
    [A_UNIT] = {"unit_id", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Unit"), NULL, NULL},
    [A_ANSWER] = {"answer", IN_MULTILINE, 0, 0, 10000, NULL, FK_TEXTAREA, N_("Answer"), NULL, NULL},
    [A_BODY] = {"body", IN_TEXT, 0, 0, 300, NULL, FK_TEXT, N_("Competent body"), NULL, NULL},
    [A_DUP] = {"duplicate_code", IN_TEXT, 0, 0, 20, NULL, FK_TEXT, N_("Code of the other petition"), NULL, NULL},
    [A_REASON] = {"reason", IN_MULTILINE, 0, 0, 2000, NULL, FK_TEXTAREA, N_("Reason or note"), NULL, NULL},
};

static const char *act_error(int rc, enum petition_status to)
{
    switch (rc) {
    case DV_EDENIED: return _("The author of a draft cannot approve it: another reviewer must.");
    case DV_ECONFLICT: return _("This action is not possible in the petition's present state.");
    case DV_EINVAL:
        switch (to) {
        case PS_CLASSIFIED: return _("Write the public summary (without the petitioner's name).");
        case PS_ASSIGNED: return _("Choose a unit from the list.");
        case PS_DRAFTED: return _("Write the answer.");
        case PS_TRANSFERRED: return _("Name the competent body.");
        case PS_DUPLICATE: return _("Give the code of an existing petition.");
        default: return _("Give the reason.");
        }
    default: return _("The action failed; please try again.");
    }
}

/* POST /citizen/petitions/:id/act */
void citizen_page_desk_act(dv_req *r)
{
    struct petition p;
    if (load(r, &p)) return;
    /* a viewer acts on nothing: refused before the form is read (it answered 400 or 422) */
    int may = citizen_can_handle_petition(db_thread(), r->user, &p);
    if (may != 1) {
        res_error(r, may < 0 ? 500 : 403);
        return;
    }
    struct input_value fv[AN];
    int bad = input_form(r, act_fields, AN, fv);
    enum petition_status to = PS_RECEIVED;
    if (fv[A_TO].error || petition_status_parse(fv[A_TO].str, &to)) {
        res_error(r, 400);
        return;
    }
    dv_db *db = db_thread();
    int review = to == PS_APPROVED || to == PS_PUBLISHED;
    int ok = review ? citizen_can_review_petition(db, r->user, &p) : citizen_can_handle_petition(db, r->user, &p);
    if (ok == 1 && to == PS_ASSIGNED && !fv[A_UNIT].error && fv[A_UNIT].num)
        ok = citizen_can_assign_to(db, r->user, fv[A_UNIT].num);
    if (ok != 1) {
        res_error(r, ok < 0 ? 500 : 403);
        return;
    }
    if (bad) {
        render_show(r, &p, _("Check the values you entered."), 422);
        return;
    }
    char dup[PETITION_CODE_LEN + 1] = "";
    if (fv[A_DUP].present && petition_code_normalize(fv[A_DUP].str, dup)) dup[0] = 0;
    struct petition_action act = {to, fv[A_CAT].num, fv[A_SUMMARY].present ? fv[A_SUMMARY].str : NULL, fv[A_UNIT].num,
                                  fv[A_ANSWER].present ? fv[A_ANSWER].str : NULL,
                                  fv[A_BODY].present ? fv[A_BODY].str : NULL, dup[0] ? dup : NULL,
                                  fv[A_REASON].present ? fv[A_REASON].str : NULL, NULL};
    if (to == PS_TRANSFERRED && act.transferred_to)
        act.public_note = arena_printf(r->arena, "%s %s", _("Transferred to"), act.transferred_to);
    int rc = petition_act(db, r->user, p.id, &act);
    if (rc == DV_ENOTFOUND) {
        res_error(r, 404);
        return;
    }
    if (rc) {
        if (rc == DV_EDB) log_error("citizen: petition %lld: %s", (long long)p.id, dv_strerror(rc));
        render_show(r, &p, act_error(rc, to), rc == DV_EDB ? 500 : 422);
        return;
    }
    page_flash_set(r, "The petition has been updated.");
    res_redirect(r, arena_printf(r->arena, "/citizen/petitions/%lld", (long long)p.id));
}

/* GET /citizen/petition-files/:id */
void citizen_page_desk_file(dv_req *r)
{
    if (!citizen_can_use_desk(r->user)) {
        res_error(r, 403);
        return;
    }
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    dv_db *db = db_thread();
    int64_t pid = 0;
    const char *name, *type;
    const void *data;
    size_t len;
    int rc = petition_file_get(db, r->arena, id, &pid, &name, &type, &data, &len);
    struct petition p;
    if (rc == DV_OK) rc = petition_get(db, r->arena, pid, &p);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    if (citizen_can_view_petition(db, r->user, &p) != 1) {
        res_error(r, 404);
        return;
    }
    buf_append(&r->out, data, len);
    r->content_type = type;
    res_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"attachment-%lld%s\"",
                                                       (long long)id, strcmp(type, "application/pdf") ? "" : ".pdf"));
    r->status = 200;
}
