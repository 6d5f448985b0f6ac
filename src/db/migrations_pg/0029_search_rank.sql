-- 0029_search_rank.sql - PostgreSQL only: vi_rank read from the stored search row. 0002's
-- vi_rank parsed the title, lead and whole body of every match again (to_tsvector with
-- unaccent, some 0.7 ms an article), up to SEARCH_MAX_RESULTS of them per query: 735 ms p50
-- on 100,000 articles against 1.2 ms on SQLite, whose FTS5 reads the index. The stored doc
-- already holds each folded word's positions with its column as the weight (title A, lead B,
-- body D) and nt/nl/nb the columns' lengths, so the BM25 part is a count over unnest(doc);
-- only the short title and lead are parsed again, for the letters-as-typed and the title
-- phrase. Same scores as 0002's (the ranking tests of test_search run on both stores), but
-- for what tsvector itself bounds in both: 256 positions per word and positions up to 16,383,
-- now over the whole article rather than per column.
CREATE FUNCTION vi_rank_doc(doc tsvector, nt int, nl int, nb int, title text, lead text, terms text[],
                            typed text[], phrase tsquery, avg_t float8, avg_l float8, avg_b float8)
RETURNS float8 LANGUAGE plpgsql STABLE AS $$
DECLARE w float8[] := ARRAY[10.0, 4.0, 1.0]; avgs float8[] := ARRAY[avg_t, avg_l, avg_b];
  dls int[] := ARRAY[nt, nl, nb]; cols text[] := ARRAY[title, lead];
  n int := coalesce(array_length(terms, 1), 0); score float8 := 0; c int; p int; norm float8;
  tf int[]; hit boolean[] := ARRAY[false, false, false]; r record; ex tsvector;
BEGIN
  IF n = 0 THEN RETURN 0; END IF;
  tf := array_fill(0, ARRAY[3, n]);
  FOR r IN SELECT t.p, wt, count(*)::int AS k
             FROM unnest(doc) u, unnest(u.weights) wt, generate_series(1, n) AS t(p)
            WHERE u.lexeme = terms[t.p] OR (t.p = n AND starts_with(u.lexeme, terms[t.p]))
            GROUP BY t.p, wt LOOP
    c := CASE r.wt WHEN 'A' THEN 1 WHEN 'B' THEN 2 ELSE 3 END;
    tf[c][r.p] := tf[c][r.p] + r.k;
  END LOOP;
  FOR c IN 1..3 LOOP
    norm := 1.2 * (1 - 0.75 + 0.75 * coalesce(dls[c], 0) / greatest(coalesce(avgs[c], 1), 1e-9));
    FOR p IN 1..n LOOP
      IF tf[c][p] > 0 THEN
        hit[c] := true;
        score := score + w[c] * tf[c][p] * 2.2 / (tf[c][p] + norm);
      END IF;
    END LOOP;
    IF NOT hit[c] OR typed IS NULL OR coalesce(array_length(typed, 1), 0) <> n THEN CONTINUE; END IF;
    IF c <= 2 THEN
      ex := to_tsvector('simple', replace(coalesce(cols[c], ''), '<', U&'\FE64'));
      FOR p IN 1..n LOOP
        IF EXISTS (SELECT 1 FROM unnest(ex) u WHERE u.lexeme = typed[p] OR (p = n AND starts_with(u.lexeme, typed[p]))) THEN
          score := score + w[c];
        END IF;
      END LOOP;
    END IF;
    IF c = 1 AND n > 1 AND phrase IS NOT NULL AND vi_tsv(title) @@ phrase THEN score := score + w[c] * 1.5 * n; END IF;
  END LOOP;
  RETURN score;
END $$;

-- 0002's vi_rank is read by nothing now.
DROP FUNCTION vi_rank(text, text, text, text[], text[], tsquery, float8, float8, float8);
