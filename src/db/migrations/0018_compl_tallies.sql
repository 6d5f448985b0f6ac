-- 0018_compl_tallies.sql - the national table's per-period tallies kept in the store.
-- completeness_year_table() (report/completeness.h) computes, for each period, every row
-- unit's completeness counts and indicator sums; it kept them only in memory, so the first
-- call after a start recomputed ten years of periods from 16M values (9.6 s on the national
-- data set). Each computed period is now also written here, stamped with the change counters
-- of 0007_completeness.sql it was computed under (settings.reporting_version and
-- compl_period_versions.v, which the triggers bump in the same transaction as every write
-- the numbers depend on): a row whose stamps no longer match is stale and is recomputed,
-- so nothing here is ever served out of date and no save has to touch this table.
-- computed_on is the Vietnam date it was computed for; settled = 1 when every deadline of
-- the period had passed that day, so the row holds for every later date too (otherwise
-- only for that date: "missing" and "not yet due" depend on the day).
-- tally: the rows in completeness.c's own binary layout (a cache: an unknown layout is a miss).
-- Derived data, like a cache: written without an audit row.
CREATE TABLE compl_tallies (
    regime_id INTEGER NOT NULL,
    root_id INTEGER NOT NULL,
    period_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    pversion INTEGER NOT NULL,
    computed_on TEXT NOT NULL,
    settled INTEGER NOT NULL,
    tally BLOB NOT NULL,
    PRIMARY KEY (regime_id, root_id, period_id)
) WITHOUT ROWID;
