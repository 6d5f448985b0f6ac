/* model_view.h - what the Dân vận khéo templates (templates/citizen/model_*.html) are given. */
#ifndef DV_CITIZEN_MODEL_VIEW_H
#define DV_CITIZEN_MODEL_VIEW_H

#include "citizen/model.h"
#include "http/form_view.h"

#include <stddef.h>

struct model_card_view {
    const struct dvk_model *m;
    const char *kind, *field, *status, *years, *href, *thumb;
};

struct model_list_view {
    const struct model_card_view *cards;
    size_t n;
    const struct option_view *fields, *communes;
    size_t nfields, ncommunes;
    int can_create;
};

struct model_form_view {
    struct field_view f_kind, f_name, f_unit, f_field, f_from, f_to, f_method, f_results, f_replication, f_status,
        f_level, f_form, f_decision, f_date;
    const struct option_view *kinds, *units, *fields, *statuses;
    size_t nkinds, nunits, nfields, nstatuses;
    const char *action;
    const struct field_view *errors[14];
    size_t nerrors;
    const struct model_card_view *card; /* editing: the model, its files */
    const struct model_file *files;
    size_t nfiles;
    const char *photo_action;
    const char *photo_error;
};

struct model_page_view {
    struct model_card_view c;
    const struct model_file *files;
    size_t nfiles;
    const char *recog_date;
};

#endif
