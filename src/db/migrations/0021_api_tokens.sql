-- 0021_api_tokens.sql - API tokens, one per integration (a system that sends a unit's
-- figures: POST /api/dataValueSets). A token is scoped like an account: a unit and a role
-- (officer: enters that unit's reports; staff: that unit's subtree; viewer: reads only).
-- Only the SHA-256 of the secret is kept: the secret is shown once, when it is created.
-- Revoking keeps the row (who it was, when it was last used) and ends its use at once.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,       -- hex SHA-256 of the secret
    hint TEXT NOT NULL,                     -- the secret's last four characters, to recognise it
    unit_id INTEGER NOT NULL REFERENCES units(id),
    role TEXT NOT NULL CHECK (role IN ('officer', 'staff', 'viewer')),
    lang TEXT NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    last_used_at TEXT,
    revoked_at TEXT,
    revoked_by INTEGER REFERENCES users(id)
);
CREATE INDEX api_tokens_unit ON api_tokens(unit_id);
