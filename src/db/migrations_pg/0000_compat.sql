-- 0000_compat.sql - the SQLite functions danvan's shared SQL uses, with the same meaning on
-- PostgreSQL, so that a store's statements run unchanged on both backends (db_pg_sql.c
-- rewrites only ?N → $N and char( → chr( ). New SQL should need none of them: bind the time
-- from C (core/clock.h) instead of strftime('now'), use strpos-free LIKE or C for substrings.
-- Times are UTC like SQLite's; 'now' is the statement's time (statement_timestamp()).

-- SQLite's date/time modifiers that danvan uses: '+N days', '-N day', '-N seconds', …
CREATE FUNCTION dv_time_apply(t timestamp, mods text[]) RETURNS timestamp LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE m text;
BEGIN
  IF mods IS NULL THEN RETURN t; END IF;
  FOREACH m IN ARRAY mods LOOP
    IF m IS NULL THEN RETURN NULL; END IF;
    m := lower(trim(m));
    IF m = 'start of day' THEN t := date_trunc('day', t);
    ELSIF m = 'start of month' THEN t := date_trunc('month', t);
    ELSIF m = 'start of year' THEN t := date_trunc('year', t);
    ELSE t := t + m::interval;
    END IF;
  END LOOP;
  RETURN t;
END $$;

CREATE FUNCTION dv_time_of(v text) RETURNS timestamp LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN v IS NULL THEN NULL
              WHEN lower(v) = 'now' THEN statement_timestamp() AT TIME ZONE 'UTC'
              WHEN v ~ '^[0-9]+$' THEN to_timestamp(v::bigint) AT TIME ZONE 'UTC'
              ELSE replace(rtrim(v, 'Z'), 'T', ' ')::timestamp END
$$;

-- strftime(format, time, modifier…): %Y %m %d %H %M %S %s %j %w %%, other characters as they are.
CREATE FUNCTION strftime(fmt text, v text, VARIADIC mods text[] DEFAULT NULL) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE t timestamp := dv_time_apply(dv_time_of(v), mods); o text := ''; i int := 1; c text;
BEGIN
  IF t IS NULL OR fmt IS NULL THEN RETURN NULL; END IF;
  WHILE i <= length(fmt) LOOP
    c := substr(fmt, i, 1);
    IF c = '%' AND i < length(fmt) THEN
      i := i + 1;
      c := substr(fmt, i, 1);
      o := o || CASE c WHEN 'Y' THEN to_char(t, 'YYYY') WHEN 'm' THEN to_char(t, 'MM')
                      WHEN 'd' THEN to_char(t, 'DD') WHEN 'H' THEN to_char(t, 'HH24')
                      WHEN 'M' THEN to_char(t, 'MI') WHEN 'S' THEN to_char(t, 'SS')
                      WHEN 's' THEN floor(extract(epoch FROM t))::bigint::text
                      WHEN 'j' THEN to_char(t, 'DDD') WHEN 'w' THEN extract(dow FROM t)::int::text
                      WHEN 'f' THEN to_char(t, 'SS.MS') ELSE c END;
    ELSE
      o := o || c;
    END IF;
    i := i + 1;
  END LOOP;
  RETURN o;
END $$;

CREATE FUNCTION date(v text, VARIADIC mods text[] DEFAULT NULL) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(dv_time_apply(dv_time_of(v), mods), 'YYYY-MM-DD')
$$;

CREATE FUNCTION datetime(v text, VARIADIC mods text[] DEFAULT NULL) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(dv_time_apply(dv_time_of(v), mods), 'YYYY-MM-DD HH24:MI:SS')
$$;

-- last_insert_rowid(): the id the session's last INSERT took (tests' own SQL uses it). Not
-- inside an INSERT into a table with an identity: its own new id comes first there.
CREATE FUNCTION last_insert_rowid() RETURNS bigint LANGUAGE sql VOLATILE AS $$ SELECT lastval() $$;

-- group_concat(x [, separator]): SQLite's string aggregate (',' by default; NULLs skipped).
CREATE FUNCTION dv_concat_step(acc text, v text, sep text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE FUNCTION dv_concat_step(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT dv_concat_step(acc, v, ',') $$;
CREATE AGGREGATE group_concat(text, text) (sfunc = dv_concat_step, stype = text);
CREATE AGGREGATE group_concat(text) (sfunc = dv_concat_step, stype = text);

CREATE FUNCTION instr(s text, sub text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT strpos(s, sub) $$;

-- total(): sum as a float, 0.0 over no rows.
CREATE AGGREGATE total(double precision) (sfunc = float8pl, stype = double precision, initcond = '0');

-- max(a, b) / min(a, b): SQLite's scalar forms (NULL if either is NULL).
CREATE FUNCTION max(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE greatest(a, b) END $$;
CREATE FUNCTION min(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE least(a, b) END $$;
CREATE FUNCTION max(a double precision, b double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE greatest(a, b) END $$;
CREATE FUNCTION min(a double precision, b double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE least(a, b) END $$;
CREATE FUNCTION max(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE greatest(a, b) END $$;
CREATE FUNCTION min(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN a IS NULL OR b IS NULL THEN NULL ELSE least(a, b) END $$;

-- COLLATE vi: ICU's Vietnamese order, digit runs by value (text_collate's rules).
CREATE COLLATION vi (provider = icu, locale = 'vi-u-kn-true');

-- vi_key(name): a sort key whose byte order is Vietnamese order, as text_collate_key's:
-- base letters first (a ă â b c d đ e ê … o ô ơ … u ư …, case and tones ignored), then the
-- tones, then case.
CREATE FUNCTION vi_key(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE d text; prim text := ''; tone text := ''; kase text := ''; i int; c text; lc text; base text;
BEGIN
  IF s IS NULL THEN RETURN NULL; END IF;
  d := normalize(s, NFD);
  FOR i IN 1 .. length(d) LOOP
    c := substr(d, i, 1);
    lc := lower(c);
    IF c IN (U&'\0300', U&'\0309', U&'\0303', U&'\0301', U&'\0323') THEN
      tone := tone || CASE c WHEN U&'\0300' THEN '1' WHEN U&'\0309' THEN '2' WHEN U&'\0303' THEN '3'
                             WHEN U&'\0301' THEN '4' ELSE '5' END;
      CONTINUE;
    ELSIF c = U&'\0306' THEN prim := prim || '1'; CONTINUE;      -- ă
    ELSIF c = U&'\0302' THEN prim := prim || '2'; CONTINUE;      -- â ê ô
    ELSIF c = U&'\031B' THEN prim := prim || '3'; CONTINUE;      -- ơ ư
    END IF;
    IF lc = 'đ' THEN base := 'd~';
    ELSIF lc ~ '^[0-9]$' THEN base := '!' || lc;
    ELSIF lc = ' ' THEN base := ' ';
    ELSE base := lc;
    END IF;
    prim := prim || base;
    kase := kase || CASE WHEN c <> lc THEN '2' ELSE '1' END;
    tone := tone || '0';
  END LOOP;
  RETURN prim || chr(1) || tone || chr(1) || kase;
END $$;

-- Search folding, as text_fold and the "vi" FTS5 tokenizer: lower case, no diacritics, đ → d.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION vi (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION vi ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword,
    hword_part, numword, numhword, hword_numpart WITH unaccent, simple;
