/* page.h - what every HTML page's layout needs: title, language, user, CSRF token, flash. */
#ifndef DV_PAGE_H
#define DV_PAGE_H

#include "http/http.h"

struct crumb {
    const char *label;
    const char *href;
};

struct nav_item {
    const char *href;   /* NULL ends a menu */
    const char *label;  /* translated */
    int current;        /* the page belongs to this item */
};

struct page {
    const char *title;
    const char *lang;           /* "vi" / "en": <html lang> */
    const char *csrf;           /* hidden _csrf value for forms (page_init: req_csrf_token) */
    const char *css;            /* fingerprinted stylesheet path */
    const char *path;           /* this page's path, to come back to after switching language */
    const char *switch_lang_label;
    const char *switch_lang_code;
    const struct dv_user *user; /* NULL when signed out */
    const char *user_role;      /* translated role label */
    const char *flash;          /* one-time notice after a redirect */
    const struct crumb *crumbs; /* breadcrumbs, NULL-terminated by label */
    const char *nav;            /* which main menu item is current: "units", "users", "audit", "desk" */
};

void page_init(struct page *pg, dv_req *r, const char *title);
/* For a page with a POST form shown to signed-out visitors (sign-in, send by e-mail). */
void page_need_csrf(struct page *pg, dv_req *r);
/* A main-menu entry an area adds at start-up: shown to the users for whom visible() (the
 * area's access question) says yes, in increasing order. */
struct menu_entry {
    const char *key;   /* matched against pg->nav */
    const char *href;
    const char *label; /* msgid */
    int order;         /* position in the menu: 100 units, 200 reports, … (see each area) */
    int (*visible)(const struct dv_user *u);
};
void page_menu_add(const struct menu_entry *entries, size_t n);
/* Flash messages an area may leave (page_flash_set): msgids, added at start-up. */
void page_flash_add(const char *const *msgids, size_t n);
void page_menu_clear(void); /* forgets both, for tests that register again */
/* The main menu the signed-in user may use, in order, with the item whose key equals
 * pg->nav marked current. */
const struct nav_item *page_menu(const struct page *pg);
/* Leave a notice for the next page this browser loads (a short-lived cookie). */
void page_flash_set(dv_req *r, const char *message_msgid);
/* A static file's fingerprinted URL ("/static/app.1a2b3c4d.css"), or "/static/NAME". */
const char *static_path(const char *name);

#endif
