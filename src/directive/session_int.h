/* session_int.h - what the session files share among themselves (not for other areas). */
#ifndef DV_DIRECTIVE_SESSION_INT_H
#define DV_DIRECTIVE_SESSION_INT_H

#include "directive/session.h"

/* The checks of a session's fields that need no store: 0 or DV_EINVAL (session.c). */
int dissem_input_check(const struct dissem_input *in);

#endif
