-- The event log: the source of truth. Every query table in 0003 is a
-- projection of it, rebuilt by `minegatectl rebuild-projections`.

CREATE TABLE events (
  log_position   INTEGER PRIMARY KEY,   -- order of durable arrival at the server
  event_id       BLOB NOT NULL UNIQUE CHECK (length(event_id) = 16),
  device_id      TEXT NOT NULL REFERENCES devices (device_id),
  device_seq     INTEGER NOT NULL CHECK (device_seq >= 1),
  occurred_at_ms INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL,
  site_id        INTEGER NOT NULL,
  gate_id        INTEGER NOT NULL,
  body_kind      TEXT NOT NULL,         -- oneof case: person_registered, gate_passed, ...
  event          BLOB NOT NULL,         -- serialized minegate.v1.Event, sealed body opened
  UNIQUE (device_id, device_seq)
) STRICT;

-- What the server holds for each device: kept in the same transaction as the
-- events, so the reconcile answer is always exact.
CREATE TABLE device_sync (
  device_id       TEXT PRIMARY KEY REFERENCES devices (device_id),
  event_count     INTEGER NOT NULL,
  highest_seq     INTEGER NOT NULL,     -- largest device_seq stored
  contiguous_seq  INTEGER NOT NULL,     -- every seq 1..contiguous_seq is stored
  last_event_at_ms INTEGER NOT NULL
) STRICT;

-- Sequence ranges a device skipped: recorded, never silently accepted as complete.
CREATE TABLE device_gaps (
  device_id      TEXT NOT NULL REFERENCES devices (device_id),
  first_missing  INTEGER NOT NULL,
  last_missing   INTEGER NOT NULL CHECK (last_missing >= first_missing),
  detected_at_ms INTEGER NOT NULL,
  PRIMARY KEY (device_id, first_missing)
) STRICT;
