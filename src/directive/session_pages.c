/* session_pages.c - reading dissemination sessions: a unit's sessions
 * (/units/:id/sessions), a document's sessions in the units the user sees
 * (/documents/:id/sessions) and one session with its attendance by group, bridge points,
 * absentees, make-up sessions and the tasks it completed (/sessions/:id). */
#include "directive/session_pages.h"

#include "core/err.h"
#include "core/i18n.h"
#include "directive/session.h"
#include "directive/directive_pages_int.h"
#include "directive/session_access.h"
#include "directive/session_view.h"
#include "http/input.h"
#include "http/page.h"
#include "org/unit.h"
#include "text/decimal.h"
#include "report/dashboard/export_table.h"
#include "text/text.h"
#include "tpl.h"

#include <string.h>

static void rows_of(dv_req *r, const struct dissem_session *s, size_t n, struct dissem_list_view *v)
{
    dv_arena *a = r->arena;
    long long att = 0, exp = 0;
    v->rows = arena_alloc(a, (n + 1) * sizeof *v->rows);
    for (size_t i = 0; i < n; i++) {
        struct dissem_row_view *w = &v->rows[v->n++];
        w->s = &s[i];
        w->href = arena_printf(a, "/sessions/%lld", (long long)s[i].id);
        w->held_on = text_date_dmy(a, s[i].held_on);
        w->form = dissem_form_label(s[i].form);
        w->rate = s[i].expected ? dissem_rate_text(a, s[i].attended, s[i].expected, r->lang) : NULL;
        if (s[i].makeup_of) w->makeup_note = _("make-up session");
        att += s[i].attended;
        exp += s[i].expected;
    }
    if (exp) v->total_rate = dissem_rate_text(a, att, exp, r->lang);
}

static const char *const fmts[] = {"csv", "xlsx", NULL};
static const struct input_field fmt_field = {"format", IN_CHOICE, 0, 0, 0, fmts, FK_SELECT, N_("Format"), NULL, NULL};

/* ?format=csv|xlsx: 1 CSV, 2 XLSX, 0 the page. */
static int export_format(dv_req *r)
{
    struct input_value f;
    if (input_query1(r, &fmt_field, &f) || !f.present) return 0;
    return strcmp(f.str, "xlsx") ? 1 : 2;
}

/* The listed sessions as a table: date, unit, document, place, form, expected and attending
 * per group and in all, the rate, make-up of. */
static void export_list(dv_req *r, const struct dissem_session *s, size_t n, const char *name, int xlsx)
{
    enum { NC = 14 };
    const char *h[NC] = {_("Date"), _("Unit"), _("Document"), _("Place"), _("Form")};
    for (int g = 0; g < SG_N; g++) {
        h[5 + g * 2] = arena_printf(r->arena, "%s: %s", dissem_group_label(g), _("expected"));
        h[6 + g * 2] = arena_printf(r->arena, "%s: %s", dissem_group_label(g), _("attended"));
    }
    h[11] = _("Expected");
    h[12] = _("Attended");
    h[13] = _("Rate (%)");
    struct xt_cell *c = arena_alloc(r->arena, (n * NC + 1) * sizeof *c);
    memset(c, 0, (n * NC + 1) * sizeof *c);
    for (size_t i = 0; i < n; i++) {
        struct xt_cell *w = &c[i * NC];
        w[0].text = text_date_dmy(r->arena, s[i].held_on);
        w[1].text = s[i].unit_name;
        w[2].text = s[i].document_title;
        w[3].text = s[i].place;
        w[4].text = s[i].makeup_of ? arena_printf(r->arena, "%s (%s)", dissem_form_label(s[i].form), _("make-up session"))
                                   : dissem_form_label(s[i].form);
        for (int g = 0; g < SG_N; g++)
            if (s[i].groups[g].recorded) {
                w[5 + g * 2] = (struct xt_cell){NULL, (double)s[i].groups[g].expected, 1, 0, 0};
                w[6 + g * 2] = (struct xt_cell){NULL, (double)s[i].groups[g].attended, 1, 0, 0};
            }
        w[11] = (struct xt_cell){NULL, (double)s[i].expected, 1, 0, 0};
        w[12] = (struct xt_cell){NULL, (double)s[i].attended, 1, 0, 0};
        if (s[i].expected) w[13] = (struct xt_cell){NULL, dissem_rate(s[i].attended, s[i].expected), 1, 0, 0};
    }
    struct xt_table t = {.sheet = _("Dissemination sessions"), .ncols = NC, .header = h, .cells = c, .nrows = n, .freeze_cols = 1};
    dpg_send_table(r, &t, name, xlsx);
}

