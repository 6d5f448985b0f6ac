/* summary.h - the N-year summary report (báo cáo tổng kết N năm) of a unit on a document:
 * its data (per year: documents and the lateness of the concretizing documents, reporting
 * completeness and timeliness, inspections and recommendations, dissemination sessions and
 * their participation, cadres assigned, petitions, dialogues and Dân vận khéo models),
 * appendices per unit, the rates over the years, and the narrative in the official outline
 * kept as versions. */
#ifndef DV_SUMMARY_H
#define DV_SUMMARY_H

#include "core/arena.h"
#include "core/principal.h"
#include "db/db.h"

#include <stddef.h>
#include <stdint.h>

#define SUMMARY_PARTS 6
/* The outline's parts, in order: column names and Vietnamese headings. */
extern const char *const summary_part_codes[SUMMARY_PARTS];   /* "situation" … "recommendations" */
extern const char *const summary_part_titles[SUMMARY_PARTS];  /* "I. TÌNH HÌNH …" (Vietnamese) */

struct summary {
    int64_t id, unit_id, conference_id, subject_document_id, regime_id;
    const char *unit_name, *title, *status, *series, *issued_on;
    int from_year, to_year, issued_version;
    int64_t number;
};
struct summary_version {
    int64_t id;
    int version;
    const char *parts[SUMMARY_PARTS];
    const char *note, *created_at, *author;
};
struct summary_input {
    int64_t unit_id, conference_id, subject_document_id, regime_id;
    const char *title;
    int from_year, to_year;
};

/* The data of one year. A negative count = not available. */
struct summary_year {
    int year;
    long documents;              /* registered documents issued by units in the scope */
    long concretized, concretize_days_sum, not_concretized; /* concretizing documents of the subject, issued that year */
    long expected, received, on_time; /* the regime's reports of that year's periods */
    long inspections, concluded, recommendations, recommendations_done;
    long sessions, attended, invited;  /* dissemination sessions held that year, their participants */
    long units, units_with_cadre;     /* units of the scope on 31/12, those with an assigned cadre */
    long petitions, petitions_resolved, dialogues, models, models_effective;
};
struct summary_unit_row {        /* an appendix line: one unit over the whole span */
    int64_t unit_id;
    const char *name;
    long expected, received, on_time, inspected, concretize_days; /* concretize_days -1 = none */
    long sessions, attended, invited; /* in the unit's subtree over the span */
    int has_cadre;               /* an assigned cadre on the span's last day */
    long petitions, petitions_resolved, dialogues, models;
};
struct summary_data {
    struct summary_year *years;
    size_t nyears;
    struct summary_unit_row *units;
    size_t nunits;
};

/* The rates the chart draws year by year (the page's SVG and the documents' chart alike). */
enum summary_rate_kind { SR_RECEIVED, SR_ON_TIME, SR_RECOMMENDATIONS, SR_PARTICIPATION, SR_CADRES, SR_N };
extern const unsigned summary_rate_rgb[SR_N];        /* 0xRRGGBB */
extern const char *const summary_rate_labels[SR_N];  /* N_() msgids, English */
extern const char *const summary_rate_labels_vi[SR_N]; /* the documents' (always Vietnamese) */
/* The rate of year y in percent, negative when it has no base (no report due, no session …). */
double summary_rate(const struct summary_year *y, enum summary_rate_kind k);

int summary_create(dv_db *db, const struct dv_user *actor, const struct summary_input *in, int64_t *id_out);
/* A new version of the narrative (the next number); DV_ECONFLICT once issued. */
int summary_version_add(dv_db *db, const struct dv_user *actor, int64_t id, const char *const parts[SUMMARY_PARTS],
                        const char *note, int *version_out);
/* Numbers it (type BC) on date in series and freezes the latest version. */
int summary_issue(dv_db *db, dv_arena *a, const struct dv_user *actor, int64_t id, const char *date, const char *series,
                  int64_t *number_out);
int summary_get(dv_db *db, dv_arena *a, int64_t id, struct summary *out);
int summary_list(dv_db *db, dv_arena *a, struct summary **out, size_t *n);
int summary_versions(dv_db *db, dv_arena *a, int64_t id, struct summary_version **out, size_t *n); /* newest first */
int summary_version_get(dv_db *db, dv_arena *a, int64_t id, int version, struct summary_version *out);
/* Inspections of the span by year of decision, issued by units in root's subtree (0: all). */
int summary_inspection_years(dv_db *db, int64_t root_id, struct summary_year *years, size_t n);
/* Inspections per subject unit over the span. */
int summary_inspected_count(dv_db *db, int64_t unit_id, int from_year, int to_year, long *n);

/* Computes the data from the records of the areas (directive: documents, sessions, cadres;
 * report: completeness; citizen: petitions, dialogues, models; this area: inspections),
 * each through its public functions. */
int summary_data_load(dv_db *db, dv_arena *a, const struct summary *s, int64_t root_id, struct summary_data *out);

#endif
