/* model.h - the Dân vận khéo models (mô hình) and exemplary collectives and individuals
 * (điển hình): a registry with the way each works (cách làm), its quantitative results,
 * replication, status (registered → implementing → effective / not effective), its
 * recognition (level, form such as Giấy khen or Bằng khen, decision number and date) and
 * photos and files (model_store.c). The portal shows them in a gallery. */
#ifndef DV_CITIZEN_MODEL_H
#define DV_CITIZEN_MODEL_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

extern const char *const model_kinds[];    /* "model", "collective", "individual", NULL */
extern const char *const model_fields[];   /* "economy", "culture", "defence", "politics", NULL */
extern const char *const model_statuses[]; /* "registered", "implementing", "effective", "not_effective", NULL */
const char *model_kind_label(const char *code);   /* translated */
const char *model_field_label(const char *code);
const char *model_status_label(const char *code);
/* May a model go from status `from` to `to`? (the same status is always allowed) */
int model_status_can_move(const char *from, const char *to);

struct model_input {
    const char *kind, *name;
    int64_t unit_id;
    const char *field;
    int year_from, year_to;     /* year_to 0: ongoing */
    const char *method, *results, *replication;
    const char *status;
    const char *recog_level, *recog_form, *recog_decision, *recog_date; /* NULL when none */
};

struct dvk_model {
    int64_t id;
    const char *kind, *name;
    int64_t unit_id;
    const char *unit_name;
    const char *field;
    int year_from, year_to;
    const char *method, *results, *replication, *status;
    const char *recog_level, *recog_form, *recog_decision, *recog_date;
    const char *registered_on, *effective_on, *updated_at;
    int64_t cover_id;           /* the first photo, 0 when none */
};

struct model_file {
    int64_t id;
    const char *name, *type, *caption;
    int is_image;
};

/* DV_EINVAL for bad input or a status move that is not allowed. */
int model_create(dv_db *db, const struct dv_user *actor, const struct model_input *in, int64_t *id_out);
int model_update(dv_db *db, const struct dv_user *actor, int64_t id, const struct model_input *in);
int model_get(dv_db *db, dv_arena *a, int64_t id, struct dvk_model *out);

struct model_filter {
    int64_t root;               /* models of units in this subtree (0: all) */
    const char *field;          /* or NULL */
    const char *today;
    size_t limit;
};
int model_list(dv_db *db, dv_arena *a, const struct model_filter *f, struct dvk_model **out, size_t *n);
/* A photo or file: images carry their list copy. */
int model_file_add(dv_db *db, const struct dv_user *actor, int64_t model_id, const char *name, const char *type,
                   const char *caption, const void *data, size_t len, const void *thumb, size_t thumb_len,
                   const char *thumb_type);
int model_files(dv_db *db, dv_arena *a, int64_t model_id, struct model_file **out, size_t *n);
int model_file_get(dv_db *db, dv_arena *a, int64_t file_id, int thumb, int64_t *model_id, const char **type,
                   const void **data, size_t *len);

/* Models registered / recognised effective in [from, to] of units in unit_id's subtree. */
int model_count_registered(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n);
int model_count_effective(dv_db *db, int64_t unit_id, const char *from, const char *to, int64_t *n);

#endif
