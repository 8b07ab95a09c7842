-- Hardening against a stolen kiosk.
--
-- 1. Revocation a thief cannot backdate. The date inside a credential is
--    written by whoever holds the device key, so it cannot decide whether a
--    revoked key's bracelet is genuine. When a device is revoked, the digests
--    of the bracelets the server had received from it (BraceletIssued events
--    received up to the revocation time, by the server's clock) are frozen
--    here and sent with the trust list; only those stay valid.
CREATE TABLE revoked_device_bracelets (
  device_id TEXT NOT NULL REFERENCES devices (device_id),
  -- DigestOfIssued: BLAKE2b-128 of context, tag UID and credential bytes.
  digest    BLOB NOT NULL CHECK (length(digest) = 16),
  PRIMARY KEY (device_id, digest)
) STRICT, WITHOUT ROWID;

-- 2. Rosters per site. A kiosk receives only the agents assigned to its site,
--    so a stolen kiosk exposes one site's PIN hashes, not the nation's. An
--    assignment that ends is kept with its end: events an agent recorded at the
--    site before it ended (offline, sent later) are still the agent's to record.
CREATE TABLE user_sites (
  user_id          TEXT NOT NULL REFERENCES users (user_id),
  site_id          INTEGER NOT NULL REFERENCES sites (site_id),
  assigned_at_ms   INTEGER NOT NULL,
  unassigned_at_ms INTEGER,
  PRIMARY KEY (user_id, site_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_sites_by_site ON user_sites (site_id);

--    A revoked kiosk held its site's PIN hashes and staff-card UIDs: both are
--    marked compromised (with the device that held them). A compromised PIN or
--    card is not sent to any kiosk until an administrator sets a new one.
ALTER TABLE users ADD COLUMN pin_compromised_at_ms INTEGER;
ALTER TABLE users ADD COLUMN card_compromised_at_ms INTEGER;
ALTER TABLE users ADD COLUMN compromised_by_device TEXT;

-- 3. A gate agent replacing a lost bracelet asks the server for the person's
--    record (first name, sex, birth year, site of registration of a handful
--    of candidates). Every such person-level read is recorded here, for the
--    audit log: who asked, from which kiosk, why, with which terms, and how
--    many records answered.
CREATE TABLE person_reads (
  read_id      INTEGER PRIMARY KEY,
  at_ms        INTEGER NOT NULL,
  device_id    TEXT REFERENCES devices (device_id),
  user_id      TEXT NOT NULL REFERENCES users (user_id),
  purpose      TEXT NOT NULL CHECK (purpose IN ('bracelet_replacement')),
  terms        TEXT NOT NULL,          -- the search terms, as protobuf JSON
  result_count INTEGER NOT NULL
) STRICT;
CREATE INDEX person_reads_by_user ON person_reads (user_id, at_ms);
CREATE INDEX persons_by_birth ON persons (birth_year, sex);

-- 4. Bracelets an administrator revoked (minegatectl bracelet revoke). Kept
--    apart from the projections, which are rebuilt from the event log: a
--    rebuild applies these again.
CREATE TABLE admin_bracelet_revocations (
  tag_uid       BLOB NOT NULL CHECK (length(tag_uid) IN (4, 7, 10)),
  revoked_at_ms INTEGER NOT NULL,
  reason        INTEGER NOT NULL,   -- minegate.v1.RevocationReason
  note          TEXT NOT NULL,
  PRIMARY KEY (tag_uid, revoked_at_ms)
) STRICT;
