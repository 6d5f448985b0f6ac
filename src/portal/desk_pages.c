/* desk_pages.c - the editors' desk: the list of articles, the create/edit form (with
 * photo uploads and text pasted in legacy Vietnamese encodings), the workflow actions,
 * the history and the preview. Each handler: check access → validate input → call the
 * store → render. Everything typed is kept when the form comes back with errors. */
#include "portal/desk.h"
#include "portal/desk_pages_int.h"

#include "core/clock.h"
#include "core/err.h"
#include "http/input.h"
#include "core/i18n.h"
#include "db/db.h"
#include "http/form_view.h"
#include "http/http.h"
#include "http/page.h"
#include "portal/article.h"
#include "portal/desk_view.h"
#include "portal/media.h"
#include "portal/portal_access.h"
#include "portal/public.h"
#include "portal/public_view.h"
#include "text/text.h"
#include "tpl.h"

#include "http/form_legacy.h"
#include "text/text_legacy.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


/* ---- small helpers ---------------------------------------------------------------- */

const char *desk_pg_art_href(dv_req *r, int64_t id, const char *suffix)
{
    return arena_printf(r->arena, "/desk/%lld%s", (long long)id, suffix ? suffix : "");
}

/* ISO UTC → "dd/mm/yyyy HH:MM" in Vietnam time (UTC+7, no daylight saving). */
const char *desk_pg_vn_time(dv_req *r, const char *iso)
{
    char *out = arena_alloc(r->arena, 17);
    return clock_vn_datetime_text(iso, out) == 0 ? out : NULL;
}

/* dd/mm/yyyy and HH:MM in Vietnam time → ISO UTC. 0 or DV_EINVAL. */
int desk_pg_vn_to_iso(const char *date_iso, const char *hm, char out[21])
{
    int y, m, d, hh, mm;
    char extra;
    if (!date_iso || sscanf(date_iso, "%d-%d-%d", &y, &m, &d) != 3) return DV_EINVAL;
    if (!hm || sscanf(hm, "%d:%d%c", &hh, &mm, &extra) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59)
        return DV_EINVAL;
    clock_iso_utc(clock_vn_instant(y, m, d, hh, mm), out);
    return 0;
}

const char *desk_pg_credit_of(dv_req *r, const struct article *a, const char *sep)
{
    if (!a->nauthors) return NULL;
    dv_buf b = DV_BUF_INIT;
    for (size_t i = 0; i < a->nauthors; i++) {
        if (i) buf_puts(&b, "; ");
        buf_puts(&b, a->authors[i].name);
        if (a->authors[i].unit_label && *a->authors[i].unit_label) {
            buf_puts(&b, sep);
            buf_puts(&b, a->authors[i].unit_label);
        }
    }
    const char *s = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    return s;
}

const char *desk_pg_schedule_note(dv_req *r, const struct article *a)
{
    if (a->status != ART_PENDING || !a->publish_at) return NULL;
    return arena_printf(r->arena, _("Scheduled for %s"), desk_pg_vn_time(r, a->publish_at));
}

int desk_pg_require_desk(dv_req *r)
{
    if (portal_can_use_desk(r->user)) return 0;
    res_error(r, 403);
    return -1;
}

/* Loads :id and checks the user may see it on the desk. */
int desk_pg_load_article(dv_req *r, dv_db *db, struct article *a)
{
    if (desk_pg_require_desk(r)) return -1;
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = article_get(db, r->arena, id, a);
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    if (!portal_can_view(r->user, a)) {
        res_error(r, 403);
        return -1;
    }
    return 0;
}

const struct crumb *desk_pg_crumbs(dv_req *r, const char *title, const char *href, const char *last)
{
    struct crumb *c = arena_alloc(r->arena, 4 * sizeof *c);
    size_t k = 0;
    c[k++] = (struct crumb){_("Portal desk"), "/desk"};
    if (title) c[k++] = (struct crumb){title, last ? href : NULL};
    if (last) c[k++] = (struct crumb){last, NULL};
    c[k] = (struct crumb){NULL, NULL};
    return c;
}

/* ---- the form ----------------------------------------------------------------------- */

