-- The kiosk's own database. A kiosk can be stolen: personal data appears here
-- only sealed to the server (outbox), as the minimal, expiring roster cache, or
-- in the one registration draft being filled in (deleted when recorded,
-- cancelled or expired). Every table is STRICT; times are ms since the epoch.

-- Who this kiosk is, once enrolled (one row). The Ed25519 device key is not
-- here: it lives in keys/device.key (0600) beside the database.
CREATE TABLE identity (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  device_id          TEXT NOT NULL CHECK (length(device_id) BETWEEN 1 AND 64),
  site_id            INTEGER NOT NULL,
  gate_id            INTEGER NOT NULL,
  server_host        TEXT NOT NULL,
  server_port        INTEGER NOT NULL CHECK (server_port BETWEEN 1 AND 65535),
  -- SHA-256 of the server certificate (hex): the only certificate accepted.
  server_fingerprint TEXT NOT NULL,
  -- X25519 key personal data is sealed to, and its id (from enrolment, then Welcome).
  sealing_public_key BLOB NOT NULL CHECK (length(sealing_public_key) = 32),
  sealing_key_id     BLOB NOT NULL CHECK (length(sealing_key_id) = 8),
  enrolled_at_ms     INTEGER NOT NULL
) STRICT;

-- Every event the kiosk recorded, ready to send: personal bodies are already
-- sealed. Deleted only once acknowledged and older than the retention delay.
CREATE TABLE outbox (
  device_seq     INTEGER PRIMARY KEY CHECK (device_seq >= 1),
  event_id       BLOB NOT NULL UNIQUE CHECK (length(event_id) = 16),
  event          BLOB NOT NULL,
  recorded_at_ms INTEGER NOT NULL,
  acked_at_ms    INTEGER
) STRICT;

-- Where the sequence stands; survives the deletion of acknowledged events.
CREATE TABLE outbox_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  highest_seq     INTEGER NOT NULL,
  acked_seq       INTEGER NOT NULL,
  last_ack_at_ms  INTEGER NOT NULL
) STRICT;
INSERT INTO outbox_state (id, highest_seq, acked_seq, last_ack_at_ms) VALUES (1, 0, 0, 0);

-- Down-stream lists from the server and the versions held.
CREATE TABLE list_versions (
  list    TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT;
INSERT INTO list_versions (list, version) VALUES
  ('trust_list', 0), ('revoked_bracelets', 0), ('alerts', 0), ('census_campaigns', 0),
  ('agent_roster', 0);

CREATE TABLE trusted_keys (
  key_id        BLOB PRIMARY KEY CHECK (length(key_id) = 8),
  public_key    BLOB NOT NULL CHECK (length(public_key) = 32),
  device_id     TEXT NOT NULL,
  revoked_at_ms INTEGER
) STRICT;

CREATE TABLE revoked_bracelets (
  tag_uid       BLOB PRIMARY KEY,
  revoked_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE alerts (
  alert_id      TEXT PRIMARY KEY,
  text_fr       TEXT NOT NULL,
  text_en       TEXT NOT NULL,
  issued_at_ms  INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE census_campaigns (
  campaign_id TEXT PRIMARY KEY,
  name_fr     TEXT NOT NULL,
  name_en     TEXT NOT NULL,
  opens_at_ms INTEGER NOT NULL,
  closes_at_ms INTEGER NOT NULL
) STRICT;

-- Agents who may sign in here, with their PIN hashes (Argon2id strings).
CREATE TABLE agents (
  user_id        TEXT PRIMARY KEY,
  display_name   TEXT NOT NULL,
  role           INTEGER NOT NULL,
  pin_hash       TEXT NOT NULL,
  staff_card_uid BLOB
) STRICT;
CREATE INDEX agents_by_card ON agents (staff_card_uid) WHERE staff_card_uid IS NOT NULL;

-- Wrong PINs per agent on this kiosk, the lock they caused, and how many
-- locks in a row (each one lasts twice as long as the one before). The row
-- '*kiosk*' (never a user id) counts wrong PINs for all agents together.
CREATE TABLE sign_in_failures (
  user_id         TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL,
  locks           INTEGER NOT NULL DEFAULT 0,
  last_failure_ms INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The minimum needed to show the agent who should wear a bracelet; expires.
CREATE TABLE roster_cache (
  person_token  BLOB PRIMARY KEY CHECK (length(person_token) = 16),
  first_name    TEXT NOT NULL,
  sex           INTEGER NOT NULL,
  birth_year    INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
) STRICT;

-- The registration being filled in (serialized minegate.v1.RegistrationDraft).
CREATE TABLE registration_draft (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  draft         BLOB NOT NULL,
  person_token  BLOB NOT NULL CHECK (length(person_token) = 16),
  updated_at_ms INTEGER NOT NULL
) STRICT;

-- People observed per census campaign on this kiosk (pseudonymous tokens).
CREATE TABLE census_observations (
  campaign_id    TEXT NOT NULL,
  person_token   BLOB NOT NULL,
  observed_at_ms INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, person_token)
) STRICT;

-- Kiosk settings chosen at the screen: language, direction, campaign.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
