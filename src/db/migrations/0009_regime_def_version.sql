-- 0009_regime_def_version.sql - a counter for the definition a report form is built from.
-- settings.regime_def_version changes whenever a regime, its sections, indicators, rules,
-- or the category sets and options they use change; report_def_load() (report_def_cache.c)
-- keeps each regime's parsed definition in memory while the counter stays the same, instead
-- of five queries per entry page and per submission. The counter starts at a random value
-- so that two stores never share (store path, regime id, version) in one process.
INSERT OR IGNORE INTO settings(key, value) VALUES ('regime_def_version', CAST(abs(random() % 1000000000) AS TEXT));
CREATE TRIGGER regime_def_v_regimes_ins AFTER INSERT ON regimes BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_regimes_upd AFTER UPDATE ON regimes BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_regimes_del AFTER DELETE ON regimes BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_regime_sections_ins AFTER INSERT ON regime_sections BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_regime_sections_upd AFTER UPDATE ON regime_sections BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_regime_sections_del AFTER DELETE ON regime_sections BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_category_sets_ins AFTER INSERT ON category_sets BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_category_sets_upd AFTER UPDATE ON category_sets BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_category_sets_del AFTER DELETE ON category_sets BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_category_options_ins AFTER INSERT ON category_options BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_category_options_upd AFTER UPDATE ON category_options BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_category_options_del AFTER DELETE ON category_options BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_indicators_ins AFTER INSERT ON indicators BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_indicators_upd AFTER UPDATE ON indicators BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_indicators_del AFTER DELETE ON indicators BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_indicator_rules_ins AFTER INSERT ON indicator_rules BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_indicator_rules_upd AFTER UPDATE ON indicator_rules BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
CREATE TRIGGER regime_def_v_indicator_rules_del AFTER DELETE ON indicator_rules BEGIN
  UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'regime_def_version'; END;
