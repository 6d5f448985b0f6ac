/* form_legacy.c - the legacy-encoding choice of long-text fields (form_legacy.h): reads
 * NAME-legacy, converts NAME through text_legacy.h, keeps what was typed for the form. */
#include "http/form_legacy.h"

#include "core/i18n.h"
#include "text/text_legacy.h"

#include <stdlib.h>
#include <string.h>

/* A preview longer than this shows its beginning (a 200 000-character article body). */
#define PREVIEW_MAX 4000

struct legacy_field {
    struct legacy_field *next;
    const char *name;
    const char *typed;      /* what the browser sent, echoed in the textarea */
    int ask;                /* unsure, nothing chosen: the field shows an error */
    struct legacy_view view;
};

enum choice { C_AUTO, C_TCVN3, C_TCVN3H, C_VNI, C_NONE, NCHOICES };

static const char *const CHOICE_CODE[NCHOICES] = {"auto", "tcvn3", "tcvn3h", "vni", "none"};

static const char *choice_label(enum choice c)
{
    switch (c) {
    case C_AUTO: return _("Detect automatically");
    case C_TCVN3: return _("Convert from TCVN3 (.VnTime)");
    case C_TCVN3H: return _("Convert from TCVN3 capitals (.VnTimeH)");
    case C_VNI: return _("Convert from VNI (VNI-Times)");
    case C_NONE:
    case NCHOICES: break;
    }
    return _("Leave as typed");
}

static const char *enc_name(enum legacy_enc e)
{
    return e == LEGACY_VNI ? _("VNI (VNI-Times)") : e == LEGACY_TCVN3_CAPS ? _("TCVN3 capitals (.VnTimeH)")
                                                                            : _("TCVN3 (.VnTime)");
}

static enum choice choice_parse(const char *s)
{
    for (int i = 0; s && i < NCHOICES; i++)
        if (strcmp(s, CHOICE_CODE[i]) == 0) return (enum choice)i;
    return C_AUTO;
}

static enum legacy_enc choice_enc(enum choice c)
{
    return c == C_TCVN3 ? LEGACY_TCVN3 : c == C_TCVN3H ? LEGACY_TCVN3_CAPS : c == C_VNI ? LEGACY_VNI : LEGACY_NONE;
}

static struct legacy_field *find(dv_req *r, const char *name)
{
    for (struct legacy_field *f = r->legacy_fields; f; f = f->next)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

static struct legacy_field *add(dv_req *r, const char *name, enum choice c)
{
    struct legacy_field *f = arena_alloc(r->arena, sizeof *f);
    f->name = arena_strdup(r->arena, name);
    f->view.select_name = arena_printf(r->arena, "%s-legacy", name);
    for (int i = 0; i < NCHOICES; i++)
        f->view.opts[f->view.nopts++] = (struct option_view){CHOICE_CODE[i], choice_label((enum choice)i), (int)c == i};
    f->next = r->legacy_fields;
    r->legacy_fields = f;
    return f;
}

/* A converted text in the arena (NULL when it cannot be read that way). */
static const char *convert(dv_req *r, const char *s, enum legacy_enc enc)
{
    char *out = text_legacy_convert(s, strlen(s), enc);
    if (!out) return NULL;
    const char *a = arena_strdup(r->arena, out);
    free(out);
    return a;
}

static void set_preview(dv_req *r, struct legacy_view *v, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n <= PREVIEW_MAX) {
        v->preview = text;
        return;
    }
    size_t cut = PREVIEW_MAX;
    while (cut && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--; /* a whole character */
    v->preview = arena_printf(r->arena, "%.*s…", (int)cut, text);
    v->truncated = 1;
}

/* The request's value of name becomes value (the first field of that name, as req_form). */
static void form_replace(dv_req *r, const char *name, const char *value)
{
    for (size_t i = 0; i < r->nform; i++) {
        struct dv_kv *kv = &r->form[i];
        if (kv->filename || strcmp(kv->key, name) != 0) continue;
        size_t n = strlen(value);
        kv->value = arena_alloc(r->arena, n + 1);
        memcpy(kv->value, value, n + 1);
        kv->len = n;
        kv->cap = n + 1;
        return;
    }
}

enum legacy_field_state req_legacy(dv_req *r, const char *name)
{
    const char *typed = req_form(r, name);
    enum choice c = choice_parse(req_form(r, arena_printf(r->arena, "%s-legacy", name)));
    struct legacy_field *f = find(r, name);
    if (f) return f->ask ? LEGACY_FIELD_ASK : LEGACY_FIELD_PLAIN;
    f = add(r, name, c);
    f->typed = typed;
    if (!typed || !*typed) return LEGACY_FIELD_PLAIN;
    struct legacy_view *v = &f->view;
    const char *result = typed;
    if (c == C_NONE) {
        v->status = _("The text is saved as typed.");
        v->open = 1;
    } else if (c != C_AUTO) {
        const char *out = convert(r, typed, choice_enc(c));
        if (out) result = out;
        v->status = arena_printf(r->arena, _("Read as %s: the result below is what will be saved."),
                                 enc_name(choice_enc(c)));
        set_preview(r, v, result);
        v->open = 1;
    } else {
        struct legacy_guess g;
        if (text_legacy_detect(typed, strlen(typed), &g) != 0) return LEGACY_FIELD_PLAIN;
        if (g.unsure) {
            f->ask = 1;
            v->warn = 1;
            v->open = 1;
            v->status = _("This text may come from an old Vietnamese font (TCVN3 or VNI). Check the likeliest "
                          "reading below, choose how to read the text, then save.");
            if (g.guess != LEGACY_NONE) set_preview(r, v, convert(r, typed, g.guess));
            return LEGACY_FIELD_ASK;
        }
        if (g.enc != LEGACY_NONE) {
            const char *out = convert(r, typed, g.enc);
            if (out) result = out;
            v->status = arena_printf(r->arena, _("The text reads as %s: the result below is what will be saved. "
                                                 "Choose another reading if it is wrong."),
                                     enc_name(g.enc));
            set_preview(r, v, result);
            v->open = 1;
        }
    }
    if (result == typed) return LEGACY_FIELD_PLAIN;
    form_replace(r, name, result);
    return LEGACY_FIELD_CONVERTED;
}

int req_legacy_preview(dv_req *r)
{
    return req_form(r, "legacy-preview") != NULL;
}

void field_legacy(dv_req *r, struct field_view *f)
{
    struct legacy_field *lf = find(r, f->name);
    if (!lf) {
        lf = add(r, f->name, C_AUTO);
        f->legacy = &lf->view;
        return;
    }
    f->legacy = &lf->view;
    if (lf->typed) f->value = lf->typed;
    if (lf->ask) field_fail(r->arena, f, _("Choose how to read this text: it may come from an old Vietnamese font."));
}
