/* report.h - one unit's report for one period of a regime: the store (reports, values,
 * narrative sections, attachments, history, lock exceptions) and the transitions
 * (save draft, submit, approve, return, unlock). Every write is one transaction with a
 * report_events row and an audit row. Validation of typed values is report_validate.h.
 *
 * Statuses: no row yet (nothing saved) → draft → submitted → approved, or
 * submitted → returned → (saved, still returned) → submitted again.
 * Field keys of the entry form (and the XLSX upload): "v_<indicator code>" for a plain
 * indicator, "v_<code>_<option code>" for one cell of a disaggregated one, "s_<position>"
 * for a narrative section.
 *
 * The web form (POST /reports/:regime/:period/:unit, entry_pages.c) takes _csrf, version
 * (0 before the first save), action=save|submit, optionally detach=<attachment id> and a
 * multipart "file", and the keys above; it answers 303 to the form (?ok=saved|submitted)
 * on success, 200 with the messages beside the fields on a validation error, and 409 on
 * a stale version or a locked/submitted report (the typed values come back). */
#ifndef DV_REPORT_H
#define DV_REPORT_H

#include "core/arena.h"
#include "db/db.h"
#include "core/principal.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the regime definition as entry needs it (read by report_def_load) ---- */

enum report_ind_type { RIT_INT, RIT_DECIMAL, RIT_PERCENT, RIT_BOOL, RIT_TEXT, RIT_DATE };

#define REPORT_TEXT_MAX 2000         /* code points of a text indicator */
#define REPORT_SECTION_MAX 50000     /* code points of a narrative section */
#define REPORT_ATTACH_MAX (10u << 20) /* bytes of one attachment */
#define REPORT_COMMENT_MAX 2000

struct report_def_option {
    int64_t id;
    const char *code;
    const char *name;
};

struct report_def_indicator {
    int64_t id;
    const char *code;
    const char *name;
    enum report_ind_type type;
    const char *type_code;        /* "int", "decimal", … as stored */
    const char *unit_of_measure;  /* may be NULL */
    int required;
    const struct report_def_option *options; /* disaggregation, in position order */
    size_t noptions;              /* 0 = not disaggregated */
    const char *prefill_source;   /* report/prefill.h key, NULL = typed by hand */
};

struct report_def_rule {
    const char *left_code;
    const char *op;               /* "<=", "<", "=", ">=", ">" */
    const char *right;            /* another indicator's code, or a number */
    const char *message;          /* shown as entered, beside the left field */
};

struct report_def_section {
    int position;
    const char *title;
    const char *guidance;
};

struct report_def {
    int64_t regime_id;
    const char *code;
    const char *name;
    const char *frequency;
    int64_t receiver_unit_id;
    int grace_days;
    const struct report_def_indicator *indicators; /* in position order */
    size_t nindicators;
    const struct report_def_section *sections;
    size_t nsections;
    const struct report_def_rule *rules;
    size_t nrules;
    int64_t version;              /* settings.regime_def_version it was read at; 0 = not known */
};

/* A regime's indicators (with their options), sections and rules, DV_ENOTFOUND. Served from
 * memory while settings.regime_def_version stays the same (report_def_cache.c); the
 * definition is shared and read-only, and stays valid until the arena is freed. */
int report_def_load(dv_db *db, dv_arena *a, int64_t regime_id, struct report_def *out);
/* The definition the cache holds for the regime, with no read of the store: DV_ENOTFOUND
 * when it holds none. It may be older than the store's (out->version says which it is):
 * a caller acting on it checks that version where it writes (report_save does). */
int report_def_cached(const char *store, dv_arena *a, int64_t regime_id, struct report_def *out);
/* The same read from the store every time, into the arena. */
int report_def_read(dv_db *db, dv_arena *a, int64_t regime_id, struct report_def *out);
/* The same from H1's loaded definition (report/regime.h: regime_load), no SQL. */
struct regime_def;
void report_def_from_regime(dv_arena *a, const struct regime_def *rd, struct report_def *out);
/* The indicator with this code, or NULL. */
const struct report_def_indicator *report_def_find(const struct report_def *d, const char *code);

/* ---- reports ---- */

