/* config_view.h - what templates/citizen/config.html is given: the operator's settings, the
 * petition subjects with their answer deadlines and a year of the working-day calendar. */
#ifndef DV_CITIZEN_CONFIG_VIEW_H
#define DV_CITIZEN_CONFIG_VIEW_H

#include "citizen/petition.h"
#include "http/form_view.h"

#include <stddef.h>

struct config_view {
    struct citizen_settings s;
    struct field_view f_anon, f_reopen, f_rate_ip, f_rate_contact, f_min_prov, f_min_comm;
    const struct petition_category *cats;
    size_t ncats;
    const struct cal_day *days;
    const char *const *day_text;
    size_t ndays;
    int year;
    struct field_view f_day, f_kind, f_name;
    const struct option_view *kinds;
    const char *error;
    const struct field_view *errors[8];
    size_t nerrors;
};

#endif
