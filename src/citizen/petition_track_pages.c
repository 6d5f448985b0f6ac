/* petition_track_pages.c - following a petition by its code, without an account:
 * GET /kien-nghi (what the public can do), /kien-nghi/tra-cuu (the code typed in),
 * /kien-nghi/ma/:code (status history and the published answer; never who sent it;
 * served from the area's page cache), POST /kien-nghi/ma/:code/mo-lai (the petitioner
 * reopens an answer within the operator's time) and /kien-nghi/tra-loi (search of the
 * published answers, diacritics not needed). */
#include "citizen/citizen_pages.h"

#include "citizen/citizen_pages_int.h"
#include "citizen/citizen_view.h"
#include "citizen/petition.h"
#include "core/clock.h"
#include "core/err.h"
#include "core/i18n.h"
#include "http/input.h"
#include "http/page.h"
#include "tpl.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const struct input_field code_field = {"ma", IN_TEXT, 1, 1, 20, NULL, FK_TEXT, N_("Tracking code"),
                                              N_("As it was given, e.g. KN-7HQ4-MX2P."), NULL};
static const struct input_field path_code = {"code", IN_TEXT, 1, 1, 20, NULL, FK_TEXT, NULL, NULL, NULL};
static const struct input_field reason_field = {"reason", IN_MULTILINE, 1, 10, 2000, NULL, FK_TEXTAREA,
                                                N_("Why the answer does not settle it"), NULL, NULL};
static const struct input_field query_field = {"q", IN_TEXT, 0, 0, 200, NULL, FK_TEXT, N_("Search the answers"), NULL, NULL};

/* GET /kien-nghi */
void citizen_page_petition_home(dv_req *r)
{
    uint64_t gen = petition_generation();
    if (citizen_cache_answer(r, "/kien-nghi")) return;
    struct petition_answer_hit *hits = NULL;
    size_t n = 0;
    if (petition_search_answers(db_thread(), r->arena, NULL, 5, &hits, &n)) {
        res_error(r, 500);
        return;
    }
    struct petition_lookup_view v;
    memset(&v, 0, sizeof v);
    field_of(r->arena, &v.f_code, &code_field, NULL, 0);
    v.hits = hits;
    v.nhits = n;
    const char **dates = arena_alloc(r->arena, (n + 1) * sizeof *dates);
    for (size_t i = 0; i < n; i++) dates[i] = citizen_dmy(r->arena, hits[i].published_at);
    v.hit_dates = dates;
    struct portal_page pp;
    citizen_public_init(&pp, r, _("Petitions and feedback"), "/kien-nghi");
    pp.description = _("Send a petition or feedback to the authorities of the province and follow it by its code.");
    tpl_citizen_petition_home(&r->out, &pp, &v);
    citizen_cache_store(r, "/kien-nghi", gen);
}

/* GET /kien-nghi/tra-cuu[?ma=CODE] */
void citizen_page_petition_lookup(dv_req *r)
{
    struct input_value cv;
    int bad = input_query1(r, &code_field, &cv);
    char code[PETITION_CODE_LEN + 1];
    struct petition_lookup_view v;
    memset(&v, 0, sizeof v);
    if (cv.raw && !bad && petition_code_normalize(cv.str, code) == 0) {
        struct petition p;
        int rc = petition_by_code(db_thread(), r->arena, code, &p);
        if (rc == DV_OK) {
            res_redirect(r, arena_printf(r->arena, "/kien-nghi/ma/%s", code));
            return;
        }
        if (rc != DV_ENOTFOUND) {
            res_error(r, 500);
            return;
        }
    }
    field_of(r->arena, &v.f_code, &code_field, cv.raw ? &cv : NULL, 0);
    if (cv.raw && !v.f_code.error) field_fail(r->arena, &v.f_code, _("No petition has this code; check what you typed."));
    struct portal_page pp;
    citizen_public_init(&pp, r, _("Follow a petition"), "/kien-nghi/tra-cuu");
    pp.noindex = 1;
    r->status = cv.raw ? 404 : 200;
    tpl_citizen_petition_lookup(&r->out, &pp, &v);
}

