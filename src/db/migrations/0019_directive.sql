-- 0019_directive.sql - directives and the tasks they yield (src/directive/, issue 13):
--  * documents: the registry of documents that matter to the work (from above and each unit's
--    own), numbered as their issuer numbers them; a document's file is kept with the text
--    extracted from it, and a search table (the 'vi' tokenizer: diacritics folded, đ→d) covers
--    number, title, summary and that text;
--  * document_relations: concretizes / replaces / amends, read both ways;
--  * tasks: what a document (or an inspection, a conference, a dialogue: source_kind/source_id)
--    asks of a unit, cascaded down the tree through parent_id; deadline_original never changes,
--    deadline is the one in force today; done_on / confirmed_on mirror the confirmed
--    completion (written in the confirm's own transaction) so that boards read one row per task;
--  * task_deadline_changes: every change of a deadline, who approved it and why (dated);
--  * task_completions: a submission with its evidence, then its decision (confirmed / returned);
--  * task_explanations: a unit's explanation for an overdue task.
-- Status is never stored: src/directive/task_status.c computes it for any date from these.
-- settings.directive_version moves with every change a board depends on (the triggers below),
-- so the in-memory tallies of the follow-up board are never stale.

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    number INTEGER,                    -- 290, 1406; NULL when the document bears none
    symbol TEXT NOT NULL DEFAULT '',   -- 'QĐ/TW', 'KH/TU', 'CV-BDVTU'
    code TEXT NOT NULL,                -- as it is written: '290-QĐ/TW', '15/KH-UBND'
    series TEXT NOT NULL DEFAULT '',   -- numbering series: a Party term '2020-2025' or a year
    doc_type TEXT NOT NULL CHECK (doc_type IN ('NQ','QD','QDI','CT','KL','KH','HD','CV')),
                                       -- nghị quyết, quyết định, quy định, chỉ thị, kết luận,
                                       -- kế hoạch, hướng dẫn, công văn
    issuer_unit_id INTEGER REFERENCES units(id),  -- NULL: a body outside the tree (Bộ Chính trị)
    issuer_name TEXT NOT NULL DEFAULT '',         -- shown when issuer_unit_id is NULL
    signer TEXT NOT NULL DEFAULT '',              -- who signed
    signer_position TEXT NOT NULL DEFAULT '',     -- 'Tổng Bí thư', 'Phó Bí thư'
    title TEXT NOT NULL,                          -- trích yếu
    summary TEXT NOT NULL DEFAULT '',
    issued_on TEXT NOT NULL,                      -- ISO date
    effective_on TEXT,
    expired_on TEXT,                              -- first day no longer in force
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX documents_issuer ON documents(issuer_unit_id, issued_on);
CREATE INDEX documents_issued ON documents(issued_on);

-- The file of a document (PDF, DOCX, or text typed in) and its text for search.
CREATE TABLE document_files (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB,
    text TEXT NOT NULL DEFAULT '',      -- extracted (DOCX, PDF) or typed; '' = none
    text_source TEXT NOT NULL DEFAULT 'none' CHECK (text_source IN ('none','docx','pdf','typed')),
    uploaded_by INTEGER REFERENCES users(id),
    uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX document_files_doc ON document_files(document_id);

-- rowid = documents.id; rewritten by directive_store.c in each write of the document or its file.
CREATE VIRTUAL TABLE document_search USING fts5(
    code, title, summary, body,
    tokenize='vi', prefix='2 3 4'
);

CREATE TABLE document_relations (
    from_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, -- the newer document
    to_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,   -- the one it acts on
    kind TEXT NOT NULL CHECK (kind IN ('concretizes','replaces','amends')),
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (from_id, to_id, kind),
    CHECK (from_id <> to_id)
);
CREATE INDEX document_relations_to ON document_relations(to_id, kind);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    source_kind TEXT NOT NULL CHECK (source_kind IN ('document','inspection','conference','dialogue','other')),
    source_id INTEGER,                 -- documents.id for 'document'; the other area's id otherwise
    assigner_unit_id INTEGER NOT NULL REFERENCES units(id),  -- confirms or returns completions
    lead_unit_id INTEGER NOT NULL REFERENCES units(id),      -- chủ trì
    responsible_user_id INTEGER REFERENCES users(id),
    responsible_name TEXT NOT NULL DEFAULT '',
    product_kind TEXT NOT NULL DEFAULT 'activity'
        CHECK (product_kind IN ('document','session','report','activity')),
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low','normal','high','urgent')),
    assigned_on TEXT NOT NULL,         -- ISO date: the task exists from this day
    deadline_original TEXT NOT NULL,   -- never changed after creation
    deadline TEXT NOT NULL,            -- in force today (= the last approved change, or the original)
    parent_id INTEGER REFERENCES tasks(id),  -- cascaded from this task
    done_on TEXT,                      -- submission date of the confirmed completion
    confirmed_on TEXT,                 -- the day it was confirmed
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','submitted','returned','confirmed')),
                                       -- today's workflow state only; status as of a date is computed
    created_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tasks_source ON tasks(source_kind, source_id);
-- The board and the unit's list read tasks by lead unit with the fields status needs.
CREATE INDEX tasks_lead ON tasks(lead_unit_id, assigned_on, deadline, done_on, confirmed_on);
CREATE INDEX tasks_assigner ON tasks(assigner_unit_id, assigned_on);
CREATE INDEX tasks_parent ON tasks(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX tasks_responsible ON tasks(responsible_user_id) WHERE responsible_user_id IS NOT NULL;

CREATE TABLE task_coordinators (       -- phối hợp
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_coordinators_unit ON task_coordinators(unit_id);

CREATE TABLE task_deadline_changes (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    old_deadline TEXT NOT NULL,
    new_deadline TEXT NOT NULL,
    changed_on TEXT NOT NULL,          -- ISO date from which the new deadline is in force
    approved_by INTEGER REFERENCES users(id),
    approver_name TEXT NOT NULL DEFAULT '',  -- who approved (a person, or a token's name)
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX task_deadline_changes_task ON task_deadline_changes(task_id, changed_on);

CREATE TABLE task_completions (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    submitted_on TEXT NOT NULL,        -- ISO date: the day the unit says it was done
    submitted_by INTEGER REFERENCES users(id),
    submitter_name TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    evidence_document_id INTEGER REFERENCES documents(id),  -- the unit's concretizing document
    evidence_session_id INTEGER,       -- a dissemination session (table of 0022_dissemination.sql)
    evidence_file_name TEXT,
    evidence_file_mime TEXT,
    evidence_file BLOB,
    evidence_link TEXT,
    decision TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending','confirmed','returned')),
    decided_on TEXT,                   -- ISO date of the decision
    decided_by INTEGER REFERENCES users(id),
    decider_name TEXT NOT NULL DEFAULT '',
    decision_note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX task_completions_task ON task_completions(task_id, submitted_on);
CREATE INDEX task_completions_doc ON task_completions(evidence_document_id) WHERE evidence_document_id IS NOT NULL;
CREATE INDEX task_completions_returned ON task_completions(task_id) WHERE decision = 'returned';

CREATE TABLE task_explanations (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    explained_on TEXT NOT NULL,        -- ISO date
    reason TEXT NOT NULL,
    expected_on TEXT,                  -- when the unit expects to finish
    written_by INTEGER REFERENCES users(id),
    writer_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX task_explanations_task ON task_explanations(task_id, explained_on);

-- Escalation: an overdue task with no confirmed completion goes to the parent unit's staff
-- (and into their reminder digests) this many days after its deadline.
INSERT OR IGNORE INTO settings(key, value) VALUES ('directive_escalate_days', '15');
INSERT OR IGNORE INTO settings(key, value) VALUES ('directive_version', '0');

CREATE TRIGGER directive_v_tasks_ins AFTER INSERT ON tasks BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directive_version'; END;
CREATE TRIGGER directive_v_tasks_upd AFTER UPDATE ON tasks BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directive_version'; END;
CREATE TRIGGER directive_v_tasks_del AFTER DELETE ON tasks BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directive_version'; END;
CREATE TRIGGER directive_v_dl_ins AFTER INSERT ON task_deadline_changes BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directive_version'; END;
CREATE TRIGGER directive_v_cmp_ins AFTER INSERT ON task_completions BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directive_version'; END;
CREATE TRIGGER directive_v_cmp_upd AFTER UPDATE ON task_completions BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'directive_version'; END;