/* Field names of the repeated rows, "author_name_0" … */
static const char *fname(dv_req *r, const char *base, size_t i)
{
    return arena_printf(r->arena, "%s_%zu", base, i);
}

/* What the form's text fields hold after legacy-encoding conversion. */
struct desk_input_ctx {
    dv_req *r;
    const char *title, *lead, *body;
    int converted, ask;
};

/* The lead and the body: read through their legacy choice (http/form_legacy.h). */
static const char *convert_long(struct desk_input_ctx *c, const char *name)
{
    enum legacy_field_state st = req_legacy(c->r, name);
    if (st == LEGACY_FIELD_CONVERTED) c->converted = 1;
    if (st == LEGACY_FIELD_ASK) c->ask++;
    return req_form(c->r, name);
}

/* The title, one line without a choice: converted when detection is sure of it. */
static const char *convert(struct desk_input_ctx *c, const char *name)
{
    const char *raw = req_form(c->r, name);
    struct legacy_guess g;
    if (raw && *raw && text_legacy_detect(raw, strlen(raw), &g) == 0 && g.enc != LEGACY_NONE && !g.unsure) {
        char *out = text_legacy_convert(raw, strlen(raw), g.enc);
        if (out) {
            const char *s = arena_strdup(c->r->arena, out);
            free(out);
            c->converted = 1;
            return s;
        }
    }
    return raw;
}

static const char *ctx_get(void *ctx, const char *name)
{
    struct desk_input_ctx *c = ctx;
    if (strcmp(name, "title") == 0) return c->title;
    if (strcmp(name, "lead") == 0) return c->lead;
    if (strcmp(name, "body") == 0) return c->body;
    return req_form(c->r, name);
}


const struct input_field desk_fixed_fields[NFIXED] = {
    [F_TITLE] = {"title", IN_TEXT, 1, 1, 300, NULL, FK_TEXT, N_("Title"), NULL, NULL},
    [F_SLUG] = {"slug", IN_TEXT, 0, 0, 120, NULL, FK_TEXT, N_("Web address"),
                N_("Optional: made from the title when empty, e.g. hoi-nghi-tong-ket."), NULL},
    [F_LEAD] = {"lead", IN_MULTILINE, 0, 0, 3000, NULL, FK_TEXTAREA, N_("Lead"),
                N_("One or two sentences shown in lists and in bold above the text."), NULL},
    [F_BODY] = {"body", IN_MULTILINE, 0, 0, 200000, NULL, FK_TEXTAREA, N_("Text"),
                N_("Markdown: a blank line between paragraphs; **bold**, *italic*, ## heading, - list item, "
                   "[link text](https://…), tables with | columns |. HTML is not allowed."),
                NULL},
    [F_TAGS] = {"tags", IN_TEXT, 0, 0, 500, NULL, FK_TEXT, N_("Tags"),
                N_("Separated by commas, e.g. Quy chế dân chủ, Dân vận khéo."), NULL},
    [F_FEATURED] = {"featured", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, NULL, NULL, NULL},
    [F_VERSION] = {"version", IN_INT, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL},
};

/* The workflow's fields: the schedule of a publication, the comment of a return. */
const struct input_field desk_workflow_fields[W_N] = {
    [W_DATE] = {"publish_date", IN_DATE, 0, 0, 0, NULL, FK_DATE, N_("Publication date"), N_("Optional, as dd/mm/yyyy."), NULL},
    [W_TIME] = {"publish_time", IN_TEXT, 0, 0, 5, NULL, FK_TEXT, N_("Publication time"), N_("As HH:MM, e.g. 08:30."), NULL},
    [W_COMMENT] = {"comment", IN_MULTILINE, 0, 0, 2000, NULL, FK_TEXTAREA, N_("Comment for the author"), NULL, NULL},
};

/* schedule: the date and time values (NULL: empty); comment: the comment's (NULL: empty). */
void desk_pg_workflow_fields_init(dv_req *r, struct desk_form_view *v, const struct input_value *schedule,
                                 const struct input_value *comment)
{
    field_of(r->arena, &v->pub_date, &desk_workflow_fields[W_DATE], schedule ? &schedule[0] : NULL, 0);
    field_of(r->arena, &v->pub_time, &desk_workflow_fields[W_TIME], schedule ? &schedule[1] : NULL, 0);
    field_of(r->arena, &v->comment, &desk_workflow_fields[W_COMMENT], comment, 0);
}

