-- 0011_reports_lean_indexes.sql - reports keep one index: the unique (regime_id, period_id,
-- unit_id) of their table.
-- Every new report went into three indexes at scattered places: that one, reports_period
-- (period_id, status) and reports_unit (unit_id, period_id). Those scattered pages were most
-- of what a batch of submissions wrote to the WAL and copied back at checkpoint
-- (bench/submit.sh: ~46 pages a batch of 14, 42 of them index leaves); without the two,
-- submissions/s went from ~4,800 to ~6,100-7,300 and the p99 from ~25 to ~18-21 ms.
-- A period belongs to one regime, so the unique index answers "the reports of a period" and
-- "a unit's report for a period" as well, given the period's regime: queries name it
-- (regime_id = (SELECT regime_id FROM periods WHERE id = ?)). Nothing reads the reports of a
-- unit across periods, and units are closed by date, never deleted, so the foreign key from
-- reports.unit_id needs no index of its own.
DROP INDEX IF EXISTS reports_period;
DROP INDEX IF EXISTS reports_unit;
