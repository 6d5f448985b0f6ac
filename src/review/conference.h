/* conference.h - review conferences (hội nghị sơ kết, tổng kết) of a document over N years:
 * guidance (a registry document), the units' review reports (a thematic regime's period),
 * the conference (date, place, chair, bridge points), invitees with attendance codes and
 * their invitation letters, agenda, presentations (tham luận), attendance, minutes (required
 * before closing), conclusions (each a task, source_kind 'conference'), awards (never the
 * same achievement twice to one recipient), and the draft portal article closing offers.
 * Writes: one transaction each with its audit row. Strings live in the arena. */
#ifndef DV_CONFERENCE_H
#define DV_CONFERENCE_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

struct conference {
    int64_t id, unit_id, subject_document_id, guidance_document_id, regime_id, period_id, article_id;
    const char *unit_name, *kind, *title, *subject_code, *guidance_code, *guidance_title;
    int years, online;
    const char *held_on, *starts_at, *place, *chair, *status, *minutes, *minutes_by, *closed_on;
    const char *article_title, *article_lead, *article_body, *article_author;
    int64_t invitation_number;
    const char *invitation_series, *invitation_date;
};
struct conf_input {
    int64_t unit_id, subject_document_id, guidance_document_id, regime_id, period_id;
    const char *kind, *title, *held_on, *starts_at, *place, *chair;
    int years, online;
};
struct conf_invitee {
    int64_t id, unit_id;
    const char *name, *position, *code, *checked_in_at, *checked_in_how;
};
struct conf_agenda_item { int64_t id; const char *starts_at, *ends_at, *title, *presenter; };
struct conf_presentation {
    int64_t id, unit_id;
    const char *author, *unit_name, *title, *mode, *file_name;
};
struct conf_conclusion { int64_t id, lead_unit_id, task_id; const char *text, *lead_name, *deadline, *task_state; };
struct conf_photo { int64_t id, media_id; const char *caption, *alt; };
struct award {
    int64_t id, unit_id;
    const char *recipient_kind, *recipient, *achievement, *form, *decision_number, *decided_on;
};
struct award_input {
    int64_t conference_id, unit_id;
    const char *recipient_kind, *person_name, *achievement, *form, *decision_number, *decided_on;
};

/* ---- rules (pure) ---- */
/* The key under which an achievement is unique: folded (đ→d, no marks, lower case), runs of
 * spaces and punctuation collapsed. */
const char *award_achievement_key(dv_arena *a, const char *achievement);
/* 'u:ID' for a collective, 'p:folded name|ID' for a person of unit ID. */
const char *award_recipient_key(dv_arena *a, const char *kind, int64_t unit_id, const char *person_name);
/* A conference closes only once held with minutes written. 1/0. */
int conf_can_close(const char *status, const char *minutes);
/* "HH:MM" between 00:00 and 23:59. 1/0. */
int conf_is_time(const char *s);

/* ---- writes ---- */
int conf_create(dv_db *db, const struct dv_user *actor, const struct conf_input *in, int64_t *id_out);
int conf_bridge_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *place);
/* A unit (unit_id > 0) or a person (name) invited; a fresh attendance code (8 letters and
 * digits, unambiguous) is made for the letter. */
int conf_invitee_add(dv_db *db, const struct dv_user *actor, int64_t id, int64_t unit_id, const char *name,
                     const char *position, int64_t *invitee_out);
/* Check-in: by the staff (invitee id) or by the code on the letter. DV_ENOTFOUND (no such
 * code in this conference), DV_ECONFLICT (already checked in). */
int conf_checkin_staff(dv_db *db, const struct dv_user *actor, int64_t id, int64_t invitee_id);
int conf_checkin_code(dv_db *db, const struct dv_user *actor, int64_t id, const char *code, int64_t *invitee_out);
int conf_agenda_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *from, const char *to,
                    const char *title, const char *presenter);
int conf_presentation_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *author, int64_t unit_id,
                          const char *title, const char *mode, const char *file_name, const char *mime,
                          const void *file, size_t len);
/* The minutes (biên bản): the conference is then held. */
int conf_minutes_set(dv_db *db, const struct dv_user *actor, int64_t id, const char *minutes, const char *by);
/* A conclusion and its task of lead_unit (assigned by the organiser on the conference day). */
int conf_conclusion_add(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *text,
                        int64_t lead_unit_id, const char *deadline, int64_t *task_out);
/* Closes the conference (DV_ECONFLICT unless conf_can_close) and keeps the draft article
 * offered to the editors. */
int conf_close(dv_db *db, const struct dv_user *actor, int64_t id, const char *date, const char *art_title,
               const char *art_lead, const char *art_body, const char *art_author);
/* The article an editor made from the draft. */
int conf_article_set(dv_db *db, const struct dv_user *actor, int64_t id, int64_t article_id);
/* Numbers the invitation letters once (type GM) in the organiser's series; the number kept. */
int conf_invitation_number(dv_db *db, const struct dv_user *actor, int64_t id, const char *date, const char *series,
                           int64_t *number_out);
/* A photo of the conference (media_id: stored by the portal's media_save, which checks the
 * upload), with its caption and its description for screen readers (required); it goes into
 * the draft article. DV_ECONFLICT once an editor took the draft to the desk, or when this
 * image is already one of the conference's photos. */
int conf_photo_add(dv_db *db, const struct dv_user *actor, int64_t id, int64_t media_id, const char *caption,
                   const char *alt);
/* DV_ECONFLICT when the recipient already had this achievement awarded. */
int award_add(dv_db *db, dv_arena *a, const struct dv_user *actor, const struct award_input *in, int64_t *id_out);

/* ---- reads ---- */
int conf_get(dv_db *db, dv_arena *a, int64_t id, struct conference *out);
int conf_list(dv_db *db, dv_arena *a, struct conference **out, size_t *n);
int conf_bridges(dv_db *db, dv_arena *a, int64_t id, const char ***out, size_t *n);
int conf_invitees(dv_db *db, dv_arena *a, int64_t id, struct conf_invitee **out, size_t *n);
int conf_invitee_get(dv_db *db, dv_arena *a, int64_t id, int64_t invitee_id, struct conf_invitee *out);
int conf_agenda(dv_db *db, dv_arena *a, int64_t id, struct conf_agenda_item **out, size_t *n);
int conf_presentations(dv_db *db, dv_arena *a, int64_t id, struct conf_presentation **out, size_t *n);
int conf_presentation_file(dv_db *db, dv_arena *a, int64_t id, int64_t pid, const void **data, size_t *len);
int conf_conclusions(dv_db *db, dv_arena *a, int64_t id, struct conf_conclusion **out, size_t *n);
int conf_awards(dv_db *db, dv_arena *a, int64_t id, struct award **out, size_t *n);
int conf_photos(dv_db *db, dv_arena *a, int64_t id, struct conf_photo **out, size_t *n); /* in upload order */
/* One photo of conference id; DV_ENOTFOUND when it is not one of its photos. */
int conf_photo_get(dv_db *db, dv_arena *a, int64_t id, int64_t photo_id, struct conf_photo *out);

#endif
