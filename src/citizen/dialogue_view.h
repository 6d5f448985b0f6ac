/* dialogue_view.h - what the dialogue and reception-day templates are given. */
#ifndef DV_CITIZEN_DIALOGUE_VIEW_H
#define DV_CITIZEN_DIALOGUE_VIEW_H

#include "citizen/dialogue.h"
#include "http/form_view.h"

#include <stddef.h>

struct dialogue_row_view {
    const struct dialogue *d;
    const char *held, *results_on, *href;
};

struct dialogue_list_view {
    const struct dialogue_row_view *rows;
    size_t n;
    struct field_view f_unit, f_leader, f_topic, f_place, f_day, f_time, f_participants;
    const struct option_view *units;
    size_t nunits;
    const struct field_view *errors[7];
    size_t nerrors;
    int can_create;
};

struct dialogue_show_view {
    struct dialogue_row_view row;
    const struct commitment *commitments;
    const char *const *commitment_due;
    const char *const *commitment_status;      /* the task's status today, translated */
    const char *const *commitment_status_code; /* task_status_code(): the badge's class */
    const char *const *commitment_href;        /* the task's page; NULL on the public page */
    size_t ncommitments;
    struct field_view f_questions, f_results, f_text, f_unit, f_due;
    const struct option_view *units;
    size_t nunits;
    const char *results_action, *commit_action;
    const char *error;
    int can_edit;
};

struct reception_view {
    const struct reception *days;
    const char *const *day_text;
    size_t n;
    const struct reception_tally *tallies;
    const int *required;
    size_t ntallies;
    const char *month_label, *prev_href, *next_href;
    struct field_view f_unit, f_secretary, f_day, f_place, f_citizens, f_notes;
    const struct option_view *units;
    size_t nunits;
    const struct field_view *errors[6];
    size_t nerrors;
    int can_create;
};

#endif
