/* directive.h - the documents registry (văn bản), their relations, and the work on tasks
 * (cascades, deadline changes, completions with evidence, decisions, overdue explanations).
 * task.h holds what other areas use (creating tasks, status as of a date).
 *
 * Writes: each in one transaction with its audit row; actor NULL = the command line / demo.
 * Errors: DV_EINVAL bad input, DV_ENOTFOUND no such record, DV_ECONFLICT a stale or
 * impossible state change (a decision on a completion already decided), DV_EDB the store.
 * Strings returned live in the arena passed in. Dates are ISO "YYYY-MM-DD". */
#ifndef DV_DIRECTIVE_H
#define DV_DIRECTIVE_H

#include "core/arena.h"
#include "db/db.h"
#include "directive/task.h"

#include <stddef.h>
#include <stdint.h>

struct dv_user;

/* ---- documents ---- */
struct document {
    int64_t id;
    int64_t number;              /* 0 = none */
    const char *symbol;          /* "QĐ/TW" */
    const char *code;            /* "290-QĐ/TW" */
    const char *series;
    const char *doc_type;        /* "NQ", "QD", "QDI", "CT", "KL", "KH", "HD", "CV" */
    int64_t issuer_unit_id;      /* 0 = outside the tree */
    const char *issuer;          /* the unit's name, or issuer_name */
    const char *issuer_name;
    const char *signer, *signer_position;
    const char *title, *summary;
    const char *issued_on, *effective_on, *expired_on; /* the last two may be NULL */
    int has_file;
    int64_t file_id;
    const char *file_name, *text_source;
    int version;
};

struct document_input {
    int64_t number;              /* 0 = none */
    const char *symbol, *code;   /* code "" = number-symbol */
    const char *doc_type;
    int64_t issuer_unit_id;
    const char *issuer_name;
    const char *signer, *signer_position;
    const char *title, *summary;
    const char *issued_on, *effective_on, *expired_on;
};

const char *document_type_label(const char *code);        /* translated; "" when unknown */
extern const char *const document_type_codes[];            /* NULL-terminated */
const char *document_relation_label(const char *kind, int forward); /* "concretizes" / "concretized by" */

int document_create(dv_db *db, const struct dv_user *actor, const struct document_input *in, int64_t *id_out);
int document_get(dv_db *db, dv_arena *a, int64_t id, struct document *out);
int document_exists(dv_db *db, int64_t id); /* 1 / 0 / <0 */
/* Attaches (replaces) the file with its searchable text (text_source "docx", "pdf", "typed", "none"). */
int document_file_set(dv_db *db, const struct dv_user *actor, int64_t doc_id, const char *name, const char *mime,
                      const void *data, size_t len, const char *text, const char *text_source);
/* The stored file: data in the arena. DV_ENOTFOUND when none. */
int document_file_get(dv_db *db, dv_arena *a, int64_t doc_id, const char **name, const char **mime,
                      const void **data, size_t *len);
/* The plain text of a DOCX (word/document.xml's runs, paragraphs on lines). DV_EINVAL when not one. */
int document_docx_text(dv_arena *a, const void *data, size_t len, const char **text);

struct document_filter {
    const char *query;           /* words, diacritics ignored, over code, title, summary and file text */
    const char *doc_type;        /* NULL = any */
    int64_t issuer_unit_id;      /* 0 = any */
    const char *from, *to;       /* issued_on range, NULL = open */
    int limit, offset;
};
int document_search(dv_db *db, dv_arena *a, const struct document_filter *f, struct document **out, size_t *n,
                    size_t *total);

struct document_link {
    const char *kind;            /* concretizes, replaces, amends */
    struct document doc;         /* the other document */
};
int document_relation_add(dv_db *db, const struct dv_user *actor, int64_t from_id, int64_t to_id, const char *kind);
/* Outgoing (this document acts on them: up) and incoming (they act on this one: down). */
int document_relations(dv_db *db, dv_arena *a, int64_t id, int outgoing, struct document_link **out, size_t *n);

/* ---- tasks ---- */
struct task {
    int64_t id;
    const char *title, *description, *source_kind;
    int64_t source_id;
    int64_t assigner_unit_id, lead_unit_id;
    const char *assigner_name, *lead_name;
    int64_t responsible_user_id;
    const char *responsible_name;
    const char *product_kind, *priority;
    const char *assigned_on, *deadline_original, *deadline;
    int64_t parent_id;
    const char *done_on, *confirmed_on, *state;
    int n_children, n_children_done;  /* cascades: progress derived from children */
};

