/* regime.h - reporting regimes (chế độ báo cáo, after Decree 09/2019/NĐ-CP) and their
 * periods: the structs every part of the reporting area reads, the store (regime_store.c)
 * and the one-call loader of a whole definition (regime_load).
 *
 * Writes: each in one transaction with its audit row; actor NULL = the command line.
 * Errors: DV_EINVAL bad input, DV_ENOTFOUND no such record, DV_ECONFLICT a unique key
 * (a code taken, a period already there), DV_EDENIED a change refused because reported
 * values depend on what it would change, DV_EDB the store.
 * Strings returned live in the arena passed in. */
#ifndef DV_REGIME_H
#define DV_REGIME_H

#include "core/arena.h"
#include "db/db.h"
#include "report/period.h"

#include <stddef.h>
#include <stdint.h>

struct dv_user;

struct regime {
    int64_t id;
    const char *code;            /* 'BC-QCDV-6T' */
    const char *name;
    const char *content;         /* what a report must cover ("" = nothing said) */
    enum period_freq frequency;
    const char *frequency_code;  /* period_freq_code(frequency) */
    int64_t receiver_unit_id;    /* receives and approves */
    const char *receiver_name;   /* that unit's name (filled by reads) */
    int grace_days;              /* entry stays open this long after a deadline */
    const char *doc_type;        /* 'BC' */
    const char *issuer_body;     /* who issues a unit's report: "unit", "party", "state" (doc_model.h) */
    const char *number_on;       /* when a report is numbered: "submit" or "approve" */
    const char *active_from;     /* ISO */
    const char *active_to;       /* ISO or NULL: first day no longer in force */
};

/* Who reports. kind "unit": unit_id; "subtree": unit_id and every unit under it;
 * "type": every unit of unit_type under unit_id when given (e.g. the province, since the
 * receiving commission does not contain the communes), else under the receiver.
 * Dated, half-open. */
struct regime_assignment {
    int64_t id;
    int64_t regime_id;
    const char *kind;            /* "unit", "type", "subtree" */
    int64_t unit_id;             /* "type": the root searched, 0 = the receiver */
    const char *unit_name;       /* filled by reads, NULL when unit_id is 0 */
    const char *unit_type;       /* "type" only, else NULL */
    const char *valid_from;
    const char *valid_to;        /* NULL = open */
};

/* Days after close_end a level (a unit type, or "*" for any other type) must send by. */
struct regime_deadline {
    const char *level;
    int days_after_close;
};

struct regime_section {
    int position;                /* 1, 2, … */
    const char *title;
    const char *guidance;        /* "" = none */
};

struct category_option {
    int64_t id;
    const char *code;            /* unique in its set; the XLSX form and report_values use the id */
    const char *name;
    int position;                /* 1, 2, … (dense once moved or deleted) */
    int64_t set_id;
};

struct category_set {
    int64_t id;
    const char *code;
    const char *name;
    int64_t scope_unit_id;       /* staff whose scope contains this unit manage it; 0 = the root (admins) */
    struct category_option *options; /* by position */
    size_t n_options;
};

enum indicator_type { IND_INT, IND_DECIMAL, IND_PERCENT, IND_BOOL, IND_TEXT, IND_DATE };
/* "int","decimal","percent","bool","text","date", NULL-terminated (form choices). */
extern const char *const indicator_type_codes[];
const char *indicator_type_code(enum indicator_type t);
int indicator_type_parse(const char *code, enum indicator_type *out); /* 0 or DV_EINVAL */
const char *indicator_type_label(enum indicator_type t);              /* translated */

struct indicator {
    int64_t id;
    int64_t regime_id;
    const char *code;            /* 'I01': rules and the XLSX form use it */
    const char *name;
    enum indicator_type type;
    const char *type_code;
    const char *unit_of_measure; /* NULL = none */
    int required;
    int64_t category_set_id;     /* 0 = not disaggregated */
    const struct category_set *cats; /* regime_load only: into regime_def.category_sets, else NULL */
    int position;
    const char *prefill_source;  /* report/prefill.h key: pre-filled from records; NULL = typed */
};

/* left op right: left is an indicator code, right another code or a number. */
struct indicator_rule {
    int64_t id;
    int64_t regime_id;
    const char *left_code;
    const char *op;              /* "<=", "<", "=", ">=", ">" */
    const char *right_operand;
    const char *message;         /* shown beside the left field */
};
extern const char *const indicator_rule_ops[]; /* NULL-terminated */

/* Everything a form needs, in one call. Arrays ordered: assignments by id, deadlines by
 * level ("*" last), sections and indicators by position (then id), rules by id; category
 * sets are those the indicators use, by id. */
