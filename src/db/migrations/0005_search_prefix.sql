-- 0005_search_prefix.sql - article_search rebuilt with a prefix index for every length of a
-- folded Vietnamese syllable (1 to 6 characters; "nghieng" is the only common 7), where
-- 0003_search.sql had '2 3'. The reader's last word is a prefix query ("cong"*): without an
-- index for its length FTS5 merges the whole doclists of every matching term before it
-- returns a row (LIMIT does not help), 5-8 ms for a common 4-letter syllable and 115 ms for
-- a single letter over 100,000 articles; with one it streams like a plain term (0.2 ms).
-- Costs about 45 % more index and 15 % more indexing time. FTS5 cannot change the option of
-- an existing table: drop it and index the published articles again; the triggers of 0003
-- name the table, not its options, and carry on.

DROP TABLE article_search;

CREATE VIRTUAL TABLE article_search USING fts5(
    title, lead, body_md,
    content='articles', content_rowid='id',
    tokenize='vi', prefix='1 2 3 4 5 6'
);
INSERT INTO article_search(article_search, rank) VALUES ('rank', 'vi_rank(10.0, 4.0, 1.0)');

INSERT INTO article_search(rowid, title, lead, body_md)
    SELECT id, title, lead, body_md FROM articles WHERE status = 'published';
INSERT INTO article_search(article_search) VALUES ('optimize');
