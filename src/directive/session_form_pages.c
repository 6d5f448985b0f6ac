/* session_form_pages.c - recording and correcting a dissemination session:
 * /units/:id/sessions/new (?document=, ?makeup_of=, ?task= preselect), POST
 * /units/:id/sessions, /sessions/:id/edit and POST /sessions/:id. Bridge points are typed
 * one per line, absentees one per line as "Name: reason". Recording a session may submit
 * the unit's open dissemination task as done, with the session as its evidence
 * (session_task.c). */
#include "directive/session_pages.h"

#include "core/err.h"
#include "core/i18n.h"
#include "core/log.h"
#include "directive/session.h"
#include "directive/session_access.h"
#include "directive/session_task.h"
#include "directive/session_view.h"
#include "http/input.h"
#include "http/page.h"
#include "org/unit.h"
#include "text/text.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>

#define PEOPLE_MAX 100000000LL

enum { F_DOC, F_TITLE, F_DATE, F_PLACE, F_FORM, F_POINTS, F_EP, F_AP, F_EC, F_AC, F_EO, F_AO, F_ABS, F_MAKEUP, F_NOTE,
       F_TASK, F_N };
static const struct input_field fields[F_N] = {
    [F_DOC] = {"document", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Document disseminated"),
               N_("From the registry; or give its number and title below."), NULL},
    [F_TITLE] = {"document_title", IN_TEXT, 0, 0, DISSEM_TEXT_MAX, NULL, FK_TEXT, N_("Number and title of the document"),
                 N_("Only when it is not in the registry, e.g. 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị."), NULL},
    [F_DATE] = {"held_on", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Date held"), N_("dd/mm/yyyy"), NULL},
    [F_PLACE] = {"place", IN_TEXT, 1, 1, DISSEM_TEXT_MAX, NULL, FK_TEXT, N_("Place"),
                 N_("E.g. Hội trường Đảng ủy xã; for an online session, the main bridge point."), NULL},
    [F_FORM] = {"form", IN_CHOICE, 1, 0, 0, dissem_form_codes, FK_SELECT, N_("Form"), NULL, NULL},
    [F_POINTS] = {"points", IN_MULTILINE, 0, 0, 20000, NULL, FK_TEXTAREA, N_("Bridge points"),
                  N_("Online sessions: one bridge point per line."), NULL},
    [F_EP] = {"expected_party", IN_DECIMAL, 0, 0, PEOPLE_MAX, NULL, FK_NUMBER, N_("Invited"), NULL, NULL},
    [F_AP] = {"attended_party", IN_DECIMAL, 0, 0, PEOPLE_MAX, NULL, FK_NUMBER, N_("Attending"), NULL, NULL},
    [F_EC] = {"expected_civil", IN_DECIMAL, 0, 0, PEOPLE_MAX, NULL, FK_NUMBER, N_("Invited"), NULL, NULL},
    [F_AC] = {"attended_civil", IN_DECIMAL, 0, 0, PEOPLE_MAX, NULL, FK_NUMBER, N_("Attending"), NULL, NULL},
    [F_EO] = {"expected_other", IN_DECIMAL, 0, 0, PEOPLE_MAX, NULL, FK_NUMBER, N_("Invited"), NULL, NULL},
    [F_AO] = {"attended_other", IN_DECIMAL, 0, 0, PEOPLE_MAX, NULL, FK_NUMBER, N_("Attending"), NULL, NULL},
    [F_ABS] = {"absentees", IN_MULTILINE, 0, 0, 40000, NULL, FK_TEXTAREA, N_("Absentees and their reasons"),
               N_("One per line, as \"Name: reason\", e.g. Nguyễn Văn A: đi công tác."), NULL},
    [F_MAKEUP] = {"makeup_of", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Make-up session of"),
                  N_("When this session repeats an earlier one for those who were absent."), NULL},
    [F_NOTE] = {"note", IN_MULTILINE, 0, 0, DISSEM_NOTE_MAX, NULL, FK_TEXTAREA, N_("Note"), NULL, NULL},
    [F_TASK] = {"task", IN_ID, 0, 0, 0, NULL, FK_SELECT, N_("Complete a task with this session"),
                N_("The unit's dissemination task is submitted as done, with this session as its evidence."), NULL},
};

static struct field_view *view_of(struct dissem_form_view *v, int i)
{
    struct field_view *plain[] = {&v->document, &v->title, &v->held_on, &v->place, &v->form, &v->points};
    if (i <= F_POINTS) return plain[i];
    if (i <= F_AO) return (i - F_EP) % 2 ? &v->attended[(i - F_EP) / 2] : &v->expected[(i - F_EP) / 2];
    struct field_view *rest[] = {&v->absentees, &v->makeup_of, &v->note, &v->task};
    return rest[i - F_ABS];
}

static void fields_fill(dv_req *r, struct dissem_form_view *v, const struct input_value *fv)
{
    for (int i = 0; i < F_N; i++) field_of(r->arena, view_of(v, i), &fields[i], fv ? &fv[i] : NULL, 0);
    for (int g = 0; g < SG_N; g++) {
        v->group_labels[g] = dissem_group_label((enum dissem_group)g);
        /* the table's row names the group: the labels say which group for screen readers */
        v->expected[g].label = arena_printf(r->arena, "%s – %s", _("Invited"), v->group_labels[g]);
        v->attended[g].label = arena_printf(r->arena, "%s – %s", _("Attending"), v->group_labels[g]);
    }
}

/* "a\n\nb " → {"a", "b"} in the arena. */
static size_t split_lines(dv_arena *a, const char *s, const char ***out)
{
    size_t cap = 1;
    for (const char *p = s; p && *p; p++) cap += *p == '\n';
    const char **v = arena_alloc(a, (cap + 1) * sizeof *v);
    size_t n = 0;
    for (const char *p = s; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        while (len && (p[0] == ' ' || p[0] == '\t' || p[0] == '\r')) p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r')) len--;
        if (len) v[n++] = arena_printf(a, "%.*s", (int)len, p);
        p = e ? e + 1 : p + len;
        if (!e) break;
    }
    *out = v;
    return n;
}

static size_t absentees_of(dv_arena *a, const char *s, struct dissem_absentee **out)
{
    const char **lines;
    size_t n = split_lines(a, s, &lines);
    *out = arena_alloc(a, (n + 1) * sizeof **out);
    for (size_t i = 0; i < n; i++) {
        const char *c = strchr(lines[i], ':');
        if (!c) {
            (*out)[i] = (struct dissem_absentee){lines[i], ""};
            continue;
        }
        const char *reason = c + 1;
        while (*reason == ' ') reason++;
        size_t len = (size_t)(c - lines[i]);
        while (len && lines[i][len - 1] == ' ') len--;
        (*out)[i] = (struct dissem_absentee){arena_printf(a, "%.*s", (int)len, lines[i]), reason};
    }
    return n;
}

/* A count of people: a whole number (typed "35.900" in Vietnamese); 1 when it is not. */
static int whole(dv_req *r, const struct input_value *x, struct field_view *f)
{
    if (x->error || !x->present || x->dec == (double)(long long)x->dec) return 0;
    field_fail(r->arena, f, _("Give a whole number of people."));
    return 1;
}

/* The typed form as the store's input; field errors go beside their fields. */
static int input_read(dv_req *r, dv_db *db, struct dissem_form_view *v, struct input_value *fv,
                      struct dissem_input *in)
{
    dv_arena *a = r->arena;
    int bad = input_form(r, fields, F_N, fv);
    fields_fill(r, v, fv);
    memset(in, 0, sizeof *in);
    in->document_id = fv[F_DOC].present ? fv[F_DOC].num : 0;
    in->document_title = fv[F_TITLE].str && *fv[F_TITLE].str ? fv[F_TITLE].str : NULL;
    if (in->document_id && dissem_document_title(db, a, in->document_id, &in->document_title, NULL)) {
        field_fail(a, &v->document, _("Choose a document from the list."));
        bad++;
    } else if (!in->document_title && !bad) {
        field_fail(a, &v->document, _("Choose the document disseminated, or give its number and title."));
        bad++;
    }
    in->held_on = fv[F_DATE].str;
    in->place = fv[F_PLACE].str;
    in->form = fv[F_FORM].str;
    in->makeup_of = fv[F_MAKEUP].present ? fv[F_MAKEUP].num : 0;
    in->note = fv[F_NOTE].str;
    const char **points;
    in->npoints = split_lines(a, fv[F_POINTS].str, &points);
    in->points = points;
    if (in->form && !strcmp(in->form, "online") && !in->npoints && !fv[F_POINTS].error) {
        field_fail(a, &v->points, _("An online session needs its bridge points, one per line."));
        bad++;
    }
    struct dissem_absentee *abs;
    in->nabsentees = absentees_of(a, fv[F_ABS].str, &abs);
    in->absentees = abs;
    for (int g = 0; g < SG_N; g++) {
        const struct input_value *e = &fv[F_EP + 2 * g], *t = &fv[F_AP + 2 * g];
        bad += whole(r, e, &v->expected[g]) + whole(r, t, &v->attended[g]);
        in->groups[g] = (struct dissem_count){e->present || t->present, (long long)e->dec, (long long)t->dec};
        if (!e->error && !t->error && t->dec > e->dec) {
            field_fail(a, &v->attended[g], _("More attended than were expected: check both numbers."));
            bad++;
        }
    }
    return bad;
}

/* The choices: documents, forms, the unit's earlier sessions, its open dissemination tasks. */
static int choices(dv_req *r, dv_db *db, int64_t unit_id, int64_t self, struct dissem_form_view *v)
{
    dv_arena *a = r->arena;
    struct dissem_doc_choice *docs;
    size_t nd;
    struct dissem_session *ss;
    size_t ns;
    struct dissem_task *ts;
    size_t nt;
    if (dissem_document_choices(db, a, 500, &docs, &nd) || dissem_session_list_unit(db, a, unit_id, &ss, &ns) ||
        dissem_open_tasks(db, a, unit_id, &ts, &nt))
        return -1;
    v->documents = arena_alloc(a, (nd + 1) * sizeof *v->documents);
    for (size_t i = 0; i < nd; i++)
        v->documents[v->ndocuments++] = (struct option_view){arena_printf(a, "%lld", (long long)docs[i].id), docs[i].label, 0};
    v->forms = arena_alloc(a, 2 * sizeof *v->forms);
    for (size_t i = 0; i < 2; i++)
        v->forms[v->nforms++] = (struct option_view){dissem_form_codes[i], dissem_form_label(dissem_form_codes[i]), 0};
    v->makeups = arena_alloc(a, (ns + 1) * sizeof *v->makeups);
    for (size_t i = 0; i < ns; i++)
        if (ss[i].id != self)
            v->makeups[v->nmakeups++] = (struct option_view){
                arena_printf(a, "%lld", (long long)ss[i].id),
                arena_printf(a, "%s · %s", text_date_dmy(a, ss[i].held_on), ss[i].document_title), 0};
    v->tasks = arena_alloc(a, (nt + 1) * sizeof *v->tasks);
    for (size_t i = 0; i < nt; i++)
        v->tasks[v->ntasks++] = (struct option_view){
            arena_printf(a, "%lld", (long long)ts[i].id),
            arena_printf(a, _("%s (deadline %s)"), ts[i].title, text_date_dmy(a, ts[i].deadline)), 0};
    return 0;
}

static void mark(struct option_view *o, size_t n, const char *value)
{
    for (size_t i = 0; value && i < n; i++) o[i].selected = !strcmp(o[i].value, value);
}

static void render(dv_req *r, dv_db *db, const struct unit *u, int64_t self, struct dissem_form_view *v, int status)
{
    dv_arena *a = r->arena;
    if (choices(r, db, u->id, self, v)) {
        res_error(r, 500);
        return;
    }
    mark(v->documents, v->ndocuments, v->document.value);
    mark(v->forms, v->nforms, v->form.value);
    mark(v->makeups, v->nmakeups, v->makeup_of.value);
    mark(v->tasks, v->ntasks, v->task.value);
    v->unit_name = u->name;
    v->nerrors = 0;
    for (int i = 0; i < F_N; i++) field_collect(view_of(v, i), v->errors, &v->nerrors, 24);
    struct page pg;
    page_init(&pg, r, self ? _("Correct the dissemination session") : _("Record a dissemination session"));
    pg.nav = "cadres";
    if (v->nerrors || v->general_error) pg.title = arena_printf(a, "%s (%s)", pg.title, _("errors"));
    struct crumb *cr = arena_alloc(a, 3 * sizeof *cr);
    cr[0] = (struct crumb){u->name, arena_printf(a, "/units/%lld/sessions", (long long)u->id)};
    cr[1] = (struct crumb){pg.title, NULL};
    pg.crumbs = cr;
    r->status = status;
    tpl_directive_session_form(&r->out, &pg, v);
}

/* The unit of /units/:id/… if the user may record its sessions; else the error page, -1. */
static int load_unit(dv_req *r, dv_db *db, int64_t id, struct unit *u)
{
    int rc = unit_store_get(db, r->arena, id, u);
    int see = rc ? 0 : dissem_can_view(db, r->user, id);
    int rec = see == 1 ? dissem_can_record(db, r->user, id) : 0;
    if (rc || see != 1 || rec != 1) {
        res_error(r, see < 0 || rec < 0 || (rc && rc != DV_ENOTFOUND) ? 500 : see == 1 ? 403 : 404);
        return -1;
    }
    return 0;
}

/* GET /units/:id/sessions/new */
void dissem_page_new(dv_req *r)
{
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    struct unit u;
    if (!id || load_unit(r, db, id, &u)) return;
    struct dissem_form_view v;
    memset(&v, 0, sizeof v);
    fields_fill(r, &v, NULL);
    static const struct input_field pre[] = {
        {"document", IN_ID, 0, 0, 0, NULL, FK_SELECT, NULL, NULL, NULL},
        {"makeup_of", IN_ID, 0, 0, 0, NULL, FK_SELECT, NULL, NULL, NULL},
        {"task", IN_ID, 0, 0, 0, NULL, FK_SELECT, NULL, NULL, NULL},
    };
    struct input_value q[3];
    input_query(r, pre, 3, q);
    if (q[0].present && !q[0].error) v.document.value = q[0].raw;
    if (q[1].present && !q[1].error) v.makeup_of.value = q[1].raw;
    if (q[2].present && !q[2].error) v.task.value = q[2].raw;
    v.form.value = "in_person";
    v.action = arena_printf(r->arena, "/units/%lld/sessions", (long long)id);
    v.submit_label = _("Record the session");
    v.cancel_href = arena_printf(r->arena, "/units/%lld/sessions", (long long)id);
    render(r, db, &u, 0, &v, 200);
}

/* POST /units/:id/sessions */
void dissem_page_create(dv_req *r)
{
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    struct unit u;
    if (!id || load_unit(r, db, id, &u)) return;
    struct dissem_form_view v;
    memset(&v, 0, sizeof v);
    v.action = arena_printf(r->arena, "/units/%lld/sessions", (long long)id);
    v.submit_label = _("Record the session");
    v.cancel_href = arena_printf(r->arena, "/units/%lld/sessions", (long long)id);
    struct input_value fv[F_N];
    struct dissem_input in;
    int bad = input_read(r, db, &v, fv, &in);
    int64_t task = fv[F_TASK].present && !fv[F_TASK].error ? fv[F_TASK].num : 0;
    if (!bad && task && dissem_task_is_open(db, r->arena, id, task) != 1) {
        field_fail(r->arena, &v.task, _("Choose one of the unit's open dissemination tasks."));
        bad++;
    }
    if (!bad) {
        int64_t sid = 0;
        int rc = dissem_session_create(db, r->user, r->remote_addr, id, &in, &sid);
        if (rc == 0) {
            const char *flash = N_("The session was recorded.");
            if (task) flash = dissem_task_complete(db, r->user, task, sid, in.held_on) == 0
                                  ? N_("The session was recorded and the task submitted as done with it as evidence.")
                                  : N_("The session was recorded, but the task could not be submitted as done.");
            page_flash_set(r, flash);
            res_redirect(r, arena_printf(r->arena, "/sessions/%lld", (long long)sid));
            return;
        }
        if (rc != DV_EINVAL) {
            log_error("recording a session failed: %s", dv_strerror(rc));
            res_error(r, 500);
            return;
        }
        field_fail(r->arena, &v.makeup_of, _("A make-up session follows an earlier session of the same unit."));
    }
    render(r, db, &u, 0, &v, 422);
}

/* The session of /sessions/:id and its unit, if the user may correct it; else -1. */
static int load_session(dv_req *r, dv_db *db, struct dissem_session *s, struct unit *u)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = dissem_session_get(db, r->arena, id, s);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    return load_unit(r, db, s->unit_id, u);
}

