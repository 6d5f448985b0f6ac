-- 0008_report_values_lean.sql - report_values without the index on indicator_id and without
-- foreign keys: the cheapest table to write 16M values into.
-- Every submission wrote 40-odd entries into report_values_indicator, each at a different
-- place of a 16M-row index (bench/submit.sh: 110 of 180 µs of a report's inserts), and
-- nothing reads by indicator alone: the overview and the pivot reach values through their
-- reports (the primary key starts with report_id). The index existed for the foreign key,
-- whose check on deleting an indicator would otherwise scan every value. The reference is
-- kept by the code instead: values are written only for the indicators of the report's own
-- regime (report_validate.c), and an indicator with values in any report of its regime is
-- not deleted (regime_store.c, reached through the regime's reports).
-- The foreign key to reports cost a lookup of the report for each of a report's 40 values
-- (written by report_save() in the transaction that has just read or created that report);
-- its ON DELETE CASCADE is kept by a trigger.
CREATE TABLE report_values_new (
    report_id INTEGER NOT NULL,           -- a report (deleted with it: report_values_cascade)
    indicator_id INTEGER NOT NULL,        -- an indicator of the report's regime
    option_id INTEGER NOT NULL DEFAULT 0, -- category option, 0 = not disaggregated (or the total)
    num REAL,                             -- int, decimal, percent, bool (0/1), date (yyyymmdd)
    text TEXT,                            -- text values
    PRIMARY KEY (report_id, indicator_id, option_id)
) WITHOUT ROWID;
INSERT INTO report_values_new SELECT report_id, indicator_id, option_id, num, text FROM report_values;
DROP TABLE report_values;
ALTER TABLE report_values_new RENAME TO report_values;
CREATE TRIGGER report_values_cascade AFTER DELETE ON reports BEGIN
  DELETE FROM report_values WHERE report_id = OLD.id; END;