enum report_status {
    REPORT_NONE = 0,  /* no row yet: nothing saved */
    REPORT_DRAFT,
    REPORT_SUBMITTED,
    REPORT_APPROVED,
    REPORT_RETURNED,
};
const char *report_status_code(enum report_status s);  /* "draft", … ("none") */
const char *report_status_label(enum report_status s); /* translated */
enum report_status report_status_parse(const char *code);

struct report {
    int64_t id;
    int64_t regime_id, period_id, unit_id;
    enum report_status status;
    const char *deadline;           /* ISO date */
    const char *first_submitted_at; /* ISO UTC, NULL before the first submission */
    const char *submitted_at;
    const char *reviewed_at;
    int64_t reviewed_by;
    const char *review_comment;     /* why it was returned, NULL otherwise */
    int version;
    const char *updated_at;
};

/* One value. option_id 0 = not disaggregated. Numbers (int, decimal, percent, bool 0/1,
 * date yyyymmdd) are in num with has_num set; text values in text. */
struct report_value {
    int64_t indicator_id;
    int64_t option_id;
    int has_num;
    double num;
    const char *text;
};

struct report_section_body {
    int position;
    const char *body;
};

struct report_attachment {
    int64_t id;
    int64_t report_id;
    const char *filename;
    const char *content_type;
    int64_t size;
    const char *sha256;
    const char *created_at;
    const void *data;     /* only from report_store_attachment_get */
};

struct report_event {
    int64_t id;
    const char *at;       /* ISO UTC */
    int64_t user_id;
    const char *user_name; /* full name, NULL when none */
    const char *action;   /* "saved", "submitted", "approved", "returned", "unlocked",
                             "attached", "detached" */
    const char *comment;
};

/* Reads. DV_ENOTFOUND when there is no such report. */
int report_store_get(dv_db *db, dv_arena *a, int64_t id, struct report *out);
int report_store_find(dv_db *db, dv_arena *a, int64_t regime_id, int64_t period_id, int64_t unit_id,
                      struct report *out);
int report_store_values(dv_db *db, dv_arena *a, int64_t report_id, struct report_value **out, size_t *n);
int report_store_sections(dv_db *db, dv_arena *a, int64_t report_id, struct report_section_body **out,
                          size_t *n);
int report_store_attachments(dv_db *db, dv_arena *a, int64_t report_id, struct report_attachment **out,
                             size_t *n);
/* One attachment with its bytes (data, size). DV_ENOTFOUND also when aid is not report_id's. */
int report_store_attachment_get(dv_db *db, dv_arena *a, int64_t report_id, int64_t aid,
                                struct report_attachment *out);
int report_store_events(dv_db *db, dv_arena *a, int64_t report_id, struct report_event **out, size_t *n);

/* ---- the period and the entry lock ---- */

struct report_period {
    int64_t id;
    int64_t regime_id;
    int year, seq;
    const char *label;
    const char *close_start, *close_end; /* ISO dates */
};
int report_period_get(dv_db *db, dv_arena *a, int64_t period_id, struct report_period *out);

struct report_lock {
    const char *deadline;        /* the unit's deadline (ISO), NULL when the period has none */
    const char *lock_from;       /* first locked day: deadline + grace + 1 (ISO), or NULL */
    const char *exception_until; /* a lock exception's last day, or NULL */
    int locked;                  /* entry is closed on `today` */
};
/* The unit's deadline for the period (period_deadlines: the unit's type, else '*'), and
 * whether entry is locked on today (ISO, Vietnam's date). */
int report_lock_state(dv_db *db, dv_arena *a, int64_t period_id, int64_t unit_id, int grace_days,
                      const char *today, struct report_lock *out);

/* Editable by the unit: no row, draft or returned (and not locked). */
int report_status_editable(enum report_status s);

/* ---- writes ---- */

struct report_prefill_row;

struct report_save_input {
    int64_t regime_id, period_id, unit_id;
    int version;       /* the version the form was read at; 0 = the form saw no row */
    const struct report_value *values; /* the whole set: values absent here are removed */
    size_t nvalues;
    const struct report_section_body *sections;
    size_t nsections;
    int submit;        /* 1: submit after saving */
    const char *today; /* ISO Vietnam date for the lock check; NULL = today */
    int64_t def_version; /* regime_def_version the values were checked against (report_def.version):
                          * the save is refused with DV_ESTALE if it has changed; 0 = not checked */
    int assign_checked;      /* 1: the unit was found assigned to the period (report_assigned.h) at */
    int64_t assign_version;  /* this settings.reporting_version: the group-commit writer refuses
                              * the save with DV_ESTALE if it has moved (report_commit.c) */
    /* Pre-filled indicators (report/prefill.h): with prefill_set the report's report_prefill
     * rows become prefills[] (the web form); without, the stored rows stay as they are. */
    int prefill_set;
    const struct report_prefill_row *prefills;
    size_t nprefills;
};

