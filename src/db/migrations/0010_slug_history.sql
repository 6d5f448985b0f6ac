-- 0010_slug_history.sql - the slugs articles and categories had before, so that their old
-- addresses answer 301 with the new one instead of 404 (links in e-mails, feeds, search
-- engines and other sites outlive a renamed title). Kept by triggers, whoever changes a slug.
-- A slug taken again by a live row stops being a redirect.
CREATE TABLE slug_history (
    kind TEXT NOT NULL CHECK (kind IN ('article', 'category')),
    old_slug TEXT NOT NULL,
    target_id INTEGER NOT NULL,           -- articles.id or categories.id
    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (kind, old_slug)
);
CREATE TRIGGER slug_history_article AFTER UPDATE OF slug ON articles WHEN OLD.slug <> NEW.slug BEGIN
  INSERT INTO slug_history(kind, old_slug, target_id) VALUES ('article', OLD.slug, OLD.id)
    ON CONFLICT(kind, old_slug) DO UPDATE SET target_id = excluded.target_id, changed_at = excluded.changed_at;
  DELETE FROM slug_history WHERE kind = 'article' AND old_slug = NEW.slug; END;
CREATE TRIGGER slug_history_article_new AFTER INSERT ON articles BEGIN
  DELETE FROM slug_history WHERE kind = 'article' AND old_slug = NEW.slug; END;
CREATE TRIGGER slug_history_category AFTER UPDATE OF slug ON categories WHEN OLD.slug <> NEW.slug BEGIN
  INSERT INTO slug_history(kind, old_slug, target_id) VALUES ('category', OLD.slug, OLD.id)
    ON CONFLICT(kind, old_slug) DO UPDATE SET target_id = excluded.target_id, changed_at = excluded.changed_at;
  DELETE FROM slug_history WHERE kind = 'category' AND old_slug = NEW.slug; END;
CREATE TRIGGER slug_history_category_new AFTER INSERT ON categories BEGIN
  DELETE FROM slug_history WHERE kind = 'category' AND old_slug = NEW.slug; END;
