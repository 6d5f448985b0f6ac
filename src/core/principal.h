/* principal.h - the signed-in person as the rest of the program sees it, and the roles. */
#ifndef DV_PRINCIPAL_H
#define DV_PRINCIPAL_H

#include <stdint.h>

enum dv_role {
    ROLE_ADMIN,   /* system administrator: everything */
    ROLE_STAFF,   /* Mass Mobilization Commission staff: the whole subtree of scope_unit_id */
    ROLE_OFFICER, /* unit officer: acts for their own unit only */
    ROLE_EDITOR,  /* portal editor */
    ROLE_VIEWER,  /* reads the subtree of scope_unit_id */
    ROLE_CONTRIBUTOR, /* portal: writes articles and submits them; an editor publishes */
    ROLE_INSPECTOR, /* inspection commission: reads every task, document and session of the
                       subtree of scope_unit_id, changes nothing (Quy chế 08-QC/TW) */
};

struct dv_user {
    int64_t id;
    const char *username;
    const char *full_name;
    const char *email;
    int64_t unit_id;       /* where the person works */
    int64_t scope_unit_id; /* the root of what they may see */
    enum dv_role role;
    const char *lang;      /* "vi" or "en" */
    int disabled;
};

const char *role_code(enum dv_role role);           /* "admin", "staff", … */
int role_parse(const char *code, enum dv_role *out); /* 0 or DV_EINVAL */
const char *role_label(enum dv_role role);          /* translated, for display */

#endif
