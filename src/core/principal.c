/* principal.c - the roles of the signed-in principal: stored codes and translated labels. */
#include "core/principal.h"

#include "core/err.h"
#include "core/i18n.h"

#include <string.h>

static const struct {
    enum dv_role role;
    const char *code;
    const char *label; /* English msgid */
} roles[] = {
    {ROLE_ADMIN, "admin", N_("System administrator")},
    {ROLE_STAFF, "staff", N_("Commission staff")},
    {ROLE_OFFICER, "officer", N_("Unit officer")},
    {ROLE_EDITOR, "editor", N_("Portal editor")},
    {ROLE_CONTRIBUTOR, "contributor", N_("Portal contributor")},
    {ROLE_VIEWER, "viewer", N_("Viewer")},
    {ROLE_INSPECTOR, "inspector", N_("Inspector")},
};

const char *role_code(enum dv_role role)
{
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (roles[i].role == role) return roles[i].code;
    return "viewer";
}

int role_parse(const char *code, enum dv_role *out)
{
    if (!code) return DV_EINVAL;
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++) {
        if (strcmp(roles[i].code, code) == 0) {
            *out = roles[i].role;
            return DV_OK;
        }
    }
    return DV_EINVAL;
}

const char *role_label(enum dv_role role)
{
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (roles[i].role == role) return _(roles[i].label);
    return "";
}