/* The public history: each step's date, label and public note. */
static void public_steps(dv_req *r, const struct petition_event *ev, size_t n, struct petition_public_view *v)
{
    struct petition_step_view *s = arena_alloc(r->arena, (n + 1) * sizeof *s);
    for (size_t i = 0; i < n; i++) {
        s[i].date = citizen_dmy(r->arena, ev[i].at);
        s[i].label = ev[i].internal_note && !strcmp(ev[i].internal_note, "reopened") ? _("Reopened by the petitioner")
                                                                                        : petition_status_label(ev[i].status);
        s[i].note = ev[i].public_note;
    }
    v->steps = s;
    v->nsteps = n;
}

/* Fills the public view of p (shared with the staff page). */
int citizen_petition_public_view(dv_req *r, const struct petition *p, struct petition_public_view *v)
{
    memset(v, 0, sizeof *v);
    struct petition_event *ev = NULL;
    size_t n = 0;
    int rc = petition_events(db_thread(), r->arena, p->id, &ev, &n);
    if (rc) return rc;
    v->p = p;
    v->received = citizen_dmy(r->arena, p->received_day);
    v->answer_due = citizen_dmy(r->arena, p->answer_due);
    v->published = citizen_dmy(r->arena, p->published_at);
    v->status_label = petition_status_label(p->status);
    char today[11];
    clock_vn_today(today);
    v->overdue = !petition_is_closed(p->status) && p->answer_due && strcmp(p->answer_due, today) < 0;
    public_steps(r, ev, n, v);
    struct citizen_settings cs;
    long long t = 0;
    if (p->status == PS_PUBLISHED && citizen_settings_get(db_thread(), &cs) == 0 &&
        clock_parse_iso_utc(p->published_at, &t) == 0) {
        long long until = t + (long long)cs.reopen_days * 86400;
        v->can_reopen = (long long)time(NULL) <= until;
        char d[11];
        clock_vn_date(until, d);
        v->reopen_until = citizen_dmy(r->arena, d);
        v->reopen_action = arena_printf(r->arena, "/kien-nghi/ma/%s/mo-lai", p->code);
        v->reopen_href = arena_printf(r->arena, "/kien-nghi/ma/%s/mo-lai#reopen-h", p->code);
    }
    field_of(r->arena, &v->f_reason, &reason_field, NULL, FIELD_MARKED);
    return DV_OK;
}

/* The petition of the path's code, or an answer (404, 500) already given. */
static int load_by_path(dv_req *r, struct petition *p, char code[PETITION_CODE_LEN + 1])
{
    struct input_value v;
    if (input_param(r, &path_code, &v) || petition_code_normalize(v.str, code)) {
        res_error(r, 404);
        return -1;
    }
    int rc = petition_by_code(db_thread(), r->arena, code, p);
    if (rc) res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
    return rc ? -1 : 0;
}

static void render_status(dv_req *r, struct petition_public_view *v, int status)
{
    struct portal_page pp;
    citizen_public_init(&pp, r, arena_printf(r->arena, "%s %s", _("Petition"), v->p->code),
                        arena_printf(r->arena, "/kien-nghi/ma/%s", v->p->code));
    pp.noindex = 1;
    if (v->reopen_form) page_need_csrf(&pp.pg, r);
    struct crumb *crumbs = arena_alloc(r->arena, 3 * sizeof *crumbs);
    crumbs[0] = (struct crumb){_("Petitions and feedback"), "/kien-nghi"};
    crumbs[1] = (struct crumb){v->p->code, NULL};
    crumbs[2] = (struct crumb){NULL, NULL};
    pp.pg.crumbs = crumbs;
    r->status = status;
    tpl_citizen_petition_status(&r->out, &pp, v);
}

