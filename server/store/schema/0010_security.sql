-- Suspected clones (SYSTEM.md must-hold 2): the same bracelet accepted at two
-- sites farther apart than anyone could travel in the time between the taps.
-- Read and written by server/security (CloneWatch, the security events) and,
-- for the coordinates, server/admin's site registry.

-- Where each site is, in decimal degrees (WGS 84), NULL until an administrator
-- sets both (minegatectl site locate, PUT /v1/sites/{id}/location). A site
-- without them takes part in no clone check.
ALTER TABLE sites ADD COLUMN latitude REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90);
ALTER TABLE sites ADD COLUMN longitude REAL
  CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180);

-- One row: the fastest a person plausibly travels between sites. 60 km/h by
-- default: the roads and tracks of Kédougou, a motorbike at best.
CREATE TABLE security_settings (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  max_speed_kmh INTEGER NOT NULL CHECK (max_speed_kmh BETWEEN 1 AND 1000),
  updated_at_ms INTEGER NOT NULL            -- 0 until an administrator changes it
) STRICT;
INSERT INTO security_settings (id, max_speed_kmh, updated_at_ms) VALUES (1, 60, 0);

-- What administrators review. No person data: a tag UID, two sites, gates and
-- times, never a person token or a name. `first` is the earlier tap.
CREATE TABLE security_events (
  event_id            INTEGER PRIMARY KEY,
  kind                TEXT NOT NULL CHECK (kind IN ('suspected_clone')),
  tag_uid             BLOB NOT NULL,
  first_site_id       INTEGER NOT NULL,
  first_gate_id       INTEGER NOT NULL,
  first_at_ms         INTEGER NOT NULL,
  first_log_position  INTEGER NOT NULL REFERENCES events (log_position),
  second_site_id      INTEGER NOT NULL CHECK (second_site_id <> first_site_id),
  second_gate_id      INTEGER NOT NULL,
  second_at_ms        INTEGER NOT NULL CHECK (second_at_ms >= first_at_ms),
  second_log_position INTEGER NOT NULL REFERENCES events (log_position),
  distance_km         REAL NOT NULL CHECK (distance_km > 0),
  elapsed_ms          INTEGER NOT NULL CHECK (elapsed_ms = second_at_ms - first_at_ms),
  max_speed_kmh       INTEGER NOT NULL,      -- the speed in force when detected
  detected_at_ms      INTEGER NOT NULL,
  status              TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'revoked', 'dismissed')),
  resolved_by         TEXT,                  -- the administrator's user id
  resolved_at_ms      INTEGER,
  CHECK ((status = 'open') = (resolved_at_ms IS NULL))
) STRICT;
-- One open event per tag and pair of sites, whichever site was first: a
-- bracelet tapped again and again at both is one thing to decide.
CREATE UNIQUE INDEX security_events_open_pair ON security_events
  (tag_uid, min(first_site_id, second_site_id), max(first_site_id, second_site_id))
  WHERE status = 'open';
CREATE INDEX security_events_by_tag ON security_events (tag_uid);
CREATE INDEX security_events_by_status ON security_events (status, event_id);

-- CloneWatch reads a tag's passages around each tap it judges.
CREATE INDEX passages_by_tag ON passages (tag_uid, occurred_at_ms);