/* The rows' own fields: a category's checkbox, a stored photo's media id and remove box. */
static const struct input_field check_field = {"", IN_BOOL, 0, 0, 0, NULL, FK_CHECK, NULL, NULL, NULL};
static const struct input_field media_field = {"", IN_ID, 0, 0, 0, NULL, FK_TEXT, NULL, NULL, NULL};

/* A row's field: decl under another name, read from the form. */
static struct input_value row_value(dv_req *r, const struct input_field *decl, const char *name)
{
    struct input_field f = *decl;
    struct input_value v;
    f.name = name;
    input_form1(r, &f, &v);
    return v;
}

static void fixed_init(dv_req *r, struct desk_form_view *v, const struct input_value *fv)
{
    dv_arena *a = r->arena;
    field_of(a, &v->title, &desk_fixed_fields[F_TITLE], fv ? &fv[F_TITLE] : NULL, FIELD_MARKED);
    field_of(a, &v->slug, &desk_fixed_fields[F_SLUG], fv ? &fv[F_SLUG] : NULL, 0);
    field_of(a, &v->lead, &desk_fixed_fields[F_LEAD], fv ? &fv[F_LEAD] : NULL, 0);
    field_of(a, &v->body, &desk_fixed_fields[F_BODY], fv ? &fv[F_BODY] : NULL, 0);
    field_legacy(r, &v->lead);
    field_legacy(r, &v->body);
    field_of(a, &v->tags, &desk_fixed_fields[F_TAGS], fv ? &fv[F_TAGS] : NULL, 0);
    if (fv) v->featured = fv[F_FEATURED].num != 0;
}

static void authors_init(dv_req *r, struct desk_form_view *v)
{
    for (size_t i = 0; i < DESK_MAX_AUTHORS; i++) {
        field_init(r->arena, &v->authors[i].name, fname(r, "author_name", i),
                   arena_printf(r->arena, _("Author %zu"), i + 1), NULL, NULL, 0);
        field_init(r->arena, &v->authors[i].unit, fname(r, "author_unit", i),
                   arena_printf(r->arena, _("Unit of author %zu"), i + 1), NULL,
                   i == 0 ? _("As printed in the credit, e.g. MT tỉnh.") : NULL, 0);
    }
}

static void categories_init(dv_req *r, dv_db *db, struct desk_form_view *v)
{
    struct term *cats;
    size_t n;
    if (category_list(db, r->arena, &cats, &n) != 0) n = 0;
    v->categories = arena_alloc(r->arena, (n + 1) * sizeof *v->categories);
    for (size_t i = 0; i < n; i++) {
        v->categories[i].name = arena_printf(r->arena, "cat_%lld", (long long)cats[i].id);
        v->categories[i].id = arena_printf(r->arena, "f-cat_%lld", (long long)cats[i].id);
        v->categories[i].label = cats[i].name;
        v->categories[i].term_id = (long long)cats[i].id;
    }
    v->ncategories = n;
}

static void photo_row(dv_req *r, struct desk_photo_row *p, size_t i, int64_t media_id, const char *caption,
                      const char *alt)
{
    memset(p, 0, sizeof *p);
    p->media_name = fname(r, "photo_media", i);
    p->media_id = arena_printf(r->arena, "%lld", (long long)media_id);
    p->thumb_href = arena_printf(r->arena, "/media/%lld/thumb", (long long)media_id);
    p->remove_name = fname(r, "photo_remove", i);
    p->remove_id = arena_printf(r->arena, "f-photo_remove_%zu", i);
    p->number = (long long)i + 1;
    field_init(r->arena, &p->caption, fname(r, "photo_caption", i), _("Caption"), NULL, NULL, 0);
    field_init(r->arena, &p->alt, fname(r, "photo_alt", i), _("Description for screen readers"), NULL, NULL,
               FIELD_REQUIRED | FIELD_MARKED);
    p->caption.value = caption;
    p->alt.value = alt;
}

