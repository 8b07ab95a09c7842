-- The audit log: every read and change of the registry by an official, a script, minegatectl
-- or a device, in one append-only, hash-chained table (server/audit, docs/audit.md).
--
-- seq is the entry's place in the chain: 1, 2, 3, ... without gaps. hash is
-- BLAKE2b-256(previous entry's hash || canonical bytes of this entry), the first entry's
-- previous hash being 32 zero bytes; the canonical bytes cover seq and every column below
-- except hash (format_version says which encoding). `minegatectl audit verify` recomputes the
-- chain. Only server/audit/audit_log.cpp writes here, and it only inserts.
CREATE TABLE audit_log (
  seq            INTEGER PRIMARY KEY,
  format_version INTEGER NOT NULL,
  at_ms          INTEGER NOT NULL,
  actor_kind     TEXT NOT NULL
                 CHECK (actor_kind IN ('user', 'api_token', 'minegatectl', 'device', 'anonymous')),
  actor_id       TEXT NOT NULL,       -- user id, OS user (minegatectl), device id
  actor_role     TEXT NOT NULL,       -- role name, '' when none
  client_address TEXT NOT NULL,
  user_agent     TEXT NOT NULL,       -- at most 256 bytes
  action         TEXT NOT NULL,       -- "GET /v1/devices" (route pattern) or "minegatectl user add"
  targets        TEXT NOT NULL,       -- one per line: "user:amadou", "device:kdg-0001"
  person_tokens  TEXT NOT NULL,       -- one lower-case hex token per line
  query          TEXT NOT NULL,       -- search terms or filters as sent (JSON), '' when none
  result_count   INTEGER NOT NULL,    -- rows read or exported, -1 when not a read
  outcome        TEXT NOT NULL,       -- "ok", "refused:<code>", "error:<code>"
  http_status    INTEGER NOT NULL,    -- 0 outside HTTP
  reason         TEXT NOT NULL,
  case_reference TEXT NOT NULL,
  hash           BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

-- "Who touched this person": one row per (person token, entry naming it), written by the same
-- INSERT transaction as the entry. The primary key is the lookup, newest first by seq. The
-- tokens are also in the entry (and in its hash): verify checks this index against them.
CREATE TABLE audit_person_tokens (
  person_token TEXT NOT NULL,
  seq          INTEGER NOT NULL REFERENCES audit_log (seq),
  PRIMARY KEY (person_token, seq)
) STRICT, WITHOUT ROWID;

-- The auditors' filters, each ending in seq (implicitly, as the rowid) so that a filter reads
-- its newest entries first and a page continues below the cursor's seq without sorting.
CREATE INDEX audit_log_by_actor ON audit_log (actor_id);
CREATE INDEX audit_log_by_role ON audit_log (actor_role);
CREATE INDEX audit_log_by_action ON audit_log (action);
CREATE INDEX audit_log_by_time ON audit_log (at_ms);
CREATE INDEX audit_log_by_outcome ON audit_log (outcome);

-- Append-only, as defence in depth: the code has no UPDATE or DELETE of these tables, and the
-- database refuses them too. Someone holding the file can drop these triggers; the hash chain,
-- and a head written down beforehand (`minegatectl audit head`), are what expose that.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log est en ajout seul / audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log est en ajout seul / audit_log is append-only');
END;
-- INSERT OR REPLACE deletes the row it replaces without firing DELETE triggers (unless
-- recursive_triggers is on): an entry that would take an existing seq is refused before that.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
BEGIN
  SELECT RAISE(ABORT, 'audit_log est en ajout seul / audit_log is append-only');
END;
CREATE TRIGGER audit_person_tokens_no_update BEFORE UPDATE ON audit_person_tokens
BEGIN
  SELECT RAISE(ABORT, 'audit_person_tokens est en ajout seul / audit_person_tokens is append-only');
END;
CREATE TRIGGER audit_person_tokens_no_delete BEFORE DELETE ON audit_person_tokens
BEGIN
  SELECT RAISE(ABORT, 'audit_person_tokens est en ajout seul / audit_person_tokens is append-only');
END;

-- person_reads (0005) recorded the kiosk's lost-bracelet searches before this log existed. New
-- searches go to audit_log (with the candidates' person tokens); the rows already there are kept
-- as they were written.
CREATE TRIGGER person_reads_no_update BEFORE UPDATE ON person_reads
BEGIN
  SELECT RAISE(ABORT, 'person_reads est en ajout seul / person_reads is append-only');
END;
CREATE TRIGGER person_reads_no_delete BEFORE DELETE ON person_reads
BEGIN
  SELECT RAISE(ABORT, 'person_reads est en ajout seul / person_reads is append-only');
END;
