/* audit_ref.c - the kinds of record the audit log names: each area registers its own at
 * start-up (a label, a link pattern, and optionally how to read the record's name), so
 * the log shows "Bài viết: <title>" with a link rather than "article #32". */
#include "org/audit.h"

#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

#define KINDS_MAX 48

struct kind {
    const char *entity, *label_msgid, *href_fmt;
    audit_describe_fn describe;
};

static struct kind kinds[KINDS_MAX];
static size_t nkinds;

void audit_kind_add(const char *entity, const char *label_msgid, const char *href_fmt, audit_describe_fn describe)
{
    for (size_t i = 0; i < nkinds; i++)
        if (strcmp(kinds[i].entity, entity) == 0) {
            kinds[i] = (struct kind){entity, label_msgid, href_fmt, describe};
            return;
        }
    if (nkinds < KINDS_MAX) kinds[nkinds++] = (struct kind){entity, label_msgid, href_fmt, describe};
}

static const struct kind *kind_of(const char *entity)
{
    for (size_t i = 0; entity && i < nkinds; i++)
        if (strcmp(kinds[i].entity, entity) == 0) return &kinds[i];
    return NULL;
}

const char *audit_kind_label(const char *entity)
{
    const struct kind *k = kind_of(entity);
    return k ? _(k->label_msgid) : entity;
}

const char *audit_kind_code(size_t i)
{
    return i < nkinds ? kinds[i].entity : NULL;
}

void audit_record_describe(dv_db *db, dv_arena *a, const char *entity, int64_t id, const char **name,
                           const char **href)
{
    *name = NULL;
    *href = NULL;
    const struct kind *k = kind_of(entity);
    if (!k || id <= 0) return;
    if (k->href_fmt) *href = arena_printf(a, k->href_fmt, (long long)id);
    if (k->describe) {
        const char *l = NULL, *h = NULL;
        if (k->describe(db, a, id, &l, &h) == 0) {
            *name = l;
            if (h) *href = h;
        }
    }
}
