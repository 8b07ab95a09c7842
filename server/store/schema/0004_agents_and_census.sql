-- Offline sign-in at kiosks and EMAPE census campaigns.
--
-- Agents sign in at a kiosk with a PIN, and may also tap a staff card. The
-- kiosk holds the roster of agents (see 'agent_roster' in list_versions), so
-- sign-in works without a link to the server.
--
-- SQLite cannot add a UNIQUE column to an existing table: uniqueness comes from
-- the index below (NULLs are distinct, so any number of users have no card).
ALTER TABLE users ADD COLUMN staff_card_uid BLOB
  CHECK (staff_card_uid IS NULL OR length(staff_card_uid) IN (4, 7, 10));
CREATE UNIQUE INDEX users_by_staff_card ON users (staff_card_uid);

-- Bumped by every change that alters the roster: a user with a PIN added, a PIN
-- set, a staff card set or cleared, a user disabled.
INSERT INTO list_versions (list, version) VALUES ('agent_roster', 0);

-- Census campaigns run by EMAPE at a site. A kiosk of the site receives those
-- that are open or closed for less than a week; its CensusObserved events must
-- name one of the site's campaigns. 'census_campaigns' in list_versions moves
-- with every change here.
CREATE TABLE census_campaigns (
  campaign_id   TEXT PRIMARY KEY
                CHECK (length(campaign_id) BETWEEN 3 AND 64
                       AND campaign_id NOT GLOB '*[^a-z0-9-]*'),
  site_id       INTEGER NOT NULL REFERENCES sites (site_id),
  name_fr       TEXT NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 120),
  name_en       TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120),
  opens_at_ms   INTEGER NOT NULL,
  closes_at_ms  INTEGER NOT NULL CHECK (closes_at_ms > opens_at_ms),
  created_at_ms INTEGER NOT NULL,
  -- census_campaigns list version at which this row last changed.
  version       INTEGER NOT NULL
) STRICT;
CREATE INDEX census_campaigns_by_site ON census_campaigns (site_id, closes_at_ms);
