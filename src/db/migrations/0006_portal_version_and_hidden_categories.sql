-- 0006_portal_version_and_hidden_categories.sql - two things the public portal needs:
--
-- 1. settings.portal_version changes whenever something a public page is rendered from
--    changes: a published article (or one leaving 'published'), the authors, categories,
--    tags and photos of a published article, the categories, the tags and the media.
--    Each process keeps rendered pages in memory (src/portal/page_cache.c); it reads this
--    counter at most once a second (portal_version.c) and drops its pages when another
--    process (a second server, the CLI, sqlite3 on the store) changed it. view_count is
--    left out on purpose: counting views must not empty the cache. Drafts are left out
--    too: readers never see them. The counter starts at a random value so that two stores
--    opened by one process (the tests) are unlikely to share a value.
-- 2. categories.hidden: an editor may hide an empty category (off the menu, its page 404)
--    instead of deleting it, so its slug stays reserved and it can be shown again.

ALTER TABLE categories ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1));

INSERT OR IGNORE INTO settings(key, value) VALUES ('portal_version', CAST(abs(random() % 1000000000) AS TEXT));

-- articles: every column but view_count, only when readers see the row before or after
CREATE TRIGGER portal_v_articles_ins AFTER INSERT ON articles WHEN new.status = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_articles_upd AFTER UPDATE OF id, slug, title, lead, body_md, body_html, status, featured, publish_at, published_at, created_at, updated_at, created_by, unit_id, version ON articles
WHEN old.status = 'published' OR new.status = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_articles_del AFTER DELETE ON articles WHEN old.status = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;

-- the parts of a published article
CREATE TRIGGER portal_v_article_authors_ins AFTER INSERT ON article_authors
WHEN (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_authors_upd AFTER UPDATE ON article_authors
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published'
  OR (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_authors_del AFTER DELETE ON article_authors
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_categories_ins AFTER INSERT ON article_categories
WHEN (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_categories_upd AFTER UPDATE ON article_categories
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published'
  OR (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_categories_del AFTER DELETE ON article_categories
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_tags_ins AFTER INSERT ON article_tags
WHEN (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_tags_upd AFTER UPDATE ON article_tags
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published'
  OR (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_tags_del AFTER DELETE ON article_tags
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_photos_ins AFTER INSERT ON article_photos
WHEN (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_photos_upd AFTER UPDATE ON article_photos
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published'
  OR (SELECT status FROM articles WHERE id = new.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_article_photos_del AFTER DELETE ON article_photos
WHEN (SELECT status FROM articles WHERE id = old.article_id) = 'published' BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;

-- categories (the menu of every page), tags (a new, unlinked tag shows nowhere), media
CREATE TRIGGER portal_v_categories_ins AFTER INSERT ON categories BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_categories_upd AFTER UPDATE ON categories BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_categories_del AFTER DELETE ON categories BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_tags_upd AFTER UPDATE ON tags BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_tags_del AFTER DELETE ON tags BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_media_upd AFTER UPDATE ON media BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
CREATE TRIGGER portal_v_media_del AFTER DELETE ON media BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'portal_version'; END;
