-- Revocations in any order of arrival.
--
-- Kiosks sync independently: a kiosk that seized or replaced a bracelet may
-- upload its BraceletRevoked before the issuing kiosk uploads the
-- BraceletIssued. The projector used to apply a revocation to the bracelets
-- row only, so one that arrived first found no row and was lost (the event
-- stayed in the log; a rebuild, replaying the log in arrival order, lost it
-- again). Every revocation the log holds is now kept here, a projection like
-- the tables of 0003 (cleared and recomputed by rebuild-projections); the
-- bracelet's revoked_* columns are derived from these rows, the
-- administrator's (admin_bracelet_revocations) and the tag's issues, by a rule
-- that does not depend on the order of arrival
-- (server/store/bracelet_revocation_rule.hpp, which the projector,
-- server/ingest/internal/bracelet_projection.cpp, and an administrator's
-- revocation both go through):
-- a revocation applies to the bracelet the tag holds if it is not earlier
-- than that issue, or if that issue is the tag's first (the revoking kiosk
-- saw a bracelet, so one was issued: its clock or the issuer's was off);
-- the earliest that applies gives revoked_at_ms and the reason.
CREATE TABLE bracelet_revocations (
  revocation_id  INTEGER PRIMARY KEY,
  -- The event: a BraceletRevoked, or a BraceletIssued naming the bracelet it
  -- replaces. NULL only for the rows carried over below.
  log_position   INTEGER UNIQUE REFERENCES events (log_position),
  tag_uid        BLOB NOT NULL,
  revoked_at_ms  INTEGER NOT NULL,
  reason         INTEGER NOT NULL,      -- minegate.v1.RevocationReason
  source         INTEGER NOT NULL CHECK (source IN (0, 1)),  -- 0 BraceletRevoked, 1 replacement
  -- The 'revoked_bracelets' version at which the revocation was listed for
  -- kiosks while its tag had no bracelet, being later than every revocation
  -- of the tag listed before it (see the view below); NULL otherwise.
  listed_version INTEGER
) STRICT;
CREATE INDEX bracelet_revocations_by_tag ON bracelet_revocations (tag_uid, revoked_at_ms);

-- The earliest issue of the tag: the rule above needs to know whether the
-- bracelet the tag holds is its first.
ALTER TABLE bracelets ADD COLUMN first_issued_at_ms INTEGER;

-- Revocations whose tag has no bracelet yet: one row per tag, the latest
-- listed (a kiosk refuses a credential issued up to revoked_at_ms, so the
-- latest covers every revocation of the tag; one no later than those already
-- listed is not listed). They are sent to kiosks with the revoked bracelets:
-- the UID is refused at every gate before its issue reaches the server. Only
-- listed rows are read, through the partial index below: the view stays as
-- cheap as the few revocations that arrive before their issue.
CREATE INDEX bracelet_revocations_listed ON bracelet_revocations (tag_uid, revoked_at_ms)
WHERE listed_version IS NOT NULL;
CREATE VIEW pending_bracelet_revocations AS
SELECT r.tag_uid, r.revoked_at_ms, r.reason, r.listed_version
FROM bracelet_revocations AS r
WHERE r.listed_version IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM bracelet_revocations AS later
                  WHERE later.tag_uid = r.tag_uid AND later.listed_version IS NOT NULL
                    AND later.revoked_at_ms > r.revoked_at_ms)
  AND NOT EXISTS (SELECT 1 FROM bracelets AS b WHERE b.tag_uid = r.tag_uid);

-- A database from before this step: keep what the bracelets already carry, so
-- that the next event about one of them does not lift its revocation. A
-- revocation lost before this step is in the log: `minegatectl
-- rebuild-projections` recovers it (and replaces these rows by the events').
UPDATE bracelets SET first_issued_at_ms = issued_at_ms;
INSERT INTO bracelet_revocations (tag_uid, revoked_at_ms, reason, source)
SELECT tag_uid, revoked_at_ms, revocation_reason, 0 FROM bracelets
WHERE revoked_at_ms IS NOT NULL;
