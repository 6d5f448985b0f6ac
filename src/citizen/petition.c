/* petition.c - the petition's states and their moves, and the tracking code (petition.h). */
#include "citizen/petition.h"

#include "core/err.h"
#include "core/i18n.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

static const struct {
    const char *code, *label;
} statuses[PS_COUNT] = {
    [PS_RECEIVED] = {"received", N_("Received")},
    [PS_CLASSIFIED] = {"classified", N_("Classified")},
    [PS_ASSIGNED] = {"assigned", N_("Assigned to a unit")},
    [PS_IN_PROGRESS] = {"in_progress", N_("Being handled")},
    [PS_DRAFTED] = {"drafted", N_("Answer drafted")},
    [PS_APPROVED] = {"approved", N_("Answer approved")},
    [PS_PUBLISHED] = {"published", N_("Answered")},
    [PS_TRANSFERRED] = {"transferred", N_("Transferred to the competent body")},
    [PS_DUPLICATE] = {"duplicate", N_("Duplicate of another petition")},
    [PS_REFUSED] = {"refused", N_("Not accepted")},
};

const char *petition_status_code(enum petition_status s)
{
    return s < PS_COUNT ? statuses[s].code : "received";
}

const char *petition_status_label(enum petition_status s)
{
    return _(s < PS_COUNT ? statuses[s].label : statuses[0].label);
}

int petition_status_parse(const char *code, enum petition_status *out)
{
    for (int i = 0; code && i < PS_COUNT; i++)
        if (!strcmp(code, statuses[i].code)) {
            *out = (enum petition_status)i;
            return DV_OK;
        }
    return DV_EINVAL;
}

int petition_is_closed(enum petition_status s)
{
    return s == PS_PUBLISHED || s == PS_TRANSFERRED || s == PS_DUPLICATE || s == PS_REFUSED;
}

int petition_can_move(enum petition_status from, enum petition_status to)
{
    int side = to == PS_TRANSFERRED || to == PS_DUPLICATE || to == PS_REFUSED;
    switch (from) {
    case PS_RECEIVED: return to == PS_CLASSIFIED || side;
    case PS_CLASSIFIED: return to == PS_ASSIGNED || side;
    case PS_ASSIGNED: return to == PS_IN_PROGRESS || to == PS_ASSIGNED || side;
    case PS_IN_PROGRESS: return to == PS_DRAFTED || to == PS_ASSIGNED;
    case PS_DRAFTED: return to == PS_APPROVED || to == PS_IN_PROGRESS;
    case PS_APPROVED: return to == PS_PUBLISHED || to == PS_IN_PROGRESS;
    default: return 0;
    }
}

void petition_code_new(char out[PETITION_CODE_LEN + 1])
{
    static const char alphabet[] = PETITION_ALPHABET;
    memcpy(out, "KN-", 3);
    int k = 3;
    for (int i = 0; i < 8; i++) {
        if (i == 4) out[k++] = '-';
        out[k++] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
    }
    out[k] = 0;
}

int petition_code_normalize(const char *in, char out[PETITION_CODE_LEN + 1])
{
    char raw[16];
    size_t n = 0;
    for (const char *p = in ? in : ""; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '-' || c == '\t') continue;
        if (n >= sizeof raw - 1) return DV_EINVAL;
        raw[n++] = (char)toupper(c);
    }
    raw[n] = 0;
    const char *body = raw;
    if (n == 10 && raw[0] == 'K' && raw[1] == 'N') body = raw + 2;
    else if (n != 8) return DV_EINVAL;
    for (int i = 0; i < 8; i++)
        if (!strchr(PETITION_ALPHABET, body[i])) return DV_EINVAL;
    memcpy(out, "KN-", 3);
    memcpy(out + 3, body, 4);
    out[7] = '-';
    memcpy(out + 8, body + 4, 4);
    out[12] = 0;
    return DV_OK;
}
