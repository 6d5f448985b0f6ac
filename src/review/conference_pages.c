/* conference_pages.c - review conferences: creating one (the document reviewed, its guidance,
 * the thematic regime collecting the units' review reports), its page (who reported, bridge
 * points, invitees with their letters and attendance, agenda, presentations, minutes,
 * conclusions as tasks, awards, the draft article once closed) and the files it serves. The
 * forms of its parts are in conference_steps.c; letters in conference_doc.c. */
#include "review/review_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "report/completeness/completeness.h"
#include "report/regime/regime.h"
#include "review/conference.h"
#include "review/conference_pages.h"
#include "portal/media.h"
#include "review/review_access.h"

#include <stdlib.h>
#include <string.h>

const char *rv_conf_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/review/conferences/%lld", (long long)id);
}

int rv_load_conference(dv_req *r, dv_db *db, int manage, struct conference *out)
{
    int64_t id = rv_path_id(r);
    if (!id) return -1;
    int rc = conf_get(db, r->arena, id, out);
    return rv_loaded(r, db, rc, manage, rc ? 0 : out->unit_id);
}

/* ---- new ---- */

static const char *const kind_codes[] = {"interim", "final", NULL};

enum { C_UNIT, C_KIND, C_TITLE, C_SUBJECT, C_YEARS, C_GUIDE, C_REGIME, C_DATE, C_TIME, C_PLACE, C_CHAIR, C_ONLINE, C_N };

struct cnew {
    struct input_field s[C_N];
    struct option_view *units, *docs, *regimes;
    size_t nunits, ndocs, nregimes;
};

static void cnew_load(dv_req *r, dv_db *db, struct cnew *c)
{
    memset(c, 0, sizeof *c);
    const char *const *ucodes;
    c->nunits = rv_own_unit_options(r, db, &c->units, &ucodes);
    const char *const *dcodes, *const *gcodes;
    c->ndocs = rv_document_options(r, db, &c->docs, &dcodes);
    c->nregimes = rv_regime_options(r, db, &c->regimes, &gcodes);
    c->s[C_UNIT] = (struct input_field){"unit", IN_CHOICE, 1, 0, 0, ucodes, FK_SELECT, N_("Organising unit"), NULL, NULL};
    c->s[C_KIND] = (struct input_field){"kind", IN_CHOICE, 1, 0, 0, kind_codes, FK_SELECT, N_("Kind"), NULL, NULL};
    c->s[C_TITLE] = (struct input_field){"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Title"), NULL, NULL};
    c->s[C_SUBJECT] = (struct input_field){"subject_document", IN_CHOICE, 0, 0, 0, dcodes, FK_SELECT, N_("Document reviewed"), NULL, NULL};
    c->s[C_YEARS] = (struct input_field){"years", IN_INT, 1, 1, 50, NULL, FK_NUMBER, N_("Years reviewed"), NULL, NULL};
    c->s[C_GUIDE] = (struct input_field){"guidance_document", IN_CHOICE, 0, 0, 0, dcodes, FK_SELECT, N_("Guidance to the units"),
                                         N_("The guidance document, registered in the documents registry."), NULL};
    c->s[C_REGIME] = (struct input_field){"regime", IN_CHOICE, 0, 0, 0, gcodes, FK_SELECT, N_("Reporting regime of the units' review reports"),
                                          N_("A thematic regime with a set window; its current period is followed."), NULL};
    c->s[C_DATE] = (struct input_field){"held_on", IN_DATE, 1, 0, 0, NULL, FK_DATE, N_("Date of the conference"), N_("Date as dd/mm/yyyy."), NULL};
    c->s[C_TIME] = (struct input_field){"starts_at", IN_TEXT, 1, 5, 5, NULL, FK_TEXT, N_("Starts at"), N_("Time as HH:MM, e.g. 08:00."), NULL};
    c->s[C_PLACE] = (struct input_field){"place", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Place"), NULL, NULL};
    c->s[C_CHAIR] = (struct input_field){"chair", IN_TEXT, 0, 0, 300, NULL, FK_TEXT, N_("Chair"), NULL, NULL};
    c->s[C_ONLINE] = (struct input_field){"online", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, N_("Online, with bridge points"), NULL, NULL};
}

