/* media.h - uploaded images: checked by their content (magic bytes, then a real decode
 * with gdk-pixbuf), size-limited, stored once per SHA-256 with a copy at most 480 px wide
 * for lists; served at /media/:id and /media/:id/thumb: to everyone once a published
 * article shows it, before that only to its uploader and to those who publish. */
#ifndef DV_MEDIA_H
#define DV_MEDIA_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

#include <stddef.h>
#include <stdint.h>

#define MEDIA_MAX_BYTES (5u * 1024 * 1024)
#define MEDIA_THUMB_WIDTH 480
#define MEDIA_MAX_PIXELS (50u * 1000 * 1000) /* refuse decompression bombs */

/* "image/jpeg", "image/png", "image/gif", "image/webp" from the first bytes, or NULL. */
const char *media_sniff(const void *data, size_t n);

/* The width and height an image's header declares (PNG IHDR, JPEG SOF, GIF logical screen,
 * WebP VP8/VP8L/VP8X), read without decoding: 0, or DV_EINVAL when the header is not there. */
int media_declared_size(const void *data, size_t n, uint32_t *w, uint32_t *h);

/* An upload checked and decoded (media.c). */
struct media_image {
    char sha256[65];          /* hex of the original bytes */
    const char *type;         /* sniffed content type (static) */
    int width, height;        /* of the original */
    unsigned char *thumb;     /* g_malloc'd: free with media_image_free */
    size_t thumb_len;
    const char *thumb_type;   /* "image/jpeg" or "image/png" (when the image has alpha) */
};

/* 0, DV_ETOOBIG (over MEDIA_MAX_BYTES, or a declared size over MEDIA_MAX_PIXELS: refused
 * before decoding) or DV_EINVAL (not an image we
 * accept, or it does not decode). */
int media_prepare(const void *data, size_t n, struct media_image *out);
void media_image_free(struct media_image *m);

/* --- store (media_store.c) --- */
/* Checks, decodes and stores an upload (once per SHA-256) with an audit row; *id_out is the
 * media id (the existing one for a duplicate). Errors as media_prepare, or DV_EDB. */
int media_save(dv_db *db, const struct dv_user *actor, const void *data, size_t n, int64_t *id_out);

struct media_blob {
    int64_t id;
    const char *type;
    const char *sha256;
    const void *data;         /* in the arena */
    size_t len;
    int width, height;
};
/* The original (thumb 0) or the list copy (thumb 1). DV_ENOTFOUND. */
int media_get(dv_db *db, dv_arena *a, int64_t id, int thumb, struct media_blob *out);
/* Dimensions only (no bytes). DV_ENOTFOUND. */
int media_info(dv_db *db, int64_t id, int *width, int *height);

/* *yes = 1 when a published article shows the image (a photo, or linked from its text):
 * only then is it served to everyone. */
int media_is_public(dv_db *db, int64_t id, int *yes);
/* Who uploaded it (0 = unknown). DV_ENOTFOUND. */
int media_owner(dv_db *db, int64_t id, int64_t *user_id);

void media_routes_register(void);

#endif
