/* input.c - the declared input layer (input.h): clean each value, check it against its
 * type and bounds, and record a per-field error msgid for the form to show; the readers of
 * the request's form, query and path parameters. */
#include "http/input.h"
#include "core/buf.h"
#include "core/form_check.h"
#include "core/i18n.h"
#include "text/decimal.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MSG_REQUIRED N_("This field is required.")
#define MSG_INVALID_CHARS N_("Contains invalid characters.")
#define MSG_TOO_SHORT N_("Must be at least %lld characters.")
#define MSG_TOO_LONG N_("Must be at most %lld characters.")
#define MSG_NOT_INT N_("Must be a whole number.")
#define MSG_TOO_SMALL N_("Must be at least %lld.")
#define MSG_TOO_BIG N_("Must be at most %lld.")
#define MSG_DATE N_("Enter a valid date (dd/mm/yyyy).")
#define MSG_EMAIL N_("Enter a valid email address.")
#define MSG_USERNAME N_("Use 3 to 32 characters: lowercase letters, digits, dot, " \
                        "underscore or hyphen, starting with a letter.")
#define MSG_CHOICE N_("Choose one of the listed options.")
#define MSG_ID N_("Invalid identifier.")
#define MSG_NOT_NUMBER N_("Must be a number.")
#define MSG_SLUG N_("Use only lowercase letters, digits and hyphens.")

static void fail(struct input_value *v, const char *msg, long long arg)
{
    v->error = msg;
    v->error_arg = arg;
    v->str = NULL;
}

/* A copy of raw for echoing back: invalid UTF-8 bytes become U+FFFD. */
static const char *scrub(dv_arena *a, const char *raw)
{
    if (!raw) return NULL;
    size_t n = strlen(raw);
    if (text_valid_utf8(raw, n)) return arena_strndup(a, raw, n);
    dv_buf b = DV_BUF_INIT;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)raw;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (k <= 0 || c < 0) {
            buf_puts(&b, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        buf_append(&b, raw + i, (size_t)k);
        i += (size_t)k;
    }
    const char *s = arena_strndup(a, buf_cstr(&b), b.len);
    buf_free(&b);
    return s;
}

/* text_clean() into the arena; NULL (and v->error set) when the text is unacceptable. */
static const char *clean(dv_arena *a, const char *raw, int multiline, struct input_value *v)
{
    char *c = NULL;
    if (!raw) return "";
    if (text_clean(raw, strlen(raw), multiline, &c) != 0) {
        fail(v, MSG_INVALID_CHARS, 0);
        return NULL;
    }
    const char *s = arena_strdup(a, c);
    free(c);
    return s;
}

/* 1 when there is nothing more to check: the value is invalid or empty. */
static int done_if_empty(const struct input_field *f, const char *s, struct input_value *v)
{
    if (!s) return 1;
    if (*s) return 0;
    if (f->required) fail(v, MSG_REQUIRED, 0);
    return 1;
}

static void check_length(size_t len, long long min, long long max, struct input_value *v)
{
    if (min > 0 && (long long)len < min) fail(v, MSG_TOO_SHORT, min);
    else if (max > 0 && (long long)len > max) fail(v, MSG_TOO_LONG, max);
}

static void check_text(const struct input_field *f, const char *s, struct input_value *v)
{
    int multi = f->type == IN_MULTILINE;
    long long max = f->max > 0 ? f->max : (multi ? INPUT_MULTILINE_MAX : INPUT_TEXT_MAX);
    check_length(text_length(s), f->min, max, v);
}

static void check_int(const struct input_field *f, const char *s, struct input_value *v)
{
    if (!form_parse_ll(s, &v->num)) fail(v, MSG_NOT_INT, 0);
    else if (f->min == 0 && f->max == 0) return;
    else if (v->num < f->min) fail(v, MSG_TOO_SMALL, f->min);
    else if (v->num > f->max) fail(v, MSG_TOO_BIG, f->max);
}

static void check_id(const struct input_field *f, const char *s, struct input_value *v)
{
    if (!form_parse_ll(s, &v->num) || v->num < 1 || (f->max > 0 && v->num > f->max))
        fail(v, MSG_ID, 0);
}

static void check_decimal(const struct input_field *f, const char *s, struct input_value *v)
{
    if (dec_parse(s, 0, dec_lang_of(i18n_lang()), &v->dec) != 0) fail(v, MSG_NOT_NUMBER, 0);
    else if (f->min == 0 && f->max == 0) return;
    else if (v->dec < (double)f->min) fail(v, MSG_TOO_SMALL, f->min);
    else if (v->dec > (double)f->max) fail(v, MSG_TOO_BIG, f->max);
}

static void check_slug(const struct input_field *f, const char *s, struct input_value *v)
{
    size_t n = strlen(s), max = f->max > 0 ? (size_t)f->max : INPUT_SLUG_MAX;
    if (n > max) {
        fail(v, MSG_SLUG, 0);
        return;
    }
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) {
            fail(v, MSG_SLUG, 0);
            return;
        }
}

static void check_date(dv_arena *a, const char *s, struct input_value *v)
{
    int y, m, d;
    if (text_date_parse(s, &y, &m, &d) != 0) {
        fail(v, MSG_DATE, 0);
        return;
    }
    v->str = arena_printf(a, "%04d-%02d-%02d", y, m, d);
    v->num = (long long)y * 10000 + m * 100 + d;
}

