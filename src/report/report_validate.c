/* report_validate.c - checking typed report values (web form and XLSX upload alike):
 * parse each field by its indicator's type, check required fields, then the rules between
 * values; and the one formatter of numbers for people (report_num_format), which every
 * page, export and document uses. Numbers accept Vietnamese "1.234,5", English
 * "1,234.5" and plain "1234.5"; see number_parse(). */
#include "report/report_validate.h"

#include "core/i18n.h"
#include "db/store_util.h"
#include "text/decimal.h"
#include "text/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *report_field_key(dv_arena *a, const struct report_def_indicator *ind,
                             const struct report_def_option *opt)
{
    if (opt) return arena_printf(a, "v_%s_%s", ind->code, opt->code);
    return arena_printf(a, "v_%s", ind->code);
}

/* Digits as lang writes them: the shared reader (text/decimal.h). 0 ok, -1 not a number. */
static int number_parse(const char *s, int integer, enum report_num_lang lang, double *out)
{
    return dec_parse(s, integer, (enum dec_lang)lang, out);
}

const char *report_value_parse(dv_arena *a, enum report_ind_type t, const char *raw, int *empty,
                               struct report_value *v)
{
    return report_value_parse_in(a, t, raw, RNL_PLAIN, empty, v);
}

enum report_num_lang report_num_lang_of(const char *lang)
{
    return (enum report_num_lang)dec_lang_of(lang);
}

const char *report_value_parse_in(dv_arena *a, enum report_ind_type t, const char *raw, enum report_num_lang lang,
                                  int *empty, struct report_value *v)
{
    *empty = 0;
    v->has_num = 0;
    v->text = NULL;
    char *clean = NULL;
    if (!raw) raw = "";
    if (text_clean(raw, strlen(raw), t == RIT_TEXT, &clean) != 0) return N_("Contains characters that are not allowed.");
    if (!*clean) {
        free(clean);
        *empty = 1;
        return NULL;
    }
    const char *err = NULL;
    double d = 0;
    switch (t) {
    case RIT_INT:
        if (number_parse(clean, 1, lang, &d) != 0) err = N_("Enter a whole number, e.g. 1,234.");
        else if (fabs(d) > 1e15) err = N_("The number is too large.");
        else if (d < 0) err = N_("The number cannot be negative.");
        break;
    case RIT_DECIMAL:
        if (number_parse(clean, 0, lang, &d) != 0) err = N_("Enter a number, e.g. 1,234.5.");
        else if (fabs(d) > 1e15) err = N_("The number is too large.");
        else if (d < 0) err = N_("The number cannot be negative.");
        break;
    case RIT_PERCENT: {
        size_t n = strlen(clean);
        while (n && (clean[n - 1] == '%' || clean[n - 1] == ' ')) clean[--n] = 0;
        if (number_parse(clean, 0, lang, &d) != 0) err = N_("Enter a percentage between 0 and 100.");
        else if (d < 0 || d > 100) err = N_("Enter a percentage between 0 and 100.");
        break;
    }
    case RIT_BOOL: {
        char *f = text_fold(clean);
        if (!f) err = N_("Choose yes or no.");
        else if (!strcmp(f, "1") || !strcmp(f, "yes") || !strcmp(f, "co") || !strcmp(f, "true") ||
                 !strcmp(f, "on") || !strcmp(f, "x"))
            d = 1;
        else if (!strcmp(f, "0") || !strcmp(f, "no") || !strcmp(f, "khong") || !strcmp(f, "false"))
            d = 0;
        else err = N_("Choose yes or no.");
        free(f);
        break;
    }
    case RIT_DATE: {
        int y, m, dd;
        if (text_date_parse(clean, &y, &m, &dd) != 0) err = N_("Enter a date as dd/mm/yyyy.");
        else d = y * 10000 + m * 100 + dd;
        break;
    }
    case RIT_TEXT:
        if (text_length(clean) > REPORT_TEXT_MAX) err = N_("The text is too long.");
        else v->text = arena_strdup(a, clean);
        break;
    }
    if (!err && t != RIT_TEXT) {
        v->has_num = 1;
        v->num = d;
    }
    free(clean);
    return err;
}

