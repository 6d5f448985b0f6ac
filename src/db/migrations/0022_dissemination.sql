-- 0022_dissemination.sql - the records of dissemination and cadres (src/directive/
-- session_*, cadre_*): the cadre each unit assigns to mass-mobilization work (cán bộ phụ
-- trách công tác dân vận) with dated history, and the dissemination sessions (quán triệt)
-- of a document held by a unit, with attendance by group, bridge points of an online
-- session, absentees with their reasons and the make-up session that covers them.
-- Dates are ISO 'YYYY-MM-DD'; both ends of an assignment are inclusive.

CREATE TABLE cadre_assignments (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    full_name TEXT NOT NULL,
    position TEXT,                        -- chức vụ: 'Phó Bí thư Đảng ủy'
    phone TEXT,
    decision_number TEXT,                 -- the assignment decision: '125-QĐ/ĐU'
    decision_date TEXT,
    valid_from TEXT NOT NULL,             -- first day assigned
    valid_until TEXT,                     -- last day assigned; NULL = still assigned
    note TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX cadre_assignments_unit ON cadre_assignments(unit_id, valid_from);

CREATE TABLE dissem_sessions (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id), -- the unit that held it
    document_id INTEGER REFERENCES documents(id), -- the registry's document (0019), NULL = named only
    document_title TEXT NOT NULL,         -- what was disseminated, as people read it: '23-QĐ/TW ngày 30/7/2021 …'
    held_on TEXT NOT NULL,
    place TEXT NOT NULL,
    form TEXT NOT NULL CHECK (form IN ('in_person', 'online')),
    makeup_of INTEGER REFERENCES dissem_sessions(id), -- this is the make-up session of that one
    note TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    CHECK (makeup_of IS NULL OR makeup_of <> id)
);
CREATE INDEX dissem_sessions_unit ON dissem_sessions(unit_id, held_on);
CREATE INDEX dissem_sessions_document ON dissem_sessions(document_id, held_on);

-- Expected and attending participants per group: Party members, cadres and civil
-- servants, others. A group not recorded has no row.
CREATE TABLE dissem_attendance (
    session_id INTEGER NOT NULL REFERENCES dissem_sessions(id) ON DELETE CASCADE,
    grp TEXT NOT NULL CHECK (grp IN ('party', 'civil', 'other')),
    expected INTEGER NOT NULL CHECK (expected >= 0),
    attended INTEGER NOT NULL CHECK (attended >= 0 AND attended <= expected),
    PRIMARY KEY (session_id, grp)
) WITHOUT ROWID;

-- The bridge points (điểm cầu) of an online session, in the order given.
CREATE TABLE dissem_points (
    session_id INTEGER NOT NULL REFERENCES dissem_sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
) WITHOUT ROWID;

CREATE TABLE dissem_absentees (
    session_id INTEGER NOT NULL REFERENCES dissem_sessions(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    full_name TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, position)
) WITHOUT ROWID;