static void cnew_form(dv_req *r, struct gform_view *v, struct cnew *c)
{
    gf_options(v, "unit", c->units, c->nunits, _("Choose…"));
    struct option_view *k = arena_alloc(r->arena, 2 * sizeof *k);
    k[0] = (struct option_view){"interim", _("Interim review (sơ kết)"), 0};
    k[1] = (struct option_view){"final", _("Final review (tổng kết)"), 0};
    gf_options(v, "kind", k, 2, NULL);
    gf_options(v, "subject_document", c->docs, c->ndocs, _("None"));
    gf_options(v, "guidance_document", c->docs, c->ndocs, _("None"));
    gf_options(v, "regime", c->regimes, c->nregimes, _("None"));
    v->action = "/review/conferences";
    v->submit_label = _("Create");
    v->cancel_href = "/review";
    rv_form(r, v, _("New review conference"), NULL, NULL, NULL, NULL);
}

void review_page_conference_new(dv_req *r)
{
    if (rv_require_use(r)) return;
    dv_db *db = db_thread();
    struct cnew c;
    cnew_load(r, db, &c);
    struct gform_view v = {0};
    gform_init(r, &v, c.s, C_N, NULL);
    gf_set(&v, "years", "10");
    gf_set(&v, "starts_at", "08:00");
    gf_set(&v, "kind", "final");
    cnew_form(r, &v, &c);
}

static int64_t id_of(const struct input_value *v)
{
    return v->str && *v->str ? strtoll(v->str, NULL, 10) : 0;
}

void review_page_conference_create(dv_req *r)
{
    if (rv_require_run(r)) return;
    dv_db *db = db_thread();
    struct cnew c;
    cnew_load(r, db, &c);
    struct gform_view v = {0};
    struct input_value fv[C_N];
    int bad = gform_validate(r, &v, c.s, C_N, fv);
    if (!bad && !conf_is_time(fv[C_TIME].str)) {
        gf_fail(r, &v, "starts_at", _("Write the time as HH:MM, e.g. 08:00."));
        bad = 1;
    }
    if (!bad) {
        int64_t unit = id_of(&fv[C_UNIT]);
        if (!review_can_manage(db, r->user, unit)) {
            res_error(r, 403);
            return;
        }
        int64_t regime = id_of(&fv[C_REGIME]), period = 0;
        if (regime) period_store_current(db, regime, fv[C_DATE].str, &period);
        struct conf_input in = {unit, id_of(&fv[C_SUBJECT]), id_of(&fv[C_GUIDE]), regime, period, fv[C_KIND].str,
                                fv[C_TITLE].str, fv[C_DATE].str, fv[C_TIME].str, fv[C_PLACE].str, fv[C_CHAIR].str,
                                (int)fv[C_YEARS].num, (int)fv[C_ONLINE].num};
        int64_t id = 0;
        int rc = conf_create(db, r->user, &in, &id);
        if (rv_saved(r, &v, rc, rv_conf_href(r, id), _("The conference could not be saved."))) return;
    }
    if (r->status < 400) r->status = 422;
    cnew_form(r, &v, &c);
}

/* ---- its page ---- */

static void show_reports(dv_req *r, dv_db *db, struct rv_page *v, const struct conference *c)
{
    if (!c->regime_id) return;
    struct period p;
    if (!c->period_id || period_store_get(db, r->arena, c->period_id, &p)) {
        v->facts[v->nfacts++] = (struct rv_fact){_("Units' review reports"), _("No period of the regime covers the conference date."),
                                                 arena_printf(r->arena, "/regimes/%lld", (long long)c->regime_id)};
        return;
    }
    struct compl_period cp = {p.id, p.label, p.close_start, p.close_end};
    struct compl_result res;
    if (completeness_compute(db, r->arena, c->regime_id, &cp, 1, rv_scope_root(r, db), NULL, &res) == 0 && res.totals) {
        const struct compl_counts *k = &res.totals[0];
        v->facts[v->nfacts++] = (struct rv_fact){_("Units' review reports"),
                                                 arena_printf(r->arena, _("%ld of %ld received (%ld on time), %s"), k->received, k->expected,
                                                              k->on_time, p.label),
                                                 "/dashboard"};
    }
}

