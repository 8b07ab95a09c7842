-- Border police (server/police): person search by name, document, nationality and
-- arrival, site and date, and the timeline's reads (EXPLAIN QUERY PLAN of each
-- in server/police/README.md, checked by tests/unit/server_police).

-- Names, for a partial, accent-, case- and order-insensitive search: SQLite's
-- FTS5 with its trigram tokenizer (3.34+; Debian 12 has 3.40). That tokenizer
-- cannot remove diacritics in 3.40, so the text is folded before it is indexed
-- and queried, by server/registry (ICU): " aissatou ba toure batoure " for
-- Aïssatou Ba-Touré (registry/name_index.hpp says why the spaces and the joined
-- words). Contentless: the names are in `persons`; rowid is persons' rowid.
-- A projection like those of 0003: written by the projector with the person,
-- cleared and refilled by rebuild-projections.
CREATE VIRTUAL TABLE person_names USING fts5(name, tokenize = 'trigram', content = '');

-- The persons registered before this step, for the projector to index when it
-- starts (SQL cannot fold names as ICU does); emptied as they are indexed.
CREATE TABLE person_names_pending (
  person_rowid INTEGER PRIMARY KEY
) STRICT;
INSERT INTO person_names_pending (person_rowid) SELECT rowid FROM persons;

-- By nationality and date of arrival (first seen: registration).
CREATE INDEX persons_by_nationality_arrival ON persons (nationality, registered_at_ms);

-- By document number as typed in any form: upper case, no spaces, dashes or
-- slashes ("SN-123 456" and "sn123456" are one number). The police's query
-- uses this very expression.
CREATE INDEX persons_by_document_key ON persons (
  replace(replace(replace(upper(document_number), ' ', ''), '-', ''), '/', ''))
  WHERE document_number <> '';

-- By site and time: who passed a gate of a site in a date range.
CREATE INDEX passages_by_site_time ON passages (site_id, occurred_at_ms);

-- A person's census observations, for the timeline.
CREATE INDEX census_observations_by_person ON census_observations (person_token, observed_at_ms);
