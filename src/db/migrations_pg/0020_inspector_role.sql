-- 0020_inspector_role.sql (PostgreSQL twin) - the inspector role: reads every task, document
-- and session of its scope's subtree and changes nothing. SQLite rebuilds users to widen its
-- CHECK; PostgreSQL replaces the constraint.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check
    CHECK (role IN ('admin','staff','officer','editor','viewer','contributor','inspector'));