static void show_facts(dv_req *r, dv_db *db, struct rv_page *v, const struct conference *c)
{
    v->facts[v->nfacts++] = (struct rv_fact){_("Organising unit"), c->unit_name, NULL};
    v->facts[v->nfacts++] = (struct rv_fact){_("Kind"), strcmp(c->kind, "final") == 0 ? _("Final review (tổng kết)") : _("Interim review (sơ kết)"), NULL};
    if (c->subject_code)
        v->facts[v->nfacts++] = (struct rv_fact){_("Document reviewed"), arena_printf(r->arena, _("%s, over %d years"), c->subject_code, c->years), NULL};
    if (c->guidance_code)
        v->facts[v->nfacts++] = (struct rv_fact){_("Guidance to the units"), arena_printf(r->arena, "%s: %s", c->guidance_code, c->guidance_title),
                                                 arena_printf(r->arena, "/documents/%lld", (long long)c->guidance_document_id)};
    show_reports(r, db, v, c);
    v->facts[v->nfacts++] = (struct rv_fact){_("Date and time"), arena_printf(r->arena, "%s, %s", c->starts_at, rv_dmy(r, c->held_on)), NULL};
    v->facts[v->nfacts++] = (struct rv_fact){_("Place"), c->place, NULL};
    if (*c->chair) v->facts[v->nfacts++] = (struct rv_fact){_("Chair"), c->chair, NULL};
    const char **b = NULL;
    size_t nb = 0;
    conf_bridges(db, r->arena, c->id, &b, &nb);
    if (c->online || nb) {
        dv_buf s = {0};
        for (size_t k = 0; k < nb; k++) buf_printf(&s, "%s%s", k ? "; " : "", b[k]);
        v->facts[v->nfacts++] = (struct rv_fact){_("Bridge points"), nb ? arena_strdup(r->arena, s.data) : _("None yet."), NULL};
        buf_free(&s);
    }
    if (c->invitation_number)
        v->facts[v->nfacts++] = (struct rv_fact){_("Invitation letters"),
                                                 arena_printf(r->arena, "%s, %s", rv_doc_number(r, db, c->unit_id, "GM", c->invitation_number, c->invitation_date),
                                                              rv_dmy(r, c->invitation_date)), NULL};
    const char *st = strcmp(c->status, "closed") == 0 ? _("Conference closed") : strcmp(c->status, "held") == 0 ? _("Held (minutes written)") : _("In preparation");
    v->facts[v->nfacts++] = (struct rv_fact){_("Status"), st, NULL};
    if (*c->minutes) v->facts[v->nfacts++] = (struct rv_fact){_("Minutes"), arena_printf(r->arena, "%s (%s)", c->minutes, c->minutes_by), NULL};
}

static void show_actions(dv_req *r, struct rv_page *v, const struct conference *c)
{
    const char *base = rv_conf_href(r, c->id);
    int closed = strcmp(c->status, "closed") == 0;
#define LINK(path, label) v->links[v->nlinks++] = (struct rv_fact){NULL, (label), arena_printf(r->arena, "%s/%s", base, (path))}
    if (!closed) {
        if (c->online) LINK("bridges/new", _("Add a bridge point"));
        if (!c->invitation_number)
            v->buttons[v->nbuttons++] = (struct rv_button){arena_printf(r->arena, "%s/invitations", base), _("Issue the invitation letters (number them)")};
        LINK("checkin", _("Check in by the code on the invitation"));
        LINK("minutes", *c->minutes ? _("Edit the minutes") : _("Write the minutes"));
        if (conf_can_close(c->status, c->minutes)) LINK("close", _("Close the conference"));
        else v->notice = _("The conference can be closed once its minutes are written.");
    }
#undef LINK
}

static void table_invitees(dv_req *r, dv_db *db, struct rv_page *v, const struct conference *c, int manage)
{
    struct conf_invitee *iv = NULL;
    size_t n = 0;
    conf_invitees(db, r->arena, c->id, &iv, &n);
    const char *base = rv_conf_href(r, c->id);
    int closed = strcmp(c->status, "closed") == 0;
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"invitees", _("Invitees and attendance"), _("Nobody invited yet."),
                           {_("Invitee"), _("Position"), _("Attendance code"), _("Invitation letter"), _("PDF"), _("Attendance")}, 6, NULL, 0,
                           manage && !closed ? arena_printf(r->arena, "%s/invitees/new", base) : NULL, _("Invite a unit or a person")};
    t->rows = arena_alloc(r->arena, (n + 1) * sizeof *t->rows);
    size_t present = 0;
    for (size_t k = 0; k < n; k++) {
        struct rv_row *w = &t->rows[t->n++];
        const char *att = iv[k].checked_in_at ? (strcmp(iv[k].checked_in_how, "code") == 0 ? _("Present (code)") : _("Present (checked by the staff)"))
                          : manage && !closed ? _("Check in") : _("Not checked in");
        present += iv[k].checked_in_at != NULL;
        *w = (struct rv_row){{iv[k].name, iv[k].position, iv[k].code, _("DOCX"), _("PDF"), att}, NULL, {0}, NULL, {0}};
        w->cell_href[3] = arena_printf(r->arena, "%s/invitations/%lld.docx", base, (long long)iv[k].id);
        w->cell_href[4] = arena_printf(r->arena, "%s/invitations/%lld.pdf", base, (long long)iv[k].id);
        if (!iv[k].checked_in_at && manage && !closed)
            w->cell_post[5] = arena_printf(r->arena, "%s/invitees/%lld/checkin", base, (long long)iv[k].id);
    }
    if (n) v->facts[v->nfacts++] = (struct rv_fact){_("Attendance"), arena_printf(r->arena, _("%zu of %zu invitees present"), present, n), NULL};
}