/* The empty upload slots after the photos already there. */
static void uploads_init(dv_req *r, struct desk_form_view *v)
{
    v->nuploads = 0;
    for (size_t k = v->nphotos; k < DESK_MAX_PHOTOS; k++) {
        struct desk_upload_row *u = &v->uploads[v->nuploads];
        size_t i = v->nuploads++;
        u->number = (long long)i + 1;
        field_init(r->arena, &u->file, fname(r, "upload_file", i), _("Image file"), NULL, NULL, 0);
        field_init(r->arena, &u->caption, fname(r, "upload_caption", i), _("Caption"), NULL, NULL, 0);
        field_init(r->arena, &u->alt, fname(r, "upload_alt", i), _("Description for screen readers"), NULL,
                   _("Required with a photo: what it shows, e.g. the conference hall seen from the back."), 0);
    }
}

/* The workflow part of the edit page. */
void desk_pg_workflow_init(dv_req *r, struct desk_form_view *v, const struct article *a)
{
    v->editing = 1;
    v->status_label = article_status_label(a->status);
    v->schedule_note = desk_pg_schedule_note(r, a);
    v->history_href = desk_pg_art_href(r, a->id, "/history");
    v->preview_href = desk_pg_art_href(r, a->id, "/preview");
    v->submit_href = desk_pg_art_href(r, a->id, "/submit");
    v->publish_href = desk_pg_art_href(r, a->id, "/publish");
    v->return_href = desk_pg_art_href(r, a->id, "/return");
    v->archive_href = desk_pg_art_href(r, a->id, "/archive");
    if (a->status == ART_PUBLISHED) v->live_href = arena_printf(r->arena, "/bai-viet/%s", a->slug);
    int editor = portal_can_publish(r->user);
    v->can_submit = portal_can_submit(r->user, a);
    v->can_publish = editor && a->status != ART_PUBLISHED;
    v->can_return = editor && a->status == ART_PENDING;
    v->can_archive = editor && a->status != ART_ARCHIVED;
    if (!v->pub_date.name) {
        desk_pg_workflow_fields_init(r, v, NULL, NULL);
    }
}

static void collect_errors(struct desk_form_view *v)
{
    const size_t cap = sizeof v->errors / sizeof *v->errors;
    v->nerrors = 0;
    field_collect(&v->title, v->errors, &v->nerrors, cap);
    field_collect(&v->slug, v->errors, &v->nerrors, cap);
    field_collect(&v->lead, v->errors, &v->nerrors, cap);
    field_collect(&v->body, v->errors, &v->nerrors, cap);
    for (size_t i = 0; i < DESK_MAX_AUTHORS; i++) {
        field_collect(&v->authors[i].name, v->errors, &v->nerrors, cap);
        field_collect(&v->authors[i].unit, v->errors, &v->nerrors, cap);
    }
    field_collect(&v->tags, v->errors, &v->nerrors, cap);
    for (size_t i = 0; i < v->nphotos; i++) {
        field_collect(&v->photos[i].caption, v->errors, &v->nerrors, cap);
        field_collect(&v->photos[i].alt, v->errors, &v->nerrors, cap);
    }
    for (size_t i = 0; i < v->nuploads; i++) {
        field_collect(&v->uploads[i].file, v->errors, &v->nerrors, cap);
        field_collect(&v->uploads[i].caption, v->errors, &v->nerrors, cap);
        field_collect(&v->uploads[i].alt, v->errors, &v->nerrors, cap);
    }
    if (v->editing) {
        field_collect(&v->pub_date, v->errors, &v->nerrors, cap);
        field_collect(&v->pub_time, v->errors, &v->nerrors, cap);
        field_collect(&v->comment, v->errors, &v->nerrors, cap);
    }
}

void desk_pg_render_form(dv_req *r, struct desk_form_view *v, const char *title, const struct article *a)
{
    collect_errors(v);
    struct page pg;
    page_init(&pg, r, title);
    pg.nav = "desk";
    pg.crumbs = desk_pg_crumbs(r, a ? a->title : title, NULL, NULL);
    r->status = 200;
    tpl_portal_desk_form(&r->out, &pg, v);
}

