/* entry_pages.c - the entry pages of the reporting area: what is due, the report form
 * (save draft, submit, attachments), the receiving unit's review (approve, return with a
 * comment), lock exceptions, and a report's history. Each handler: check access →
 * validate input → call the store → render. Access is decided here on the server:
 * an officer acts for their own unit only, staff for their subtree, admins for all;
 * reviewing needs staff/admin whose scope covers the regime's receiving unit. */
#include "report/entry/entry_pages.h"
#include "report/entry/entry_pages_int.h"
#include "report/entry/entry_prefill.h"

#include "core/clock.h"
#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "core/html.h"
#include "db/db.h"
#include "http/http.h"
#include "http/page.h"
#include "org/access.h"
#include "org/unit.h"
#include "org/unit_tree.h"
#include "core/principal.h"
#include "report/entry/entry_view.h"
#include "report/period.h"
#include "report/report.h"
#include "report/report_access.h"
#include "report/report_ctx.h"
#include "report/report_validate.h"
#include "http/form_legacy.h"
#include "text/text.h"
#include "tpl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* ---- access ---- */

int entry_pg_is_commission(const struct dv_user *u)
{
    return report_can_review_reports(u);
}

/* ---- formatting ---- */

/* ISO UTC timestamp → "dd/mm/yyyy hh:mm" in Vietnam time. */
const char *entry_pg_vn_time(dv_req *r, const char *iso)
{
    if (!iso) return NULL;
    char *out = arena_alloc(r->arena, 17);
    return clock_vn_datetime_text(iso, out) == 0 ? out : iso;
}

static const char *size_text(dv_req *r, int64_t n)
{
    if (n < 1024) return arena_printf(r->arena, "%lld B", (long long)n);
    if (n < 1024 * 1024) return arena_printf(r->arena, "%lld KB", (long long)((n + 1023) / 1024));
    return arena_printf(r->arena, "%.1f MB", (double)n / (1024.0 * 1024.0));
}

const char *entry_pg_event_label(const char *action)
{
    if (!strcmp(action, "saved")) return _("Draft saved");
    if (!strcmp(action, "submitted")) return _("Submitted");
    if (!strcmp(action, "approved")) return _("Approved");
    if (!strcmp(action, "returned")) return _("Returned for correction");
    if (!strcmp(action, "unlocked")) return _("Entry reopened");
    if (!strcmp(action, "attached")) return _("File attached");
    if (!strcmp(action, "detached")) return _("File deleted");
    return action;
}

/* The notice for ?ok=… after a redirect (fixed codes only, never free text). */
static const char *ok_notice(dv_req *r)
{
    static const struct input_field ok_field = {"ok", IN_SLUG, 0, 0, 20, NULL, FK_TEXT, NULL, NULL, NULL};
    struct input_value v;
    if (input_query1(r, &ok_field, &v) || !v.present) return NULL;
    const char *ok = v.str;
    if (!strcmp(ok, "saved")) return _("The draft has been saved.");
    if (!strcmp(ok, "submitted")) return _("The report has been submitted.");
    if (!strcmp(ok, "approved")) return _("The report has been approved.");
    if (!strcmp(ok, "returned")) return _("The report has been returned to its unit.");
    if (!strcmp(ok, "unlocked")) return _("Entry has been reopened for this unit.");
    if (!strcmp(ok, "deleted")) return _("The file has been deleted.");
    return NULL;
}

const char *entry_pg_form_href(dv_req *r, int64_t regime, int64_t period, int64_t unit)
{
    return arena_printf(r->arena, "/reports/%lld/%lld/%lld", (long long)regime, (long long)period, (long long)unit);
}

/* ---- the form's context ---- */

/* Loads the context of report :id. */
int entry_pg_ctx_load_id(dv_req *r, dv_db *db, struct report_ctx *c)
{
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    struct report rep;
    int rc = report_store_get(db, r->arena, id, &rep);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    return report_ctx_load(r, db, rep.regime_id, rep.period_id, rep.unit_id, 0, c);
}

/* Where the form's values come from: what was just typed, or what is stored. */
struct source {
    dv_req *r;                   /* typed: req_form */
    const struct report_value *vals; /* stored */
    size_t nvals;
    const struct report_section_body *secs;
    size_t nsecs;
};

