/* audit_pages.c - GET /audit: the audit log for administrators, newest first, in the
 * reader's language: actions, kinds of record and fields by name, records by their name
 * with a link (audit_ref.c), units named in changed values linked; filtered by date (Vietnam
 * days), action, kind of record and record number, and actor; paged with ?before=ID. */
#include "org/auth_pages.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "core/form_check.h"
#include "http/input.h"
#include "http/page.h"
#include "org/access.h"
#include "org/audit.h"
#include "org/unit.h"
#include "org/user_view.h"
#include "text/text.h"
#include "tpl.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE_SIZE 50

struct code_label {
    const char *code;
    const char *label;
};

static const struct code_label actions[] = {
    {"create", N_("Created")},         {"update", N_("Changed")},
    {"delete", N_("Deleted")},         {"close", N_("Closed")},
    {"import", N_("Imported")},        {"login", N_("Signed in")},
    {"login_failed", N_("Failed sign-in")}, {"logout", N_("Signed out")},
    {"password", N_("Password changed")},   {"disable", N_("Disabled")},
    {"enable", N_("Enabled")},         {"save", N_("Draft saved")},
    {"submit", N_("Submitted")},       {"approve", N_("Approved")},
    {"return", N_("Returned for correction")}, {"unlock", N_("Entry reopened")},
    {"attach", N_("File attached")},   {"detach", N_("File deleted")},
    {"doc_number", N_("Document number given")}, {"publish", N_("Article published")},
    {"restore", N_("Article published again")}, {"archive", N_("Archived")},
    {"revoke", N_("Revoked")},
};

/* Field names of the audit rows, by area. */
static const struct code_label fields[] = {
    {"name", N_("Name")},              {"short_name", N_("Short name")},
    {"code", N_("Code")},              {"type", N_("Type")},
    {"valid_from", N_("Valid from")},  {"valid_to", N_("Valid until")},
    {"note", N_("Note")},              {"parent_id", N_("Parent unit")},
    {"successor_id", N_("Successor unit")}, {"unit_id", N_("Unit")},
    {"scope_unit_id", N_("Scope (unit)")}, {"receiver_unit_id", N_("Receiving unit")},
    {"username", N_("Username")},      {"full_name", N_("Full name")},
    {"email", N_("E-mail")},           {"phone", N_("Phone")},
    {"position", N_("Position")},      {"role", N_("Role")},
    {"lang", N_("Language")},          {"disabled", N_("Disabled")},
    {"password", N_("Password")},      {"status", N_("Status")},
    {"comment", N_("Comment")},        {"reason", N_("Reason")},
    {"until", N_("Open until")},       {"title", N_("Title")},
    {"slug", N_("Address (slug)")},    {"publish_at", N_("Publication time")},
    {"version", N_("Version")},        {"doc_type", N_("Document type")},
    {"series", N_("Number series")},   {"doc_number", N_("Document number")},
    {"attachment", N_("File")},        {"content_type", N_("File type")},
    {"size", N_("Size")},              {"label", N_("Label")},
    {"close_start", N_("Data window opens")}, {"close_end", N_("Data window closes")},
    {"deadline", N_("Deadline")},      {"level", N_("Level")},
    {"active_from", N_("In force from")}, {"active_to", N_("In force until")},
    {"frequency", N_("Frequency")},    {"grace_days", N_("Days of grace")},
    {"days_after_close", N_("Days after the period")}, {"guidance", N_("Guidance")},
    {"hidden", N_("Hidden")},          {"required", N_("Required")},
    {"unit_of_measure", N_("Unit of measure")}, {"unit_type", N_("Unit type")},
    {"left_code", N_("Indicator")},    {"op", N_("Operator")},
    {"right_operand", N_("Compared with")}, {"message", N_("Message")},
    {"set_id", N_("Category set")},    {"category_set_id", N_("Category set")},
    {"regime_id", N_("Reporting regime")}, {"period_id", N_("Reporting period")},
    {"on_date", N_("On date")},        {"content", N_("Content")},
    {"kind", N_("Kind")},              {"sha256", N_("Fingerprint (SHA-256)")},
};