/* The form filled from a stored article. */
void desk_pg_form_from_article(dv_req *r, dv_db *db, struct desk_form_view *v, const struct article *a)
{
    fixed_init(r, v, NULL);
    authors_init(r, v);
    categories_init(r, db, v);
    v->title.value = a->title;
    v->slug.value = a->slug;
    v->lead.value = a->lead;
    v->body.value = a->body_md;
    v->featured = a->featured;
    dv_buf b = DV_BUF_INIT;
    for (size_t i = 0; i < a->ntags; i++) {
        if (i) buf_puts(&b, ", ");
        buf_puts(&b, a->tags[i].name);
    }
    v->tags.value = arena_strdup(r->arena, buf_cstr(&b));
    buf_free(&b);
    for (size_t i = 0; i < a->nauthors && i < DESK_MAX_AUTHORS; i++) {
        v->authors[i].name.value = a->authors[i].name;
        v->authors[i].unit.value = a->authors[i].unit_label;
    }
    for (size_t i = 0; i < v->ncategories; i++)
        for (size_t k = 0; k < a->ncategories; k++)
            if (strcmp(v->categories[i].name + 4, arena_printf(r->arena, "%lld", (long long)a->categories[k].id)) == 0)
                v->categories[i].checked = 1;
    v->nphotos = 0;
    for (size_t i = 0; i < a->nphotos && i < DESK_MAX_PHOTOS; i++)
        photo_row(r, &v->photos[v->nphotos++], i, a->photos[i].media_id, a->photos[i].caption, a->photos[i].alt);
    uploads_init(r, v);
    v->version = arena_printf(r->arena, "%lld", (long long)a->version);
}

/* GET /desk/new */
void desk_page_new(dv_req *r)
{
    if (desk_pg_require_desk(r)) return;
    if (!portal_can_create(r->user)) {
        res_error(r, 403);
        return;
    }
    dv_db *db = db_thread();
    struct desk_form_view v;
    memset(&v, 0, sizeof v);
    v.action = "/desk";
    v.submit_label = _("Save the draft");
    v.cancel_href = "/desk";
    v.can_save = 1;
    v.version = "0";
    fixed_init(r, &v, NULL);
    authors_init(r, &v);
    categories_init(r, db, &v);
    uploads_init(r, &v);
    desk_pg_render_form(r, &v, _("New article"), NULL);
}

/* GET /desk/:id */
void desk_page_edit(dv_req *r)
{
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    struct desk_form_view v;
    memset(&v, 0, sizeof v);
    v.action = desk_pg_art_href(r, a.id, NULL);
    v.submit_label = _("Save");
    v.cancel_href = "/desk";
    v.can_save = portal_can_edit(r->user, &a);
    desk_pg_form_from_article(r, db, &v, &a);
    desk_pg_workflow_init(r, &v, &a);
    desk_pg_render_form(r, &v, _("Edit article"), &a);
}

/* Validated input of the form, ready for the store. */
struct desk_parsed {
    struct article_input in;
    struct article_author authors[DESK_MAX_AUTHORS];
    int64_t cats[256];
    const char *tags[32];
    struct article_photo photos[DESK_MAX_PHOTOS];
    int bad;
};

/* One optional text field validated on its own (for the repeated rows). */
static const char *text_field(dv_req *r, struct desk_input_ctx *c, struct field_view *f, const char *name,
                              long long max, int *bad)
{
    struct input_field def = {name, IN_TEXT, 0, 0, max, NULL, FK_TEXT, NULL, NULL, NULL};
    struct input_value fv;
    if (input_validate(&def, 1, ctx_get, c, r->arena, &fv)) (*bad)++;
    f->value = fv.raw;
    if (fv.error) field_fail(r->arena, f, input_error_text(r->arena, &fv));
    return fv.error ? NULL : fv.str;
}

/* The slug, typed or empty (made from the title later). */
static void parse_slug(dv_req *r, struct desk_form_view *v, struct desk_parsed *p, const struct input_value *fv)
{
    if (!fv->str || !*fv->str) return;
    char *s = text_slug(fv->str);
    if (!s || !*s) {
        field_fail(r->arena, &v->slug, _("Use letters or digits."));
        p->bad++;
    } else {
        p->in.slug = arena_strdup(r->arena, s);
    }
    free(s);
}