struct task_filter {
    int64_t lead_unit_id;        /* 0 = any */
    int64_t lead_root_id;        /* lead unit inside this subtree (0 = any) */
    int64_t assigner_unit_id;    /* 0 = any */
    int64_t responsible_user_id; /* 0 = any */
    int64_t document_id;         /* source_kind document with this id (0 = any) */
    int64_t parent_id;           /* children of this task (0 = any) */
    int limit;                   /* 0 = 500 */
};
int task_get(dv_db *db, dv_arena *a, int64_t id, struct task *out);
int task_list(dv_db *db, dv_arena *a, const struct task_filter *f, struct task **out, size_t *n);
/* Escalated to root_id's staff: tasks not done (open or returned) whose lead unit is below
 * root_id today and whose deadline is on or before cutoff (today less the escalation days),
 * earliest deadline first, at most limit (0 = 500). */
int task_list_escalated(dv_db *db, dv_arena *a, int64_t root_id, const char *cutoff, int limit, struct task **out,
                        size_t *n);
int task_coordinators(dv_db *db, dv_arena *a, int64_t task_id, int64_t **ids, const char ***names, size_t *n);

struct task_deadline_change {
    const char *old_deadline, *new_deadline, *changed_on, *approver, *reason;
};
struct task_completion {
    int64_t id;
    const char *submitted_on, *submitter, *note;
    int64_t evidence_document_id, evidence_session_id;
    const char *evidence_document_code;
    const char *evidence_file_name, *evidence_link;
    const char *decision, *decided_on, *decider, *decision_note;
};
struct task_explanation {
    const char *explained_on, *reason, *expected_on, *writer;
};
int task_deadline_history(dv_db *db, dv_arena *a, int64_t task_id, struct task_deadline_change **out, size_t *n);
int task_completions(dv_db *db, dv_arena *a, int64_t task_id, struct task_completion **out, size_t *n);
int task_explanations(dv_db *db, dv_arena *a, int64_t task_id, struct task_explanation **out, size_t *n);

/* Assigns one task per unit (a document's tasks, or a cascade when parent_id is set). */
int task_assign_many(dv_db *db, const struct task_input *tmpl, const char *source_kind, int64_t source_id,
                     const int64_t *units, size_t n, int64_t *first_id);
/* New deadline from changed_on, approved by actor (approver_name: shown), with a reason. */
int task_deadline_change(dv_db *db, const struct dv_user *actor, int64_t task_id, const char *new_deadline,
                         const char *changed_on, const char *reason);
struct completion_input {
    const char *submitted_on;    /* NULL = today */
    const char *note;
    int64_t evidence_document_id, evidence_session_id;
    const char *file_name, *file_mime;
    const void *file; size_t file_len;
    const char *link;
};
int task_complete(dv_db *db, const struct dv_user *actor, int64_t task_id, const struct completion_input *in,
                  int64_t *completion_id);
/* confirm = 1 confirms, 0 returns the latest pending completion, on decided_on (NULL = today). */
int task_decide(dv_db *db, const struct dv_user *actor, int64_t task_id, int confirm, const char *note,
                const char *decided_on);
int task_explain(dv_db *db, const struct dv_user *actor, int64_t task_id, const char *reason,
                 const char *expected_on, const char *explained_on);
int task_evidence_file(dv_db *db, dv_arena *a, int64_t completion_id, int64_t *task_id, const char **name,
                       const char **mime, const void **data, size_t *len);

/* ---- the measure: days from a document to each unit's concretizing document ---- */
struct concretize_row {
    int64_t unit_id;
    const char *unit_name;
    int64_t doc_id;              /* 0 = never issued */
    const char *doc_code, *issued_on;
    long days;                   /* issued_on - the document's issued_on; -1 = never */
    const char *deadline;        /* of the unit's task asking for it, NULL when none */
};
/* For each unit given a 'document'-product task from doc_id: its concretizing document. */
int document_concretize_lag(dv_db *db, dv_arena *a, int64_t doc_id, struct concretize_row **out, size_t *n);

#endif