static void render_list(dv_req *r, struct dissem_list_view *v, const char *title)
{
    struct page pg;
    page_init(&pg, r, title);
    pg.nav = "cadres";
    struct crumb *cr = arena_alloc(r->arena, 3 * sizeof *cr);
    cr[0] = (struct crumb){v->back_label, v->back_href};
    cr[1] = (struct crumb){_("Dissemination sessions"), NULL};
    pg.crumbs = cr;
    tpl_directive_session_list(&r->out, &pg, v);
}

/* GET /units/:id/sessions */
void dissem_page_unit(dv_req *r)
{
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct unit u;
    int rc = unit_store_get(db, r->arena, id, &u);
    int ok = rc ? 0 : dissem_can_view(db, r->user, id);
    if (rc || ok != 1) {
        res_error(r, ok < 0 || (rc && rc != DV_ENOTFOUND) ? 500 : 404);
        return;
    }
    struct dissem_session *s;
    size_t n;
    if (dissem_session_list_unit(db, r->arena, id, &s, &n)) {
        res_error(r, 500);
        return;
    }
    int fmt = export_format(r);
    if (fmt) {
        export_list(r, s, n, arena_printf(r->arena, "sessions-unit-%lld", (long long)id), fmt == 2);
        return;
    }
    struct dissem_list_view v;
    memset(&v, 0, sizeof v);
    v.csv_href = arena_printf(r->arena, "/units/%lld/sessions?format=csv", (long long)id);
    v.xlsx_href = arena_printf(r->arena, "/units/%lld/sessions?format=xlsx", (long long)id);
    v.heading_name = u.name;
    v.back_href = arena_printf(r->arena, "/units/%lld", (long long)id);
    v.back_label = u.name;
    v.cadres_href = arena_printf(r->arena, "/units/%lld/cadres", (long long)id);
    if (dissem_can_record(db, r->user, id) == 1) v.new_href = arena_printf(r->arena, "/units/%lld/sessions/new", (long long)id);
    rows_of(r, s, n, &v);
    render_list(r, &v, arena_printf(r->arena, _("Dissemination sessions: %s"), u.name));
}

/* GET /documents/:id/sessions: the sessions of the document held by units the user sees. */
void dissem_page_document(dv_req *r)
{
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    const char *title;
    int rc = dissem_document_title(db, r->arena, id, &title, NULL);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    struct dissem_session *all;
    size_t n;
    if (dissem_session_list_document(db, r->arena, id, &all, &n)) {
        res_error(r, 500);
        return;
    }
    struct dissem_session *seen = arena_alloc(r->arena, (n + 1) * sizeof *seen);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (dissem_can_view(db, r->user, all[i].unit_id) == 1) seen[k++] = all[i];
    struct dissem_list_view v;
    memset(&v, 0, sizeof v);
    v.heading_name = title;
    v.back_href = arena_printf(r->arena, "/documents/%lld", (long long)id);
    v.back_label = title;
    v.show_unit = 1;
    rows_of(r, seen, k, &v);
    render_list(r, &v, arena_printf(r->arena, _("Dissemination sessions: %s"), title));
}