static const char *stored_value(dv_req *r, const struct source *s, const struct report_def_indicator *ind,
                                int64_t option_id)
{
    for (size_t i = 0; i < s->nvals; i++) {
        const struct report_value *v = &s->vals[i];
        if (v->indicator_id != ind->id || v->option_id != option_id) continue;
        if (!v->has_num) return v->text;
        return report_num_format(r->arena, ind->type, v->num, r->lang);
    }
    return NULL;
}

static const char *bool_shown(const char *v)
{
    if (!v) return NULL;
    return v[0] == '1' ? _("Yes") : _("No");
}


/* The warning of one key (a rule the draft breaks), translated, or NULL. */
static const char *checked_warning(const struct report_checked *c, const char *key)
{
    for (size_t i = 0; c && i < c->nwarnings; i++)
        if (!strcmp(c->warnings[i].key, key))
            return c->warnings[i].message ? c->warnings[i].message : _(c->warnings[i].msgid);
    return NULL;
}

static void add_warning_view(dv_arena *a, struct entry_form_view *v, size_t cap, const char *key, const char *label,
                             const char *message)
{
    if (!message || v->nwarnings >= cap) return;
    v->warnings[v->nwarnings++] = (struct entry_warning){arena_strdup(a, key), label, message};
}

/* The error summary being collected, in form order. */
struct form_errs {
    const struct field_view **errs;
    size_t n, cap;
};

/* Status, lock and deadline messages of the form. */
static void form_header(dv_req *r, const struct report_ctx *c, const struct render_opts *o, struct entry_form_view *v,
                        enum report_status st)
{
    dv_arena *a = r->arena;
    v->action = entry_pg_form_href(r, c->regime_id, c->period_id, c->unit_id);
    v->regime_name = c->def.name;
    v->period_label = c->per.label;
    v->unit_name = c->unit.name;
    v->window = arena_printf(a, "%s – %s", text_date_dmy(r->arena, c->per.close_start), text_date_dmy(r->arena, c->per.close_end));
    v->deadline = text_date_dmy(r->arena, c->lock.deadline);
    v->status_label = report_status_label(st);
    v->status_code = report_status_code(st);
    v->version = arena_printf(a, "%d", c->rep.id ? c->rep.version : 0);
    v->editable = c->can_act && report_status_editable(st) && !c->lock.locked;
    char today[11];
    clock_vn_today(today);
    if (c->lock.locked && report_status_editable(st))
        v->lock_message = arena_printf(a, _("Entry closed on %s (the deadline plus %d days of grace). The commission can reopen it with a lock exception."),
                                      text_date_dmy(r->arena, c->lock.lock_from), c->def.grace_days);
    else if (st == REPORT_SUBMITTED)
        v->lock_message = _("The report has been submitted and is waiting for review.");
    else if (st == REPORT_APPROVED)
        v->lock_message = _("The report has been approved.");
    else if (!c->can_act)
        v->lock_message = _("You may review this report but not change it.");
    if (st == REPORT_RETURNED && c->rep.review_comment) v->review_comment = c->rep.review_comment;
    v->general_error = o->general_error;
    v->notice = o->notice;
    if (!v->notice && v->editable && c->lock.deadline && strcmp(today, c->lock.deadline) > 0)
        v->notice = c->lock.exception_until
                       ? arena_printf(a, _("Entry has been reopened until %s. The report will be recorded as late."),
                                      text_date_dmy(r->arena, c->lock.exception_until))
                       : _("The deadline has passed: the report will be recorded as late.");
}

