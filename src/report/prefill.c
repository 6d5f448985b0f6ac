/* prefill.c - the registry of pre-fill sources (report/prefill.h): filled once at start-up
 * by the areas that keep the records, read by the regime editor and the report form. */
#include "report/prefill.h"

#include "core/err.h"

#include <string.h>

static const struct prefill_source *sources[PREFILL_MAX];
static size_t nsources;
const char *report_prefill_keys[PREFILL_MAX + 1];

void report_prefill_add(const struct prefill_source *src, size_t n)
{
    for (size_t i = 0; i < n && nsources < PREFILL_MAX; i++) {
        if (!src[i].key || !src[i].compute || report_prefill_find(src[i].key)) continue;
        sources[nsources] = &src[i];
        report_prefill_keys[nsources] = src[i].key;
        nsources++;
        report_prefill_keys[nsources] = NULL;
    }
}

const struct prefill_source *report_prefill_find(const char *key)
{
    if (!key || !*key) return NULL;
    for (size_t i = 0; i < nsources; i++)
        if (!strcmp(sources[i]->key, key)) return sources[i];
    return NULL;
}

size_t report_prefill_count(void)
{
    return nsources;
}

const struct prefill_source *report_prefill_at(size_t i)
{
    return i < nsources ? sources[i] : NULL;
}

int report_prefill_compute(dv_db *db, dv_arena *a, const char *key, int64_t unit_id, const char *from,
                           const char *to, double *value, const char **derivation)
{
    const struct prefill_source *s = report_prefill_find(key);
    if (!s) return DV_ENOTFOUND;
    *value = 0;
    *derivation = "";
    int rc = s->compute(db, a, unit_id, from, to, value, derivation);
    if (rc == 0 && !*derivation) *derivation = "";
    return rc;
}

const struct report_prefill_row *report_prefill_row_find(const struct report_prefill_row *rows, size_t n,
                                                         int64_t indicator_id)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].indicator_id == indicator_id) return &rows[i];
    return NULL;
}