static void parse_authors(dv_req *r, struct desk_input_ctx *c, struct desk_form_view *v, struct desk_parsed *p)
{
    for (size_t i = 0; i < DESK_MAX_AUTHORS; i++) {
        const char *name = text_field(r, c, &v->authors[i].name, v->authors[i].name.name, 120, &p->bad);
        const char *unit = text_field(r, c, &v->authors[i].unit, v->authors[i].unit.name, 120, &p->bad);
        if (unit && *unit && (!name || !*name) && !v->authors[i].name.error) {
            field_fail(r->arena, &v->authors[i].name, _("Enter the author's name, or clear the unit."));
            p->bad++;
        }
        if (name && *name) p->authors[p->in.nauthors++] = (struct article_author){name, unit && *unit ? unit : NULL};
    }
    p->in.authors = p->authors;
}

static void parse_categories(dv_req *r, struct desk_form_view *v, struct desk_parsed *p)
{
    for (size_t i = 0; i < v->ncategories; i++) {
        struct input_value on = row_value(r, &check_field, v->categories[i].name);
        if (on.num && p->in.ncategories < sizeof p->cats / sizeof *p->cats) {
            v->categories[i].checked = 1;
            p->cats[p->in.ncategories++] = v->categories[i].term_id;
        }
    }
    p->in.category_ids = p->cats;
}

static void parse_tags(dv_req *r, struct desk_form_view *v, struct desk_parsed *p, const char *tags)
{
    if (tags) {
        char *dup = arena_strdup(r->arena, tags);
        for (char *save = NULL, *t = strtok_r(dup, ",;", &save); t; t = strtok_r(NULL, ",;", &save)) {
            while (*t == ' ') t++;
            size_t len = strlen(t);
            while (len && t[len - 1] == ' ') t[--len] = '\0';
            if (!*t) continue;
            if (text_length(t) > 60 || p->in.ntags >= sizeof p->tags / sizeof *p->tags) {
                field_fail(r->arena, &v->tags, _("At most 32 tags of at most 60 characters each."));
                p->bad++;
                break;
            }
            p->tags[p->in.ntags++] = t;
        }
    }
    p->in.tag_names = p->tags;
}

/* Photos already stored: kept unless removed. */
static void parse_kept_photos(dv_req *r, dv_db *db, struct desk_input_ctx *c, struct desk_form_view *v,
                              struct desk_parsed *p)
{
    v->nphotos = 0;
    for (size_t i = 0; i < DESK_MAX_PHOTOS; i++) {
        struct input_value mid = row_value(r, &media_field, fname(r, "photo_media", i));
        if (!mid.present || mid.error) continue;
        long long id = mid.num;
        int w, h;
        if (media_info(db, id, &w, &h) != 0) continue;
        struct desk_photo_row *row = &v->photos[v->nphotos];
        photo_row(r, row, v->nphotos, id, NULL, NULL);
        v->nphotos++;
        const char *cap = text_field(r, c, &row->caption, fname(r, "photo_caption", i), 300, &p->bad);
        const char *alt = text_field(r, c, &row->alt, fname(r, "photo_alt", i), 300, &p->bad);
        /* the rendered row is renumbered: its inputs take the new index */
        row->caption.name = fname(r, "photo_caption", v->nphotos - 1);
        row->alt.name = fname(r, "photo_alt", v->nphotos - 1);
        row->removed = row_value(r, &check_field, fname(r, "photo_remove", i)).num != 0;
        if (row->removed) continue;
        if ((!alt || !*alt) && !row->alt.error) {
            field_fail(r->arena, &row->alt, _("Describe the photo for people who cannot see it."));
            p->bad++;
        }
        p->photos[p->in.nphotos++] = (struct article_photo){id, cap && *cap ? cap : NULL, alt, w, h};
    }
}

/* An upload that could not be stored: its slot shows why and keeps what was typed. */
struct failed_uploads {
    const char *msg[DESK_MAX_PHOTOS], *cap[DESK_MAX_PHOTOS], *alt[DESK_MAX_PHOTOS];
    size_t n;
};