static const char *lines_of(dv_arena *a, const struct dissem_session *s, int absentees)
{
    dv_buf b = DV_BUF_INIT;
    size_t n = absentees ? s->nabsentees : s->npoints;
    for (size_t i = 0; i < n; i++) {
        if (!absentees) buf_printf(&b, "%s\n", s->points[i]);
        else if (*s->absentees[i].reason) buf_printf(&b, "%s: %s\n", s->absentees[i].full_name, s->absentees[i].reason);
        else buf_printf(&b, "%s\n", s->absentees[i].full_name);
    }
    const char *out = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return out;
}

static const char *num_or_null(dv_arena *a, const struct dissem_count *c, int attended)
{
    return c->recorded ? arena_printf(a, "%lld", attended ? c->attended : c->expected) : NULL;
}

/* GET /sessions/:id/edit */
void dissem_page_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct dissem_session s;
    struct unit u;
    if (load_session(r, db, &s, &u)) return;
    dv_arena *a = r->arena;
    struct dissem_form_view v;
    memset(&v, 0, sizeof v);
    fields_fill(r, &v, NULL);
    v.document.value = s.document_id ? arena_printf(a, "%lld", (long long)s.document_id) : NULL;
    v.title.value = s.document_id ? NULL : s.document_title;
    v.held_on.value = text_date_dmy(a, s.held_on);
    v.place.value = s.place;
    v.form.value = s.form;
    v.points.value = lines_of(a, &s, 0);
    v.absentees.value = lines_of(a, &s, 1);
    for (int g = 0; g < SG_N; g++) {
        v.expected[g].value = num_or_null(a, &s.groups[g], 0);
        v.attended[g].value = num_or_null(a, &s.groups[g], 1);
    }
    v.makeup_of.value = s.makeup_of ? arena_printf(a, "%lld", (long long)s.makeup_of) : NULL;
    v.note.value = s.note;
    v.action = arena_printf(a, "/sessions/%lld", (long long)s.id);
    v.submit_label = _("Save");
    v.cancel_href = arena_printf(a, "/sessions/%lld", (long long)s.id);
    render(r, db, &u, s.id, &v, 200);
}

/* POST /sessions/:id */
void dissem_page_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct dissem_session s;
    struct unit u;
    if (load_session(r, db, &s, &u)) return;
    struct dissem_form_view v;
    memset(&v, 0, sizeof v);
    v.action = arena_printf(r->arena, "/sessions/%lld", (long long)s.id);
    v.submit_label = _("Save");
    v.cancel_href = arena_printf(r->arena, "/sessions/%lld", (long long)s.id);
    struct input_value fv[F_N];
    struct dissem_input in;
    if (input_read(r, db, &v, fv, &in) == 0) {
        int rc = dissem_session_update(db, r->user, r->remote_addr, s.id, &in);
        if (rc == 0) {
            page_flash_set(r, N_("The session was saved."));
            res_redirect(r, arena_printf(r->arena, "/sessions/%lld", (long long)s.id));
            return;
        }
        if (rc != DV_EINVAL) {
            res_error(r, 500);
            return;
        }
        field_fail(r->arena, &v.makeup_of, _("A make-up session follows an earlier session of the same unit."));
    }
    render(r, db, &u, s.id, &v, 422);
}
