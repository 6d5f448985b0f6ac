/* desk_workflow_pages.c - an article's workflow on the desk (submit, publish or schedule, return, archive), its history and its preview (routed by desk_routes.c). */
#include "portal/desk_pages_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- workflow actions --------------------------------------------------------------- */

/* The edit page again, with a message (an action could not be done). */
static void rerender_edit(dv_req *r, dv_db *db, const struct article *a, struct desk_form_view *v)
{
    v->action = desk_pg_art_href(r, a->id, NULL);
    v->submit_label = _("Save");
    v->cancel_href = "/desk";
    v->can_save = portal_can_edit(r->user, a);
    desk_pg_form_from_article(r, db, v, a);
    desk_pg_workflow_init(r, v, a);
    desk_pg_render_form(r, v, _("Edit article"), a);
}

/* The hidden version the page was loaded at; -1 when absent or not a number (a conflict). */
static int64_t form_version(dv_req *r)
{
    struct input_value v;
    if (input_form1(r, &desk_fixed_fields[F_VERSION], &v) || !v.present) return -1;
    return v.num;
}

static void after_action(dv_req *r, dv_db *db, const struct article *a, int rc, const char *flash)
{
    if (rc == 0) {
        page_flash_set(r, flash);
        res_redirect(r, desk_pg_art_href(r, a->id, NULL));
        return;
    }
    if (rc == DV_EDENIED || rc == DV_ENOTFOUND || rc != DV_ECONFLICT) {
        res_error(r, rc == DV_EDENIED ? 403 : rc == DV_ENOTFOUND ? 404 : 500);
        return;
    }
    struct desk_form_view v;
    memset(&v, 0, sizeof v);
    v.general_error = _("This article was changed meanwhile, or its status does not allow this. Check it and try again.");
    rerender_edit(r, db, a, &v);
}

/* POST /desk/:id/submit */
void desk_page_submit(dv_req *r)
{
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    if (!portal_can_edit(r->user, &a)) {
        res_error(r, 403);
        return;
    }
    after_action(r, db, &a, article_submit(db, r->user, a.id, form_version(r)), "The article has been submitted for review.");
}

static int require_publisher(dv_req *r)
{
    if (portal_can_publish(r->user)) return 0;
    res_error(r, 403);
    return -1;
}

/* POST /desk/:id/publish (publish_date + publish_time: schedule) */
void desk_page_publish(dv_req *r)
{
    if (desk_pg_require_desk(r) || require_publisher(r)) return;
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    struct input_value fv[2];
    input_form(r, desk_workflow_fields, 2, fv);
    struct desk_form_view v;
    memset(&v, 0, sizeof v);
    desk_pg_workflow_fields_init(r, &v, fv, NULL);
    char iso[21];
    const char *at = NULL;
    int bad = fv[0].error || fv[1].error;
    if (!bad && fv[0].present) {
        if (desk_pg_vn_to_iso(fv[0].str, fv[1].present ? fv[1].str : NULL, iso) != 0) {
            field_fail(r->arena, &v.pub_time, _("Enter the time as HH:MM, e.g. 08:30."));
            bad = 1;
        } else if (article_publish_date_check(iso) != 0) {
            field_fail(r->arena, &v.pub_date, _("Enter a date from 01/01/2000 on."));
            bad = 1;
        } else {
            at = iso;
        }
    } else if (!bad && fv[1].present) {
        field_fail(r->arena, &v.pub_date, _("Enter the date as well, or clear the time."));
        bad = 1;
    }
    if (bad) {
        rerender_edit(r, db, &a, &v);
        return;
    }
    int rc = article_publish(db, r->user, a.id, form_version(r), at);
    int scheduled = 0;
    if (rc == 0 && at) {
        struct article now;
        scheduled = article_get(db, r->arena, a.id, &now) == 0 && now.status == ART_PENDING;
    }
    after_action(r, db, &a, rc, scheduled ? "The article has been scheduled." : "The article has been published.");
}