/* One field per indicator, or per option cell of a disaggregated one. */
static void form_indicators(dv_req *r, const struct report_ctx *c, const struct render_opts *o, const struct source *srcp,
                            const struct report_checked *warn, struct entry_form_view *v, struct form_errs *fe)
{
    dv_arena *a = r->arena;
    const struct source src = *srcp;
    v->inds = arena_alloc(a, (c->def.nindicators + 1) * sizeof *v->inds);
    v->ninds = c->def.nindicators;
    for (size_t i = 0; i < c->def.nindicators; i++) {
        const struct report_def_indicator *ind = &c->def.indicators[i];
        struct entry_indicator *d = &v->inds[i];
        d->code = ind->code;
        d->name = ind->name;
        d->uom = ind->unit_of_measure && *ind->unit_of_measure ? ind->unit_of_measure : NULL;
        d->kind = ind->type == RIT_BOOL ? "bool" : ind->type == RIT_TEXT ? "text" : ind->type == RIT_DATE ? "date" : "number";
        unsigned flags = ind->required ? FIELD_REQUIRED | FIELD_MARKED : 0;
        if (ind->type == RIT_DATE) flags |= FIELD_DATE;
        if (ind->noptions) {
            d->ncells = ind->noptions;
            d->cells = arena_alloc(a, ind->noptions * sizeof *d->cells);
            for (size_t k = 0; k < ind->noptions; k++) {
                const char *key = report_field_key(a, ind, &ind->options[k]);
                struct field_view *f = &d->cells[k].f;
                field_init(a, f, key, ind->options[k].name, NULL, NULL, flags);
                f->value = o->typed ? req_form(r, key) : stored_value(r, &src, ind, ind->options[k].id);
                const char *e = o->chk ? report_checked_error(o->chk, key) : NULL;
                add_warning_view(a, v, fe->cap, key, arena_printf(a, "%s – %s", ind->name, ind->options[k].name),
                                 checked_warning(warn, key));
                if (e) {
                    /* the summary names the indicator too */
                    field_fail(a, f, e);
                    struct field_view *sf = arena_alloc(a, sizeof *sf);
                    *sf = *f;
                    sf->label = arena_printf(a, "%s – %s", ind->name, ind->options[k].name);
                    field_collect(sf, fe->errs, &fe->n, fe->cap);
                }
            }
        } else {
            const char *key = report_field_key(a, ind, NULL);
            const char *label = arena_printf(a, "%s. %s", ind->code, ind->name);
            const char *hint = d->uom ? arena_printf(a, _("Unit: %s"), d->uom) : NULL;
            if (ind->type == RIT_DATE) hint = _("dd/mm/yyyy");
            field_init(a, &d->f, key, label, NULL, hint, flags);
            d->f.value = o->typed ? req_form(r, key) : stored_value(r, &src, ind, 0);
            d->shown = ind->type == RIT_BOOL ? bool_shown(d->f.value) : d->f.value;
            const char *e = o->chk ? report_checked_error(o->chk, key) : NULL;
            if (e) field_fail(a, &d->f, e);
            if (ind->type == RIT_TEXT) field_legacy(r, &d->f);
            field_collect(&d->f, fe->errs, &fe->n, fe->cap);
            add_warning_view(a, v, fe->cap, key, label, checked_warning(warn, key));
        }
    }
}

/* The narrative sections. */
static void form_sections(dv_req *r, const struct report_ctx *c, const struct render_opts *o, const struct source *srcp,
                          struct entry_form_view *v, struct form_errs *fe)
{
    dv_arena *a = r->arena;
    const struct source src = *srcp;
    v->secs = arena_alloc(a, (c->def.nsections + 1) * sizeof *v->secs);
    v->nsecs = c->def.nsections;
    for (size_t i = 0; i < c->def.nsections; i++) {
        const struct report_def_section *s = &c->def.sections[i];
        const char *key = arena_printf(a, "s_%d", s->position);
        field_init(a, &v->secs[i].f, key, s->title, NULL, s->guidance && *s->guidance ? s->guidance : NULL, 0);
        const char *val = NULL;
        if (o->typed) val = req_form(r, key);
        else
            for (size_t k = 0; k < src.nsecs; k++)
                if (src.secs[k].position == s->position) val = src.secs[k].body;
        v->secs[i].f.value = val;
        v->secs[i].shown = val;
        const char *e = o->chk ? report_checked_error(o->chk, key) : NULL;
        if (e) field_fail(a, &v->secs[i].f, e);
        field_legacy(r, &v->secs[i].f);
        field_collect(&v->secs[i].f, fe->errs, &fe->n, fe->cap);
    }
}

/* The attached files; -1 (500 answered) on a store error. */
static int form_attachments(dv_req *r, dv_db *db, const struct report_ctx *c, struct entry_form_view *v)
{
    dv_arena *a = r->arena;
    if (c->rep.id) {
        struct report_attachment *atts;
        size_t na;
        if (report_store_attachments(db, a, c->rep.id, &atts, &na)) {
            res_error(r, 500);
            return -1;
        }
        v->atts = arena_alloc(a, (na + 1) * sizeof *v->atts);
        v->natts = na;
        for (size_t i = 0; i < na; i++) {
            v->atts[i].name = atts[i].filename;
            v->atts[i].href = arena_printf(a, "/reports/%lld/attachments/%lld", (long long)c->rep.id, (long long)atts[i].id);
            v->atts[i].size = size_text(r, atts[i].size);
            if (v->editable) v->atts[i].detach_value = arena_printf(a, "%lld", (long long)atts[i].id);
            if (v->editable)
                v->atts[i].delete_action = arena_printf(a, "/reports/%lld/attachments/%lld/delete", (long long)c->rep.id,
                                                       (long long)atts[i].id);
        }
        v->history_href = arena_printf(a, "/reports/%lld/history", (long long)c->rep.id);
    }
    return 0;
}