static void groups_of(dv_req *r, const struct dissem_session *s, struct dissem_show_view *v)
{
    dv_arena *a = r->arena;
    enum dec_lang l = dec_lang_of(r->lang);
    char e[32], t[32];
    for (int g = 0; g < SG_N; g++) {
        if (!s->groups[g].recorded) continue;
        dec_format(e, sizeof e, (double)s->groups[g].expected, 0, 1, l);
        dec_format(t, sizeof t, (double)s->groups[g].attended, 0, 1, l);
        v->groups[v->ngroups++] = (struct dissem_group_view){
            dissem_group_label((enum dissem_group)g), arena_strdup(a, e), arena_strdup(a, t),
            dissem_rate_text(a, s->groups[g].attended, s->groups[g].expected, r->lang)};
    }
    v->total_rate = dissem_rate_text(a, s->attended, s->expected, r->lang);
}

static int links_of(dv_req *r, dv_db *db, const struct dissem_session *s, struct dissem_show_view *v)
{
    dv_arena *a = r->arena;
    v->makeups = arena_alloc(a, (s->nmakeups + 1) * sizeof *v->makeups);
    for (size_t i = 0; i < s->nmakeups; i++) {
        struct dissem_session m;
        if (dissem_session_get(db, a, s->makeups[i], &m)) return -1;
        v->makeups[v->nmakeups++] = (struct dissem_link){text_date_dmy(a, m.held_on),
                                                         arena_printf(a, "/sessions/%lld", (long long)m.id)};
    }
    if (s->makeup_of) {
        struct dissem_session o;
        if (dissem_session_get(db, a, s->makeup_of, &o)) return -1;
        v->makeup_of_href = arena_printf(a, "/sessions/%lld", (long long)o.id);
        v->makeup_of_date = text_date_dmy(a, o.held_on);
    }
    int64_t *ids;
    const char **titles;
    size_t nt;
    if (dissem_evidence_tasks(db, a, s->id, &ids, &titles, &nt)) return -1;
    v->tasks = arena_alloc(a, (nt + 1) * sizeof *v->tasks);
    for (size_t i = 0; i < nt; i++)
        v->tasks[v->ntasks++] = (struct dissem_link){titles[i], arena_printf(a, "/tasks/%lld", (long long)ids[i])};
    return 0;
}

/* GET /sessions/:id */
void dissem_page_show(dv_req *r)
{
    dv_db *db = db_thread();
    int64_t id = input_path_id(r, "id");
    if (!id) return;
    struct dissem_session s;
    int rc = dissem_session_get(db, r->arena, id, &s);
    int ok = rc ? 0 : dissem_can_view(db, r->user, s.unit_id);
    if (rc || ok != 1) {
        res_error(r, ok < 0 || (rc && rc != DV_ENOTFOUND) ? 500 : 404);
        return;
    }
    dv_arena *a = r->arena;
    struct dissem_show_view v;
    memset(&v, 0, sizeof v);
    v.s = &s;
    v.unit_href = arena_printf(a, "/units/%lld/sessions", (long long)s.unit_id);
    if (s.document_id) v.document_href = arena_printf(a, "/documents/%lld", (long long)s.document_id);
    v.held_on = text_date_dmy(a, s.held_on);
    v.form = dissem_form_label(s.form);
    groups_of(r, &s, &v);
    if (links_of(r, db, &s, &v)) {
        res_error(r, 500);
        return;
    }
    if (dissem_can_record(db, r->user, s.unit_id) == 1) {
        v.edit_href = arena_printf(a, "/sessions/%lld/edit", (long long)id);
        if (s.nabsentees)
            v.makeup_new_href = arena_printf(a, "/units/%lld/sessions/new?makeup_of=%lld", (long long)s.unit_id,
                                             (long long)id);
    }
    struct page pg;
    page_init(&pg, r, arena_printf(a, _("Dissemination session of %s"), v.held_on));
    pg.nav = "cadres";
    struct crumb *cr = arena_alloc(a, 3 * sizeof *cr);
    cr[0] = (struct crumb){s.unit_name, v.unit_href};
    cr[1] = (struct crumb){v.held_on, NULL};
    pg.crumbs = cr;
    tpl_directive_session_show(&r->out, &pg, &v);
}
