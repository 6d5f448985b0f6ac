/* citizen_common.c - what the citizens' pages share: unit, commune and category pickers,
 * dates for people, the portal's public layout, and the cache of public pages (prebuilt
 * responses keyed by language and path, dropped as a whole by every write of the area:
 * petition_generation()). */
#include "citizen/citizen_pages_int.h"

#include "citizen/citizen_access.h"
#include "citizen/petition.h"
#include "core/clock.h"
#include "core/i18n.h"
#include "http/page.h"
#include "org/unit.h"
#include "text/text.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int commune_type(const char *t)
{
    return t && (!strcmp(t, "commune") || !strcmp(t, "ward") || !strcmp(t, "special_zone"));
}

int citizen_commune_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    dv_db *db = db_thread();
    int64_t province = 0;
    if (citizen_province_id(db, &province)) return 0;
    struct unit *units = NULL;
    size_t nu = 0;
    int rc = unit_store_children(db, r->arena, province, &units, &nu);
    if (rc) return rc;
    unit_sort(units, nu);
    struct option_view *o = arena_alloc(r->arena, (nu + 1) * sizeof *o);
    size_t k = 0;
    for (size_t i = 0; i < nu; i++) {
        if (!commune_type(units[i].type)) continue;
        o[k++] = (struct option_view){arena_printf(r->arena, "%lld", (long long)units[i].id), units[i].name,
                                      units[i].id == selected};
    }
    *out = o;
    *n = k;
    return 0;
}

int citizen_unit_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n)
{
    dv_db *db = db_thread();
    int64_t root = citizen_scope_root(r->user);
    if (root == 0 && citizen_province_id(db, &root)) root = r->user->scope_unit_id;
    struct unit *units = NULL;
    size_t nu = 0;
    int rc = unit_store_subtree(db, r->arena, root, &units, &nu);
    if (rc) return rc;
    struct option_view *o = arena_alloc(r->arena, (nu + 1) * sizeof *o);
    for (size_t i = 0; i < nu; i++) {
        dv_buf b = DV_BUF_INIT;
        for (int d = 0; d < units[i].depth && d < 6; d++) buf_puts(&b, "\xC2\xA0\xC2\xA0");
        buf_puts(&b, units[i].name);
        o[i] = (struct option_view){arena_printf(r->arena, "%lld", (long long)units[i].id),
                                    arena_strdup(r->arena, buf_cstr(&b)), units[i].id == selected};
        buf_free(&b);
    }
    *out = o;
    *n = nu;
    return 0;
}

int citizen_category_options(dv_req *r, int64_t selected, struct option_view **out, size_t *n)
{
    struct petition_category *cats = NULL;
    size_t nc = 0;
    int rc = petition_categories(db_thread(), r->arena, &cats, &nc);
    if (rc) return rc;
    struct option_view *o = arena_alloc(r->arena, (nc + 1) * sizeof *o);
    for (size_t i = 0; i < nc; i++)
        o[i] = (struct option_view){arena_printf(r->arena, "%lld", (long long)cats[i].id), cats[i].name,
                                    cats[i].id == selected};
    *out = o;
    *n = nc;
    return 0;
}

const char *citizen_dmy(dv_arena *a, const char *iso)
{
    if (!iso || !*iso) return "";
    if (strlen(iso) == 10) return text_date_dmy(a, iso);
    char out[17];
    if (clock_vn_datetime_text(iso, out)) return "";
    return arena_strdup(a, out);
}

void citizen_public_init(struct portal_page *pp, dv_req *r, const char *title, const char *path)
{
    public_page_init(pp, r, title, path);
    if (!strncmp(path, "/kien-nghi", 10)) pp->pg.nav = "petitions";
    else if (!strncmp(path, "/doi-thoai", 10) || !strncmp(path, "/tiep-cong-dan", 14)) pp->pg.nav = "dialogues";
    else if (!strncmp(path, "/dan-van-kheo", 13)) pp->pg.nav = "models";
}

void citizen_collect(const struct field_view *const *fields, size_t n, const struct field_view **errs, size_t *nerr,
                     size_t cap)
{
    *nerr = 0;
    for (size_t i = 0; i < n; i++) field_collect(fields[i], errs, nerr, cap);
}

/* --- the public pages' cache --- */

#define CACHE_SLOTS 4096
struct slot {
    char key[64];
    uint64_t gen;
    dv_prebuilt *p;
};
static struct slot slots[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(const char *key)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) h = (h ^ *p) * 1099511628211ull;
    return (size_t)(h % CACHE_SLOTS);
}

static int cacheable(dv_req *r)
{
    return !r->user && !req_cookie(r, "dv_flash");
}

static void full_key(dv_req *r, const char *key, char out[64])
{
    snprintf(out, 64, "%s|%s", r->lang ? r->lang : "vi", key);
}

int citizen_cache_answer(dv_req *r, const char *key)
{
    if (!cacheable(r)) return 0;
    char k[64];
    full_key(r, key, k);
    struct slot *s = &slots[slot_of(k)];
    dv_prebuilt *p = NULL;
    pthread_mutex_lock(&cache_lock);
    if (s->p && s->gen == petition_generation() && !strcmp(s->key, k)) {
        p = s->p;
        prebuilt_retain(p);
    }
    pthread_mutex_unlock(&cache_lock);
    if (!p) return 0;
    res_prebuilt(r, p);
    return 1;
}

void citizen_cache_store(dv_req *r, const char *key, uint64_t gen)
{
    if (!cacheable(r) || (r->status && r->status != 200)) return;
    char k[64];
    full_key(r, key, k);
    dv_prebuilt *p = prebuilt_new(r->out.data ? r->out.data : "", r->out.len, "text/html; charset=utf-8",
                                  "public, max-age=0, must-revalidate", NULL);
    if (!p) return;
    struct slot *s = &slots[slot_of(k)];
    dv_prebuilt *old = NULL;
    pthread_mutex_lock(&cache_lock);
    old = s->p;
    snprintf(s->key, sizeof s->key, "%s", k);
    s->gen = gen;
    s->p = p;
    pthread_mutex_unlock(&cache_lock);
    if (old) prebuilt_release(old);
}