static const char *upload_error(int rc, size_t len)
{
    return rc == DV_ETOOBIG && len > MEDIA_MAX_BYTES
               ? _("The file is larger than 5 MB, or the image is too large. Choose a smaller file.")
           : rc == DV_ETOOBIG ? _("The image is too large: it has more than 50 million pixels. Reduce its size and choose it again.")
           : rc == DV_EINVAL ? _("This file is not an image. Choose a JPEG, PNG, GIF or WebP file.")
                             : _("The image could not be stored. Choose the file again.");
}

/* New uploads: stored now, shown as stored photos if the form comes back. */
static void parse_uploads(dv_req *r, dv_db *db, struct desk_input_ctx *c, struct desk_form_view *v,
                          struct desk_parsed *p, struct failed_uploads *fu)
{
    size_t slots = DESK_MAX_PHOTOS - (v->nphotos < DESK_MAX_PHOTOS ? v->nphotos : DESK_MAX_PHOTOS);
    for (size_t i = 0; i < DESK_MAX_PHOTOS; i++) {
        const struct dv_kv *up = req_upload(r, fname(r, "upload_file", i));
        struct field_view capf, altf;
        field_init(r->arena, &capf, fname(r, "upload_caption", i), _("Caption"), NULL, NULL, 0);
        field_init(r->arena, &altf, fname(r, "upload_alt", i), _("Description for screen readers"), NULL, NULL, 0);
        const char *cap = text_field(r, c, &capf, capf.name, 300, &p->bad);
        const char *alt = text_field(r, c, &altf, altf.name, 300, &p->bad);
        if (!up || up->len == 0) continue;
        if (i >= slots) continue; /* more than the form offered */
        int64_t mid = 0;
        int rc = up->len > MEDIA_MAX_BYTES ? DV_ETOOBIG : media_save(db, r->user, up->value, up->len, &mid);
        if (rc) {
            fu->msg[fu->n] = upload_error(rc, up->len);
            fu->cap[fu->n] = capf.value;
            fu->alt[fu->n] = altf.value;
            fu->n++;
            p->bad++;
            continue;
        }
        if (v->nphotos >= DESK_MAX_PHOTOS) continue;
        int w = 0, h = 0;
        media_info(db, mid, &w, &h);
        struct desk_photo_row *row = &v->photos[v->nphotos];
        photo_row(r, row, v->nphotos, mid, cap, alt);
        v->nphotos++;
        row->caption.value = capf.value;
        row->alt.value = altf.value;
        if (!alt || !*alt) {
            field_fail(r->arena, &row->alt, _("Describe the photo for people who cannot see it."));
            p->bad++;
        }
        p->photos[p->in.nphotos++] = (struct article_photo){mid, cap && *cap ? cap : NULL, alt ? alt : "", w, h};
    }
    p->in.photos = p->photos;
}

/* Reads and checks the whole form into v (for re-display) and p (for the store); stores
 * uploaded images as it goes so a failed save keeps them. */
static void parse_form(dv_req *r, dv_db *db, struct desk_form_view *v, struct desk_parsed *p)
{
    memset(p, 0, sizeof *p);
    struct desk_input_ctx c = {.r = r};
    c.title = convert(&c, "title");
    c.lead = convert_long(&c, "lead");
    c.body = convert_long(&c, "body");
    if (c.converted)
        v->notice = _("Text in an old Vietnamese encoding (TCVN3 or VNI) was converted to Unicode: please check it.");
    struct input_value fv[NFIXED];
    p->bad = input_validate(desk_fixed_fields, NFIXED, ctx_get, &c, r->arena, fv) + c.ask + req_legacy_preview(r);
    fixed_init(r, v, fv);
    /* The body keeps exactly what was typed (field_init echoes raw, which is the same). */
    authors_init(r, v);
    categories_init(r, db, v);
    v->version = arena_printf(r->arena, "%lld", fv[F_VERSION].num);
    p->in.version = fv[F_VERSION].num;
    parse_slug(r, v, p, &fv[F_SLUG]);
    p->in.title = fv[F_TITLE].str;
    p->in.lead = fv[F_LEAD].str;
    p->in.body_md = fv[F_BODY].str;
    p->in.featured = (int)fv[F_FEATURED].num;
    parse_authors(r, &c, v, p);
    parse_categories(r, v, p);
    parse_tags(r, v, p, fv[F_TAGS].str);
    parse_kept_photos(r, db, &c, v, p);
    struct failed_uploads fu = {.n = 0};
    parse_uploads(r, db, &c, v, p, &fu);
    uploads_init(r, v);
    /* a failed upload: its slot shows the message and keeps the caption and description */
    for (size_t k = 0; k < fu.n && k < v->nuploads; k++) {
        struct desk_upload_row *u = &v->uploads[k];
        field_fail(r->arena, &u->file, arena_printf(r->arena, "%s %s", fu.msg[k], _("The rest of the form has been kept.")));
        u->caption.value = fu.cap[k];
        u->alt.value = fu.alt[k];
    }
    if (fu.n && !v->general_error)
        v->general_error = _("A photo could not be used: choose the file again. Everything else you typed has been kept.");
}