struct regime_def {
    struct regime regime;
    struct regime_assignment *assignments; size_t n_assignments;
    struct regime_deadline *deadlines;     size_t n_deadlines;
    struct regime_section *sections;       size_t n_sections;
    struct indicator *indicators;          size_t n_indicators;
    struct category_set *category_sets;    size_t n_category_sets;
    struct indicator_rule *rules;          size_t n_rules;
};
int regime_load(dv_db *db, dv_arena *a, int64_t regime_id, struct regime_def *out);
/* Lookups inside a loaded definition: NULL when absent. */
const struct indicator *regime_def_indicator(const struct regime_def *d, const char *code);
/* The days for a unit type: the type's own row, else "*"; -1 when neither exists. */
int regime_def_deadline_days(const struct regime_def *d, const char *unit_type);

/* ---- regimes ---- */
struct regime_input {
    const char *code;
    const char *name;
    const char *content;         /* NULL = "" */
    const char *frequency;       /* a period_freq_codes[] code */
    int64_t receiver_unit_id;
    int grace_days;
    const char *doc_type;        /* NULL or "" = "BC" */
    const char *issuer_body;     /* NULL or "" = "unit" */
    const char *number_on;       /* NULL or "" = "submit" */
    const char *active_from;
    const char *active_to;       /* NULL or "" = open */
};
int regime_store_list(dv_db *db, dv_arena *a, struct regime **out, size_t *n); /* by code */
/* Regimes whose receiver is inside root's subtree today (root 0 = all), by code. */
int regime_store_list_under(dv_db *db, dv_arena *a, int64_t root_id, struct regime **out, size_t *n);
int regime_store_get(dv_db *db, dv_arena *a, int64_t id, struct regime *out);
int regime_store_find_code(dv_db *db, const char *code, int64_t *id_out); /* DV_ENOTFOUND */
int regime_create(dv_db *db, const struct dv_user *actor, const char *ip, const struct regime_input *in,
                  int64_t *id_out);
int regime_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t id,
                  const struct regime_input *in);

/* ---- who reports ---- */
struct assignment_input {
    const char *kind;            /* "unit", "type", "subtree" */
    int64_t unit_id;             /* unit/subtree; type: the root searched (0 = the receiver) */
    const char *unit_type;       /* type */
    const char *valid_from;
    const char *valid_to;        /* NULL or "" = open */
};
int regime_assignment_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                          const struct assignment_input *in, int64_t *id_out);
/* Ends an assignment: valid_to = on_date (must be after valid_from). */
int regime_assignment_end(dv_db *db, const struct dv_user *actor, const char *ip, int64_t assignment_id,
                          const char *on_date);
int regime_assignment_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t assignment_id);
int regime_assignment_get(dv_db *db, dv_arena *a, int64_t assignment_id, struct regime_assignment *out);

/* ---- per-level deadlines (regime template; periods copy them at generation) ---- */
int regime_deadline_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                        const char *level, int days_after_close); /* insert or replace */
int regime_deadline_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                           const char *level);

/* ---- narrative sections ---- */
int regime_section_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                       int position, const char *title, const char *guidance); /* insert or replace */
int regime_section_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                          int position);

/* ---- category sets (category_set_store.c) ---- */
int category_set_list(dv_db *db, dv_arena *a, struct category_set **out, size_t *n); /* by code, with options */
int category_set_get(dv_db *db, dv_arena *a, int64_t id, struct category_set *out);   /* with options */
int category_set_options_load(dv_db *db, dv_arena *a, struct category_set *s);       /* s->options by position */
int category_set_find_code(dv_db *db, const char *code, int64_t *id_out); /* DV_ENOTFOUND */
int category_option_get(dv_db *db, dv_arena *a, int64_t option_id, struct category_option *out);
/* *yes = 1 when some report holds a value for the option. */
int category_option_in_use(dv_db *db, int64_t option_id, int *yes);
/* Codes as for regimes (letters, digits, "-", "_", "."), unique (DV_ECONFLICT); names required. */
int category_set_create(dv_db *db, const struct dv_user *actor, const char *ip, const char *code,
                        const char *name, int64_t *id_out); /* in the root scope */
int category_set_create_in(dv_db *db, const struct dv_user *actor, const char *ip, int64_t scope_unit_id,
                           const char *code, const char *name, int64_t *id_out);
int category_set_rename(dv_db *db, const struct dv_user *actor, const char *ip, int64_t set_id, const char *name);
/* Indicators (of any regime) that disaggregate by the set. */
int category_set_users(dv_db *db, int64_t set_id, int64_t *n);
/* Deletes the set with its categories: DV_EDENIED while an indicator uses it, DV_ENOTFOUND. */
int category_set_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t set_id);
/* position 0 = after the last. */
int category_option_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t set_id,
                        const char *code, const char *name, int position, int64_t *id_out);
/* DV_EDENIED when the code would change while a report holds values for the option. */
int category_option_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t option_id,
                           const char *code, const char *name);
/* DV_EDENIED when a report holds values for the option; the others close the gap. */
int category_option_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t option_id);
/* One place up (dir < 0) or down (dir > 0); the set's positions become 1..n. DV_EINVAL at an end. */
int category_option_move(dv_db *db, const struct dv_user *actor, const char *ip, int64_t option_id, int dir);