struct acc {
    struct report_checked *c;
    size_t cap_v, cap_e, cap_w;
    dv_arena *a;
};

static void add_warning(struct acc *x, const char *key, const char *msgid, const char *message)
{
    struct report_checked *c = x->c;
    c->warnings = arena_grow(x->a, c->warnings, c->nwarnings, &x->cap_w, sizeof *c->warnings);
    c->warnings[c->nwarnings++] = (struct report_field_error){key, msgid, message};
}

static void add_error(struct acc *x, const char *key, const char *msgid, const char *message)
{
    struct report_checked *c = x->c;
    c->errors = arena_grow(x->a, c->errors, c->nerrors, &x->cap_e, sizeof *c->errors);
    c->errors[c->nerrors++] = (struct report_field_error){key, msgid, message};
}

static void add_value(struct acc *x, const struct report_value *v)
{
    struct report_checked *c = x->c;
    c->values = arena_grow(x->a, c->values, c->nvalues, &x->cap_v, sizeof *c->values);
    c->values[c->nvalues++] = *v;
}

const char *report_checked_error(const struct report_checked *c, const char *key)
{
    for (size_t i = 0; i < c->nerrors; i++)
        if (!strcmp(c->errors[i].key, key))
            return c->errors[i].message ? c->errors[i].message : _(c->errors[i].msgid);
    return NULL;
}

static int has_error(const struct report_checked *c, const char *key)
{
    for (size_t i = 0; i < c->nerrors; i++)
        if (!strcmp(c->errors[i].key, key)) return 1;
    return 0;
}

/* The numeric value of an indicator for rules: its value or the sum of its cells.
 * 1 with *out, 0 when it has no number (missing or invalid). */
static int ind_number(const struct report_checked *c, size_t from, size_t to, int64_t ind_id, double *out)
{
    double sum = 0;
    int any = 0;
    for (size_t i = from; i < to; i++) {
        const struct report_value *v = &c->values[i];
        if (v->indicator_id == ind_id && v->has_num) {
            sum += v->num;
            any = 1;
        }
    }
    *out = sum;
    return any;
}

static int rule_holds(double l, const char *op, double r)
{
    const double eps = 1e-9;
    if (!strcmp(op, "<=")) return l <= r + eps;
    if (!strcmp(op, "<")) return l < r - eps;
    if (!strcmp(op, "=")) return fabs(l - r) <= eps;
    if (!strcmp(op, ">=")) return l >= r - eps;
    if (!strcmp(op, ">")) return l > r + eps;
    return 1;
}

size_t report_validate(const struct report_def *d, dv_arena *a, const char *(*get)(void *ctx, const char *key),
                       void *ctx, int check_required, struct report_checked *out)
{
    struct report_validate_opts o = {check_required, 0, RNL_PLAIN};
    return report_validate_with(d, a, get, ctx, &o, out);
}

/* The rules between values (both sides must have numbers and neither side an error of
 * its own): a broken rule is an error, or with as_warnings a warning (a draft). */
