/* entry_file_pages.c - a report's history and attached files: GET /reports/:id/history, GET and POST /reports/:id/attachments/:aid (routed by entry_routes.c). */
#include "report/entry/entry_pages_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- history ---- */

void entry_page_history(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (entry_pg_ctx_load_id(r, db, &c)) return;
    struct report_event *ev;
    size_t n;
    if (report_store_events(db, r->arena, c.rep.id, &ev, &n) != 0) {
        res_error(r, 500);
        return;
    }
    struct entry_history_view v;
    v.regime_name = c.def.name;
    v.period_label = c.per.label;
    v.unit_name = c.unit.name;
    v.form_href = entry_pg_form_href(r, c.regime_id, c.period_id, c.unit_id);
    v.events = arena_alloc(r->arena, (n + 1) * sizeof *v.events);
    v.n = n;
    for (size_t i = 0; i < n; i++) {
        v.events[i].at = entry_pg_vn_time(r, ev[i].at);
        v.events[i].who = ev[i].user_name ? ev[i].user_name : _("System");
        v.events[i].action = entry_pg_event_label(ev[i].action);
        v.events[i].comment = ev[i].comment;
    }
    struct page pg;
    page_init(&pg, r, _("History of the report"));
    pg.nav = "reports";
    tpl_report_entry_history(&r->out, &pg, &v);
}

/* ---- attachments ---- */

/* Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
static const char *disposition(dv_req *r, const char *name)
{
    dv_buf b = DV_BUF_INIT;
    buf_puts(&b, "attachment; filename=\"");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        buf_putc(&b, (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\') ? '_' : (char)*p);
    buf_puts(&b, "\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    const char *s = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

void entry_page_attachment(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (entry_pg_ctx_load_id(r, db, &c)) return;
    struct report_attachment at;
    int64_t aid = input_path_id(r, "aid");
    if (!aid) return;
    int rc = report_store_attachment_get(db, r->arena, c.rep.id, aid, &at);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    r->status = 200;
    r->content_type = at.content_type;
    res_header(r, "Content-Disposition", disposition(r, at.filename));
    r->cache_control = "private, no-store";
    buf_append(&r->out, at.data, (size_t)at.size);
}

void entry_page_attachment_delete(dv_req *r)
{
    dv_db *db = db_thread();
    struct report_ctx c;
    if (entry_pg_ctx_load_id(r, db, &c)) return;
    if (!c.can_act) {
        res_error(r, 403);
        return;
    }
    int64_t aid = input_path_id(r, "aid");
    if (!aid) return;
    int rc = report_detach(db, r->user, r->remote_addr, c.rep.id, aid);
    if (rc == DV_ENOTFOUND) {
        res_error(r, 404);
        return;
    }
    if (rc == DV_EDENIED) {
        struct render_opts o = {.status = 409, .general_error = _("Files can be deleted only while the report can be edited.")};
        entry_pg_render_form(r, db, &c, &o);
        return;
    }
    if (rc) {
        res_error(r, 500);
        return;
    }
    res_redirect(r, arena_printf(r->arena, "%s?ok=deleted", entry_pg_form_href(r, c.regime_id, c.period_id, c.unit_id)));
}
