/* audit_pages.c - GET /audit: the audit log for administrators, newest first, filtered by
 * record type and actor, paged with ?before=ID. */
#include "org/auth_pages.h"

#include "core/i18n.h"
#include "http/page.h"
#include "org/access.h"
#include "org/audit.h"
#include "org/user_view.h"
#include "tpl.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 50

static const struct {
    const char *code;
    const char *label;
} actions[] = {
    {"create", N_("Created")},       {"update", N_("Changed")},
    {"close", N_("Closed")},         {"login", N_("Signed in")},
    {"login_failed", N_("Failed sign-in")}, {"logout", N_("Signed out")},
    {"password", N_("Password changed")},   {"disable", N_("Disabled")},
    {"enable", N_("Enabled")},       {"import", N_("Imported")},
};

static const struct {
    const char *code;
    const char *label;
} entities[] = {
    {"unit", N_("Unit")},
    {"user", N_("Account")},
    {"session", N_("Session")},
};

static const char *action_label(const char *code)
{
    for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
        if (code && strcmp(actions[i].code, code) == 0) return _(actions[i].label);
    return code;
}

static const char *entity_label(const char *code)
{
    for (size_t i = 0; i < sizeof entities / sizeof *entities; i++)
        if (code && strcmp(entities[i].code, code) == 0) return _(entities[i].label);
    return code;
}

static const char *json_text(dv_arena *a, json_t *v)
{
    if (!v || json_is_null(v)) return "—";
    if (json_is_string(v)) return arena_strdup(a, json_string_value(v));
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
    const char *out = arena_strdup(a, s ? s : "");
    free(s);
    return out;
}

/* {"field": [old, new]} → "field: old → new" lines. */
static void changes_of(dv_arena *a, const char *json, const char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!json) return;
    json_t *obj = json_loads(json, 0, NULL);
    if (!obj) return;
    if (json_is_object(obj)) {
        size_t cap = json_object_size(obj);
        const char **lines = arena_alloc(a, (cap + 1) * sizeof *lines);
        const char *key;
        json_t *val;
        size_t k = 0;
        json_object_foreach(obj, key, val) {
            if (k == cap) break;
            if (json_is_array(val) && json_array_size(val) == 2)
                lines[k++] = arena_printf(a, "%s: %s → %s", key, json_text(a, json_array_get(val, 0)),
                                          json_text(a, json_array_get(val, 1)));
            else
                lines[k++] = arena_printf(a, "%s: %s", key, json_text(a, val));
        }
        *out = lines;
        *n = k;
    }
    json_decref(obj);
}

static const char *page_url(dv_arena *a, const char *entity, const char *actor, int64_t before)
{
    dv_buf b = DV_BUF_INIT;
    buf_puts(&b, "/audit?");
    if (entity && *entity) buf_printf(&b, "entity=%s&", entity); /* one of the fixed codes */
    if (actor && *actor) {
        buf_puts(&b, "actor=");
        for (const unsigned char *p = (const unsigned char *)actor; *p; p++) {
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
                buf_putc(&b, (char)*p);
            else
                buf_printf(&b, "%%%02X", *p);
        }
        buf_putc(&b, '&');
    }
    if (before) buf_printf(&b, "before=%lld", (long long)before);
    if (b.len && b.data[b.len - 1] == '&') b.data[--b.len] = 0;
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* GET /audit?entity=user&actor=admin&before=123 */
void handle_audit_list(dv_req *r)
{
    if (!access_can_read_audit(r->user)) {
        res_error(r, 403);
        return;
    }
    const char *entity = req_query(r, "entity");
    int known = 0;
    for (size_t i = 0; entity && i < sizeof entities / sizeof *entities; i++)
        if (strcmp(entity, entities[i].code) == 0) known = 1;
    if (!known) entity = NULL;
    const char *actor = req_query(r, "actor");
    if (actor && (strlen(actor) > 64 || !*actor)) actor = NULL;
    const char *before_s = req_query(r, "before");
    int64_t before = before_s ? strtoll(before_s, NULL, 10) : 0;
    if (before < 0) before = 0;

    struct audit_entry *list;
    size_t n;
    if (audit_list(db_thread(), r->arena, entity, 0, actor, before, PAGE_SIZE + 1, &list, &n) != 0) {
        res_error(r, 500);
        return;
    }
    struct audit_view v;
    memset(&v, 0, sizeof v);
    v.entity = entity;
    v.actor = actor;
    if (n > PAGE_SIZE) {
        n = PAGE_SIZE;
        v.older = page_url(r->arena, entity, actor, list[n - 1].id);
    }
    if (before) v.newest = page_url(r->arena, entity, actor, 0);
    struct audit_row *rows = arena_alloc(r->arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        rows[i].e = &list[i];
        rows[i].when = time_local(r->arena, list[i].at);
        rows[i].action = action_label(list[i].action);
        rows[i].entity = entity_label(list[i].entity);
        if (list[i].entity_id && strcmp(list[i].entity, "user") == 0)
            rows[i].link = arena_printf(r->arena, "/users/%lld", (long long)list[i].entity_id);
        else if (list[i].entity_id && strcmp(list[i].entity, "unit") == 0)
            rows[i].link = arena_printf(r->arena, "/units/%lld", (long long)list[i].entity_id);
        changes_of(r->arena, list[i].changes, &rows[i].changes, &rows[i].nchanges);
    }
    v.rows = rows;
    v.n = n;
    struct option_view *opts = arena_alloc(r->arena, 4 * sizeof *opts);
    opts[0].value = "";
    opts[0].label = _("All records");
    opts[0].selected = entity == NULL;
    for (size_t i = 0; i < 3; i++) {
        opts[i + 1].value = entities[i].code;
        opts[i + 1].label = _(entities[i].label);
        opts[i + 1].selected = entity && strcmp(entity, entities[i].code) == 0;
    }
    v.entities = opts;
    v.nentities = 4;
    struct page pg;
    page_init(&pg, r, _("Audit log"));
    pg.nav = "audit";
    tpl_org_audit_list(&r->out, &pg, &v);
}
