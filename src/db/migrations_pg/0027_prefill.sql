-- 0027_prefill.sql - each fact entered once: an indicator may be pre-filled from records
-- another area keeps (report/prefill.h: a registered source's key). A report keeps, per
-- pre-filled indicator, the value computed when it was saved and its derivation; the value
-- itself (report_values.num) is the officer's, and when it differs from the computed one
-- the officer's note says why, for the reviewer to see.
ALTER TABLE indicators ADD COLUMN prefill_source TEXT; -- NULL = typed by hand

CREATE TABLE report_prefill (
    report_id BIGINT NOT NULL,           -- a report (deleted with it: report_prefill_cascade)
    indicator_id BIGINT NOT NULL,        -- an indicator of the report's regime with a source
    computed DOUBLE PRECISION NOT NULL,               -- the value the records gave when the report was saved
    derivation TEXT NOT NULL DEFAULT '',  -- how (translated when saved): "3 sessions: 12/03/2026 …"
    note TEXT,                            -- the officer's reason for another value; NULL = accepted
    PRIMARY KEY (report_id, indicator_id)
);
CREATE FUNCTION report_prefill_cascade_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_prefill WHERE report_id = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER report_prefill_cascade AFTER DELETE ON reports FOR EACH ROW EXECUTE FUNCTION report_prefill_cascade_fn();