/* The documents: the report's own once it exists, offline entry, the consolidation. */
static void form_documents(dv_req *r, dv_db *db, const struct report_ctx *c, struct entry_form_view *v,
                           enum report_status st)
{
    dv_arena *a = r->arena;
    v->xlsx_href = arena_printf(a, "%s/xlsx", v->action);
    if (c->rep.id && st != REPORT_NONE) {
        v->pdf_href = arena_printf(a, "/reports/%lld/document.pdf", (long long)c->rep.id);
        v->docx_href = arena_printf(a, "/reports/%lld/document.docx", (long long)c->rep.id);
    }
    size_t nkids = 0;
    unit_tree_children(unit_tree_get(db), c->unit_id, &nkids);
    if (c->def.receiver_unit_id == c->unit_id || nkids > 0) {
        v->consolidated_pdf_href = arena_printf(a, "/reports/consolidated/%lld/%lld/%lld.pdf", (long long)c->regime_id,
                                               (long long)c->period_id, (long long)c->unit_id);
        v->consolidated_docx_href = arena_printf(a, "/reports/consolidated/%lld/%lld/%lld.docx", (long long)c->regime_id,
                                                (long long)c->period_id, (long long)c->unit_id);
    }
}

/* Review (approve, return) and the lock exception. */
static void form_actions(dv_req *r, const struct report_ctx *c, const struct render_opts *o, struct entry_form_view *v,
                         enum report_status st, struct form_errs *fe)
{
    dv_arena *a = r->arena;
    if (c->can_review && st == REPORT_SUBMITTED) {
        v->approve_action = arena_printf(a, "/reports/%lld/approve", (long long)c->rep.id);
        v->return_action = arena_printf(a, "/reports/%lld/return", (long long)c->rep.id);
    }
    field_init(a, &v->comment, "comment", _("Comment (why it is returned)"), NULL, NULL, FIELD_MARKED);
    field_init(a, &v->confirm, "confirm", _("I have checked this report and approve it"), NULL,
               _("Approving is final for the unit: it can no longer change the report."), FIELD_REQUIRED);
    if (o->confirm_error) field_fail(a, &v->confirm, o->confirm_error);
    field_collect(&v->confirm, fe->errs, &fe->n, fe->cap);
    int posted = !strcmp(r->method, "POST");
    if (posted) v->comment.value = req_form(r, "comment");
    if (o->comment_error) field_fail(a, &v->comment, o->comment_error);
    field_collect(&v->comment, fe->errs, &fe->n, fe->cap);
    /* lock exception */
    if (c->lock.locked && report_status_editable(st) && entry_pg_is_commission(r->user) && c->can_act)
        v->unlock_action = c->rep.id ? arena_printf(a, "/reports/%lld/unlock", (long long)c->rep.id)
                                    : arena_printf(a, "%s/unlock", v->action);
    field_init(a, &v->unlock_until, "until", _("Open until"), NULL, _("dd/mm/yyyy"), FIELD_DATE | FIELD_MARKED);
    field_init(a, &v->unlock_reason, "reason", _("Reason"), NULL, NULL, FIELD_MARKED);
    if (posted) {
        v->unlock_until.value = req_form(r, "until");
        v->unlock_reason.value = req_form(r, "reason");
    }
    if (o->unlock_until_error) field_fail(a, &v->unlock_until, o->unlock_until_error);
    if (o->unlock_reason_error) field_fail(a, &v->unlock_reason, o->unlock_reason_error);
    field_collect(&v->unlock_until, fe->errs, &fe->n, fe->cap);
    field_collect(&v->unlock_reason, fe->errs, &fe->n, fe->cap);
}

