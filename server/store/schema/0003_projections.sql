-- Query tables, all derived from the event log (0002). Never written except by
-- the projector, which can drop and rebuild them from `events`.

CREATE TABLE persons (
  person_token        BLOB PRIMARY KEY CHECK (length(person_token) = 16),
  given_name          TEXT NOT NULL,
  family_name         TEXT NOT NULL,
  sex                 INTEGER NOT NULL,      -- minegate.v1.Sex
  birth_year          INTEGER,
  birth_estimated     INTEGER NOT NULL CHECK (birth_estimated IN (0, 1)),
  nationality         TEXT NOT NULL,         -- ISO 3166-1 alpha-3, '' if not declared
  occupation          INTEGER NOT NULL,      -- minegate.v1.Occupation
  document_number     TEXT NOT NULL,
  registered_at_ms    INTEGER NOT NULL,
  registered_site_id  INTEGER NOT NULL,
  registered_position INTEGER NOT NULL REFERENCES events (log_position),
  record              BLOB NOT NULL          -- serialized minegate.v1.PersonRegistered
) STRICT;
CREATE INDEX persons_by_family_name ON persons (family_name, given_name);
CREATE INDEX persons_by_document ON persons (document_number) WHERE document_number <> '';

CREATE TABLE bracelets (
  tag_uid            BLOB PRIMARY KEY,
  person_token       BLOB NOT NULL,
  tag_type           INTEGER NOT NULL,
  credential         BLOB NOT NULL,
  issued_at_ms       INTEGER NOT NULL,
  issued_site_id     INTEGER NOT NULL,
  issuing_device_id  TEXT NOT NULL,
  revoked_at_ms      INTEGER,
  revocation_reason  INTEGER,
  revoked_version    INTEGER                 -- revoked_bracelets list version
) STRICT;
CREATE INDEX bracelets_by_person ON bracelets (person_token);

-- Every gate passage, for arrival histories.
CREATE TABLE passages (
  log_position   INTEGER PRIMARY KEY REFERENCES events (log_position),
  person_token   BLOB,
  tag_uid        BLOB NOT NULL,
  site_id        INTEGER NOT NULL,
  gate_id        INTEGER NOT NULL,
  direction      INTEGER NOT NULL,           -- minegate.v1.Direction
  verification   INTEGER NOT NULL,           -- minegate.v1.Verification
  occurred_at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX passages_by_person ON passages (person_token, occurred_at_ms);

-- Who is where: the last verified passage of each person.
CREATE TABLE presence (
  person_token   BLOB PRIMARY KEY,
  site_id        INTEGER NOT NULL,
  gate_id        INTEGER NOT NULL,
  direction      INTEGER NOT NULL,
  at_ms          INTEGER NOT NULL,
  log_position   INTEGER NOT NULL
) STRICT;
CREATE INDEX presence_by_site ON presence (site_id, direction);

CREATE TABLE companions (
  log_position           INTEGER PRIMARY KEY REFERENCES events (log_position),
  person_token           BLOB NOT NULL,
  companion_person_token BLOB,
  companion_description  TEXT,
  relation               INTEGER NOT NULL,   -- minegate.v1.CompanionRelation
  answered_for_person    INTEGER NOT NULL CHECK (answered_for_person IN (0, 1)),
  site_id                INTEGER NOT NULL,
  recorded_at_ms         INTEGER NOT NULL
) STRICT;
CREATE INDEX companions_by_person ON companions (person_token);
CREATE INDEX companions_by_companion ON companions (companion_person_token);

CREATE TABLE miner_cards (
  card_uid      BLOB PRIMARY KEY,
  person_token  BLOB NOT NULL,
  card_number   TEXT NOT NULL,
  linked_at_ms  INTEGER NOT NULL,
  log_position  INTEGER NOT NULL
) STRICT;
CREATE INDEX miner_cards_by_person ON miner_cards (person_token);

CREATE TABLE census_observations (
  campaign_id    TEXT NOT NULL,
  person_token   BLOB NOT NULL,
  site_id        INTEGER NOT NULL,
  observed_at_ms INTEGER NOT NULL,
  log_position   INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, person_token)
) STRICT;

-- Position of the last event applied to the tables above.
CREATE TABLE projection_state (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  last_position INTEGER NOT NULL
) STRICT;
INSERT INTO projection_state (id, last_position) VALUES (1, 0);
