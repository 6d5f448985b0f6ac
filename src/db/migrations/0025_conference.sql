-- 0025_conference.sql - review conferences (sơ kết, tổng kết; src/review/, issue 14):
--  * conferences: a review of a document over N years by a unit: the guidance sent to the
--    units (a document of the registry, 0019), the units' own review reports collected through
--    a thematic reporting regime and its period (the regime's set window), then the conference
--    itself (date, time, place, chair, online or not), its minutes (biên bản: required before
--    it closes) and the draft portal article it offers the editors when closed;
--  * conference_bridges: bridge points (điểm cầu) of an online conference;
--  * conference_invitees: units and persons invited, each with an attendance code printed on
--    the invitation letter (giấy mời) and the check-in (by the staff or by that code);
--  * conference_agenda, conference_presentations (tham luận: spoken or written, with a file);
--  * conference_conclusions: each one a task (tasks.source_kind 'conference');
--  * awards: commendations (khen thưởng) to collectives and individuals with the decision
--    number; the same achievement is never awarded twice to the same recipient (Law on
--    Emulation and Commendation 2022): unique on (recipient_key, achievement_key), both folded.

CREATE TABLE conferences (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),        -- the organising unit
    kind TEXT NOT NULL CHECK (kind IN ('interim','final')),  -- sơ kết / tổng kết
    title TEXT NOT NULL,
    subject_document_id INTEGER REFERENCES documents(id), -- the document reviewed (290-QĐ/TW)
    years INTEGER NOT NULL DEFAULT 5 CHECK (years BETWEEN 1 AND 50),
    guidance_document_id INTEGER REFERENCES documents(id),
    regime_id INTEGER REFERENCES regimes(id),             -- the thematic regime of the units' reports
    period_id INTEGER REFERENCES periods(id),
    held_on TEXT NOT NULL,                                -- ISO date
    starts_at TEXT NOT NULL DEFAULT '08:00',              -- HH:MM
    place TEXT NOT NULL,
    chair TEXT NOT NULL DEFAULT '',
    online INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0,1)),
    status TEXT NOT NULL DEFAULT 'preparing' CHECK (status IN ('preparing','held','closed')),
    minutes TEXT NOT NULL DEFAULT '',
    minutes_by TEXT NOT NULL DEFAULT '',
    closed_on TEXT,
    article_title TEXT,                                   -- the draft offered to the editors
    article_lead TEXT,
    article_body TEXT,
    article_author TEXT,
    article_id INTEGER REFERENCES articles(id),           -- once an editor took it to the desk
    invitation_number INTEGER,                            -- giấy mời: one number for the letters
    invitation_series TEXT,
    invitation_date TEXT,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX conferences_unit ON conferences(unit_id, held_on);

CREATE TABLE conference_bridges (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    place TEXT NOT NULL
);

CREATE TABLE conference_invitees (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    unit_id INTEGER REFERENCES units(id),                 -- a unit invited (its representative)
    person_name TEXT NOT NULL DEFAULT '',                 -- or a person
    position TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL UNIQUE,                            -- printed on the letter
    checked_in_at TEXT,
    checked_in_how TEXT CHECK (checked_in_how IN ('staff','code')),
    CHECK (unit_id IS NOT NULL OR person_name <> '')
);
CREATE INDEX conference_invitees_conf ON conference_invitees(conference_id);

CREATE TABLE conference_agenda (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,                              -- HH:MM
    ends_at TEXT NOT NULL,
    title TEXT NOT NULL,
    presenter TEXT NOT NULL DEFAULT '',
    CHECK (starts_at < ends_at)
);
CREATE INDEX conference_agenda_conf ON conference_agenda(conference_id, starts_at);

CREATE TABLE conference_presentations (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id),
    title TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('spoken','written')),
    file_name TEXT,
    file_mime TEXT,
    file BLOB
);
CREATE INDEX conference_presentations_conf ON conference_presentations(conference_id);

CREATE TABLE conference_conclusions (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    lead_unit_id INTEGER NOT NULL REFERENCES units(id),
    deadline TEXT NOT NULL,
    task_id INTEGER NOT NULL REFERENCES tasks(id)
);
CREATE INDEX conference_conclusions_conf ON conference_conclusions(conference_id);

CREATE TABLE awards (
    id INTEGER PRIMARY KEY,
    conference_id INTEGER REFERENCES conferences(id),
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('collective','individual')),
    unit_id INTEGER REFERENCES units(id),                 -- the collective, or the person's unit
    person_name TEXT NOT NULL DEFAULT '',
    recipient_key TEXT NOT NULL,                          -- 'u:ID' or 'p:folded name|unit'
    achievement TEXT NOT NULL,
    achievement_key TEXT NOT NULL,                        -- folded, spaces collapsed
    form TEXT NOT NULL DEFAULT '',                        -- 'Giấy khen', 'Bằng khen'
    decision_number TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    UNIQUE (recipient_key, achievement_key)
);
CREATE INDEX awards_conf ON awards(conference_id);