/* ---- indicators ---- */
struct indicator_input {
    const char *code;
    const char *name;
    const char *type;            /* indicator_type_codes[] */
    const char *unit_of_measure; /* NULL or "" = none */
    int required;
    int64_t category_set_id;     /* 0 = none */
    int position;                /* 0 = after the last */
    const char *prefill_source;  /* a registered report/prefill.h key; NULL or "" = none */
};
int indicator_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                  const struct indicator_input *in, int64_t *id_out);
int indicator_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t indicator_id,
                     const struct indicator_input *in);
/* DV_ECONFLICT when values were reported for it; the others close the gap in positions. */
int indicator_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t indicator_id);
/* One place up (dir < 0) or down (dir > 0) in the regime; its positions become 1..n, each
 * change audited. DV_EINVAL at an end. */
int indicator_move(dv_db *db, const struct dv_user *actor, const char *ip, int64_t indicator_id, int dir);
int indicator_get(dv_db *db, dv_arena *a, int64_t indicator_id, struct indicator *out);

/* ---- rules ---- */
struct rule_input {
    const char *left_code;       /* an indicator code of the regime */
    const char *op;
    const char *right_operand;   /* an indicator code of the regime or a number */
    const char *message;
};
int indicator_rule_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                       const struct rule_input *in, int64_t *id_out);
int indicator_rule_delete(dv_db *db, const struct dv_user *actor, const char *ip, int64_t rule_id);
/* Checks a rule against the regime's indicators without writing: 0 or DV_EINVAL with
 * *which = "left_code", "op" or "right_operand". */
int indicator_rule_check(const struct regime_def *d, const struct rule_input *in, const char **which);

/* ---- periods ---- */
struct period {
    int64_t id;
    int64_t regime_id;
    int year;
    int seq;
    const char *label;           /* stored, Vietnamese */
    const char *close_start;     /* ISO, inclusive */
    const char *close_end;       /* ISO, inclusive */
};
struct period_deadline {
    const char *level;           /* unit type or "*" */
    char deadline[11];           /* ISO, last day to send (inclusive, Vietnam time) */
};

/* Creates the periods of years from_year..to_year (default windows, Vietnamese labels)
 * and their period_deadlines (close_end + days for every level of regime_deadlines).
 * Idempotent: existing periods are left as they are (their windows may have been
 * edited), missing deadline levels are added. *created = periods created (may be NULL).
 * DV_EINVAL for thematic/adhoc regimes or a range outside 1900..9998 or over 50 years. */
int period_generate(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id,
                    int from_year, int to_year, int *created);
/* A thematic or adhoc period with a set window; seq = next for that year. */
int period_add(dv_db *db, const struct dv_user *actor, const char *ip, int64_t regime_id, int year,
               const char *label, const char *close_start, const char *close_end, int64_t *id_out);
/* Changes the window (and label when non-NULL/non-empty); deadlines are not moved. */
int period_update_window(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id,
                         const char *close_start, const char *close_end, const char *label);
/* Sets (insert or replace) one level's deadline; must not be before close_end. */
int period_deadline_set(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id,
                        const char *level, const char *deadline);

/* The window, label and several levels' deadlines at once, in one transaction (the period
 * edit form). Deadlines must not be before close_end. */
int period_update(dv_db *db, const struct dv_user *actor, const char *ip, int64_t period_id,
                  const char *close_start, const char *close_end, const char *label,
                  const struct period_deadline *deadlines, size_t n);

int period_store_get(dv_db *db, dv_arena *a, int64_t period_id, struct period *out);
/* A regime's periods by close_end (ascending). */
int period_store_list(dv_db *db, dv_arena *a, int64_t regime_id, struct period **out, size_t *n);
int period_store_find(dv_db *db, int64_t regime_id, int year, int seq, int64_t *id_out); /* DV_ENOTFOUND */
/* The regime's "current" period on date: the first whose close_end >= date, else the last
 * one; DV_ENOTFOUND when it has none. */
int period_store_current(dv_db *db, int64_t regime_id, const char *date, int64_t *id_out);
int period_deadlines_get(dv_db *db, dv_arena *a, int64_t period_id, struct period_deadline **out,
                         size_t *n); /* by level, "*" last */
/* One unit type's deadline in a period: the type's row, else "*". DV_ENOTFOUND when neither. */
int period_deadline_for(dv_db *db, int64_t period_id, const char *unit_type, char out[11]);

/* ---- demo ---- */
/* The demo regimes "Báo cáo 6 tháng và năm về thực hiện Quy chế công tác dân vận":
 * BC-QCDV-6T (half) and BC-QCDV-NAM (year), received by commission_id, assigned to every
 * commune, ward and special zone of province_id (type rules) and to the provincial bodies
 * (unit rules), with deadlines, sections, 14 indicators (one disaggregated by "Khối"),
 * rules, and periods for 2024–2026; and the monthly BC-DV-THANG ("Báo cáo tháng về công tác
 * dân vận": same assignments, 8 indicators, deadlines 3/5 days, grace 2, periods 2025–2026).
 * Idempotent: an existing code is left alone. */
int regime_demo_load(dv_db *db, int64_t province_id, int64_t commission_id);

#endif
