/* citizen_view.h - what the citizens' area's templates (templates/citizen/) are given. */
#ifndef DV_CITIZEN_VIEW_H
#define DV_CITIZEN_VIEW_H

#include "citizen/petition.h"
#include "http/form_view.h"

#include <stddef.h>

/* The public petition form. */
struct petition_form_view {
    struct field_view f_category, f_commune, f_content, f_name, f_email, f_phone, f_anonymous, f_trap, f_files;
    const struct option_view *cats, *communes;
    size_t ncats, ncommunes;
    int anonymous_allowed, anonymous_checked;
    const char *general;           /* a refusal that is no one field's (rate limit, duplicate) */
    const struct field_view *errors[10];
    size_t nerrors;
};

/* One line of the public history. */
struct petition_step_view {
    const char *date;              /* dd/mm/yyyy HH:MM */
    const char *label, *note;
};

/* The public page of a tracking code (and the staff page's top). */
struct petition_public_view {
    const struct petition *p;
    const char *received, *answer_due, *published; /* dd/mm/yyyy */
    const char *status_label;
    const struct petition_step_view *steps;
    size_t nsteps;
    int can_reopen;
    int reopen_form;               /* show the form (GET/POST …/mo-lai), else a link to it */
    const char *reopen_action, *reopen_href;
    const char *reopen_until;      /* dd/mm/yyyy */
    struct field_view f_reason;
    int overdue;
};

/* The tracking form and the search of answers. */
struct petition_lookup_view {
    struct field_view f_code;
    const char *query;
    const struct petition_answer_hit *hits;
    size_t nhits;
    const char *const *hit_dates;   /* dd/mm/yyyy, per hit */
    int searched;
};

/* The staff's list. */
struct petition_list_view {
    const struct petition_row *rows;
    size_t n;
    const char *const *received, *const *due; /* dd/mm/yyyy per row */
    const struct option_view *statuses, *cats;
    size_t nstatuses, ncats;
    int overdue_only, open_only;
    int64_t overdue_count;
};

/* A staff action's form on the petition page. */
struct petition_action_view {
    const char *to;                /* the state code it moves to */
    const char *label;             /* the button */
    int needs_summary, needs_unit, needs_answer, needs_body, needs_dup, needs_reason, needs_category;
};

struct petition_desk_view {
    struct petition_public_view pub;
    const struct petition_event *events;
    const char *const *event_dates;
    size_t nevents;
    const struct petition_file *files;
    size_t nfiles;
    const struct petition_action_view *actions;
    size_t nactions;
    const struct option_view *units, *cats;
    size_t nunits, ncats;
    const char *action_href;
    const char *error;             /* why the last action was refused */
    const char *transfer_due, *notice_due;
    int overdue_notice, overdue_answer;
};

#endif