void entry_pg_render_form(dv_req *r, dv_db *db, struct report_ctx *c, const struct render_opts *o)
{
    dv_arena *a = r->arena;
    struct entry_form_view v;
    memset(&v, 0, sizeof v);
    struct source src = {.r = r};
    if (!o->typed && c->rep.id) {
        struct report_value *vals;
        size_t nv;
        struct report_section_body *secs;
        size_t ns;
        if (report_store_values(db, a, c->rep.id, &vals, &nv) || report_store_sections(db, a, c->rep.id, &secs, &ns)) {
            res_error(r, 500);
            return;
        }
        src.vals = vals;
        src.nvals = nv;
        src.secs = secs;
        src.nsecs = ns;
    }
    enum report_status st = c->rep.id ? c->rep.status : REPORT_NONE;
    form_header(r, c, o, &v, st);
    size_t cap_err = 8 + c->def.nsections + c->def.nindicators;
    for (size_t i = 0; i < c->def.nindicators; i++)
        cap_err += c->def.indicators[i].noptions ? c->def.indicators[i].noptions : 1;
    /* rules the draft breaks: of what was typed, or of what is stored */
    struct report_checked stored_chk;
    const struct report_checked *warn = o->chk;
    if (!o->typed && v.editable && src.nvals) {
        report_rule_warnings(&c->def, a, src.vals, src.nvals, &stored_chk);
        warn = &stored_chk;
    }
    v.warnings = arena_alloc(a, cap_err * sizeof *v.warnings);
    struct form_errs e = {arena_alloc(a, cap_err * sizeof *e.errs), 0, cap_err};
    form_indicators(r, c, o, &src, warn, &v, &e);
    entry_prefill_view(r, db, c, o->typed, o->chk, &v, e.errs, &e.n, e.cap);
    form_sections(r, c, o, &src, &v, &e);
    if (form_attachments(r, db, c, &v)) return;
    field_init(a, &v.file, "file", _("Attach a file"), NULL, _("PDF, DOCX, JPEG or PNG, at most 10 MB; checked by its content."), 0);
    if (o->file_error) field_fail(a, &v.file, o->file_error);
    field_collect(&v.file, e.errs, &e.n, e.cap);
    form_documents(r, db, c, &v, st);
    form_actions(r, c, o, &v, st, &e);
    v.errors = e.errs;
    v.nerrors = e.n;

    struct page pg;
    page_init(&pg, r, arena_printf(a, _("Report: %s"), c->def.name));
    pg.nav = "reports";
    struct crumb *cr = arena_alloc(a, 3 * sizeof *cr);
    cr[0] = (struct crumb){_("Reports"), "/reports"};
    cr[1] = (struct crumb){arena_printf(a, "%s · %s", c->unit.name, c->per.label), NULL};
    pg.crumbs = cr;
    if (o->status) r->status = o->status;
    tpl_report_entry_form(&r->out, &pg, &v);
}

/* A page of the reports area, showing the notice a redirect after a save asked for. */
void entry_pg_reports_page_init(dv_req *r, struct page *pg, const char *title)
{
    page_init(pg, r, title);
    pg->nav = "reports";
    const char *ok = ok_notice(r);
    if (ok && !pg->flash) pg->flash = ok;
}

/* ---- the form ---- */

void entry_page_form(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (report_ctx_from_params(r, db, 0, &c)) return;
    struct render_opts o = {0};
    o.notice = ok_notice(r);
    entry_pg_render_form(r, db, &c, &o);
}

static const char *form_get(void *ctx, const char *key)
{
    return req_form(ctx, key);
}

/* The form again, with the report's stored state read first: a save's context leaves it
 * out (REPORT_CTX_NO_STATE), as the save checks it again in its own transaction. */
static void render_form_stored(dv_req *r, dv_db *db, struct report_ctx *c, const struct render_opts *o)
{
    if (report_ctx_load_state(db, r->arena, c)) {
        res_error(r, 500);
        return;
    }
    entry_pg_render_form(r, db, c, o);
}

enum save_outcome { SAVE_ANSWERED, SAVE_READ_AGAIN };

static void entry_page_save_read(dv_req *r);

/* A save from the cached context, handed to the writer without waiting: the writer's sync
 * thread answers a save that went through (the redirect, prepared here) and gives anything
 * else back to a worker, to be done again from the context read from the store. */
struct deferred_save {
    dv_req *r;
    const char *location;
};

