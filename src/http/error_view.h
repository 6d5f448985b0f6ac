/* error_view.h - what the error page (templates/core/error.html) shows besides its message:
 * for a form whose write the store could not take (503), the fields it sent, to send again. */
#ifndef DV_ERROR_VIEW_H
#define DV_ERROR_VIEW_H

#include <stddef.h>

struct error_resend {
    const char *action;        /* the URL the form was posted to; NULL: no form */
    const char **names, **values;
    size_t n;
    int dropped;               /* passwords or files were left out */
};

#endif
