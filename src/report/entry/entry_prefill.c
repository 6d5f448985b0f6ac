/* entry_prefill.c - pre-filled indicators on the report form: each indicator whose regime
 * names a source (report/prefill.h) shows the value counted from the records over the
 * period's data window with its derivation; a field the unit has not saved yet starts with
 * it; a value other than the computed one needs the officer's note ("p_<code>") to be
 * submitted (422 beside the note, what was typed kept); the note is kept with the report
 * (report_prefill) and shown to the reviewer, who is told of a change made without one
 * (reports saved before the note was required). */
#include "report/entry/entry_prefill.h"

#include "core/err.h"
#include "core/i18n.h"
#include "http/form_view.h"
#include "http/input.h"
#include "text/text.h"

#include <math.h>
#include <string.h>

#define NOTE_MAX 1000

int entry_prefill_any(const struct report_def *def)
{
    for (size_t i = 0; i < def->nindicators; i++)
        if (def->indicators[i].prefill_source && !def->indicators[i].noptions) return 1;
    return 0;
}

static const char *note_key(dv_arena *a, const struct report_def_indicator *ind)
{
    return arena_printf(a, "p_%s", ind->code);
}

static struct input_field note_field(const char *key)
{
    return (struct input_field){key, IN_MULTILINE, 0, 0, NOTE_MAX, NULL, FK_TEXTAREA,
                                N_("Why the value differs from the records"),
                                N_("When you change the pre-filled value, say why: the reviewer sees it."), NULL};
}

static const char *form_get(void *ctx, const char *key)
{
    return req_form(ctx, key);
}

/* The value checked for ind (not disaggregated), or NULL when it was left empty. */
static const struct report_value *checked_value(const struct report_checked *chk, const struct report_def_indicator *ind)
{
    for (size_t i = 0; chk && i < chk->nvalues; i++)
        if (chk->values[i].indicator_id == ind->id && chk->values[i].option_id == 0) return &chk->values[i];
    return NULL;
}

static int differs(double a, double b)
{
    return fabs(a - b) > 1e-9 * (fabs(a) > 1 ? fabs(a) : 1);
}

/* One indicator of the view: the computed value (or the row stored with the report). */
static void view_one(dv_req *r, dv_db *db, const struct report_ctx *c, const struct report_def_indicator *ind,
                     const struct report_prefill_row *row, int typed, const struct report_checked *chk,
                     int editable, struct entry_indicator *d)
{
    dv_arena *a = r->arena;
    double val = 0;
    const char *how = NULL;
    d->prefilled = 1;
    if (row && !editable) { /* the reviewer sees what the unit saw when it saved */
        val = row->computed;
        how = row->derivation;
        d->prefill_when = _("as counted when the report was saved");
    } else if (report_prefill_compute(db, a, ind->prefill_source, c->unit_id, c->per.close_start, c->per.close_end,
                                      &val, &how)) {
        d->prefill_error = _("The records could not be counted: type the value.");
    }
    if (!d->prefill_error) {
        d->prefill_value = report_num_format(a, ind->type, val, r->lang);
        d->prefill_derivation = how;
        if (!typed && !d->f.value) d->f.value = d->prefill_value; /* nothing saved: start from the records */
    }
    if (row && row->note && *row->note) d->note_shown = row->note;
    else if (!editable && row && d->f.value && strcmp(d->f.value, report_num_format(a, ind->type, row->computed, r->lang)))
        d->note_shown = _("The unit changed the value without giving a reason.");
    const char *key = note_key(a, ind);
    field_init(a, &d->note, key, _("Why the value differs from the records"), NULL,
               _("When you change the pre-filled value, say why: the reviewer sees it."), 0);
    d->note.value = typed ? req_form(r, key) : d->note_shown;
    const char *e = chk ? report_checked_error(chk, key) : NULL;
    if (e) field_fail(a, &d->note, e);
    if (!d->shown) d->shown = d->f.value;
}

void entry_prefill_view(dv_req *r, dv_db *db, const struct report_ctx *c, int typed, const struct report_checked *chk,
                        struct entry_form_view *v, const struct field_view **errs, size_t *nerrs, size_t cap)
{
    if (!entry_prefill_any(&c->def)) return;
    struct report_prefill_row *rows = NULL;
    size_t n = 0;
    if (c->rep.id && report_prefill_rows(db, r->arena, c->rep.id, &rows, &n)) n = 0;
    for (size_t i = 0; i < c->def.nindicators && i < v->ninds; i++) {
        const struct report_def_indicator *ind = &c->def.indicators[i];
        if (!ind->prefill_source || ind->noptions) continue;
        view_one(r, db, c, ind, report_prefill_row_find(rows, n, ind->id), typed, chk, v->editable, &v->inds[i]);
        if (v->editable) field_collect(&v->inds[i].note, errs, nerrs, cap);
    }
}

/* Appends an error for key to chk (in form order: after the values' own). */
static void add_error(dv_arena *a, struct report_checked *chk, const char *key, const char *msgid)
{
    struct report_field_error *e = arena_alloc(a, (chk->nerrors + 1) * sizeof *e);
    if (chk->nerrors) memcpy(e, chk->errors, chk->nerrors * sizeof *e);
    e[chk->nerrors++] = (struct report_field_error){key, msgid, NULL};
    chk->errors = e;
}

size_t entry_prefill_check(dv_req *r, dv_db *db, const struct report_ctx *c, int submit, struct report_checked *chk,
                           struct report_prefill_row **rows, size_t *nrows, size_t *prefill_errors)
{
    dv_arena *a = r->arena;
    size_t nerr = 0;
    *rows = arena_alloc(a, (c->def.nindicators + 1) * sizeof **rows);
    *nrows = 0;
    for (size_t i = 0; i < c->def.nindicators; i++) {
        const struct report_def_indicator *ind = &c->def.indicators[i];
        if (!ind->prefill_source || ind->noptions) continue;
        double val;
        const char *how;
        if (report_prefill_compute(db, a, ind->prefill_source, c->unit_id, c->per.close_start, c->per.close_end, &val,
                                   &how))
            continue; /* nothing to compare with: the value stands as typed */
        const char *key = note_key(a, ind);
        struct input_field f = note_field(key);
        struct input_value nv;
        if (input_validate(&f, 1, form_get, r, a, &nv)) {
            add_error(a, chk, key, nv.error);
            nerr++;
            continue;
        }
        const struct report_value *got = checked_value(chk, ind);
        int changed = got && got->has_num && differs(got->num, val);
        if (changed && submit && (!nv.str || !*nv.str)) {
            /* a submitted correction says why (a draft keeps it, as it keeps a broken rule) */
            add_error(a, chk, key, N_("You changed the value counted from the records: say why in the note."));
            nerr++;
            (*prefill_errors)++;
            continue;
        }
        /* a draft's change without a reason is kept, and the reviewer would be told (view_one) */
        (*rows)[(*nrows)++] = (struct report_prefill_row){ind->id, val, how, changed ? nv.str : NULL};
    }
    return nerr;
}
