/* conference_article.c - the draft portal article a closed conference offers the editors:
 * the list of drafts waiting (menu entry for those who may write articles), one draft with
 * its text and the conference's photos, and taking it to the desk (article_create of the
 * portal's public store, as the editor, with the author's credit and the photos with their
 * captions, the first the lead photo), after which the conference links the article. */
#include "review/review_pages_int.h"

#include "core/err.h"
#include "core/i18n.h"
#include "db/db.h"
#include "portal/article.h"
#include "portal/media.h"
#include "portal/portal_access.h"
#include "review/conference.h"
#include "review/conference_pages.h"
#include "review/review_routes.h"

#include <string.h>

static int load(dv_req *r, dv_db *db, struct conference *c)
{
    if (!portal_can_create(r->user)) {
        res_error(r, r->user ? 403 : 401);
        return -1;
    }
    int64_t id = input_path_id(r, "id");
    if (!id) return -1;
    int rc = conf_get(db, r->arena, id, c);
    if (!rc && !c->article_title) rc = DV_ENOTFOUND;
    if (rc) {
        res_error(r, rc == DV_ENOTFOUND ? 404 : 500);
        return -1;
    }
    return 0;
}

static const char *draft_href(dv_req *r, int64_t id)
{
    return arena_printf(r->arena, "/review/conferences/%lld/article", (long long)id);
}

void review_page_articles(dv_req *r)
{
    if (!portal_can_create(r->user)) {
        res_error(r, r->user ? 403 : 401);
        return;
    }
    dv_db *db = db_thread();
    struct conference *c = NULL;
    size_t n = 0;
    if (conf_list(db, r->arena, &c, &n)) {
        res_error(r, 500);
        return;
    }
    struct rv_page v = {0};
    v.intro = _("Closed review conferences offer these drafts; take one to the desk to edit and publish it.");
    struct rv_table *t = &v.tables[v.ntables++];
    *t = (struct rv_table){"drafts", _("Drafts offered"), _("No draft waiting."), {_("Title"), _("Conference"), _("Author"), _("Article")}, 4,
                           NULL, 0, NULL, NULL};
    t->rows = arena_alloc(r->arena, (n + 1) * sizeof *t->rows);
    for (size_t k = 0; k < n; k++) {
        if (!c[k].article_title) continue;
        struct rv_row *w = &t->rows[t->n++];
        *w = (struct rv_row){{c[k].article_title, c[k].title, c[k].article_author, c[k].article_id ? _("On the desk") : _("Not taken yet")},
                             draft_href(r, c[k].id), {0}, NULL, {0}};
        if (c[k].article_id) w->cell_href[3] = arena_printf(r->arena, "/desk/%lld", (long long)c[k].article_id);
    }
    rv_render(r, &v, _("Articles from conferences"), NULL, NULL);
}

void review_page_article_show(dv_req *r)
{
    dv_db *db = db_thread();
    struct conference c;
    if (load(r, db, &c)) return;
    struct rv_page v = {0};
    v.facts[v.nfacts++] = (struct rv_fact){_("Conference"), c.title, NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Lead"), c.article_lead, NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Body"), c.article_body, NULL};
    v.facts[v.nfacts++] = (struct rv_fact){_("Author's credit"), c.article_author, NULL};
    if (c.article_id)
        v.links[v.nlinks++] = (struct rv_fact){NULL, _("Open the article on the desk"), arena_printf(r->arena, "/desk/%lld", (long long)c.article_id)};
    else
        v.buttons[v.nbuttons++] = (struct rv_button){draft_href(r, c.id), _("Take it to the desk")};
    v.gallery = rv_conf_gallery(r, db, &c, 0, 0);
    rv_render(r, &v, c.article_title, _("Articles from conferences"), "/review/articles");
}

void review_page_article_take(dv_req *r)
{
    dv_db *db = db_thread();
    struct conference c;
    if (load(r, db, &c)) return;
    if (c.article_id) {
        res_redirect(r, arena_printf(r->arena, "/desk/%lld", (long long)c.article_id));
        return;
    }
    struct article_author au = {c.article_author, NULL};
    struct conf_photo *p = NULL;
    size_t np = 0;
    if (conf_photos(db, r->arena, c.id, &p, &np)) {
        res_error(r, 500);
        return;
    }
    struct article_photo *ph = arena_alloc(r->arena, (np + 1) * sizeof *ph);
    for (size_t k = 0; k < np; k++) {
        ph[k] = (struct article_photo){p[k].media_id, *p[k].caption ? p[k].caption : NULL, p[k].alt, 0, 0};
        media_info(db, p[k].media_id, &ph[k].width, &ph[k].height);
    }
    struct article_input in = {.title = c.article_title, .lead = c.article_lead, .body_md = c.article_body,
                               .unit_id = c.unit_id, .authors = &au, .nauthors = 1, .photos = ph, .nphotos = np};
    int64_t aid = 0;
    int rc = article_create(db, r->user, &in, &aid);
    if (!rc) rc = conf_article_set(db, r->user, c.id, aid);
    if (rc) {
        rv_acted(r, rc, draft_href(r, c.id), _("The article could not be made from the draft."));
        return;
    }
    page_flash_set(r, "Saved.");
    res_redirect(r, arena_printf(r->arena, "/desk/%lld", (long long)aid));
}