/* POST /desk/:id/return (comment) */
void desk_page_return(dv_req *r)
{
    if (desk_pg_require_desk(r) || require_publisher(r)) return;
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    struct input_value fv[1];
    struct desk_form_view v;
    memset(&v, 0, sizeof v);
    if (input_form1(r, &desk_workflow_fields[W_COMMENT], &fv[0])) {
        desk_pg_workflow_fields_init(r, &v, NULL, &fv[0]);
        rerender_edit(r, db, &a, &v);
        return;
    }
    after_action(r, db, &a, article_return(db, r->user, a.id, form_version(r), fv[0].str),
                 "The article has been returned to its author.");
}

/* POST /desk/:id/archive */
void desk_page_archive(dv_req *r)
{
    if (desk_pg_require_desk(r) || require_publisher(r)) return;
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    after_action(r, db, &a, article_archive(db, r->user, a.id, form_version(r)), "The article has been archived.");
}

/* ---- history and preview ------------------------------------------------------------ */

static const char *action_label(const char *code)
{
    static const struct {
        const char *code, *label;
    } labels[] = {
        {"create", N_("Created")},     {"update", N_("Edited")},     {"submit", N_("Submitted for review")},
        {"publish", N_("Published on the portal")},  {"schedule", N_("Scheduled")}, {"return", N_("Returned to the author")},
        {"archive", N_("Archived")},   {"restore", N_("Published again")},
    };
    for (size_t i = 0; code && i < sizeof labels / sizeof *labels; i++)
        if (strcmp(code, labels[i].code) == 0) return _(labels[i].label);
    return code;
}

/* GET /desk/:id/history */
void desk_page_history(dv_req *r)
{
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    struct history_entry *h;
    size_t n;
    if (article_history(db, r->arena, a.id, &h, &n) != 0) {
        res_error(r, 500);
        return;
    }
    struct desk_history_view v;
    memset(&v, 0, sizeof v);
    v.back_href = desk_pg_art_href(r, a.id, NULL);
    v.rows = arena_alloc(r->arena, (n + 1) * sizeof *v.rows);
    for (size_t i = 0; i < n; i++) {
        struct desk_history_row *w = &v.rows[i];
        w->version = (long long)h[i].version;
        w->at = desk_pg_vn_time(r, h[i].at);
        w->actor = h[i].actor;
        w->action = action_label(h[i].action);
        json_t *j = h[i].snapshot ? json_loads(h[i].snapshot, 0, NULL) : NULL;
        if (j) {
            w->title = arena_strdup(r->arena, json_string_value(json_object_get(j, "title")));
            w->comment = arena_strdup(r->arena, json_string_value(json_object_get(j, "comment")));
            json_decref(j);
        }
    }
    v.n = n;
    struct page pg;
    page_init(&pg, r, _("History"));
    pg.nav = "desk";
    pg.crumbs = desk_pg_crumbs(r, a.title, desk_pg_art_href(r, a.id, NULL), _("History"));
    tpl_portal_desk_history(&r->out, &pg, &v);
}

/* GET /desk/:id/preview - the article in the portal's own layout and markup (the public
 * article template), as readers will see it, under a note that it is a preview; not cached,
 * not indexed, the view count and the reader's tools left out. */
void desk_page_preview(dv_req *r)
{
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    const char *path = arena_printf(r->arena, "/bai-viet/%s", a.slug);
    struct portal_page pp;
    public_page_init(&pp, r, a.title, path);
    pp.noindex = 1;
    pp.og_type = "article";
    pp.current_cat = a.ncategories ? a.categories[0].slug : NULL;
    struct article_view v;
    memset(&v, 0, sizeof v);
    v.a = &a;
    v.published = desk_pg_vn_time(r, a.published_at ? a.published_at : a.updated_at);
    v.credit = desk_pg_credit_of(r, &a, " - ");
    v.canonical = public_abs_url(r->arena, path);
    v.back_href = desk_pg_art_href(r, a.id, NULL);
    v.back_label = _("Back to the article");
    v.preview_status = article_status_label(a.status);
    if (a.ncategories) {
        struct crumb *cr = arena_alloc(r->arena, 3 * sizeof *cr);
        cr[0] = (struct crumb){_("Home"), "/"};
        cr[1] = (struct crumb){a.categories[0].name, arena_printf(r->arena, "/chuyen-muc/%s", a.categories[0].slug)};
        pp.pg.crumbs = cr;
    }
    tpl_portal_article(&r->out, &pp, &v, r->arena);
}
