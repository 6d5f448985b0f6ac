-- 0002_portal.sql - the public portal: categories, tags, articles with authors, photos and
-- history, uploaded media; and the contributor role (users is rebuilt to widen its CHECK,
-- the procedure SQLite documents for ALTER TABLE; foreign keys are off during migrations).

CREATE TABLE users_new (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    position TEXT,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    scope_unit_id INTEGER NOT NULL REFERENCES units(id),
    role TEXT NOT NULL CHECK (role IN ('admin','staff','officer','editor','viewer','contributor')),
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

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,              -- Vietnamese name, shown to readers
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,       -- from the title: folded, đ→d
    title TEXT NOT NULL,
    lead TEXT NOT NULL DEFAULT '',   -- sapo
    body_md TEXT NOT NULL DEFAULT '',-- Markdown as the editor wrote it
    body_html TEXT NOT NULL DEFAULT '', -- cmark-gfm safe rendering of body_md
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft','pending','published','archived')),
    featured INTEGER NOT NULL DEFAULT 0,
    publish_at TEXT,                 -- scheduled publication (ISO UTC); NULL = on approval
    published_at TEXT,               -- first publication (ISO UTC)
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    created_by INTEGER REFERENCES users(id),
    unit_id INTEGER REFERENCES units(id),  -- the unit the article comes from
    view_count INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1     -- bumped on every change: stale forms are refused
);
CREATE INDEX articles_published ON articles(status, published_at DESC);
CREATE INDEX articles_schedule ON articles(status, publish_at) WHERE publish_at IS NOT NULL;

-- The credit line "( Văn Minh- MT tỉnh)": one row per author, in order.
CREATE TABLE article_authors (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    unit_label TEXT,                 -- free text as printed ("MT tỉnh"), or a unit's short name
    PRIMARY KEY (article_id, position)
);

CREATE TABLE article_categories (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    PRIMARY KEY (article_id, category_id)
);
CREATE INDEX article_categories_cat ON article_categories(category_id);

CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id),
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag ON article_tags(tag_id);

-- Uploaded images: the original (checked by content) and a resized copy for lists.
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,      -- image/jpeg, image/png, image/gif, image/webp
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    data BLOB NOT NULL,
    thumb BLOB NOT NULL,             -- at most 480 px wide, JPEG or PNG
    thumb_type TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    created_by INTEGER REFERENCES users(id)
);

-- Photos of an article: the caption (printed under the photo) is separate from the alt text.
CREATE TABLE article_photos (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,       -- 0 = the lead photo
    media_id INTEGER NOT NULL REFERENCES media(id),
    caption TEXT,
    alt TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
);

-- Every change of an article: who, when, what it became (a JSON snapshot of its fields).
CREATE TABLE article_history (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    user_id INTEGER REFERENCES users(id),
    action TEXT NOT NULL,            -- create, update, submit, publish, schedule, return, archive, restore
    snapshot TEXT NOT NULL           -- JSON
);
CREATE INDEX article_history_article ON article_history(article_id, version);

-- Articles sent by e-mail, for the per-address rate limit and abuse tracing.
CREATE TABLE mail_sends (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,             -- unix seconds
    ip TEXT NOT NULL,
    recipient TEXT NOT NULL,
    article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL
);
CREATE INDEX mail_sends_ip ON mail_sends(ip, at);
