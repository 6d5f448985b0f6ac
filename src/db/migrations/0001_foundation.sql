-- 0001_foundation.sql - units with dated validity, users, sessions, throttling, audit, settings.
-- Dates are ISO 'YYYY-MM-DD'; validity is half-open: a unit exists on day D when
-- valid_from <= D and (valid_to IS NULL or D < valid_to). Timestamps are ISO UTC.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,              -- official code: national statistics code, or the body's own
    name TEXT NOT NULL,              -- NFC
    short_name TEXT,
    name_fold TEXT NOT NULL,         -- lower case, no diacritics, đ→d: for search
    type TEXT NOT NULL CHECK (type IN ('province','commune','ward','special_zone',
        'party_committee','party_board','party_commission','peoples_council','peoples_committee',
        'department','fatherland_front','sociopolitical_org','agency')),
    valid_from TEXT NOT NULL,
    valid_to TEXT,                   -- first day it no longer exists; NULL while open
    note TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX units_code_from ON units(code, valid_from);
CREATE UNIQUE INDEX units_open_code ON units(code) WHERE valid_to IS NULL;
CREATE INDEX units_fold ON units(name_fold);

CREATE TABLE unit_links (
    id INTEGER PRIMARY KEY,
    child_id INTEGER NOT NULL REFERENCES units(id),
    parent_id INTEGER NOT NULL REFERENCES units(id),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    CHECK (child_id <> parent_id),
    CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX unit_links_parent ON unit_links(parent_id, valid_to);
CREATE INDEX unit_links_child ON unit_links(child_id, valid_to);
CREATE UNIQUE INDEX unit_links_one_open_parent ON unit_links(child_id) WHERE valid_to IS NULL;

-- A merger or split: predecessor's work continues in successor from on_date.
CREATE TABLE unit_successions (
    predecessor_id INTEGER NOT NULL REFERENCES units(id),
    successor_id INTEGER NOT NULL REFERENCES units(id),
    on_date TEXT NOT NULL,
    PRIMARY KEY (predecessor_id, successor_id)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    position TEXT,                   -- chức vụ
    unit_id INTEGER NOT NULL REFERENCES units(id),        -- where the person works
    scope_unit_id INTEGER NOT NULL REFERENCES units(id),  -- root of the subtree they act on
    role TEXT NOT NULL CHECK (role IN ('admin','staff','officer','editor','viewer')),
    password_hash TEXT NOT NULL,     -- argon2id, libsodium's crypto_pwhash_str
    lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi','en')),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    password_changed_at TEXT
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,     -- hex BLAKE2b of the cookie token; the token is never stored
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,     -- unix seconds
    expires_at INTEGER NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins per account ('u:NAME') and per address ('a:IP') in a sliding window.
CREATE TABLE login_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start INTEGER NOT NULL,   -- unix seconds
    locked_until INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    user_id INTEGER REFERENCES users(id),
    actor TEXT NOT NULL,             -- username, or 'cli' / 'system'
    action TEXT NOT NULL,            -- create, update, close, login, login_failed, logout, password, disable, enable, import
    entity TEXT NOT NULL,            -- unit, user, session
    entity_id INTEGER,
    changes TEXT,                    -- JSON object {field: [old, new]}
    ip TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_user ON audit_log(user_id);
