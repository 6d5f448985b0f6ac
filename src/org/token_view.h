/* token_view.h - what templates/org/token_list.html shows: the API tokens an admin or staff
 * member manages, the form for a new one, and a new token's secret (once). */
#ifndef DV_TOKEN_VIEW_H
#define DV_TOKEN_VIEW_H

#include "http/form_view.h"
#include "org/token_store.h"

#include <stddef.h>

struct token_row_view {
    const struct api_token *t;
    const char *role;        /* translated */
    const char *created;     /* dd/mm/yyyy HH:MM, Vietnam time */
    const char *last_used;   /* or "" */
    const char *revoked;     /* or NULL when live */
    const char *revoke_href; /* POST target */
};

struct token_list_view {
    const struct token_row_view *rows;
    size_t n;
    const char *new_secret;  /* the token just created: shown this once */
    const char *new_name;
    const char *curl;        /* an example call with it */
    struct field_view f_name, f_unit, f_role, f_lang;
    const struct option_view *units, *roles, *langs;
    size_t nunits, nroles, nlangs;
    const struct field_view *errors[4];
    size_t nerrors;
};

#endif
