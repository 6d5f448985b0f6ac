/* user_view.h - what the sign-in, account and audit templates are given to render.
 * Strings are already translated; templates only print and escape them. */
#ifndef DV_USER_VIEW_H
#define DV_USER_VIEW_H

#include "http/form_view.h"
#include "org/audit.h"
#include "org/user_store.h"

#include <stddef.h>
#include <stdint.h>

struct login_view {
    struct field_view username, password;
    const char *next;
    const char *message; /* wrong credentials / locked */
};

struct user_form_view {
    int is_new;
    const char *action;   /* form action */
    const char *cancel;   /* where "Cancel" goes */
    const char *username; /* shown read-only when editing */
    struct field_view f_username, f_full_name, f_email, f_phone, f_position, f_unit, f_scope, f_role,
        f_password, f_password2, f_disabled;
    const struct option_view *units, *scopes, *roles;
    size_t nunits, nscopes, nroles;
    int disabled;
    int can_disable;
    const struct field_view *errors[16]; /* for the summary, in form order */
    size_t nerrors;
};

struct user_list_view {
    const struct user_record *users;
    size_t n;
    const char **roles; /* translated role label per user */
    int can_create;
};

struct user_show_view {
    const struct user_record *rec;
    const char *role;
    const char *scope_name;
    const char *created; /* dd/mm/yyyy */
    int is_self;
    struct field_view f_password, f_password2;
    const struct field_view *errors[4];
    size_t nerrors;
};

struct password_view {
    const char *action;
    int need_current; /* self-service: ask the current password */
    const char *intro;
    const char *message; /* e.g. locked */
    struct field_view f_current, f_password, f_password2;
    const struct field_view *errors[4];
    size_t nerrors;
};

/* One changed field of an audit row, in the reader's language; a value naming a record
 * (a unit) links to it. */
struct audit_change_view {
    const char *field;
    const char *old_value, *new_value;  /* "—" when absent */
    const char *old_href, *new_href;    /* NULL: plain text */
};

struct audit_row {
    const struct audit_entry *e;
    const char *when;     /* dd/mm/yyyy HH:MM, Vietnam time */
    const char *action;   /* translated */
    const char *entity;   /* translated kind of record */
    const char *name;     /* the record's name, or NULL ("#id" is shown) */
    const char *id_text;  /* "#32", or NULL when the row names no record */
    const char *link;     /* the record's page, or NULL */
    const struct audit_change_view *changes;
    size_t nchanges;
};

struct audit_view {
    const struct audit_row *rows;
    size_t n;
    const char *actor;    /* the filter as typed */
    const char *from, *to;          /* dd/mm/yyyy as typed */
    const char *record_id;          /* as typed */
    const char *filter_error;       /* a date that could not be read, or NULL */
    const struct option_view *entities;
    size_t nentities;
    const struct option_view *actions;
    size_t nactions;
    int filtered;
    const char *older;    /* URL of the next page, or NULL */
    const char *newest;   /* URL of the first page when paging, or NULL */
};

/* Helpers for the handlers (user_view.c); form fields are in http/form_view.h. */
#include "core/arena.h"
/* ISO UTC timestamp → "dd/mm/yyyy HH:MM" in Vietnam's time (UTC+7); "" if unreadable. */
const char *time_local(dv_arena *a, const char *iso);
/* ISO date or timestamp → "dd/mm/yyyy" ("" if unreadable). */
const char *date_local(dv_arena *a, const char *iso);

#endif
