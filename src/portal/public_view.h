/* public_view.h - what the public portal's templates are given (templates/portal/). */
#ifndef DV_PORTAL_PUBLIC_VIEW_H
#define DV_PORTAL_PUBLIC_VIEW_H

#include "http/page.h"
#include "portal/article.h"

#include <stddef.h>

/* The public layout (layout_head / layout_foot): the staff struct page plus what readers'
 * pages need in <head> and in the portal's header. */
struct portal_page {
    struct page pg;             /* title, lang, css, crumbs, user (staff get "Administration") */
    const char *portal_name;    /* in the page's language */
    const char *portal_name_vi; /* its Vietnamese name, always */
    const char *canonical;      /* absolute URL of this page */
    const char *description;    /* meta description and og:description */
    const char *og_type;        /* "website" or "article" */
    const char *og_image;       /* absolute URL or NULL */
    const char *published_iso;  /* article:published_time, or NULL */
    const char *feed_rss;       /* alternate feed paths, or NULL */
    const char *feed_atom;
    const char *rel_prev;       /* pagination links (absolute), or NULL */
    const char *rel_next;
    const struct term *menu;
    size_t nmenu;
    const char *current_cat;    /* slug of the category menu item to mark current */
    const char *query;          /* the search box's value */
    const char *lang_next;      /* where the language switch leads back to: this page's path
                                   (with its page number or query), or its counterpart */
    int noindex;                /* not-found pages */
    /* Decree 42/2022's facts about the portal (config portal_*), in the page's language */
    const char *owner;
    const char *responsible;
    const char *licence;        /* NULL when the portal has none */
    const char *address, *phone, *email;
    const char *mailto;         /* "mailto:" + email */
};

/* A page of article cards with numbered pagination. */
struct list_view {
    const char *heading;
    const char *intro;          /* a line under the heading, or NULL */
    const struct article *items;
    size_t n;
    size_t page, npages;        /* 1-based */
    const char *base_path;      /* "/chuyen-muc/slug": links add ?trang=N */
    const char *feed_rss;       /* shown as links under the list, or NULL */
    const char *feed_atom;
};

/* A category's block on the home page: its newest articles. */
struct home_section {
    const struct term *cat;
    const struct article *items;
    size_t n;
};

/* The home page: the lead story (the newest featured article with a photo, else the newest
 * featured or newest one), the other featured ones beside it, the latest news, then one
 * block per category. */
struct home_view {
    const struct article *lead;          /* NULL when nothing is published */
    const struct article *featured;      /* the others */
    size_t nfeatured;
    const struct article *latest;
    size_t nlatest;
    const struct home_section *sections;
    size_t nsections;
};

struct article_view {
    const struct article *a;
    const char *published;      /* dd/mm/yyyy HH:MM, Vietnam time */
    const char *updated;        /* NULL when the same as published */
    const char *credit;         /* "Văn Minh - MT tỉnh", NULL when no authors */
    const char *back_href;      /* the first category's page, or "/" */
    const char *back_label;
    const char *canonical;      /* absolute */
    const struct article *related;
    size_t nrelated;
    const char *preview_status; /* the desk's preview (status label): no views, tools, related */
};

/* Fills the public layout for a page at `path` (its canonical URL is base_url + path): the
 * staff struct page, the portal's name, the category menu. Search and send-by-e-mail pages
 * use it too, with tpl_portal_layout_head / tpl_portal_layout_foot. */
void public_page_init(struct portal_page *pp, dv_req *r, const char *title, const char *path);

/* "/media/12" and "/media/12/thumb" (served by the media routes). */
const char *public_media_url(dv_arena *a, int64_t media_id, int thumb);

#endif
