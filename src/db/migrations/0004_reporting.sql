-- 0004_reporting.sql - the reporting regime (chế độ báo cáo, after Decree 09/2019/NĐ-CP):
-- regimes, who reports, indicators with disaggregation and rules, periods with their data
-- closing windows and per-level deadlines, reports with values, narrative, attachments,
-- their history, lock exceptions and official document numbering.
-- Dates are ISO 'YYYY-MM-DD' (inclusive bounds for periods); timestamps ISO UTC.

CREATE TABLE regimes (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,            -- 'BC-QCDV-6T'
    name TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',     -- the content a report must cover
    frequency TEXT NOT NULL CHECK (frequency IN
        ('month','quarter','half','nine_months','year','thematic','adhoc')),
    receiver_unit_id INTEGER NOT NULL REFERENCES units(id), -- receives and approves
    grace_days INTEGER NOT NULL DEFAULT 0 CHECK (grace_days >= 0), -- entry stays open this long after a deadline
    doc_type TEXT NOT NULL DEFAULT 'BC',  -- document type code for numbering ('BC' = báo cáo)
    active_from TEXT NOT NULL,
    active_to TEXT,                       -- first day no longer in force; NULL = in force
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

-- Who reports: units one by one, every unit of a type under the receiver, or a subtree.
-- Resolved against the dated unit tree for each period.
CREATE TABLE regime_assignments (
    id INTEGER PRIMARY KEY,
    regime_id INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('unit','type','subtree')),
    unit_id INTEGER REFERENCES units(id),  -- 'unit': that unit; 'subtree': every unit under it
    unit_type TEXT,                        -- 'type': units of this type under the receiver
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    CHECK ((kind = 'type') = (unit_type IS NOT NULL)),
    CHECK ((kind = 'type') OR unit_id IS NOT NULL)
);
CREATE INDEX regime_assignments_regime ON regime_assignments(regime_id);

-- Send deadline per level: a level is a unit type ('commune', 'ward', 'department', …) or
-- '*' for every other type; days counted from the end of the data closing window. A
-- commune's deadline comes before the province's, which aggregates it.
CREATE TABLE regime_deadlines (
    regime_id INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    days_after_close INTEGER NOT NULL CHECK (days_after_close >= 0),
    PRIMARY KEY (regime_id, level)
);

-- The narrative outline: results, limitations and causes, lessons, directions …
CREATE TABLE regime_sections (
    regime_id INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    guidance TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (regime_id, position)
);

-- Disaggregation: a set of categories (by organisation, by field …).
CREATE TABLE category_sets (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE category_options (
    id INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES category_sets(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (set_id, code)
);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    regime_id INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    code TEXT NOT NULL,                   -- 'I01', used by rules and the XLSX form
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('int','decimal','percent','bool','text','date')),
    unit_of_measure TEXT,                 -- 'đơn vị', 'lượt người', '%'
    required INTEGER NOT NULL DEFAULT 0,
    category_set_id INTEGER REFERENCES category_sets(id), -- NULL = not disaggregated
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (regime_id, code)
);

-- Rules between values, checked on save and upload: left op right, where right is another
-- indicator's code or a number; e.g. I07 <= I06 "resolved cannot exceed received".
CREATE TABLE indicator_rules (
    id INTEGER PRIMARY KEY,
    regime_id INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    left_code TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('<=','<','=','>=','>')),
    right_operand TEXT NOT NULL,
    message TEXT NOT NULL                 -- shown beside the left field (Vietnamese, as entered)
);

-- One reporting period of a regime: its data closing window [close_start, close_end]
-- (by default the Vietnamese convention, e.g. a month runs 15th to 14th), editable.
CREATE TABLE periods (
    id INTEGER PRIMARY KEY,
    regime_id INTEGER NOT NULL REFERENCES regimes(id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,                 -- month 1–12, quarter 1–4, half 1, nine-months 1, year 1, thematic/adhoc n
    label TEXT NOT NULL,                  -- '6 tháng đầu năm 2025'
    close_start TEXT NOT NULL,
    close_end TEXT NOT NULL,
    CHECK (close_end >= close_start),
    UNIQUE (regime_id, year, seq)
);
CREATE INDEX periods_regime ON periods(regime_id, close_end);

-- The deadline of each level for one period, materialised from regime_deadlines and editable.
CREATE TABLE period_deadlines (
    period_id INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
    level TEXT NOT NULL,
    deadline TEXT NOT NULL,               -- last day to send (inclusive, Vietnam time)
    PRIMARY KEY (period_id, level)
);

-- One unit's report for one period. Unique per (regime, period, unit): a second tab or a
-- resubmit updates the same row (with version checks), never a duplicate.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    regime_id INTEGER NOT NULL REFERENCES regimes(id),
    period_id INTEGER NOT NULL REFERENCES periods(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted','approved','returned')),
    deadline TEXT NOT NULL,               -- this unit's deadline when the report was opened
    first_submitted_at TEXT,              -- timeliness is judged on the first submission
    submitted_at TEXT,                    -- the latest submission
    reviewed_at TEXT,
    reviewed_by INTEGER REFERENCES users(id),
    review_comment TEXT,                  -- why it was returned
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_by INTEGER REFERENCES users(id),
    doc_number INTEGER,                   -- official number, given at submission
    doc_series TEXT,                      -- the term or year the number belongs to
    UNIQUE (regime_id, period_id, unit_id)
);
CREATE INDEX reports_period ON reports(period_id, status);
CREATE INDEX reports_unit ON reports(unit_id, period_id);

CREATE TABLE report_values (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id),
    option_id INTEGER NOT NULL DEFAULT 0, -- category option, 0 = not disaggregated (or the total)
    num REAL,                             -- int, decimal, percent, bool (0/1), date (yyyymmdd)
    text TEXT,                            -- text values
    PRIMARY KEY (report_id, indicator_id, option_id)
) WITHOUT ROWID;
CREATE INDEX report_values_indicator ON report_values(indicator_id);

CREATE TABLE report_sections (
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (report_id, position)
);

CREATE TABLE report_attachments (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,           -- decided from the bytes: application/pdf, …docx, image/*
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX report_attachments_report ON report_attachments(report_id);

-- Every transition of a report: saved, submitted, approved, returned, reopened.
CREATE TABLE report_events (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    user_id INTEGER REFERENCES users(id),
    action TEXT NOT NULL,
    comment TEXT
);
CREATE INDEX report_events_report ON report_events(report_id);

-- The commission may reopen entry for one unit and period after the lock.
CREATE TABLE lock_exceptions (
    period_id INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    until TEXT NOT NULL,                  -- last day entry stays open (inclusive)
    reason TEXT NOT NULL,
    granted_by INTEGER REFERENCES users(id),
    granted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (period_id, unit_id)
);

-- Official document numbers: per issuer, document type and series (a Party term such as
-- '2020-2025' under 36-HD/VPTW, a calendar year under Decree 30/2020).
CREATE TABLE doc_counters (
    issuer_unit_id INTEGER NOT NULL REFERENCES units(id),
    doc_type TEXT NOT NULL,
    series TEXT NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (issuer_unit_id, doc_type, series)
);

-- Reminder digests sent, so a recipient gets one per day at most.
CREATE TABLE reminder_log (
    user_id INTEGER NOT NULL REFERENCES users(id),
    day TEXT NOT NULL,
    sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    items INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
);