static void table_agenda_pres(dv_req *r, dv_db *db, struct rv_page *v, const struct conference *c, int manage)
{
    const char *base = rv_conf_href(r, c->id);
    int open = manage && strcmp(c->status, "closed") != 0;
    struct conf_agenda_item *g = NULL;
    size_t ng = 0;
    conf_agenda(db, r->arena, c->id, &g, &ng);
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"agenda", _("Agenda"), _("No item yet."), {_("Time"), _("Item"), _("Presented by")}, 3, NULL, 0,
                           open ? arena_printf(r->arena, "%s/agenda/new", base) : NULL, _("Add an agenda item")};
    t->rows = arena_alloc(r->arena, (ng + 1) * sizeof *t->rows);
    for (size_t k = 0; k < ng; k++)
        t->rows[t->n++] = (struct rv_row){{arena_printf(r->arena, "%s – %s", g[k].starts_at, g[k].ends_at), g[k].title, g[k].presenter}, NULL, {0}, NULL, {0}};
    struct conf_presentation *p = NULL;
    size_t np = 0;
    conf_presentations(db, r->arena, c->id, &p, &np);
    t = &v->tables[v->ntables++];
    *t = (struct rv_table){"presentations", _("Presentations"), _("No presentation yet."),
                           {_("Title"), _("Author"), _("Unit"), _("Form"), _("File")}, 5, NULL, 0,
                           open ? arena_printf(r->arena, "%s/presentations/new", base) : NULL, _("Add a presentation")};
    t->rows = arena_alloc(r->arena, (np + 1) * sizeof *t->rows);
    for (size_t k = 0; k < np; k++) {
        struct rv_row *w = &t->rows[t->n++];
        *w = (struct rv_row){{p[k].title, p[k].author, p[k].unit_name, strcmp(p[k].mode, "spoken") == 0 ? _("Spoken") : _("Written"),
                              p[k].file_name ? p[k].file_name : ""}, NULL, {0}, NULL, {0}};
        if (p[k].file_name) w->cell_href[4] = arena_printf(r->arena, "%s/presentations/%lld/file", base, (long long)p[k].id);
    }
}

static void table_outcomes(dv_req *r, dv_db *db, struct rv_page *v, const struct conference *c, int manage)
{
    const char *base = rv_conf_href(r, c->id);
    struct conf_conclusion *k = NULL;
    size_t nk = 0;
    conf_conclusions(db, r->arena, c->id, &k, &nk);
    struct rv_table *t = &v->tables[v->ntables++];
    *t = (struct rv_table){"conclusions", _("Conclusions"), _("No conclusion yet."), {_("Conclusion"), _("Lead unit"), _("Due by"), _("Task")}, 4,
                           NULL, 0, manage && strcmp(c->status, "closed") != 0 ? arena_printf(r->arena, "%s/conclusions/new", base) : NULL,
                           _("Add a conclusion")};
    t->rows = arena_alloc(r->arena, (nk + 1) * sizeof *t->rows);
    for (size_t i = 0; i < nk; i++) {
        struct rv_row *w = &t->rows[t->n++];
        int done = k[i].task_state && strcmp(k[i].task_state, "confirmed") == 0;
        *w = (struct rv_row){{k[i].text, k[i].lead_name, rv_dmy(r, k[i].deadline), done ? _("Done (confirmed)") : _("Not done yet")}, NULL, {0}, NULL, {0}};
        w->cell_href[3] = arena_printf(r->arena, "/tasks/%lld", (long long)k[i].task_id);
    }
    struct award *a = NULL;
    size_t na = 0;
    conf_awards(db, r->arena, c->id, &a, &na);
    t = &v->tables[v->ntables++];
    *t = (struct rv_table){"awards", _("Awards"), _("No award yet."), {_("Recipient"), _("Achievement"), _("Form"), _("Decision")}, 4, NULL, 0,
                           manage ? arena_printf(r->arena, "%s/awards/new", base) : NULL, _("Add an award")};
    t->rows = arena_alloc(r->arena, (na + 1) * sizeof *t->rows);
    for (size_t i = 0; i < na; i++)
        t->rows[t->n++] = (struct rv_row){{a[i].recipient, a[i].achievement, a[i].form,
                                           arena_printf(r->arena, "%s, %s", a[i].decision_number, rv_dmy(r, a[i].decided_on))}, NULL, {0}, NULL, {0}};
}

