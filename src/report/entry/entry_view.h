/* entry_view.h - what the entry templates (templates/report/entry_*.html) are given:
 * plain, already-translated strings prepared by the handlers in entry_pages.c. */
#ifndef DV_ENTRY_VIEW_H
#define DV_ENTRY_VIEW_H

#include "http/form_view.h"

#include <stddef.h>

/* GET /reports: one due (or recent) report. */
struct entry_due_row {
    const char *regime_name;
    const char *period_label;
    const char *unit_name;
    const char *href;         /* the form */
    const char *deadline;     /* dd/mm/yyyy or NULL */
    const char *when;         /* "5 days left", "3 days overdue", "due today" */
    int overdue;
    const char *status_label;
    const char *status_code;  /* css class suffix */
};

struct entry_due_view {
    struct entry_due_row *rows;
    size_t n;
    int truncated;
    const char *review_href;  /* NULL when the user reviews nothing */
    long long waiting;        /* reports waiting for the user's review */
};

/* One indicator of the form. */
struct entry_cell {
    struct field_view f;      /* label = the option's name */
};

struct entry_indicator {
    const char *code;
    const char *name;
    const char *uom;          /* unit of measure, may be NULL */
    const char *kind;         /* "number", "bool", "text", "date" */
    const char *shown;        /* read-only: the value as text */
    struct field_view f;      /* not disaggregated */
    struct entry_cell *cells; /* disaggregated: one per option */
    size_t ncells;
    const char *caption_id;   /* "cap-I03" */
    /* pre-filled from records (report/prefill.h; entry_prefill.c), else prefilled 0 */
    int prefilled;
    const char *prefill_value;      /* the computed value as text */
    const char *prefill_derivation; /* how it was counted */
    const char *prefill_when;       /* "as saved on …" for a stored row, NULL when live */
    const char *prefill_error;      /* the records could not be read */
    struct field_view note;         /* the officer's note when the value differs (editable) */
    const char *note_shown;         /* read-only: the note, NULL when the value was accepted */
};

struct entry_section {
    struct field_view f;      /* label = title, hint = guidance */
    const char *shown;        /* read-only body */
};

struct entry_attachment {
    const char *name;
    const char *href;
    const char *size;         /* "12 KB" */
    const char *delete_action; /* NULL when not editable */
    const char *detach_value;  /* the main form's detach=ID button, NULL when not editable */
};

struct entry_event {
    const char *at;           /* dd/mm/yyyy hh:mm (Vietnam time) */
    const char *who;
    const char *action;       /* translated */
    const char *comment;
};

/* A rule a draft breaks: kept, shown, refused only on submit. */
struct entry_warning {
    const char *name;         /* the field key: the link is #f-NAME */
    const char *label;
    const char *message;
};

struct entry_form_view {
    const char *action;       /* this URL */
    const char *regime_name, *period_label, *unit_name, *window;
    const char *deadline;     /* dd/mm/yyyy or NULL */
    const char *status_label, *status_code;
    const char *version;      /* hidden field */
    int editable;             /* inputs, or a read-only view */
    const char *lock_message; /* why it is read-only (locked, submitted, approved) */
    const char *review_comment; /* returned: why */
    const char *general_error;
    const char *notice;       /* e.g. the late warning */
    struct entry_warning *warnings; /* rules the draft breaks */
    size_t nwarnings;
    struct entry_indicator *inds;
    size_t ninds;
    struct entry_section *secs;
    size_t nsecs;
    struct entry_attachment *atts;
    size_t natts;
    struct field_view file;   /* the upload */
    const struct field_view **errors;
    size_t nerrors;
    const char *history_href; /* NULL before the first save */
    /* the commission: lock exception */
    const char *unlock_action;  /* NULL when the user may not grant one or it is not locked */
    struct field_view unlock_until, unlock_reason;
    /* the receiving unit: review */
    const char *approve_action, *return_action; /* NULL unless submitted and the user reviews */
    struct field_view comment;
    struct field_view confirm; /* the approval's required checkbox */
    /* documents and offline entry, for whoever may read the report */
    const char *pdf_href, *docx_href, *xlsx_href;
    const char *consolidated_pdf_href, *consolidated_docx_href; /* a receiving unit's own report */
};

struct entry_history_view {
    const char *regime_name, *period_label, *unit_name;
    const char *form_href;
    struct entry_event *events;
    size_t n;
};

struct entry_review_row {
    const char *regime_name, *period_label, *unit_name;
    const char *href;         /* the report */
    const char *submitted;    /* dd/mm/yyyy hh:mm */
    const char *deadline;     /* dd/mm/yyyy */
    int late;
};

/* One choice of a filter's select. */
struct entry_choice {
    const char *value, *label;
    int selected;
};

struct entry_review_view {
    struct entry_review_row *rows; /* this page */
    size_t n;
    size_t total;             /* matching the filter */
    size_t all;               /* waiting in the user's scope */
    struct entry_choice *regimes, *periods, *sorts;
    size_t nregimes, nperiods, nsorts;
    const char *q;            /* the unit filter as typed */
    int late;                 /* only late ones */
    int filtered;             /* any filter set */
    size_t first, last;       /* 1-based rows of this page */
    const char *prev_href, *next_href, *page_label;
    const char *dashboard_href;
    const char *caption;
};

#endif
