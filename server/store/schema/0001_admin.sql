-- Administration: where gates are, who works at them, which devices may sync.
-- Every table is STRICT; times are milliseconds since the Unix epoch (UTC).

CREATE TABLE sites (
  site_id       INTEGER PRIMARY KEY,           -- the id written on bracelets (uint32)
  name          TEXT NOT NULL UNIQUE,
  department    TEXT NOT NULL CHECK (department IN ('kedougou', 'saraya', 'salemata')),
  created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE gates (
  gate_id       INTEGER PRIMARY KEY,
  site_id       INTEGER NOT NULL REFERENCES sites (site_id),
  name          TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  UNIQUE (site_id, name)
) STRICT;

CREATE TABLE users (
  user_id        TEXT PRIMARY KEY CHECK (length(user_id) BETWEEN 3 AND 64),  -- login name
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('gate_agent', 'border_police', 'emape_official',
                                               'protection_officer', 'administrator', 'auditor')),
  -- libsodium crypto_pwhash_str (Argon2id) strings; NULL until set.
  password_hash  TEXT,
  pin_hash       TEXT,
  disabled_at_ms INTEGER,
  created_at_ms  INTEGER NOT NULL
) STRICT;

CREATE TABLE devices (
  device_id        TEXT PRIMARY KEY CHECK (length(device_id) BETWEEN 1 AND 64),
  site_id          INTEGER NOT NULL REFERENCES sites (site_id),
  gate_id          INTEGER REFERENCES gates (gate_id),
  description      TEXT NOT NULL DEFAULT '',
  -- One-time enrolment: BLAKE2b-256 of the code, and when it stops being valid.
  enrolment_code_hash BLOB,
  enrolment_expires_at_ms INTEGER,
  -- Set when the kiosk enrols: its Ed25519 public key and key id (BLAKE2b-128, 8 bytes).
  public_key       BLOB UNIQUE CHECK (public_key IS NULL OR length(public_key) = 32),
  key_id           BLOB UNIQUE CHECK (key_id IS NULL OR length(key_id) = 8),
  enrolled_at_ms   INTEGER,
  revoked_at_ms    INTEGER,
  created_at_ms    INTEGER NOT NULL,
  -- Trust-list version at which this row last changed (see list_versions).
  trust_version    INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Down-stream lists are versioned so a kiosk receives only what changed since
-- the version it names in its Hello: 'trust_list', 'revoked_bracelets',
-- 'alerts', 'census_campaigns'.
CREATE TABLE list_versions (
  list    TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) STRICT;
INSERT INTO list_versions (list, version) VALUES
  ('trust_list', 0), ('revoked_bracelets', 0), ('alerts', 0), ('census_campaigns', 0);

CREATE TABLE alerts (
  alert_id      TEXT PRIMARY KEY,
  text_fr       TEXT NOT NULL,
  text_en       TEXT NOT NULL,
  issued_at_ms  INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL DEFAULT 0,
  withdrawn     INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  version       INTEGER NOT NULL
) STRICT;