/* Stored codes that appear as values. */
static const struct code_label values[] = {
    {"draft", N_("Draft")},            {"submitted", N_("Submitted")},
    {"approved", N_("Approved")},      {"returned", N_("Returned for correction")},
    {"published", N_("Published on the portal")},    {"archived", N_("Archived")},
    {"review", N_("Waiting for review")},
};

static const char *label_of(const struct code_label *t, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(t[i].code, code) == 0) return _(t[i].label);
    return code;
}

#define LABEL(t, code) label_of(t, sizeof t / sizeof *t, code)

static int is_known(const struct code_label *t, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(t[i].code, code) == 0) return 1;
    return 0;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

/* A value as the reader reads it: dates dd/mm/yyyy, units by name (linked), roles and
 * statuses by label, flags yes/no. */
static const char *value_text(dv_req *r, const char *field, json_t *v, const char **href)
{
    dv_arena *a = r->arena;
    *href = NULL;
    if (!v || json_is_null(v)) return "—";
    const char *s = NULL;
    char *dump = NULL;
    if (json_is_string(v)) s = json_string_value(v);
    else {
        dump = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
        s = dump ? dump : "";
    }
    const char *out = arena_strdup(a, s);
    free(dump);
    if (!strcmp(field, "parent_id") || !strcmp(field, "successor_id") || ends_with(field, "unit_id")) {
        long long id = 0;
        struct unit u;
        if (form_parse_ll(out, &id) && id > 0 && unit_store_get(db_thread(), a, id, &u) == 0) {
            *href = arena_printf(a, "/units/%lld", id);
            return u.name;
        }
        return out;
    }
    if (!strcmp(field, "role")) {
        enum dv_role role;
        if (role_parse(out, &role) == 0) return role_label(role);
        return out;
    }
    if (!strcmp(field, "status")) return LABEL(values, out);
    if (!strcmp(field, "type") || !strcmp(field, "unit_type") || !strcmp(field, "level")) {
        const char *t = unit_type_label(out);
        return t && *t ? t : out;
    }
    if (!strcmp(field, "disabled") || !strcmp(field, "hidden") || !strcmp(field, "required"))
        return !strcmp(out, "1") || !strcmp(out, "true") ? _("Yes") : !strcmp(out, "0") || !strcmp(out, "false") ? _("No") : out;
    if (!strcmp(field, "lang")) return !strcmp(out, "en") ? "English" : !strcmp(out, "vi") ? "Tiếng Việt" : out;
    if (!strcmp(field, "publish_at") && strlen(out) > 10) {
        const char *t = time_local(a, out);
        return *t ? t : out;
    }
    if (strlen(out) == 10 && out[4] == '-' && out[7] == '-') {
        const char *d = date_local(a, out);
        return *d ? d : out;
    }
    return out;
}

/* {"field": [old, new]} → one view per field. */
static void changes_of(dv_req *r, const char *json, const struct audit_change_view **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!json) return;
    json_t *obj = json_loads(json, 0, NULL);
    if (!obj) return;
    if (json_is_object(obj)) {
        size_t cap = json_object_size(obj);
        struct audit_change_view *v = arena_alloc(r->arena, (cap + 1) * sizeof *v);
        const char *key;
        json_t *val;
        size_t k = 0;
        json_object_foreach(obj, key, val) {
            if (k == cap) break;
            struct audit_change_view *c = &v[k++];
            c->field = LABEL(fields, key);
            if (c->field == key) c->field = arena_strdup(r->arena, key);
            if (json_is_array(val) && json_array_size(val) == 2) {
                c->old_value = value_text(r, key, json_array_get(val, 0), &c->old_href);
                c->new_value = value_text(r, key, json_array_get(val, 1), &c->new_href);
            } else {
                c->old_value = "—";
                c->new_value = value_text(r, key, val, &c->new_href);
            }
        }
        *out = v;
        *n = k;
    }
    json_decref(obj);
}

