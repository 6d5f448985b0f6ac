-- 0007_completeness.sql - change counters for the reporting overview (report/completeness.h).
-- settings.reporting_version goes up whenever the structure the completeness counts depend
-- on changes: periods, deadlines, assignments, regimes, indicators, units and their links;
-- compl_period_versions.v goes up for a period whenever one of its reports changes.
-- completeness_year_table() keeps each period's results in memory while both counters (and
-- the Vietnam date) stay the same, so the national province × year table is served warm
-- without a batch job and is never stale.
-- The triggers run inside the writer's own transaction (a single-row UPDATE each). Values
-- have no trigger (16M rows would pay for it): every write of a report's values goes with an
-- UPDATE of its reports row (version + 1, report_store.c's save/submit/approve/return), which
-- bumps its period's counter; code that changes report_values alone must touch the reports row too.
INSERT OR IGNORE INTO settings(key, value) VALUES ('reporting_version', '0');

-- Reports change often (every save): they bump only their own period's counter, so a
-- submission makes the overview recompute that one period, not ten years of them.
CREATE TABLE compl_period_versions (
    period_id INTEGER PRIMARY KEY,
    v INTEGER NOT NULL
);
CREATE TRIGGER compl_v_reports_ins AFTER INSERT ON reports BEGIN
  INSERT INTO compl_period_versions(period_id, v) VALUES (NEW.period_id, 1)
    ON CONFLICT(period_id) DO UPDATE SET v = v + 1; END;
CREATE TRIGGER compl_v_reports_upd AFTER UPDATE ON reports BEGIN
  INSERT INTO compl_period_versions(period_id, v) VALUES (NEW.period_id, 1)
    ON CONFLICT(period_id) DO UPDATE SET v = v + 1;
  INSERT INTO compl_period_versions(period_id, v) VALUES (OLD.period_id, 1)
    ON CONFLICT(period_id) DO UPDATE SET v = v + 1; END;
CREATE TRIGGER compl_v_reports_del AFTER DELETE ON reports BEGIN
  INSERT INTO compl_period_versions(period_id, v) VALUES (OLD.period_id, 1)
    ON CONFLICT(period_id) DO UPDATE SET v = v + 1; END;

CREATE TRIGGER compl_v_periods_ins AFTER INSERT ON periods BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_periods_upd AFTER UPDATE ON periods BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_periods_del AFTER DELETE ON periods BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_deadlines_ins AFTER INSERT ON period_deadlines BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_deadlines_upd AFTER UPDATE ON period_deadlines BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_deadlines_del AFTER DELETE ON period_deadlines BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_assign_ins AFTER INSERT ON regime_assignments BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_assign_upd AFTER UPDATE ON regime_assignments BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_assign_del AFTER DELETE ON regime_assignments BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_regimes_upd AFTER UPDATE ON regimes BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_ind_ins AFTER INSERT ON indicators BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_ind_upd AFTER UPDATE ON indicators BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_ind_del AFTER DELETE ON indicators BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_units_ins AFTER INSERT ON units BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_units_upd AFTER UPDATE ON units BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_units_del AFTER DELETE ON units BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_links_ins AFTER INSERT ON unit_links BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_links_upd AFTER UPDATE ON unit_links BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
CREATE TRIGGER compl_v_links_del AFTER DELETE ON unit_links BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'reporting_version'; END;
