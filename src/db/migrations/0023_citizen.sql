-- 0023_citizen.sql - citizens (src/citizen/): petitions and feedback (kiến nghị, phản ánh)
-- with a public tracking code, the working-day calendar their deadlines are counted in,
-- leaders' dialogues with citizens (đối thoại), Party secretaries' reception days (tiếp
-- công dân) and the Dân vận khéo models and exemplars with their photos.

-- The operator's calendar: days off on weekdays (public holidays, Tết) and working
-- Saturdays/Sundays (a swap the Government decides). Weekends are off unless listed here.
CREATE TABLE work_calendar (
    day TEXT PRIMARY KEY,                       -- ISO date
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL
);

-- Petition categories, each with its answer deadline in working days.
CREATE TABLE petition_categories (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,                  -- Open311 service_code
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    answer_days INTEGER NOT NULL CHECK (answer_days BETWEEN 1 AND 90),
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE petitions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,                  -- public tracking code, no ambiguous letters
    status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'classified', 'assigned',
        'in_progress', 'drafted', 'approved', 'published', 'transferred', 'duplicate', 'refused')),
    category_id INTEGER NOT NULL REFERENCES petition_categories(id),
    commune_id INTEGER NOT NULL REFERENCES units(id),   -- the commune it concerns
    assigned_unit_id INTEGER REFERENCES units(id),      -- the unit answering it
    content TEXT NOT NULL,
    summary TEXT,                               -- the public summary staff write (no identity)
    name TEXT,                                  -- NULL when anonymous
    email TEXT,
    phone TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0,
    ip TEXT NOT NULL DEFAULT '',
    contact_key TEXT,                           -- folded e-mail or digits of the phone
    content_hash TEXT NOT NULL,                 -- duplicate detection
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    received_day TEXT NOT NULL,                 -- Vietnam date
    notice_due TEXT NOT NULL,                   -- 10 working days (Quy định 11-QĐi/TW)
    transfer_due TEXT NOT NULL,                 -- 5 working days (Nghị định 20/2008)
    answer_due TEXT NOT NULL,                   -- the category's answer_days
    noticed_on TEXT,                            -- notice of receipt given (classified)
    closed_on TEXT,                             -- published, transferred, duplicate or refused
    duplicate_of INTEGER REFERENCES petitions(id),
    transferred_to TEXT,                        -- the competent body
    refusal_reason TEXT,
    answer TEXT,
    drafted_by INTEGER REFERENCES users(id),
    approved_by INTEGER REFERENCES users(id),
    published_at TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX petitions_ip ON petitions(ip, received_at);
CREATE INDEX petitions_contact ON petitions(contact_key, received_at);
CREATE INDEX petitions_hash ON petitions(content_hash);
CREATE INDEX petitions_commune ON petitions(commune_id, received_day);
CREATE INDEX petitions_assigned ON petitions(assigned_unit_id);

-- Every change of state, with what the public may read of it.
CREATE TABLE petition_events (
    id INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions(id),
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    status TEXT NOT NULL,
    public_note TEXT,
    internal_note TEXT,
    actor TEXT NOT NULL                         -- username, or 'citizen'
);
CREATE INDEX petition_events_petition ON petition_events(petition_id, id);

