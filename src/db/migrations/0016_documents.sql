-- 0016_documents.sql - official documents as issued, not as read (report/doc_model.h):
--  * regimes.issuer_body: which body of a reporting unit issues its report. 'unit' = the unit
--    itself as it stands in the tree; 'party' = the Party committee of a territorial unit
--    (Đảng ủy xã/phường, Tỉnh ủy: Hướng dẫn 36-HD/VPTW); 'state' = its People's Committee
--    (Decree 30/2020/NĐ-CP). Bodies that are not territorial always issue as themselves.
--  * regimes.number_on: a report's number is given when it is issued: on submission, or on
--    approval where the regime says so; never by a download.
--  * reports.doc_date: the day the number was given (the date the document bears).
--  * units.formal_name: the name a unit wrote on its own documents while it existed, when the
--    interface's name carries a disambiguating suffix ("Tỉnh Cà Mau (trước 01/07/2025)").
--  * doc_signers: who signs a unit's documents, per issuing body: the authority line
--    ("T/M BAN THƯỜNG VỤ"), the position ("PHÓ BÍ THƯ") and the name.
ALTER TABLE regimes ADD COLUMN issuer_body TEXT NOT NULL DEFAULT 'unit'
    CHECK (issuer_body IN ('unit','party','state'));
ALTER TABLE regimes ADD COLUMN number_on TEXT NOT NULL DEFAULT 'submit'
    CHECK (number_on IN ('submit','approve'));
ALTER TABLE reports ADD COLUMN doc_date TEXT;
ALTER TABLE units ADD COLUMN formal_name TEXT;

CREATE TABLE doc_signers (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    body TEXT NOT NULL CHECK (body IN ('unit','party','state')),
    authority TEXT NOT NULL DEFAULT '',   -- "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "" = none
    position TEXT NOT NULL,               -- "BÍ THƯ", "PHÓ CHỦ TỊCH", "TRƯỞNG BAN"
    signer_name TEXT NOT NULL DEFAULT '', -- "Nguyễn Văn A", "" = left for the signer to write
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
    PRIMARY KEY (unit_id, body)
);

-- The names of closed units with the interface's suffix " (trước DD/MM/YYYY)".
UPDATE units SET formal_name = substr(name, 1, instr(name, ' (trước ') - 1)
 WHERE formal_name IS NULL AND instr(name, ' (trước ') > 1 AND name LIKE '%)';

-- Reports already numbered are dated by their first submission.
UPDATE reports SET doc_date = substr(first_submitted_at, 1, 10)
 WHERE doc_number IS NOT NULL AND doc_date IS NULL AND first_submitted_at IS NOT NULL;

-- Reports issued (sent) but never downloaded got no number: numbered now in the order they
-- were first sent, after the numbers their issuer already gave in the same series (a Party
-- body's term, else the calendar year of the first submission).
WITH pending AS (
    SELECT r.id, r.unit_id, g.doc_type, r.first_submitted_at AS at,
           CASE WHEN u.type LIKE 'party!_%' ESCAPE '!' THEN
                -- the Party term of the date: five years from 2020, from October (doc_model.h)
                (SELECT (2020 + ((y - 2020) / 5) * 5 - CASE WHEN (y - 2020) % 5 = 0 AND m < 10 THEN 5 ELSE 0 END)
                        || '-' || (2025 + ((y - 2020) / 5) * 5 - CASE WHEN (y - 2020) % 5 = 0 AND m < 10 THEN 5 ELSE 0 END)
                   FROM (SELECT CAST(substr(r.first_submitted_at, 1, 4) AS INTEGER) AS y,
                                CAST(substr(r.first_submitted_at, 6, 2) AS INTEGER) AS m))
                ELSE substr(r.first_submitted_at, 1, 4) END AS series
      FROM reports r JOIN regimes g ON g.id = r.regime_id JOIN units u ON u.id = r.unit_id
     WHERE r.doc_number IS NULL AND r.first_submitted_at IS NOT NULL AND r.status <> 'draft'),
numbered AS (
    SELECT p.id, p.series, p.at,
           COALESCE((SELECT c.last_number FROM doc_counters c WHERE c.issuer_unit_id = p.unit_id
                        AND c.doc_type = p.doc_type AND c.series = p.series), 0)
           + row_number() OVER (PARTITION BY p.unit_id, p.doc_type, p.series ORDER BY p.at, p.id) AS n
      FROM pending p)
UPDATE reports SET doc_number = nb.n, doc_series = nb.series, doc_date = substr(nb.at, 1, 10)
  FROM numbered nb WHERE nb.id = reports.id;

INSERT INTO doc_counters (issuer_unit_id, doc_type, series, last_number)
SELECT r.unit_id, g.doc_type, r.doc_series, max(r.doc_number)
  FROM reports r JOIN regimes g ON g.id = r.regime_id
 WHERE r.doc_number IS NOT NULL AND r.doc_series IS NOT NULL
 GROUP BY r.unit_id, g.doc_type, r.doc_series
    ON CONFLICT (issuer_unit_id, doc_type, series)
    DO UPDATE SET last_number = max(last_number, excluded.last_number);