static void put_param(dv_buf *b, const char *name, const char *value)
{
    if (!value || !*value) return;
    buf_printf(b, "%s=", name);
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%02X", *p);
    }
    buf_putc(b, '&');
}

struct audit_query {
    const char *entity, *action, *actor, *from, *to, *record; /* as typed (validated codes) */
};

static const char *page_url(dv_arena *a, const struct audit_query *q, int64_t before)
{
    dv_buf b = DV_BUF_INIT;
    buf_puts(&b, "/audit?");
    put_param(&b, "entity", q->entity);
    put_param(&b, "record", q->record);
    put_param(&b, "action", q->action);
    put_param(&b, "actor", q->actor);
    put_param(&b, "from", q->from);
    put_param(&b, "to", q->to);
    if (before) buf_printf(&b, "before=%lld", (long long)before);
    if (b.len && (b.data[b.len - 1] == '&' || b.data[b.len - 1] == '?')) b.data[--b.len] = 0;
    const char *s = arena_strdup(a, buf_cstr(&b));
    buf_free(&b);
    return s;
}

/* dd/mm/yyyy (a Vietnam day) → the ISO UTC instant its midnight is, plus days. NULL if not
 * a date. */
static const char *vn_day_utc(dv_arena *a, const char *dmy, int plus_days)
{
    int y, m, d;
    if (!dmy || text_date_parse(dmy, &y, &m, &d) != 0) return NULL;
    char out[21];
    clock_iso_utc(clock_vn_instant(y, m, d + plus_days, 0, 0), out);
    return arena_strdup(a, out);
}

/* The list's filters (?entity=unit&record=3339&action=update&actor=admin&from=…&to=…&before=123):
 * a filter that is not valid is dropped (dates are checked by vn_day_utc). */