CREATE TABLE petition_files (
    id INTEGER PRIMARY KEY,
    petition_id INTEGER NOT NULL REFERENCES petitions(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,                         -- sniffed: image/jpeg, image/png, application/pdf
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX petition_files_petition ON petition_files(petition_id);

-- A leader's dialogue with citizens: announced at least 7 days ahead, results within 10.
CREATE TABLE dialogues (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    leader TEXT NOT NULL,
    topic TEXT NOT NULL,
    place TEXT NOT NULL,
    held_on TEXT NOT NULL,                      -- ISO date
    held_time TEXT NOT NULL DEFAULT '08:00',
    participants TEXT NOT NULL DEFAULT '',
    questions TEXT NOT NULL DEFAULT '',
    results TEXT,
    announced_on TEXT NOT NULL,
    results_on TEXT,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX dialogues_held ON dialogues(held_on);

CREATE TABLE dialogue_commitments (
    id INTEGER PRIMARY KEY,
    dialogue_id INTEGER NOT NULL REFERENCES dialogues(id),
    text TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    due TEXT NOT NULL,
    task_id INTEGER                             -- the directives area's task, when made
);

-- A Party secretary's reception day.
CREATE TABLE reception_days (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    secretary TEXT NOT NULL,
    day TEXT NOT NULL,
    place TEXT NOT NULL,
    citizens INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reception_days_unit ON reception_days(unit_id, day);

-- Dân vận khéo models (mô hình) and exemplary collectives and individuals (điển hình).
CREATE TABLE dvk_models (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('model', 'collective', 'individual')),
    name TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    field TEXT NOT NULL CHECK (field IN ('economy', 'culture', 'defence', 'politics')),
    year_from INTEGER NOT NULL,
    year_to INTEGER,
    method TEXT NOT NULL DEFAULT '',            -- cách làm
    results TEXT NOT NULL DEFAULT '',           -- quantitative results
    replication TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'implementing', 'effective', 'not_effective')),
    recog_level TEXT,                           -- province / commune / central
    recog_form TEXT,                            -- Giấy khen, Bằng khen …
    recog_decision TEXT,
    recog_date TEXT,
    registered_on TEXT NOT NULL,
    effective_on TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE INDEX dvk_models_unit ON dvk_models(unit_id);

CREATE TABLE dvk_files (
    id INTEGER PRIMARY KEY,
    model_id INTEGER NOT NULL REFERENCES dvk_models(id),
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    caption TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    data BLOB NOT NULL,
    thumb BLOB,                                 -- images: a copy at most 480 px wide
    thumb_type TEXT
);
CREATE INDEX dvk_files_model ON dvk_files(model_id);

INSERT INTO petition_categories(code, name, description, answer_days, position) VALUES
 ('dat-dai', 'Đất đai, môi trường', 'Đất đai, xây dựng, ô nhiễm môi trường', 30, 1),
 ('chinh-sach', 'Chính sách xã hội', 'Người có công, bảo trợ xã hội, bảo hiểm', 20, 2),
 ('thu-tuc', 'Thủ tục hành chính', 'Giải quyết hồ sơ, thái độ cán bộ', 15, 3),
 ('ha-tang', 'Hạ tầng, giao thông', 'Đường sá, điện, nước, chiếu sáng', 30, 4),
 ('an-ninh', 'An ninh, trật tự', 'An ninh trật tự, an toàn giao thông', 15, 5),
 ('khac', 'Khác', 'Kiến nghị, phản ánh khác', 20, 6);

INSERT INTO settings(key, value) VALUES
 ('citizen.anonymous_allowed', '1'),
 ('citizen.reopen_days', '30'),
 ('citizen.rate_ip_hour', '10'),
 ('citizen.rate_contact_day', '5'),
 ('citizen.reception_min_province', '1'),
 ('citizen.reception_min_commune', '2'),
 ('citizen_version', '0');

-- Vietnamese public holidays (Bộ luật Lao động 2019, Điều 112) on weekdays, with the
-- Government's swaps for civil servants; 2027 is the statutory reckoning until the
-- Government decides (operators correct it on /citizen/calendar).
INSERT INTO work_calendar(day, kind, name) VALUES
 ('2025-01-01', 'holiday', 'Tết Dương lịch'),
 ('2025-01-27', 'holiday', 'Tết Nguyên đán Ất Tỵ'),
 ('2025-01-28', 'holiday', 'Tết Nguyên đán Ất Tỵ'),
 ('2025-01-29', 'holiday', 'Tết Nguyên đán Ất Tỵ'),
 ('2025-01-30', 'holiday', 'Tết Nguyên đán Ất Tỵ'),
 ('2025-01-31', 'holiday', 'Tết Nguyên đán Ất Tỵ'),
 ('2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương'),
 ('2025-04-26', 'workday', 'Làm bù cho ngày 02/5/2025'),
 ('2025-04-30', 'holiday', 'Ngày Giải phóng miền Nam'),
 ('2025-05-01', 'holiday', 'Ngày Quốc tế Lao động'),
 ('2025-05-02', 'holiday', 'Nghỉ hoán đổi (làm bù 26/4/2025)'),
 ('2025-09-01', 'holiday', 'Quốc khánh'),
 ('2025-09-02', 'holiday', 'Quốc khánh'),
 ('2026-01-01', 'holiday', 'Tết Dương lịch'),
 ('2026-02-16', 'holiday', 'Tết Nguyên đán Bính Ngọ'),
 ('2026-02-17', 'holiday', 'Tết Nguyên đán Bính Ngọ'),
 ('2026-02-18', 'holiday', 'Tết Nguyên đán Bính Ngọ'),
 ('2026-02-19', 'holiday', 'Tết Nguyên đán Bính Ngọ'),
 ('2026-02-20', 'holiday', 'Tết Nguyên đán Bính Ngọ'),
 ('2026-04-27', 'holiday', 'Giỗ Tổ Hùng Vương (nghỉ bù ngày 26/4)'),
 ('2026-04-30', 'holiday', 'Ngày Giải phóng miền Nam'),
 ('2026-05-01', 'holiday', 'Ngày Quốc tế Lao động'),
 ('2026-09-01', 'holiday', 'Quốc khánh'),
 ('2026-09-02', 'holiday', 'Quốc khánh'),
 ('2027-01-01', 'holiday', 'Tết Dương lịch'),
 ('2027-02-05', 'holiday', 'Tết Nguyên đán Đinh Mùi'),
 ('2027-02-08', 'holiday', 'Tết Nguyên đán Đinh Mùi'),
 ('2027-02-09', 'holiday', 'Tết Nguyên đán Đinh Mùi'),
 ('2027-02-10', 'holiday', 'Tết Nguyên đán Đinh Mùi (nghỉ bù)'),
 ('2027-02-11', 'holiday', 'Tết Nguyên đán Đinh Mùi (nghỉ bù)'),
 ('2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương'),
 ('2027-04-30', 'holiday', 'Ngày Giải phóng miền Nam'),
 ('2027-05-03', 'holiday', 'Ngày Quốc tế Lao động (nghỉ bù ngày 01/5)'),
 ('2027-09-02', 'holiday', 'Quốc khánh'),
 ('2027-09-03', 'holiday', 'Quốc khánh');
