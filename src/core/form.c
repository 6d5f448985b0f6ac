/* form.c - validate declared form fields: clean each value, check it against its type
 * and bounds, and record a per-field error msgid for the form to show. */
#include "core/form.h"
#include "core/buf.h"
#include "core/form_check.h"
#include "core/i18n.h"
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

static void fail(struct form_value *v, const char *msg, long long arg)
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
static const char *clean(dv_arena *a, const char *raw, int multiline, struct form_value *v)
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
static int done_if_empty(const struct form_field *f, const char *s, struct form_value *v)
{
    if (!s) return 1;
    if (*s) return 0;
    if (f->required) fail(v, MSG_REQUIRED, 0);
    return 1;
}

static void check_length(size_t len, long long min, long long max, struct form_value *v)
{
    if (min > 0 && (long long)len < min) fail(v, MSG_TOO_SHORT, min);
    else if (max > 0 && (long long)len > max) fail(v, MSG_TOO_LONG, max);
}

static void check_text(const struct form_field *f, const char *s, struct form_value *v)
{
    int multi = f->type == FT_MULTILINE;
    long long max = f->max > 0 ? f->max : (multi ? FORM_MULTILINE_MAX : FORM_TEXT_MAX);
    check_length(text_length(s), f->min, max, v);
}

static void check_int(const struct form_field *f, const char *s, struct form_value *v)
{
    if (!form_parse_ll(s, &v->num)) fail(v, MSG_NOT_INT, 0);
    else if (f->min == 0 && f->max == 0) return;
    else if (v->num < f->min) fail(v, MSG_TOO_SMALL, f->min);
    else if (v->num > f->max) fail(v, MSG_TOO_BIG, f->max);
}

static void check_id(const struct form_field *f, const char *s, struct form_value *v)
{
    if (!form_parse_ll(s, &v->num) || v->num < 1 || (f->max > 0 && v->num > f->max))
        fail(v, MSG_ID, 0);
}

static void check_date(dv_arena *a, const char *s, struct form_value *v)
{
    int y, m, d;
    if (text_date_parse(s, &y, &m, &d) != 0) {
        fail(v, MSG_DATE, 0);
        return;
    }
    v->str = arena_printf(a, "%04d-%02d-%02d", y, m, d);
    v->num = (long long)y * 10000 + m * 100 + d;
}

static void check_username(dv_arena *a, const char *s, struct form_value *v)
{
    char *low = arena_strdup(a, s);
    for (char *p = low; *p; p++)
        if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    if (!form_username_ok(low)) fail(v, MSG_USERNAME, 0);
    else v->str = low;
}

static void check_choice(const struct form_field *f, const char *s, struct form_value *v)
{
    for (const char *const *c = f->choices; c && *c; c++)
        if (strcmp(*c, s) == 0) return;
    fail(v, MSG_CHOICE, 0);
}

static void check_password(const struct form_field *f, dv_arena *a, const char *raw,
                           struct form_value *v)
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
    check_length(text_length(s), f->min, f->max > 0 ? f->max : FORM_PASSWORD_MAX, v);
}

static void check_bool(const struct form_field *f, const char *raw, struct form_value *v)
{
    int on = raw && (!strcmp(raw, "1") || !strcmp(raw, "on") || !strcmp(raw, "true"));
    v->num = on;
    v->present = on;
    v->str = on ? "1" : "0";
    if (f->required && !on) fail(v, MSG_REQUIRED, 0);
}

/* Types whose value is cleaned text: clean, stop when empty, then check the text. */
static void check_cleaned(const struct form_field *f, dv_arena *a, const char *raw,
                          struct form_value *v)
{
    const char *s = clean(a, raw, f->type == FT_MULTILINE, v);
    v->str = s;
    if (done_if_empty(f, s, v)) return;
    v->present = 1;
    switch (f->type) {
    case FT_TEXT:
    case FT_MULTILINE: check_text(f, s, v); break;
    case FT_INT: check_int(f, s, v); break;
    case FT_ID: check_id(f, s, v); break;
    case FT_DATE: check_date(a, s, v); break;
    case FT_EMAIL: if (!form_email_ok(s)) fail(v, MSG_EMAIL, 0); break;
    case FT_USERNAME: check_username(a, s, v); break;
    case FT_CHOICE: check_choice(f, s, v); break;
    default: break;
    }
}

static void validate_one(const struct form_field *f, const char *raw, dv_arena *a,
                         struct form_value *v)
{
    memset(v, 0, sizeof *v);
    v->raw = scrub(a, raw);
    if (f->type == FT_PASSWORD) check_password(f, a, raw, v);
    else if (f->type == FT_BOOL) check_bool(f, raw, v);
    else check_cleaned(f, a, raw, v);
}

int form_validate(const struct form_field *fields, size_t n,
                  const char *(*get)(void *ctx, const char *name), void *ctx,
                  dv_arena *a, struct form_value *out)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        validate_one(&fields[i], get(ctx, fields[i].name), a, &out[i]);
        if (out[i].error) bad++;
    }
    return bad;
}

const char *form_error_text(dv_arena *a, const struct form_value *v)
{
    if (!v->error) return NULL;
    const char *t = gettext(v->error);
    const char *pct = strstr(t, "%lld");
    if (!pct) return t;
    /* substitute by hand: the format comes from a catalogue, never pass it to printf */
    return arena_printf(a, "%.*s%lld%s", (int)(pct - t), t, v->error_arg, pct + 4);
}
