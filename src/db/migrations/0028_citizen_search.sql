-- 0028_citizen_search.sql - full-text search over the PUBLISHED answers to petitions (their
-- public summary and the answer; never the petition's own text or who sent it), with the
-- "vi" tokenizer (src/db/fts_vi.c: diacritics and case folded, đ→d). External content read
-- back from `petitions`, kept in sync by triggers as 0003 does for articles.
CREATE VIRTUAL TABLE petition_search USING fts5(
    summary, answer,
    content='petitions', content_rowid='id',
    tokenize='vi', prefix='2 3'
);
INSERT INTO petition_search(petition_search, rank) VALUES ('rank', 'vi_rank(4.0, 1.0)');

CREATE TRIGGER petition_search_ad AFTER DELETE ON petitions
WHEN old.status = 'published'
BEGIN
    INSERT INTO petition_search(petition_search, rowid, summary, answer)
        VALUES ('delete', old.id, old.summary, old.answer);
END;

CREATE TRIGGER petition_search_au AFTER UPDATE OF status, summary, answer ON petitions
WHEN (old.status = 'published' OR new.status = 'published')
 AND (old.status IS NOT new.status OR old.summary IS NOT new.summary OR old.answer IS NOT new.answer)
BEGIN
    INSERT INTO petition_search(petition_search, rowid, summary, answer)
        SELECT 'delete', old.id, old.summary, old.answer WHERE old.status = 'published';
    INSERT INTO petition_search(rowid, summary, answer)
        SELECT new.id, new.summary, new.answer WHERE new.status = 'published';
END;
