-- 0020_inspector_role.sql - the inspector role (Quy chế 08-QC/TW: inspection commissions read
-- the tracking system): reads every task, document and session of its scope's subtree and
-- changes nothing. users is rebuilt to widen its CHECK, as 0002 did (foreign keys are off
-- during migrations).
CREATE TABLE users_new (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    position TEXT,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    scope_unit_id INTEGER NOT NULL REFERENCES units(id),
    role TEXT NOT NULL CHECK (role IN ('admin','staff','officer','editor','viewer','contributor','inspector')),
    password_hash TEXT NOT NULL,
    lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi','en')),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    password_changed_at TEXT
);
INSERT INTO users_new SELECT id, username, full_name, email, phone, position, unit_id,
    scope_unit_id, role, password_hash, lang, disabled, created_at, updated_at, password_changed_at
    FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE INDEX users_unit ON users(unit_id);
