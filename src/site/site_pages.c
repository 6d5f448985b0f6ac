/* site_pages.c - GET /lang/:code: switch the interface language, then go back. */
#include "site/site_pages.h"

#include "http/input.h"

#include <string.h>

#define LANG_COOKIE "dv_lang"
#define ONE_YEAR (365 * 24 * 3600)

static const char *const lang_codes[] = {"vi", "en", NULL};
static const struct input_field lang_field = {"code", IN_CHOICE, 1, 0, 0, lang_codes, FK_SELECT, NULL, NULL, NULL};
/* where to go back to; http_is_local_path() decides */
static const struct input_field next_field = {"next", IN_TEXT, 0, 0, 2048, NULL, FK_TEXT, NULL, NULL, NULL};

/* GET /lang/:code?next=/path */
void site_page_lang(dv_req *r)
{
    struct input_value code, next;
    if (!input_path(r, &lang_field, &code)) return;
    res_set_cookie(r, LANG_COOKIE, code.str, ONE_YEAR, 1);
    input_query1(r, &next_field, &next);
    res_redirect(r, http_is_local_path(next.str) ? next.str : "/");
}
