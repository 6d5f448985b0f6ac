-- 0004_compat_more.sql - PostgreSQL only: more of SQLite's functions with the same meaning
-- (0000_compat.sql has the first ones), for the shared SQL of the areas merged after it.

-- julianday(time, modifier…): the Julian day number as a float (difference of two = days).
CREATE FUNCTION julianday(v text, VARIADIC mods text[] DEFAULT NULL) RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT extract(epoch FROM dv_time_apply(dv_time_of(v), mods))::double precision / 86400.0 + 2440587.5
$$;
