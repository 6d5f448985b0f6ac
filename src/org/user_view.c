/* user_view.c - small helpers shared by the account, sign-in and audit handlers: dates
 * for people in Vietnam. */
#include "org/user_view.h"
#include "core/clock.h"

#include "core/i18n.h"
#include "text/text.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

const char *time_local(dv_arena *a, const char *iso)
{
    char out[17];
    return clock_vn_datetime_text(iso, out) == 0 ? arena_strdup(a, out) : "";
}

const char *date_local(dv_arena *a, const char *iso)
{
    const char *s = text_date_dmy(a, iso);
    return s ? s : "";
}
