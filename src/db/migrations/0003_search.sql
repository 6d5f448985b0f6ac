-- 0003_search.sql - full-text search over PUBLISHED articles: an FTS5 index with the "vi"
-- tokenizer (src/db/fts_vi.c: case and diacritics folded, đ→d), external content read back
-- from `articles` (highlight()/snippet() show the stored text), kept in sync by triggers.
-- Drafts, pending and archived articles are never in the index: a status change into
-- 'published' adds the row, a change out of it removes the row. The UPDATE trigger only
-- fires for the indexed columns and status (view_count bumps cost nothing) and only when one
-- of them really changed. Ranking: vi_rank (src/db/fts_vi.c: bm25 without its IDF, which
-- costs a scan of each word's whole doclist) with the title weighted 10, lead 4, body 1.
-- The body is indexed as its Markdown source (body_md).

CREATE VIRTUAL TABLE article_search USING fts5(
    title, lead, body_md,
    content='articles', content_rowid='id',
    tokenize='vi', prefix='2 3'
);
INSERT INTO article_search(article_search, rank) VALUES ('rank', 'vi_rank(10.0, 4.0, 1.0)');

INSERT INTO article_search(rowid, title, lead, body_md)
    SELECT id, title, lead, body_md FROM articles WHERE status = 'published';

CREATE TRIGGER article_search_ai AFTER INSERT ON articles
WHEN new.status = 'published'
BEGIN
    INSERT INTO article_search(rowid, title, lead, body_md)
        VALUES (new.id, new.title, new.lead, new.body_md);
END;

CREATE TRIGGER article_search_ad AFTER DELETE ON articles
WHEN old.status = 'published'
BEGIN
    INSERT INTO article_search(article_search, rowid, title, lead, body_md)
        VALUES ('delete', old.id, old.title, old.lead, old.body_md);
END;

-- One trigger for both directions, so the old entry is always removed before the new one
-- is added (the order of two separate triggers is not specified).
CREATE TRIGGER article_search_au AFTER UPDATE OF id, title, lead, body_md, status ON articles
WHEN (old.status = 'published' OR new.status = 'published')
 AND (old.status IS NOT new.status OR old.id IS NOT new.id OR old.title IS NOT new.title
      OR old.lead IS NOT new.lead OR old.body_md IS NOT new.body_md)
BEGIN
    INSERT INTO article_search(article_search, rowid, title, lead, body_md)
        SELECT 'delete', old.id, old.title, old.lead, old.body_md WHERE old.status = 'published';
    INSERT INTO article_search(rowid, title, lead, body_md)
        SELECT new.id, new.title, new.lead, new.body_md WHERE new.status = 'published';
END;
