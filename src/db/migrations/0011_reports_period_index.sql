-- 0011_reports_period_index.sql - reports without the index on (period_id, status).
-- Every new report went into three indexes at scattered places: the unique (regime_id,
-- period_id, unit_id), reports_unit and this one. Those scattered pages are most of what
-- a batch of submissions writes to the WAL and copies back at checkpoint
-- (bench/submit.sh: ~46 pages a batch of 14, 42 of them index leaves). A period belongs to one
-- regime, so the unique index answers "the reports of a period" as well, given the
-- period's regime: queries that read a period's reports name it
-- (regime_id = (SELECT regime_id FROM periods WHERE id = ?)).
DROP INDEX IF EXISTS reports_period;
