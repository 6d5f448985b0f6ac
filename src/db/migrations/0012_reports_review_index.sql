-- 0012_reports_review_index.sql - the review queue (report_store_review_list: reports waiting for
-- review, oldest first) reads a partial index instead of every report. On the national data
-- (bench/gen_national.c: 418,653 reports, 71,574 of them submitted) the queue took 112 ms
-- as a scan of reports and takes 4 ms. A submission adds its entry at the index's right
-- edge (submitted_at is the time it is made), so the group commit writes one page of it a
-- batch, not one scattered page a report (see 0011_reports_lean_indexes.sql).
CREATE INDEX IF NOT EXISTS reports_review ON reports(submitted_at) WHERE status = 'submitted';
