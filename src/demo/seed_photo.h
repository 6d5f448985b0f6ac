/* seed_photo.h - the demo's photos, drawn when the demo is created (seed_photo.c). */
#ifndef DV_SEED_PHOTO_H
#define DV_SEED_PHOTO_H

#include <stddef.h>

#define SEED_PHOTO_W 1200
#define SEED_PHOTO_H 675

enum seed_scene {
    SEED_SCENE_HALL,   /* a conference hall: the banner, the presidium, rows of delegates */
    SEED_SCENE_FIELD,  /* a ripe rice field with young people harvesting */
};

/* A 1200×675 JPEG of the scene; banner is the hall's banner text, "TITLE\nplace, date"; for the
 * field, any text varying where the people stand (NULL for none). The bytes are malloc'd. 0 or DV_EIO. */
int seed_photo_jpeg(enum seed_scene scene, const char *banner, unsigned char **data, size_t *len);

#endif
