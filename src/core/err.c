/* err.c - descriptions of the DV_E* codes for logs. */
#include "core/err.h"

const char *dv_strerror(int err)
{
    switch (err) {
    case DV_OK: return "ok";
    case DV_ENOTFOUND: return "not found";
    case DV_EINVAL: return "invalid input";
    case DV_EDB: return "storage error";
    case DV_EIO: return "I/O error";
    case DV_EDENIED: return "permission denied";
    case DV_ECONFLICT: return "conflict";
    case DV_EBUSY: return "busy";
    case DV_ETOOBIG: return "too big";
    case DV_ESTALE: return "stale";
    default: return "unknown error";
    }
}