struct report_save_result {
    int64_t report_id;
    int version;       /* the new version */
    enum report_status status;
};

/* Creates the row on first save (INSERT … ON CONFLICT DO NOTHING: never a duplicate),
 * replaces values and sections, submits when asked. Returns DV_ECONFLICT when the stored
 * version differs from in->version (a stale form: nothing is written), DV_EDENIED when
 * entry is locked or the status is not editable (submitted, approved), DV_ENOTFOUND when
 * the period is not the regime's, DV_ESTALE when the regime's definition is no longer the
 * one of in->def_version. */
int report_save(dv_db *db, const struct dv_user *actor, const char *ip, const struct report_save_input *in,
                struct report_save_result *out);

/* The same without waiting, where the store has a writer connection of its own (the
 * server's: db_thread_writer): DV_OK when queued, and then on_done(arg, rc, result) is
 * called once, on another thread, when the save is durable or has failed; in, actor and ip
 * must stay valid until then. DV_EINVAL (nothing queued) without a writer connection. */
typedef void (*report_save_done_fn)(void *arg, int rc, const struct report_save_result *res);
int report_save_async(dv_db *db, const struct dv_user *actor, const char *ip, const struct report_save_input *in,
                      report_save_done_fn on_done, void *arg);

/* Saves run by the group commit since the start, and the batches they ran in. */
void report_commit_stats(unsigned long long *saves, unsigned long long *batches);

/* A submitted report: approve. DV_EDENIED unless submitted; DV_ECONFLICT when children
 * expected for the period are not approved yet: *blocking (arena, may be NULL) lists their
 * names, "A, B". */
int report_approve(dv_db *db, dv_arena *a, const struct dv_user *actor, const char *ip, int64_t id,
                   const char **blocking);
/* A submitted (or approved) report: return with a comment (required). */
int report_return(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id, const char *comment);

/* Lock exception: entry for (period, unit) stays open until `until` (ISO, inclusive). */
int report_unlock(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id, int64_t unit_id,
                  const char *until, const char *reason, int64_t report_id);

/* Attachments: the content type is decided from the bytes (PDF, DOCX, JPEG, PNG).
 * DV_EINVAL not an allowed type, DV_ETOOBIG over REPORT_ATTACH_MAX. */
const char *report_attachment_sniff(const void *data, size_t n); /* NULL = refused */
int report_attach(dv_db *db, const struct dv_user *actor, const char *ip, int64_t report_id,
                  const char *filename, const void *data, size_t n, int64_t *aid_out);
int report_detach(dv_db *db, const struct dv_user *actor, const char *ip, int64_t report_id, int64_t aid);

/* Reports waiting for review by receiver_root's subtree (regimes whose receiver unit is in
 * the subtree of scope; scope 0 = all): submitted, oldest first. */
struct report_review_row {
    int64_t report_id;
    int64_t regime_id, period_id, unit_id;
    const char *regime_name;
    const char *period_label;
    const char *unit_name;
    const char *submitted_at;
    const char *deadline;
    int late;             /* first submitted after the deadline */
    const char *period_end; /* the period's close_end, ISO: orders the period filter */
};
int report_store_review_list(dv_db *db, dv_arena *a, int64_t scope_unit_id, size_t limit,
                             struct report_review_row **out, size_t *n);

/* What is due: per open period of active regimes, for one unit. */
struct report_due_row {
    int64_t regime_id, period_id, unit_id;
    const char *regime_name;
    const char *period_label;
    const char *unit_name;
    const char *deadline;          /* ISO or NULL */
    enum report_status status;
    int64_t report_id;             /* 0 when no row */
};
/* Periods whose window has started by today (close_start <= today) and that are not
 * approved, or whose deadline is not older than 60 days, for each unit in units[]. */
int report_store_due(dv_db *db, dv_arena *a, const int64_t *units, size_t nunits, const char *today,
                     struct report_due_row **out, size_t *n);

#endif
