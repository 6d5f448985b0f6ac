-- 0002_search.sql - article search on PostgreSQL, the same behaviour as 0003/0005's FTS5
-- table with the "vi" tokenizer: PUBLISHED articles only, kept by a trigger whoever writes;
-- words folded (lower case, no diacritics, đ → d: the text search configuration "vi" of
-- 0000_compat.sql runs unaccent, whose rules map đ), the title weighted A, the lead B, the
-- body D; prefix queries (to_tsquery 'word':*); ts_headline marks the stored text as written.
-- The ranking (search_store.c) adds the letters-as-typed and title-phrase weights of vi_rank.
CREATE TABLE article_search (
    id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    doc tsvector NOT NULL,
    nt INTEGER NOT NULL, nl INTEGER NOT NULL, nb INTEGER NOT NULL -- tokens of title, lead, body
);
CREATE INDEX article_search_doc ON article_search USING gin (doc);

-- The words of a text as FTS5's unicode61 sees them: PostgreSQL's parser takes <…> for a
-- tag and drops what a <script> element holds, so '<' is read as U+FE64 (a symbol, not a
-- letter); search_pg_store.c's ts_headline does the same and puts '<' back.
CREATE FUNCTION vi_tsv(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT to_tsvector('vi', replace(coalesce(t, ''), '<', U&'\FE64'))
$$;

CREATE FUNCTION article_search_doc(title text, lead text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
  SELECT setweight(vi_tsv(title), 'A') || setweight(vi_tsv(lead), 'B') || setweight(vi_tsv(body), 'D')
$$;

-- The number of tokens in a text (FTS5's column size).
CREATE FUNCTION vi_ntokens(t text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)::int FROM unnest(vi_tsv(t))
$$;

-- vi_rank as in src/db/fts_vi.c: per column (title 10, lead 4, body 1) BM25 term saturation
-- and length normalisation without IDF; with the words as typed (typed, lower case), each
-- found with its letters exactly in the title or lead adds the column's weight, and all of
-- the words in order in the title (phrase) add 1.5 × the title's weight per word. terms are
-- the folded words; the last one is a prefix. Higher is better.
CREATE FUNCTION vi_rank(title text, lead text, body text, terms text[], typed text[], phrase tsquery,
                        avg_t float8, avg_l float8, avg_b float8) RETURNS float8 LANGUAGE plpgsql STABLE AS $$
DECLARE cols text[] := ARRAY[title, lead, body]; w float8[] := ARRAY[10.0, 4.0, 1.0];
  avgs float8[] := ARRAY[avg_t, avg_l, avg_b]; score float8 := 0; c int; p int;
  n int := coalesce(array_length(terms, 1), 0); v tsvector; ex tsvector; dl int; tf int; norm float8; hit boolean;
BEGIN
  FOR c IN 1..3 LOOP
    v := vi_tsv(cols[c]);
    SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0) INTO dl FROM unnest(v);
    norm := 1.2 * (1 - 0.75 + 0.75 * dl / greatest(coalesce(avgs[c], 1), 1e-9));
    hit := false;
    FOR p IN 1..n LOOP
      SELECT coalesce(sum(coalesce(array_length(u.positions, 1), 1)), 0) INTO tf FROM unnest(v) u
       WHERE u.lexeme = terms[p] OR (p = n AND starts_with(u.lexeme, terms[p]));
      IF tf > 0 THEN
        hit := true;
        score := score + w[c] * tf * 2.2 / (tf + norm);
      END IF;
    END LOOP;
    IF NOT hit OR typed IS NULL OR coalesce(array_length(typed, 1), 0) <> n THEN CONTINUE; END IF;
    IF c <= 2 THEN
      ex := to_tsvector('simple', replace(coalesce(cols[c], ''), '<', U&'\FE64'));
      FOR p IN 1..n LOOP
        IF EXISTS (SELECT 1 FROM unnest(ex) u WHERE u.lexeme = typed[p] OR (p = n AND starts_with(u.lexeme, typed[p]))) THEN
          score := score + w[c];
        END IF;
      END LOOP;
    END IF;
    IF c = 1 AND n > 1 AND phrase IS NOT NULL AND v @@ phrase THEN score := score + w[c] * 1.5 * n; END IF;
  END LOOP;
  RETURN score;
END $$;

CREATE FUNCTION article_search_sync_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM article_search WHERE id = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NOT (OLD.status = 'published' OR NEW.status = 'published') THEN RETURN NULL; END IF;
    IF OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.id = NEW.id AND OLD.title IS NOT DISTINCT FROM NEW.title
       AND OLD.lead IS NOT DISTINCT FROM NEW.lead AND OLD.body_md IS NOT DISTINCT FROM NEW.body_md THEN
      RETURN NULL;
    END IF;
    DELETE FROM article_search WHERE id = OLD.id;
  END IF;
  IF NEW.status = 'published' THEN
    INSERT INTO article_search(id, doc, nt, nl, nb)
      VALUES (NEW.id, article_search_doc(NEW.title, NEW.lead, NEW.body_md),
              vi_ntokens(NEW.title), vi_ntokens(NEW.lead), vi_ntokens(NEW.body_md))
      ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, nt = excluded.nt, nl = excluded.nl, nb = excluded.nb;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER article_search_sync AFTER INSERT OR UPDATE OF id, title, lead, body_md, status OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION article_search_sync_fn();

INSERT INTO article_search(id, doc, nt, nl, nb)
  SELECT id, article_search_doc(title, lead, body_md), vi_ntokens(title), vi_ntokens(lead), vi_ntokens(body_md)
    FROM articles WHERE status = 'published';