static void deferred_saved(void *arg, int rc, const struct report_save_result *res)
{
    (void)res;
    struct deferred_save *d = arg;
    if (rc) {
        req_defer_continue(d->r, entry_page_save_read); /* refused (nothing written) or failed */
        return;
    }
    res_redirect(d->r, d->location);
    req_defer_done(d->r);
}

static enum save_outcome save_deferred(dv_req *r, dv_db *db, const struct report_ctx *c,
                                       const struct report_save_input *in)
{
    struct deferred_save *d = arena_alloc(r->arena, sizeof *d);
    d->r = r;
    d->location = arena_printf(r->arena, "%s?ok=%s", entry_pg_form_href(r, c->regime_id, c->period_id, c->unit_id),
                               in->submit ? "submitted" : "saved");
    struct report_save_input *kept = arena_alloc(r->arena, sizeof *kept);
    *kept = *in; /* its values and sections are in the arena already */
    req_defer(r);
    if (report_save_async(db, r->user, r->remote_addr, kept, deferred_saved, d) == DV_OK) return SAVE_ANSWERED;
    req_defer_cancel(r);
    return SAVE_READ_AGAIN;
}

/* The narrative and the text indicators are read through their legacy-encoding choice
 * (http/form_legacy.h): the number that must be chosen first, plus one for a preview. */
static size_t legacy_fields(dv_req *r, const struct report_def *def)
{
    size_t ask = (size_t)req_legacy_preview(r);
    for (size_t i = 0; i < def->nindicators; i++)
        if (def->indicators[i].type == RIT_TEXT && !def->indicators[i].noptions)
            ask += req_legacy(r, report_field_key(r->arena, &def->indicators[i], NULL)) == LEGACY_FIELD_ASK;
    for (size_t i = 0; i < def->nsections; i++)
        ask += req_legacy(r, arena_printf(r->arena, "s_%d", def->sections[i].position)) == LEGACY_FIELD_ASK;
    return ask;
}

/* The form's own fields beside the report's values (those are declared by the regime's
 * definition and read by report_validate_with): the button, a file's delete button and the
 * version the form was loaded at. */
