-- 0024_review.sql - inspection and supervision (kiểm tra, giám sát; src/review/, issue 14):
--  * inspection_plans / inspection_plan_items: a unit's annual plan (subject unit, content, the
--    period to inspect, the month planned);
--  * inspections: one inspection or supervision with its decision (numbered in the issuer's
--    series through doc_counters, like reports), the period covered, the legal length (a
--    setting per level, QĐ 331-QĐ/TW 2025) and the days it was extended by, its status;
--  * inspection_subjects, inspection_team (roles), inspection_findings (evidence files);
--  * inspection_recommendations: each one a task (tasks.source_kind 'inspection'), so an
--    inspection can be closed only once every recommendation's task is confirmed.
-- The legal maximum lengths are settings (integers, days), changed by admins:
--   review_max_days_province (45), review_max_days_upper (20: the level directly above the
--   grassroots); either may be extended once by at most one third (review.h).

CREATE TABLE inspection_plans (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),   -- the unit whose plan it is
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (unit_id, year)
);

CREATE TABLE inspection_plan_items (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('inspection','supervision')),
    subject_unit_id INTEGER NOT NULL REFERENCES units(id),
    content TEXT NOT NULL,
    period_from TEXT NOT NULL,                       -- ISO: the period to be inspected
    period_to TEXT NOT NULL,
    month_planned INTEGER NOT NULL CHECK (month_planned BETWEEN 1 AND 12)
);
CREATE INDEX inspection_plan_items_plan ON inspection_plan_items(plan_id, month_planned);

CREATE TABLE inspections (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),   -- the issuing (inspecting) unit
    plan_item_id INTEGER REFERENCES inspection_plan_items(id),
    kind TEXT NOT NULL CHECK (kind IN ('inspection','supervision')),
    level TEXT NOT NULL CHECK (level IN ('province','upper')),
    title TEXT NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned','decided','in_progress','draft','concluded','closed')),
    decision_number INTEGER,                         -- given on decision (doc_counters, type QĐ)
    decision_series TEXT,
    decision_date TEXT,
    started_on TEXT,                                 -- the team's work begins (the length counts from here)
    extension_days INTEGER NOT NULL DEFAULT 0,
    extension_reason TEXT NOT NULL DEFAULT '',
    ended_on TEXT,                                   -- the conclusion notice's date
    conclusion_number INTEGER,                       -- the notice (thông báo kết luận, type TB)
    conclusion_series TEXT,
    conclusion_text TEXT NOT NULL DEFAULT '',
    closed_on TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    CHECK (period_from <= period_to)
);
CREATE INDEX inspections_unit ON inspections(unit_id, status);
CREATE INDEX inspections_item ON inspections(plan_item_id) WHERE plan_item_id IS NOT NULL;

CREATE TABLE inspection_subjects (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (inspection_id, unit_id)
);

CREATE TABLE inspection_team (
    id INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('head','deputy','member','secretary')),
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inspection_team_insp ON inspection_team(inspection_id);

CREATE TABLE inspection_findings (
    id INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    file_name TEXT,
    file_mime TEXT,
    file BLOB,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX inspection_findings_insp ON inspection_findings(inspection_id);

CREATE TABLE inspection_recommendations (
    id INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    lead_unit_id INTEGER NOT NULL REFERENCES units(id),
    deadline TEXT NOT NULL,
    task_id INTEGER NOT NULL REFERENCES tasks(id)
);
CREATE INDEX inspection_recommendations_insp ON inspection_recommendations(inspection_id);

INSERT OR IGNORE INTO settings (key, value) VALUES ('review_max_days_province', '45');
INSERT OR IGNORE INTO settings (key, value) VALUES ('review_max_days_upper', '20');