static void check_rules(const struct report_def *d, struct acc *x, int as_warnings)
{
    struct report_checked *out = x->c;
    dv_arena *a = x->a;
    for (size_t i = 0; i < d->nrules; i++) {
        const struct report_def_rule *ru = &d->rules[i];
        const struct report_def_indicator *li = report_def_find(d, ru->left_code);
        if (!li) continue;
        double l, r;
        if (!ind_number(out, 0, out->nvalues, li->id, &l)) continue;
        const struct report_def_indicator *ri = report_def_find(d, ru->right);
        if (ri) {
            if (!ind_number(out, 0, out->nvalues, ri->id, &r)) continue;
        } else {
            char *end;
            r = strtod(ru->right, &end);
            if (end == ru->right || *end) continue;
        }
        if (rule_holds(l, ru->op, r)) continue;
        const char *key = report_field_key(a, li, li->noptions ? &li->options[0] : NULL);
        if (has_error(out, key)) continue;
        const char *msg = ru->message && *ru->message ? ru->message : NULL;
        const char *msgid = msg ? NULL : N_("This value breaks a rule of the form.");
        if (as_warnings) add_warning(x, key, msgid, msg);
        else add_error(x, key, msgid, msg);
    }
}

size_t report_rule_warnings(const struct report_def *d, dv_arena *a, const struct report_value *vals, size_t n,
                            struct report_checked *out)
{
    memset(out, 0, sizeof *out);
    out->values = (struct report_value *)vals;
    out->nvalues = n;
    struct acc x = {out, n, 0, 0, a};
    check_rules(d, &x, 1);
    return out->nwarnings;
}

size_t report_validate_with(const struct report_def *d, dv_arena *a, const char *(*get)(void *ctx, const char *key),
                            void *ctx, const struct report_validate_opts *o, struct report_checked *out)
{
    int check_required = o->check_required;
    memset(out, 0, sizeof *out);
    struct acc x = {out, 0, 0, 0, a};
    for (size_t i = 0; i < d->nindicators; i++) {
        const struct report_def_indicator *ind = &d->indicators[i];
        size_t ncells = ind->noptions ? ind->noptions : 1;
        for (size_t k = 0; k < ncells; k++) {
            const struct report_def_option *opt = ind->noptions ? &ind->options[k] : NULL;
            const char *key = report_field_key(a, ind, opt);
            const char *raw = get(ctx, key);
            struct report_value v = {ind->id, opt ? opt->id : 0, 0, 0, NULL};
            int empty = 0;
            const char *err = report_value_parse_in(a, ind->type, raw, o->lang, &empty, &v);
            if (err) add_error(&x, key, err, NULL);
            else if (empty) {
                if (check_required && ind->required) add_error(&x, key, N_("Enter a value."), NULL);
            } else add_value(&x, &v);
        }
    }
    check_rules(d, &x, o->rules_as_warnings);
    /* errors in form order: by position of the key in the indicator list (stable) */
    if (out->nerrors > 1) {
        size_t n = out->nerrors;
        struct report_field_error *sorted = arena_alloc(a, n * sizeof *sorted);
        size_t k = 0;
        for (size_t i = 0; i < d->nindicators; i++) {
            const struct report_def_indicator *ind = &d->indicators[i];
            size_t ncells = ind->noptions ? ind->noptions : 1;
            for (size_t c = 0; c < ncells; c++) {
                const char *key = report_field_key(a, ind, ind->noptions ? &ind->options[c] : NULL);
                for (size_t e = 0; e < n; e++)
                    if (!strcmp(out->errors[e].key, key)) sorted[k++] = out->errors[e];
            }
        }
        if (k == n) out->errors = sorted;
    }
    /* narrative sections */
    out->sections = arena_alloc(a, (d->nsections + 1) * sizeof *out->sections);
    for (size_t i = 0; i < d->nsections; i++) {
        const char *key = arena_printf(a, "s_%d", d->sections[i].position);
        const char *raw = get(ctx, key);
        char *clean = NULL;
        out->sections[out->nsections].position = d->sections[i].position;
        if (!raw) raw = "";
        if (text_clean(raw, strlen(raw), 1, &clean) != 0) {
            add_error(&x, key, N_("Contains characters that are not allowed."), NULL);
            out->sections[out->nsections++].body = "";
            continue;
        }
        if (text_length(clean) > REPORT_SECTION_MAX) add_error(&x, key, N_("The text is too long."), NULL);
        out->sections[out->nsections++].body = arena_strdup(a, clean);
        free(clean);
    }
    return out->nerrors;
}

