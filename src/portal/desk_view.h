/* desk_view.h - what the editors' desk templates (templates/portal/desk_*.html) are given:
 * plain, already-translated strings prepared by the handlers in desk_pages.c. */
#ifndef DV_DESK_VIEW_H
#define DV_DESK_VIEW_H

#include "core/html.h"
#include "http/form_view.h"

#include <stddef.h>

#define DESK_MAX_AUTHORS 5
#define DESK_MAX_PHOTOS 5

/* One article on the desk list. */
struct desk_row {
    const char *title;
    const char *href;
    const char *status_label;
    const char *note;        /* "Scheduled for 01/07/2025 08:00", or NULL */
    const char *updated;     /* dd/mm/yyyy HH:MM, Vietnam time */
    const char *author;      /* the credit, "Văn Minh (MT tỉnh)", or NULL */
};

struct desk_list_view {
    struct desk_row *rows;
    size_t n;
    struct field_view status;          /* the filter */
    struct option_view statuses[5];
    size_t nstatuses;
    long long total, page, pages;
    const char *prev_href, *next_href; /* NULL at the ends */
    int can_create;
    int only_mine;                     /* a contributor sees their own articles */
};

struct desk_author_row {
    struct field_view name, unit;
};

struct desk_category {
    const char *name;        /* the checkbox's name, "cat_3" */
    const char *id;          /* its id attribute, "f-cat_3" */
    const char *label;
    int checked;
    long long term_id;       /* the category's id */
};

/* A photo already stored (kept across a failed save). */
struct desk_photo_row {
    const char *media_name, *media_id;  /* hidden input: "photo_media_0" = "12" */
    const char *thumb_href;             /* "/media/12/thumb" */
    const char *remove_name, *remove_id;
    int removed;
    struct field_view caption, alt;
    long long number;                   /* 1-based, for the legend */
};

/* An empty slot to upload a new photo. */
struct desk_upload_row {
    struct field_view file, caption, alt;
    long long number;
};

struct desk_form_view {
    const char *action;
    const char *submit_label;
    const char *cancel_href;
    const char *version;       /* hidden: the version the form was loaded at */
    const char *general_error;
    const char *notice;        /* e.g. legacy-encoded text was converted */
    int can_save;
    struct field_view title, slug, lead, body, tags;
    int featured;
    struct desk_author_row authors[DESK_MAX_AUTHORS];
    struct desk_category *categories;
    size_t ncategories;
    struct desk_photo_row photos[DESK_MAX_PHOTOS];
    size_t nphotos;
    struct desk_upload_row uploads[DESK_MAX_PHOTOS];
    size_t nuploads;
    const struct field_view *errors[64];
    size_t nerrors;

    /* editing an existing article: its state and the workflow actions */
    int editing;
    const char *status_label;
    const char *schedule_note;
    const char *history_href, *preview_href;
    const char *live_href;     /* the published article on the portal, or NULL */
    const char *submit_href, *publish_href, *return_href, *archive_href;
    int can_submit, can_publish, can_return, can_archive;
    struct field_view pub_date, pub_time, comment;
};

struct desk_history_row {
    long long version;
    const char *at;
    const char *actor;
    const char *action;        /* translated */
    const char *title;
    const char *comment;
};

struct desk_history_view {
    const char *back_href;
    struct desk_history_row *rows;
    size_t n;
};

struct desk_figure {
    const char *src;
    const char *alt;
    const char *caption;
    long long width, height;
};


#endif