/* Explicit slug already used by another article? Marks the field. */
static int slug_clash(dv_req *r, dv_db *db, struct desk_form_view *v, const char *slug, int64_t self)
{
    int taken = 0;
    if (!slug || article_slug_taken(db, slug, self, &taken) != 0 || !taken) return 0;
    field_fail(r->arena, &v->slug, _("This address is already used by another article."));
    return 1;
}

/* POST /desk */
void desk_page_create(dv_req *r)
{
    if (desk_pg_require_desk(r)) return;
    if (!portal_can_create(r->user)) {
        res_error(r, 403);
        return;
    }
    dv_db *db = db_thread();
    struct desk_form_view v;
    memset(&v, 0, sizeof v);
    v.action = "/desk";
    v.submit_label = _("Save the draft");
    v.cancel_href = "/desk";
    v.can_save = 1;
    struct desk_parsed *p = arena_alloc(r->arena, sizeof *p);
    parse_form(r, db, &v, p);
    v.version = "0";
    p->in.version = 0;
    if (!p->bad && !slug_clash(r, db, &v, p->in.slug, 0)) {
        int64_t id = 0;
        int rc = article_create(db, r->user, &p->in, &id);
        if (rc == 0) {
            page_flash_set(r, "Saved.");
            res_redirect(r, desk_pg_art_href(r, id, NULL));
            return;
        }
        if (rc == DV_ECONFLICT) slug_clash(r, db, &v, p->in.slug, 0);
        else if (rc == DV_EINVAL) field_fail(r->arena, &v.title, _("Contains invalid characters."));
        else {
            res_error(r, rc == DV_EDENIED ? 403 : 500);
            return;
        }
    }
    desk_pg_render_form(r, &v, _("New article"), NULL);
}

static const char *stale_message(void)
{
    return _("Someone else changed this article after you opened it. Your text is kept below: copy what you "
             "need, then reload the article.");
}

/* POST /desk/:id */
void desk_page_update(dv_req *r)
{
    dv_db *db = db_thread();
    struct article a;
    if (desk_pg_load_article(r, db, &a)) return;
    if (!portal_can_edit(r->user, &a)) {
        res_error(r, 403);
        return;
    }
    struct desk_form_view v;
    memset(&v, 0, sizeof v);
    v.action = desk_pg_art_href(r, a.id, NULL);
    v.submit_label = _("Save");
    v.cancel_href = "/desk";
    v.can_save = 1;
    struct desk_parsed *p = arena_alloc(r->arena, sizeof *p);
    parse_form(r, db, &v, p);
    desk_pg_workflow_init(r, &v, &a);
    if (!p->bad && !slug_clash(r, db, &v, p->in.slug, a.id)) {
        int rc = article_update(db, r->user, a.id, &p->in);
        if (rc == 0) {
            page_flash_set(r, "Saved.");
            res_redirect(r, desk_pg_art_href(r, a.id, NULL));
            return;
        }
        if (rc == DV_ECONFLICT) {
            if (!slug_clash(r, db, &v, p->in.slug, a.id)) v.general_error = stale_message();
        } else if (rc == DV_EINVAL) {
            field_fail(r->arena, &v.title, _("Contains invalid characters."));
        } else {
            res_error(r, rc == DV_EDENIED ? 403 : rc == DV_ENOTFOUND ? 404 : 500);
            return;
        }
    }
    desk_pg_render_form(r, &v, _("Edit article"), &a);
}
