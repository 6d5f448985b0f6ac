/* article.h - portal articles: what they hold, the editorial workflow, and the store.
 *
 * Workflow: draft → pending (submitted for review) → published → archived; an editor may
 * return a pending article to draft, publish it now, or schedule it (publish_at). A
 * contributor writes drafts and submits them but never publishes. Every change bumps
 * `version` and writes an article_history row in the same transaction; a form carrying a
 * stale version is refused (DV_ECONFLICT) so a second tab cannot overwrite newer work. */
#ifndef DV_ARTICLE_H
#define DV_ARTICLE_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

#include <stddef.h>
#include <stdint.h>

enum article_status { ART_DRAFT, ART_PENDING, ART_PUBLISHED, ART_ARCHIVED };

struct article_author {
    const char *name;        /* "Văn Minh" */
    const char *unit_label;  /* "MT tỉnh", may be NULL */
};

struct article_photo {
    int64_t media_id;
    const char *caption;     /* printed under the photo; may be NULL */
    const char *alt;         /* for screen readers; required */
    int width, height;
};

/* A category or a tag: a name readers see and the slug of its page (/chuyen-muc/SLUG,
 * /the/SLUG). One type, so one loader reads both. */
struct term {
    int64_t id;
    const char *slug;
    const char *name;
};

struct article {
    int64_t id;
    const char *slug;
    const char *title;
    const char *lead;
    const char *body_md;
    const char *body_html;   /* safe HTML rendered by cmark-gfm */
    enum article_status status;
    int featured;
    const char *publish_at;  /* ISO UTC or NULL */
    const char *published_at;
    const char *created_at;
    const char *updated_at;
    int64_t created_by;
    int64_t unit_id;
    int64_t view_count;
    int64_t version;
    struct article_author *authors;
    size_t nauthors;
    struct article_photo *photos;
    size_t nphotos;
    struct term *categories;
    size_t ncategories;
    struct term *tags;
    size_t ntags;
};

/* What an editor submits: text fields already validated and NFC. */
struct article_input {
    const char *title;
    const char *slug;        /* NULL/"" = from the title */
    const char *lead;
    const char *body_md;
    int featured;
    int64_t unit_id;         /* 0 = none */
    const struct article_author *authors;
    size_t nauthors;
    const int64_t *category_ids;
    size_t ncategories;
    const char *const *tag_names; /* created when new */
    size_t ntags;
    const struct article_photo *photos;
    size_t nphotos;
    int64_t version;         /* the version the form was loaded at (0 when creating) */
};

const char *article_status_code(enum article_status s);   /* "draft" … */
const char *article_status_label(enum article_status s);  /* translated */
int article_status_parse(const char *code, enum article_status *out);

/* --- store (src/portal/article_store.c) --- */
int article_create(dv_db *db, const struct dv_user *actor, const struct article_input *in, int64_t *id_out);
int article_update(dv_db *db, const struct dv_user *actor, int64_t id, const struct article_input *in);
/* Workflow transitions; DV_EDENIED when the actor's role may not, DV_ECONFLICT on a stale
 * version or a transition the status does not allow. article_publish's publish_at (ISO
 * UTC, "YYYY-MM-DDTHH:MM:SSZ"): NULL or "" = now; later than now = scheduled (pending until
 * then); earlier = published now with that publication date, for an article that first
 * appeared elsewhere (its history and audit keep the real time); DV_EINVAL when malformed
 * or before ARTICLE_EARLIEST_PUBLISHED. */
#define ARTICLE_EARLIEST_PUBLISHED "2000-01-01T00:00:00Z"
/* DV_OK when article_publish would take publish_at, else DV_EINVAL. */
int article_publish_date_check(const char *publish_at);
int article_submit(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version);
int article_publish(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version, const char *publish_at);
int article_return(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version, const char *comment);
int article_archive(dv_db *db, const struct dv_user *actor, int64_t id, int64_t version);
/* Publish every scheduled article whose time has come; returns how many. */
int article_publish_due(dv_db *db, int *count);

int article_get(dv_db *db, dv_arena *a, int64_t id, struct article *out);         /* any status */
int article_get_published(dv_db *db, dv_arena *a, const char *slug, struct article *out);
/* Published articles, newest first; category/tag 0 = all. *total for pagination. */
int article_list_published(dv_db *db, dv_arena *a, int64_t category_id, int64_t tag_id, int featured_only,
                           size_t offset, size_t limit, struct article **out, size_t *n, size_t *total);
/* For the editors' desk: every status (or one), newest change first. */
int article_list_desk(dv_db *db, dv_arena *a, int status /* -1 = all */, size_t offset, size_t limit,
                      struct article **out, size_t *n, size_t *total);
/* The same, only the articles created_by wrote when it is not 0 (a contributor's desk). */
int article_list_desk_by(dv_db *db, dv_arena *a, int status, int64_t created_by, size_t offset, size_t limit,
                         struct article **out, size_t *n, size_t *total);
/* *taken = 1 when another article than except_id (0 = none) has this slug. */
int article_slug_taken(dv_db *db, const char *slug, int64_t except_id, int *taken);
/* Published articles sharing a category or tag with id, newest first. */
int article_related(dv_db *db, dv_arena *a, int64_t id, size_t limit, struct article **out, size_t *n);

int category_list(dv_db *db, dv_arena *a, struct term **out, size_t *n);
int category_get_by_slug(dv_db *db, dv_arena *a, const char *slug, struct term *out);
/* The slug a published article or a visible category has now, for an address with one it
 * had before (slug_history.c); DV_ENOTFOUND when the slug never was theirs. */
int article_slug_now(dv_db *db, dv_arena *a, const char *old, const char **now);
int category_slug_now(dv_db *db, dv_arena *a, const char *old, const char **now);
int tag_get_by_slug(dv_db *db, dv_arena *a, const char *slug, struct term *out);

struct history_entry {
    int64_t version;
    const char *at;
    const char *actor;
    const char *action;
    const char *snapshot;    /* JSON */
};
int article_history(dv_db *db, dv_arena *a, int64_t id, struct history_entry **out, size_t *n);

/* --- Markdown (src/portal/markdown.c): cmark-gfm in safe mode, no raw HTML ever --- */
char *markdown_to_safe_html(const char *md); /* malloc'd */

#endif