/* GET /kien-nghi/ma/:code */
void citizen_page_petition_status(dv_req *r)
{
    uint64_t gen = petition_generation();
    const char *raw = req_param(r, "code");
    char key[48];
    if (raw && strlen(raw) < 20) {
        snprintf(key, sizeof key, "/kien-nghi/ma/%s", raw);
        if (citizen_cache_answer(r, key)) return;
    }
    struct petition p;
    char code[PETITION_CODE_LEN + 1];
    if (load_by_path(r, &p, code)) return;
    if (strcmp(raw, code)) { /* typed another way: the canonical address */
        res_redirect(r, arena_printf(r->arena, "/kien-nghi/ma/%s", code));
        r->status = 301;
        return;
    }
    struct petition_public_view v;
    if (citizen_petition_public_view(r, &p, &v)) {
        res_error(r, 500);
        return;
    }
    render_status(r, &v, 200);
    citizen_cache_store(r, key, gen);
}

/* GET /kien-nghi/ma/:code/mo-lai: the status page with the form to reopen it. */
void citizen_page_petition_reopen_form(dv_req *r)
{
    struct petition p;
    char code[PETITION_CODE_LEN + 1];
    if (load_by_path(r, &p, code)) return;
    struct petition_public_view v;
    if (citizen_petition_public_view(r, &p, &v)) {
        res_error(r, 500);
        return;
    }
    v.reopen_form = v.can_reopen;
    render_status(r, &v, v.can_reopen ? 200 : 404);
}

/* POST /kien-nghi/ma/:code/mo-lai */
void citizen_page_petition_reopen(dv_req *r)
{
    struct petition p;
    char code[PETITION_CODE_LEN + 1];
    if (load_by_path(r, &p, code)) return;
    struct input_value rv;
    int bad = input_form1(r, &reason_field, &rv);
    struct petition_public_view v;
    if (citizen_petition_public_view(r, &p, &v)) {
        res_error(r, 500);
        return;
    }
    field_of(r->arena, &v.f_reason, &reason_field, &rv, FIELD_MARKED);
    v.reopen_form = 1;
    if (bad || !v.can_reopen) {
        if (!bad) field_fail(r->arena, &v.f_reason, _("This answer can no longer be reopened."));
        render_status(r, &v, 422);
        return;
    }
    int rc = petition_reopen(db_thread(), code, rv.str, r->remote_addr);
    if (rc == DV_ECONFLICT) {
        field_fail(r->arena, &v.f_reason, _("This answer can no longer be reopened."));
        render_status(r, &v, 422);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    page_flash_set(r, "The petition has been reopened.");
    res_redirect(r, arena_printf(r->arena, "/kien-nghi/ma/%s", code));
}

/* GET /kien-nghi/tra-loi?q= */
void citizen_page_petition_answers(dv_req *r)
{
    struct input_value qv;
    int bad = input_query1(r, &query_field, &qv);
    const char *q = !bad && qv.present ? qv.str : NULL;
    struct petition_answer_hit *hits = NULL;
    size_t n = 0;
    if (petition_search_answers(db_thread(), r->arena, q, 50, &hits, &n)) {
        res_error(r, 500);
        return;
    }
    struct petition_lookup_view v;
    memset(&v, 0, sizeof v);
    field_of(r->arena, &v.f_code, &query_field, &qv, 0);
    v.query = q;
    v.searched = q != NULL;
    v.hits = hits;
    v.nhits = n;
    const char **dates = arena_alloc(r->arena, (n + 1) * sizeof *dates);
    for (size_t i = 0; i < n; i++) dates[i] = citizen_dmy(r->arena, hits[i].published_at);
    v.hit_dates = dates;
    struct portal_page pp;
    citizen_public_init(&pp, r, _("Published answers"), "/kien-nghi/tra-loi");
    pp.query = NULL;
    tpl_citizen_petition_answers(&r->out, &pp, &v);
}