void review_page_conference_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 0, &c)) return;
    int manage = review_can_manage(db, r->user, c.unit_id);
    struct rv_page v = {0};
    show_facts(r, db, &v, &c);
    if (manage) show_actions(r, &v, &c);
    table_invitees(r, db, &v, &c, manage);
    table_agenda_pres(r, db, &v, &c, manage);
    table_outcomes(r, db, &v, &c, manage);
    if (c.article_title) {
        struct rv_table *t = &v.tables[v.ntables++];
        *t = (struct rv_table){"article", _("Draft article for the portal"), NULL, {_("Title"), _("Lead"), _("Author")}, 3, NULL, 0, NULL, NULL};
        t->rows = arena_alloc(r->arena, sizeof *t->rows);
        t->rows[t->n++] = (struct rv_row){{c.article_title, c.article_lead, c.article_author}, NULL, {0}, NULL, {0}};
        if (c.article_id) t->rows[0].cell_href[0] = arena_printf(r->arena, "/desk/%lld", (long long)c.article_id);
        else t->rows[0].href = arena_printf(r->arena, "%s/article", rv_conf_href(r, c.id));
    }
    v.gallery = rv_conf_gallery(r, db, &c, manage && !c.article_id, 1);
    rv_render(r, &v, c.title, NULL, NULL);
}

const struct rv_gallery *rv_conf_gallery(dv_req *r, dv_db *db, const struct conference *c, int can_add, int own_route)
{
    struct conf_photo *p = NULL;
    size_t n = 0;
    conf_photos(db, r->arena, c->id, &p, &n);
    struct rv_gallery *g = arena_alloc(r->arena, sizeof *g);
    struct rv_photo *ph = arena_alloc(r->arena, (n + 1) * sizeof *ph);
    for (size_t k = 0; k < n; k++)
        ph[k] = (struct rv_photo){own_route ? arena_printf(r->arena, "%s/photos/%lld", rv_conf_href(r, c->id), (long long)p[k].id)
                                            : arena_printf(r->arena, "/media/%lld/thumb", (long long)p[k].media_id),
                                  p[k].alt, p[k].caption};
    *g = (struct rv_gallery){_("Photos for the article"), _("No photo yet."), ph, n,
                             can_add ? arena_printf(r->arena, "%s/photos/new", rv_conf_href(r, c->id)) : NULL, _("Add a photo")};
    return g;
}

/* A photo's list copy to those who may read the conference (the portal serves it from
 * /media only once a published article shows it, or to the desk). */
void review_page_conf_photo_file(dv_req *r)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 0, &c)) return;
    int64_t pid = input_path_id(r, "photo");
    if (!pid) return;
    struct conf_photo p;
    struct media_blob b;
    int rc = conf_photo_get(db, r->arena, c.id, pid, &p);
    if (!rc) rc = media_get(db, r->arena, p.media_id, 1, &b);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    buf_append(&r->out, b.data, b.len);
    r->status = 200;
    r->content_type = b.type;
    r->cache_control = "private, no-store";
}

void review_page_presentation_file(dv_req *r)
{
    dv_db *db = db_thread();
    struct conference c;
    if (rv_load_conference(r, db, 0, &c)) return;
    int64_t pid = input_path_id(r, "pid");
    if (!pid) return;
    const void *data;
    size_t len;
    int rc = conf_presentation_file(db, r->arena, c.id, pid, &data, &len);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    buf_append(&r->out, data, len);
    r->status = 200;
    r->content_type = "application/octet-stream";
    res_header(r, "Content-Disposition", arena_printf(r->arena, "attachment; filename=\"tham-luan-%lld\"", (long long)pid));
}