/* |num| grouped by three in the language: the shared writer (text/decimal.h). */
static void grouped(char *out, size_t cap, double num, int decimals, int vi)
{
    dec_format(out, cap, num, decimals, 1, vi ? DEC_VI : DEC_EN);
}

const char *report_num_format(dv_arena *a, enum report_ind_type t, double num, const char *lang)
{
    int vi = report_num_lang_of(lang) == RNL_VI;
    if (t == RIT_DATE) {
        long long v = (long long)num;
        return arena_printf(a, "%02lld/%02lld/%04lld", v % 100, (v / 100) % 100, v / 10000);
    }
    if (t == RIT_BOOL) return num != 0 ? "1" : "0";
    char buf[96];
    grouped(buf, sizeof buf, num, t == RIT_INT ? 0 : 6, vi);
    return arena_strdup(a, buf);
}

const char *report_num_format_round(dv_arena *a, double num, int decimals, const char *lang)
{
    char buf[96];
    grouped(buf, sizeof buf, num, decimals < 0 ? 0 : decimals > 6 ? 6 : decimals, report_num_lang_of(lang) == RNL_VI);
    return arena_strdup(a, buf);
}

#include "report/regime/regime.h"

void report_def_from_regime(dv_arena *a, const struct regime_def *rd, struct report_def *out)
{
    memset(out, 0, sizeof *out);
    out->regime_id = rd->regime.id;
    out->code = rd->regime.code;
    out->name = rd->regime.name;
    out->frequency = rd->regime.frequency_code;
    out->receiver_unit_id = rd->regime.receiver_unit_id;
    out->grace_days = rd->regime.grace_days;
    struct report_def_indicator *inds = arena_alloc(a, (rd->n_indicators + 1) * sizeof *inds);
    for (size_t i = 0; i < rd->n_indicators; i++) {
        const struct indicator *s = &rd->indicators[i];
        struct report_def_indicator *d = &inds[i];
        d->id = s->id;
        d->code = s->code;
        d->name = s->name;
        d->type = (enum report_ind_type)s->type; /* same order: int decimal percent bool text date */
        d->type_code = s->type_code;
        d->unit_of_measure = s->unit_of_measure;
        d->required = s->required;
        d->prefill_source = s->prefill_source;
        if (s->cats && s->cats->n_options) {
            struct report_def_option *o = arena_alloc(a, s->cats->n_options * sizeof *o);
            for (size_t k = 0; k < s->cats->n_options; k++)
                o[k] = (struct report_def_option){s->cats->options[k].id, s->cats->options[k].code,
                                                  s->cats->options[k].name};
            d->options = o;
            d->noptions = s->cats->n_options;
        }
    }
    out->indicators = inds;
    out->nindicators = rd->n_indicators;
    struct report_def_section *secs = arena_alloc(a, (rd->n_sections + 1) * sizeof *secs);
    for (size_t i = 0; i < rd->n_sections; i++)
        secs[i] = (struct report_def_section){rd->sections[i].position, rd->sections[i].title,
                                              rd->sections[i].guidance};
    out->sections = secs;
    out->nsections = rd->n_sections;
    struct report_def_rule *rules = arena_alloc(a, (rd->n_rules + 1) * sizeof *rules);
    for (size_t i = 0; i < rd->n_rules; i++)
        rules[i] = (struct report_def_rule){rd->rules[i].left_code, rd->rules[i].op, rd->rules[i].right_operand,
                                            rd->rules[i].message};
    out->rules = rules;
    out->nrules = rd->n_rules;
}

const struct report_def_indicator *report_def_find(const struct report_def *d, const char *code)
{
    for (size_t i = 0; i < d->nindicators; i++)
        if (!strcmp(d->indicators[i].code, code)) return &d->indicators[i];
    return NULL;
}
