/* session.h - dissemination sessions (hội nghị quán triệt): a session of a document held by
 * a unit, with its date, place and form (in person, or online with its bridge points),
 * expected and attending participants by group (Party members, cadres and civil servants,
 * others), the absentees with their reasons and the make-up session that covers them.
 * Every write is one transaction with its audit row (entity "dissem_session"). */
#ifndef DV_DIRECTIVE_SESSION_H
#define DV_DIRECTIVE_SESSION_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

#define DISSEM_TEXT_MAX 500
#define DISSEM_NOTE_MAX 4000
#define DISSEM_LIST_MAX 500   /* bridge points, absentees */

enum dissem_group { SG_PARTY, SG_CIVIL, SG_OTHER, SG_N };
extern const char *const dissem_group_codes[];   /* "party", "civil", "other", NULL */
const char *dissem_group_label(enum dissem_group g); /* translated */
extern const char *const dissem_form_codes[];    /* "in_person", "online", NULL */
const char *dissem_form_label(const char *code); /* translated */

struct dissem_count {
    int recorded;                /* the group was counted */
    long long expected, attended;
};

struct dissem_absentee {
    const char *full_name;
    const char *reason;          /* "" = not given */
};

struct dissem_session {
    int64_t id;
    int64_t unit_id;
    const char *unit_name;
    int64_t document_id;         /* 0 = named only */
    const char *document_title;
    const char *held_on;         /* ISO */
    const char *place;
    const char *form;            /* dissem_form_codes[] */
    int64_t makeup_of;           /* 0 = not a make-up session */
    const char *note;
    struct dissem_count groups[SG_N];
    long long expected, attended; /* over the recorded groups */
    /* dissem_session_get only: */
    const char **points;
    size_t npoints;
    struct dissem_absentee *absentees;
    size_t nabsentees;
    int64_t *makeups;            /* the sessions that make this one up */
    size_t nmakeups;
};

struct dissem_input {
    int64_t document_id;         /* 0 = none */
    const char *document_title;  /* required when document_id is 0; else the document's code and title */
    const char *held_on, *place, *form;
    int64_t makeup_of;           /* 0 = none; a session of the same unit */
    const char *note;
    struct dissem_count groups[SG_N];
    const char *const *points;   /* online: at least one */
    size_t npoints;
    const struct dissem_absentee *absentees;
    size_t nabsentees;
};

/* The rate as people read it: "35.599/35.900 = 99,16%" (vi) or "35,599/35,900 = 99.16%". */
const char *dissem_rate_text(dv_arena *a, long long attended, long long expected, const char *lang);
/* The rate in percent, two decimals rounded; 0 when nothing is expected. */
double dissem_rate(long long attended, long long expected);

/* DV_EINVAL (a field: attended > expected, online without a bridge point, a make-up of
 * another unit's session or of itself), DV_ENOTFOUND (no such unit or document). */
int dissem_session_create(dv_db *db, const struct dv_user *actor, const char *ip, int64_t unit_id,
                   const struct dissem_input *in, int64_t *id_out);
int dissem_session_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const struct dissem_input *in);
int dissem_session_get(dv_db *db, dv_arena *a, int64_t id, struct dissem_session *out); /* DV_ENOTFOUND */
/* A unit's sessions, or a document's, newest first (no points, absentees or make-ups). */
int dissem_session_list_unit(dv_db *db, dv_arena *a, int64_t unit_id, struct dissem_session **out, size_t *n);
int dissem_session_list_document(dv_db *db, dv_arena *a, int64_t document_id, struct dissem_session **out, size_t *n);

/* Sessions held in [from, to] by the units of root's subtree (links valid on to), oldest
 * first (no points, absentees or make-ups). */
int dissem_session_list_subtree(dv_db *db, dv_arena *a, int64_t root_id, const char *from, const char *to,
                         struct dissem_session **out, size_t *n);

/* Documents issued in [from, to] by the units of root's subtree that concretize another:
 * their codes ("15-KH/ĐU") in issue order. */
int dissem_concretizing_docs(dv_db *db, dv_arena *a, int64_t root_id, const char *from, const char *to,
                              const char ***codes, size_t *n);

/* The open tasks of a unit whose expected product is a session (a dissemination task) and
 * that have no pending or confirmed completion: id and title. */
struct dissem_task {
    int64_t id;
    const char *title;
    const char *deadline;        /* ISO */
    int64_t document_id;         /* the task's source document, 0 = another source */
};
int dissem_open_tasks(dv_db *db, dv_arena *a, int64_t unit_id, struct dissem_task **out, size_t *n);
/* Submits task_id (open or returned) as done on `on` with session_id as its evidence, in
 * one transaction with its audit row: a pending completion (task_completions of 0019) for
 * the assigning unit to decide. DV_ECONFLICT when the task is not open. */
int dissem_task_submit(dv_db *db, const struct dv_user *actor, const char *ip, int64_t task_id, int64_t session_id,
                       const char *on, const char *note);
/* The units that took over unit_id's work (unit_successions, transitively): ids. */
int dissem_unit_successors(dv_db *db, dv_arena *a, int64_t unit_id, int64_t **ids, size_t *n);
/* The document's code and title for people ("23-QĐ/TW: Quy định …"), DV_ENOTFOUND. */
int dissem_document_title(dv_db *db, dv_arena *a, int64_t document_id, const char **out, int64_t *issuer_unit_id);
/* Completions that name a session as their evidence: the task ids. */
int dissem_evidence_tasks(dv_db *db, dv_arena *a, int64_t session_id, int64_t **task_ids, const char ***titles,
                           size_t *n);

/* Documents of the registry a session may be of, newest first, at most limit. */
struct dissem_doc_choice {
    int64_t id;
    const char *label;           /* "23-QĐ/TW: Quy định về công tác dân vận …" */
};
int dissem_document_choices(dv_db *db, dv_arena *a, size_t limit, struct dissem_doc_choice **out, size_t *n);

/* The sessions' pre-fill sources (report/prefill.h): "directive.sessions",
 * "directive.participants", "directive.concretizing_docs". */
void dissem_prefill_register(void);

#endif
