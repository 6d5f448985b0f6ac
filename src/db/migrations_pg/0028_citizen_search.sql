-- 0028_citizen_search.sql (PostgreSQL twin) - full-text search over the PUBLISHED answers to
-- petitions (their public summary and the answer; never the petition's own text or who sent
-- it). SQLite: an external-content FTS5 table with the "vi" tokenizer, ranked vi_rank(4.0,
-- 1.0); here a tsvector per published petition (vi_words of 0019: no diacritics, đ → d,
-- numbers), the summary weighted A and the answer B, kept by a trigger whoever writes.
-- petition_query_store.c ranks with ts_rank's weights 4:1 (A:B).
CREATE TABLE petition_search (
    rowid BIGINT PRIMARY KEY REFERENCES petitions(id) ON DELETE CASCADE,
    doc tsvector NOT NULL
);
CREATE INDEX petition_search_doc ON petition_search USING gin (doc);

CREATE FUNCTION petition_search_sync_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM petition_search WHERE rowid = OLD.id;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    IF NOT (OLD.status = 'published' OR NEW.status = 'published') THEN RETURN NULL; END IF;
    IF OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.summary IS NOT DISTINCT FROM NEW.summary
       AND OLD.answer IS NOT DISTINCT FROM NEW.answer THEN
      RETURN NULL;
    END IF;
    DELETE FROM petition_search WHERE rowid = OLD.id;
  END IF;
  IF NEW.status = 'published' THEN
    INSERT INTO petition_search(rowid, doc)
      VALUES (NEW.id, setweight(vi_words(NEW.summary), 'A') || setweight(vi_words(NEW.answer), 'B'))
      ON CONFLICT (rowid) DO UPDATE SET doc = excluded.doc;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER petition_search_ad AFTER DELETE ON petitions
    FOR EACH ROW EXECUTE FUNCTION petition_search_sync_fn();
CREATE TRIGGER petition_search_au AFTER INSERT OR UPDATE OF status, summary, answer ON petitions
    FOR EACH ROW EXECUTE FUNCTION petition_search_sync_fn();
