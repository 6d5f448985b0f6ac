/* err.h - the error codes every fallible danvan function returns. */
#ifndef DV_ERR_H
#define DV_ERR_H

enum {
    DV_OK = 0,
    DV_ENOTFOUND = -1, /* no such record */
    DV_EINVAL = -2,    /* input failed validation */
    DV_EDB = -3,       /* the store failed */
    DV_EIO = -4,       /* a file or socket failed */
    DV_EDENIED = -5,   /* the caller may not do this */
    DV_ECONFLICT = -6, /* a unique key or state rule was violated */
    DV_EBUSY = -7,     /* try again later (throttled, locked) */
    DV_ETOOBIG = -8,   /* over a size limit */
    DV_ESTALE = -9,    /* what the request was checked against has changed: read again */
};

/* A short English description of an error code, for logs. */
const char *dv_strerror(int err);

#endif
