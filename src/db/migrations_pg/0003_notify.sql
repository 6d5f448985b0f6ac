-- 0003_notify.sql - PostgreSQL only: tell the other danvan servers on this database, at
-- commit, that something their in-memory copies depend on changed (src/db/db_listen.c):
-- a change counter in settings, an account, a session. Not part of the SQLite schema (one
-- process there polls); tests/unit/test_pg_schema.c leaves dv_notify_* triggers aside.
CREATE FUNCTION dv_notify_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('danvan', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE TRIGGER dv_notify_settings AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION dv_notify_fn();
CREATE TRIGGER dv_notify_users AFTER UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION dv_notify_fn();
CREATE TRIGGER dv_notify_sessions AFTER DELETE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION dv_notify_fn();