static void check_username(dv_arena *a, const char *s, struct input_value *v)
{
    char *low = arena_strdup(a, s);
    for (char *p = low; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    if (!form_username_ok(low)) fail(v, MSG_USERNAME, 0);
    else v->str = low;
}

static void check_choice(const struct input_field *f, const char *s, struct input_value *v)
{
    for (const char *const *c = f->choices; c && *c; c++)
        if (strcmp(*c, s) == 0) return;
    fail(v, MSG_CHOICE, 0);
}

static void check_password(const struct input_field *f, dv_arena *a, const char *raw,
                           struct input_value *v)
{
    const char *s = raw ? raw : "";
    if (!text_valid_utf8(s, strlen(s))) {
        fail(v, MSG_INVALID_CHARS, 0);
        return;
    }
    if (!*s) {
        if (f->required) fail(v, MSG_REQUIRED, 0);
        return;
    }
    v->present = 1;
    v->str = arena_strdup(a, s);
    check_length(text_length(s), f->min, f->max > 0 ? f->max : INPUT_PASSWORD_MAX, v);
}

static void check_bool(const struct input_field *f, const char *raw, struct input_value *v)
{
    int on = raw && (!strcmp(raw, "1") || !strcmp(raw, "on") || !strcmp(raw, "true"));
    v->num = on;
    v->present = on;
    v->str = on ? "1" : "0";
    if (f->required && !on) fail(v, MSG_REQUIRED, 0);
}

/* Types whose value is cleaned text: clean, stop when empty, then check the text. */
static void check_cleaned(const struct input_field *f, dv_arena *a, const char *raw,
                          struct input_value *v)
{
    const char *s = clean(a, raw, f->type == IN_MULTILINE, v);
    v->str = s;
    if (done_if_empty(f, s, v)) return;
    v->present = 1;
    switch (f->type) {
    case IN_TEXT:
    case IN_MULTILINE: check_text(f, s, v); break;
    case IN_INT: check_int(f, s, v); break;
    case IN_ID: check_id(f, s, v); break;
    case IN_DATE: check_date(a, s, v); break;
    case IN_EMAIL: if (!form_email_ok(s)) fail(v, MSG_EMAIL, 0); break;
    case IN_USERNAME: check_username(a, s, v); break;
    case IN_CHOICE: check_choice(f, s, v); break;
    case IN_DECIMAL: check_decimal(f, s, v); break;
    case IN_SLUG: check_slug(f, s, v); break;
    default: break;
    }
}

static void validate_one(const struct input_field *f, const char *raw, dv_arena *a,
                         struct input_value *v)
{
    memset(v, 0, sizeof *v);
    v->raw = scrub(a, raw);
    if (f->type == IN_PASSWORD) check_password(f, a, raw, v);
    else if (f->type == IN_BOOL) check_bool(f, raw, v);
    else check_cleaned(f, a, raw, v);
    if (v->error && f->message && strcmp(v->error, MSG_REQUIRED) != 0) v->error = f->message;
}

int input_validate(const struct input_field *fields, size_t n,
                   const char *(*get)(void *ctx, const char *name), void *ctx,
                   dv_arena *a, struct input_value *out)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        validate_one(&fields[i], get(ctx, fields[i].name), a, &out[i]);
        if (out[i].error) bad++;
    }
    return bad;
}

const char *input_error_text(dv_arena *a, const struct input_value *v)
{
    if (!v->error) return NULL;
    const char *t = gettext(v->error);
    const char *pct = strstr(t, "%lld");
    if (!pct) return t;
    /* substitute by hand: the format comes from a catalogue, never pass it to printf */
    return arena_printf(a, "%.*s%lld%s", (int)(pct - t), t, v->error_arg, pct + 4);
}

static const char *query_get(void *r, const char *name)
{
    return req_query(r, name);
}

int input_form(dv_req *r, const struct input_field *fields, size_t n, struct input_value *out)
{
    return input_validate(fields, n, req_form_get, r, r->arena, out);
}

int input_query(dv_req *r, const struct input_field *fields, size_t n, struct input_value *out)
{
    return input_validate(fields, n, query_get, r, r->arena, out);
}

int input_form1(dv_req *r, const struct input_field *f, struct input_value *out)
{
    return input_form(r, f, 1, out);
}

int input_query1(dv_req *r, const struct input_field *f, struct input_value *out)
{
    return input_query(r, f, 1, out);
}

static const char *param_get(void *r, const char *name)
{
    return req_param(r, name);
}

int64_t input_path_id(dv_req *r, const char *name)
{
    int64_t id = req_param_id(r, name); /* digits only, at most 18 */
    if (id <= 0) res_error(r, 404);
    return id > 0 ? id : 0;
}

int input_param(dv_req *r, const struct input_field *f, struct input_value *out)
{
    return input_validate(f, 1, param_get, r, r->arena, out) ? -1 : 0;
}

const char *input_path(dv_req *r, const struct input_field *f, struct input_value *out)
{
    if (input_validate(f, 1, param_get, r, r->arena, out)) {
        res_error(r, 404);
        return NULL;
    }
    return out->str;
}