enum { SV_ACTION, SV_DETACH, SV_VERSION, SV_N };
static const struct input_field save_fields[SV_N] = {
    [SV_ACTION] = {"action", IN_TEXT, 0, 0, 40, NULL, FK_TEXT, NULL, NULL, NULL},
    [SV_DETACH] = {"detach", IN_ID, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
    [SV_VERSION] = {"version", IN_INT, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
};

/* A save the store refused (a stale version, a closed or submitted report): the form again
 * from what is stored now, with the typed values and the reason. */
static void save_refused(dv_req *r, dv_db *db, struct report_ctx *c, struct render_opts *o, int rc, int had_file)
{
    if (report_ctx_load_state(db, r->arena, c)) {
        res_error(r, 500);
        return;
    }
    o->status = 409;
    if (rc == DV_EDENIED && c->lock.locked)
        o->general_error = _("Entry for this report is closed: nothing was saved.");
    else if (!report_status_editable(c->rep.id ? c->rep.status : REPORT_NONE))
        o->general_error = _("This report has already been submitted (perhaps from another window or tab): nothing was changed.");
    else
        o->general_error = _("This report was changed in another window or tab since you opened it. Your values are shown below: check them and save again.");
    if (had_file) o->file_error = _("The file was not attached: choose it again.");
    entry_pg_render_form(r, db, c, o);
}

/* A save from a context: the cached one (report_ctx_cached) only hands a valid save to the
 * writer (save_deferred); anything else - an error to show, a file, a save refused or a
 * definition that changed - is done from the context read from the store, so every page
 * shown is drawn from it. */
static enum save_outcome save_from(dv_req *r, dv_db *db, struct report_ctx *c, int cached)
{
    if (!c->can_act) {
        if (cached) return SAVE_READ_AGAIN;
        res_error(r, 403);
        return SAVE_ANSWERED;
    }
    struct input_value sv[SV_N];
    input_form(r, save_fields, SV_N, sv);
    /* a file's delete button: save the draft, then delete */
    int64_t detach_id = sv[SV_DETACH].error ? 0 : sv[SV_DETACH].num;
    int submit = !detach_id && sv[SV_ACTION].str && !strcmp(sv[SV_ACTION].str, "submit");
    int version = sv[SV_VERSION].present && !sv[SV_VERSION].error ? (int)sv[SV_VERSION].num : -1;
    struct report_checked chk;
    size_t nerr = legacy_fields(r, &c->def);
    /* numbers as the user's language writes them; a draft keeps values breaking a rule */
    struct report_validate_opts vo = {submit, !submit, report_num_lang_of(r->lang)};
    nerr += report_validate_with(&c->def, r->arena, form_get, r, &vo, &chk);
    /* values counted from records: read from the store, so not on the short way */
    int has_pre = entry_prefill_any(&c->def);
    if (has_pre && cached) return SAVE_READ_AGAIN;
    struct report_prefill_row *pre = NULL;
    size_t npre = 0;
    size_t pre_missing = 0;
    if (has_pre) nerr += entry_prefill_check(r, db, c, submit, &chk, &pre, &npre, &pre_missing);
    const struct dv_kv *file = req_upload(r, "file");
    if (file && (file->len == 0 || !file->filename || !*file->filename)) file = NULL;
    if (cached && (nerr || file || detach_id)) return SAVE_READ_AGAIN;
    struct render_opts o = {.chk = &chk, .typed = 1};
    if (nerr) {
        o.status = pre_missing ? 422 : 200; /* a correction without its note is refused */
        if (file) o.file_error = _("The file was not attached: correct the errors and choose it again.");
        render_form_stored(r, db, c, &o);
        return SAVE_ANSWERED;
    }
    if (file) {
        if (file->len > REPORT_ATTACH_MAX) o.file_error = _("The file is larger than 10 MB.");
        else if (!report_attachment_sniff(file->value, file->len))
            o.file_error = _("Only PDF, DOCX, JPEG and PNG files are accepted (checked by their content).");
        if (o.file_error) {
            o.status = 200;
            render_form_stored(r, db, c, &o);
            return SAVE_ANSWERED;
        }
    }
    struct report_save_input in = {c->regime_id, c->period_id, c->unit_id, version, chk.values, chk.nvalues,
                                   chk.sections, chk.nsections, submit, NULL, cached ? c->def.version : 0, 0, 0,
                                   has_pre, pre, npre};
    if (cached) { /* decided from memory: the writer checks it is still current */
        in.assign_checked = 1;
        in.assign_version = c->assign_version;
    }
    if (cached) return save_deferred(r, db, c, &in);
    struct report_save_result res;
    int rc = report_save(db, r->user, r->remote_addr, &in, &res);
    if (rc == DV_ECONFLICT || rc == DV_EDENIED) {
        save_refused(r, db, c, &o, rc, file != NULL);
        return SAVE_ANSWERED;
    }
    if (rc == DV_ENOTFOUND) {
        res_error(r, 404);
        return SAVE_ANSWERED;
    }
    if (rc) {
        res_error(r, 500);
        return SAVE_ANSWERED;
    }
    if (detach_id) {
        rc = report_detach(db, r->user, r->remote_addr, res.report_id, detach_id);
        if (rc && rc != DV_ENOTFOUND) {
            res_error(r, 500);
            return SAVE_ANSWERED;
        }
    }
    if (file) {
        rc = report_attach(db, r->user, r->remote_addr, res.report_id, file->filename, file->value, file->len, NULL);
        if (rc) {
            if (report_ctx_load_state(db, r->arena, c)) {
                res_error(r, 500);
                return SAVE_ANSWERED;
            }
            o.typed = 0;
            o.chk = NULL;
            o.status = 200;
            o.file_error = rc == DV_ETOOBIG ? _("The file is larger than 10 MB.")
                         : rc == DV_EINVAL ? _("Only PDF, DOCX, JPEG and PNG files are accepted (checked by their content).")
                                           : _("The file could not be stored.");
            o.general_error = submit ? _("The report was submitted but the file was not attached.") : NULL;
            entry_pg_render_form(r, db, c, &o);
            return SAVE_ANSWERED;
        }
    }
    res_redirect(r, arena_printf(r->arena, "%s?ok=%s", entry_pg_form_href(r, c->regime_id, c->period_id, c->unit_id),
                                 submit ? "submitted" : detach_id ? "deleted" : "saved"));
    return SAVE_ANSWERED;
}

/* The save from the context read from the store: every page it may show is drawn from it. */
static void entry_page_save_read(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (report_ctx_from_params(r, db, REPORT_CTX_NO_STATE, &c)) return;
    save_from(r, db, &c, 0);
}

void entry_page_save(dv_req *r)
{
    struct report_ctx c;
    if (report_ctx_cached(r, db_thread(), &c) == 0 && save_from(r, db_thread(), &c, 1) == SAVE_ANSWERED) return;
    entry_page_save_read(r);
}


/* ---- review ---- */

void entry_page_approve(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (entry_pg_ctx_load_id(r, db, &c)) return;
    if (!c.can_review) {
        res_error(r, 403);
        return;
    }
    static const struct input_field confirm_field = {"confirm", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, NULL, NULL, NULL};
    struct input_value confirm;
    input_form1(r, &confirm_field, &confirm);
    if (!confirm.num) {
        /* approving is final: the reviewer ticks the box to say so (works without JavaScript) */
        struct render_opts o = {.status = 200, .confirm_error = _("Tick the box to confirm the approval.")};
        entry_pg_render_form(r, db, &c, &o);
        return;
    }
    const char *blocking = NULL;
    int rc = report_approve(db, r->arena, r->user, r->remote_addr, c.rep.id, &blocking);
    if (rc == DV_ECONFLICT || rc == DV_EDENIED) {
        struct render_opts o = {.status = 409};
        o.general_error = rc == DV_ECONFLICT
                              ? arena_printf(r->arena, _("The report cannot be approved before the reports of its subordinate units are approved: %s."),
                                             blocking ? blocking : "")
                              : _("Only a submitted report can be approved.");
        entry_pg_render_form(r, db, &c, &o);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    res_redirect(r, "/reports/review?ok=approved");
}

void entry_page_return(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (entry_pg_ctx_load_id(r, db, &c)) return;
    if (!c.can_review) {
        res_error(r, 403);
        return;
    }
    static const struct input_field fields[] = {{"comment", IN_MULTILINE, 1, 1, REPORT_COMMENT_MAX, NULL, FK_TEXTAREA, N_("Comment"), NULL, NULL}};
    struct input_value fv[1];
    if (input_form(r, fields, 1, fv) > 0) {
        struct render_opts o = {.status = 200, .typed = 0};
        o.comment_error = fv[0].present ? input_error_text(r->arena, &fv[0]) : _("Write why the report is returned.");
        entry_pg_render_form(r, db, &c, &o);
        return;
    }
    int rc = report_return(db, r->user, r->remote_addr, c.rep.id, fv[0].str);
    if (rc == DV_EDENIED) {
        struct render_opts o = {.status = 409, .general_error = _("Only a submitted or approved report can be returned.")};
        entry_pg_render_form(r, db, &c, &o);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    res_redirect(r, "/reports/review?ok=returned");
}

/* ---- lock exception ---- */

static void unlock(dv_req *r, dv_db *db, struct report_ctx *c)
{
    if (!entry_pg_is_commission(r->user) || !c->can_act) {
        res_error(r, 403);
        return;
    }
    static const struct input_field fields[] = {
        {"until", IN_DATE, 1, 0, 0, NULL, FK_DATE, NULL, NULL, NULL},
        {"reason", IN_TEXT, 1, 1, 500, NULL, FK_TEXT, NULL, NULL, NULL},
    };
    struct input_value fv[2];
    int bad = input_form(r, fields, 2, fv);
    char today[11];
    clock_vn_today(today);
    struct render_opts o = {.status = 200};
    if (fv[0].error) o.unlock_until_error = input_error_text(r->arena, &fv[0]);
    else if (strcmp(fv[0].str, today) < 0) o.unlock_until_error = _("Choose today or a later day.");
    if (fv[1].error) o.unlock_reason_error = input_error_text(r->arena, &fv[1]);
    if (bad || o.unlock_until_error) {
        /* keep what was typed in the unlock form (values of the report come from the store) */
        entry_pg_render_form(r, db, c, &o);
        return;
    }
    int rc = report_unlock(db, r->user, r->remote_addr, c->period_id, c->unit_id, fv[0].str, fv[1].str, c->rep.id);
    if (rc) {
        res_error(r, rc == DV_EINVAL ? 400 : 500);
        return;
    }
    res_redirect(r, arena_printf(r->arena, "%s?ok=unlocked", entry_pg_form_href(r, c->regime_id, c->period_id, c->unit_id)));
}

void entry_page_unlock(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (entry_pg_ctx_load_id(r, db, &c)) return;
    unlock(r, db, &c);
}

void entry_page_unlock_new(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (report_ctx_from_params(r, db, 0, &c)) return;
    unlock(r, db, &c);
}
