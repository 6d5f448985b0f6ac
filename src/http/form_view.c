/* form_view.c - filling the shared form views (form_view.h) from validated input: the
 * value to echo, the translated error and the aria-describedby ids. */
#include "http/form_view.h"

#include "core/i18n.h"

#include <string.h>

static void describe(dv_arena *a, struct field_view *f)
{
    const char *n = f->name;
    if (f->hint && f->error)
        f->describedby = (f->flags & FIELD_ERROR_FIRST) ? arena_printf(a, "f-%s-err f-%s-hint", n, n)
                                                        : arena_printf(a, "f-%s-hint f-%s-err", n, n);
    else if (f->hint) f->describedby = arena_printf(a, "f-%s-hint", n);
    else if (f->error) f->describedby = arena_printf(a, "f-%s-err", n);
    else f->describedby = NULL;
}

void field_init(dv_arena *a, struct field_view *f, const char *name, const char *label,
                const struct input_value *v, const char *hint, unsigned flags)
{
    memset(f, 0, sizeof *f);
    f->name = name;
    f->label = label;
    f->hint = hint;
    f->flags = flags;
    if (v) {
        f->value = v->raw;
        f->error = input_error_text(a, v);
    }
    describe(a, f);
}

void field_of(dv_arena *a, struct field_view *f, const struct input_field *d, const struct input_value *v,
              unsigned flags)
{
    flags |= (d->required ? FIELD_REQUIRED : 0) | (d->kind == FK_DATE ? FIELD_DATE : 0);
    field_init(a, f, d->name, d->label ? _(d->label) : NULL, v, d->hint ? _(d->hint) : NULL, flags);
}

void field_fail(dv_arena *a, struct field_view *f, const char *message)
{
    if (f->error) return;
    f->error = message;
    describe(a, f);
}

void field_collect(const struct field_view *f, const struct field_view **errs, size_t *n, size_t cap)
{
    if (f->error && *n < cap) errs[(*n)++] = f;
}