enum { Q_ENTITY, Q_ACTION, Q_ACTOR, Q_RECORD, Q_FROM, Q_TO, Q_BEFORE, Q_N };
static const struct input_field audit_query_fields[Q_N] = {
    [Q_ENTITY] = {"entity", IN_TEXT, 0, 0, 40, NULL, FK_SELECT, NULL, NULL, NULL},
    [Q_ACTION] = {"action", IN_TEXT, 0, 0, 40, NULL, FK_SELECT, NULL, NULL, NULL},
    [Q_ACTOR] = {"actor", IN_TEXT, 0, 0, 64, NULL, FK_TEXT, NULL, NULL, NULL},
    [Q_RECORD] = {"record", IN_ID, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
    [Q_FROM] = {"from", IN_TEXT, 0, 0, 10, NULL, FK_DATE, NULL, NULL, NULL},
    [Q_TO] = {"to", IN_TEXT, 0, 0, 10, NULL, FK_DATE, NULL, NULL, NULL},
    [Q_BEFORE] = {"before", IN_INT, 0, 0, 0, NULL, FK_NUMBER, NULL, NULL, NULL},
};

/* A valid, non-empty filter's text, else NULL. */
static const char *filter_text(const struct input_value *v)
{
    return v->present && !v->error ? v->str : NULL;
}

static struct option_view *entity_options(dv_req *r, const char *entity, size_t *n)
{
    size_t k = 0;
    while (audit_kind_code(k)) k++;
    struct option_view *o = arena_alloc(r->arena, (k + 2) * sizeof *o);
    o[0] = (struct option_view){"", _("All records"), entity == NULL};
    for (size_t i = 0; i < k; i++) {
        const char *code = audit_kind_code(i);
        o[i + 1] = (struct option_view){code, audit_kind_label(code), entity && !strcmp(entity, code)};
    }
    *n = k + 1;
    return o;
}

static struct option_view *action_options(dv_req *r, const char *action, size_t *n)
{
    size_t k = sizeof actions / sizeof *actions;
    struct option_view *o = arena_alloc(r->arena, (k + 2) * sizeof *o);
    o[0] = (struct option_view){"", _("All actions"), action == NULL};
    for (size_t i = 0; i < k; i++)
        o[i + 1] = (struct option_view){actions[i].code, _(actions[i].label), action && !strcmp(action, actions[i].code)};
    *n = k + 1;
    return o;
}

/* GET /audit?entity=unit&record=3339&action=update&actor=admin&from=01/12/2026&to=02/12/2026&before=123 */
void audit_page_list(dv_req *r)
{
    if (!access_can_read_audit(r->user)) {
        res_error(r, 403);
        return;
    }
    struct audit_query q = {0};
    struct audit_filter f = {0};
    struct audit_view v;
    memset(&v, 0, sizeof v);
    struct input_value qv[Q_N];
    input_query(r, audit_query_fields, Q_N, qv);
    q.entity = filter_text(&qv[Q_ENTITY]);
    if (q.entity && !strcmp(audit_kind_label(q.entity), q.entity)) q.entity = NULL; /* not a registered kind */
    q.action = filter_text(&qv[Q_ACTION]);
    if (q.action && !is_known(actions, sizeof actions / sizeof *actions, q.action)) q.action = NULL;
    q.actor = filter_text(&qv[Q_ACTOR]);
    q.record = filter_text(&qv[Q_RECORD]);
    if (q.record) f.entity_id = qv[Q_RECORD].num;
    q.from = filter_text(&qv[Q_FROM]);
    q.to = filter_text(&qv[Q_TO]);
    f.from = vn_day_utc(r->arena, q.from, 0);
    f.to = vn_day_utc(r->arena, q.to, 1); /* the whole day "to" */
    if ((q.from && !f.from) || (q.to && !f.to)) v.filter_error = _("Enter dates as dd/mm/yyyy.");
    f.entity = q.entity;
    f.action = q.action;
    f.actor = q.actor;
    f.before_id = qv[Q_BEFORE].error ? 0 : qv[Q_BEFORE].num;
    if (f.before_id < 0) f.before_id = 0;

    dv_db *db = db_thread();
    struct audit_entry *list;
    size_t n;
    if (audit_list_filtered(db, r->arena, &f, PAGE_SIZE + 1, &list, &n) != 0) {
        res_error(r, 500);
        return;
    }
    v.actor = q.actor;
    v.from = q.from;
    v.to = q.to;
    v.record_id = q.record;
    v.filtered = q.entity || q.action || q.actor || q.record || q.from || q.to;
    if (n > PAGE_SIZE) {
        n = PAGE_SIZE;
        v.older = page_url(r->arena, &q, list[n - 1].id);
    }
    if (f.before_id) v.newest = page_url(r->arena, &q, 0);
    struct audit_row *rows = arena_alloc(r->arena, (n + 1) * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        rows[i].e = &list[i];
        rows[i].when = time_local(r->arena, list[i].at);
        rows[i].action = LABEL(actions, list[i].action);
        rows[i].entity = audit_kind_label(list[i].entity);
        if (list[i].entity_id) {
            rows[i].id_text = arena_printf(r->arena, "#%lld", (long long)list[i].entity_id);
            audit_record_describe(db, r->arena, list[i].entity, list[i].entity_id, &rows[i].name, &rows[i].link);
        }
        changes_of(r, list[i].changes, &rows[i].changes, &rows[i].nchanges);
    }
    v.rows = rows;
    v.n = n;
    v.entities = entity_options(r, q.entity, &v.nentities);
    v.actions = action_options(r, q.action, &v.nactions);
    struct page pg;
    page_init(&pg, r, _("Audit log"));
    pg.nav = "audit";
    tpl_org_audit_list(&r->out, &pg, &v);
}
