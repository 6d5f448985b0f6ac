/* page.c - fills the layout's struct page from the request. */
#include "http/page.h"

#include "core/form_check.h"
#include "core/embedded.h"
#include "core/i18n.h"
#include "core/principal.h"

#include <stdlib.h>
#include <string.h>

#define FLASH_COOKIE "dv_flash"

/* Flash messages travel as the msgid's index in one table, never as free text. Each area
 * adds its own messages at start-up (page_flash_add), before the server starts. */
#define FLASH_MAX 128
static const char *flash_msgids[FLASH_MAX] = {N_("Saved.")}; /* every area's */
static size_t flash_count = 1;

void page_flash_add(const char *const *msgids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int known = 0;
        for (size_t k = 0; k < flash_count && !known; k++) known = strcmp(flash_msgids[k], msgids[i]) == 0;
        if (known) continue;
        if (flash_count == FLASH_MAX) abort(); /* a programming error, found at start-up */
        flash_msgids[flash_count++] = msgids[i];
    }
}

const char *static_path(const char *name)
{
    for (size_t i = 0; i < dv_static_count; i++)
        if (strcmp(dv_static_files[i].name, name) == 0) return dv_static_files[i].path;
    return "/static/missing";
}

void page_flash_set(dv_req *r, const char *message_msgid)
{
    for (size_t i = 0; i < flash_count; i++) {
        if (strcmp(flash_msgids[i], message_msgid) == 0) {
            res_set_cookie(r, FLASH_COOKIE, arena_printf(r->arena, "%zu", i), 60, 1);
            return;
        }
    }
}

static const char *flash_take(dv_req *r)
{
    const char *v = req_cookie(r, FLASH_COOKIE);
    if (!v || !*v) return NULL;
    res_set_cookie(r, FLASH_COOKIE, "", 0, 1);
    long long i;
    if (!form_parse_ll(v, &i) || i < 0 || (size_t)i >= flash_count) return NULL;
    return _(flash_msgids[i]);
}

/* The main menu: each area adds its entries at start-up (page_menu_add) with the access
 * question that decides who sees them; entries show in the order of their `order`. */
#define MENU_MAX 48
static struct menu_entry menu[MENU_MAX];
static size_t menu_count;

void page_menu_add(const struct menu_entry *entries, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (menu_count == MENU_MAX) abort(); /* a programming error, found at start-up */
        size_t k = menu_count++;
        while (k > 0 && menu[k - 1].order > entries[i].order) {
            menu[k] = menu[k - 1];
            k--;
        }
        menu[k] = entries[i];
    }
}

void page_menu_clear(void)
{
    menu_count = 0;
    flash_count = 1;
}

void page_need_csrf(struct page *pg, dv_req *r)
{
    pg->csrf = req_csrf_token(r);
}

const struct nav_item *page_menu(const struct page *pg)
{
    static _Thread_local struct nav_item items[MENU_MAX + 1];
    size_t k = 0;
    for (size_t i = 0; pg->user && i < menu_count; i++) {
        if (!menu[i].visible(pg->user)) continue;
        items[k++] = (struct nav_item){menu[i].href, _(menu[i].label),
                                       pg->nav && strcmp(pg->nav, menu[i].key) == 0};
    }
    items[k] = (struct nav_item){NULL, NULL, 0};
    return items;
}

void page_init(struct page *pg, dv_req *r, const char *title)
{
    memset(pg, 0, sizeof *pg);
    pg->title = title;
    pg->lang = r->lang ? r->lang : "vi";
    pg->csrf = r->csrf_token; /* pages with forms for signed-out visitors: page_need_csrf */
    pg->css = static_path("app.css");
    int en = strcmp(pg->lang, "en") == 0;
    pg->switch_lang_code = en ? "vi" : "en";
    pg->switch_lang_label = en ? "Tiếng Việt" : "English";
    pg->path = r->path;
    pg->user = r->user;
    if (r->user) {
        pg->user_role = role_label(r->user->role);
    }
    if (strcmp(r->method, "GET") == 0) pg->flash = flash_take(r);
}
