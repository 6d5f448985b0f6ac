-- 0026_summary.sql - the N-year summary report (báo cáo tổng kết; src/review/, issue 14):
-- drafted from the data (tables per year computed at render time from the other areas'
-- records, never copied), with an editable narrative in the official outline kept as
-- numbered versions compared side by side, and numbered (type BC, the issuer's series) on issue.

CREATE TABLE summary_reports (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),        -- the issuer
    conference_id INTEGER REFERENCES conferences(id),
    subject_document_id INTEGER REFERENCES documents(id), -- the document reviewed (290-QĐ/TW)
    regime_id INTEGER REFERENCES regimes(id),             -- the regime whose completeness is shown
    title TEXT NOT NULL,
    from_year INTEGER NOT NULL,
    to_year INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','issued')),
    number INTEGER,
    series TEXT,
    issued_on TEXT,
    issued_version INTEGER,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    CHECK (from_year <= to_year AND to_year - from_year < 50)
);

-- The narrative in the outline of a summary report: situation, results by part of the
-- political system, limitations and causes, lessons, directions, recommendations.
CREATE TABLE summary_versions (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES summary_reports(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    situation TEXT NOT NULL DEFAULT '',
    results TEXT NOT NULL DEFAULT '',
    limitations TEXT NOT NULL DEFAULT '',
    lessons TEXT NOT NULL DEFAULT '',
    directions TEXT NOT NULL DEFAULT '',
    recommendations TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (report_id, version)
);
