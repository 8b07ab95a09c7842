-- EMAPE census (server/census): each observation carries the facts its campaign's
-- breakdowns count, written by the projector (server/ingest/internal/
-- census_facts.cpp), so that a campaign's results are one ordered walk of its
-- own rows rather than five B-tree seeks a person (the person's index and row,
-- her first entry at the site, the observation's index and row): 572-715 ms for
-- a 50,000-person site on the 1,000,000-person benchmark, against 200 ms
-- (docs/PERFORMANCE.md, "Registry at national scale").
--
-- The facts and when they change:
--   registered, sex, birth_year, nationality, occupation: from the person's
--     registration, which never changes once projected (persons keeps the
--     first); filled when the observation is projected, or when the registration
--     arrives later (an offline kiosk's backlog);
--   first_entry_ms: her first verified entry at the observation's site, lowered
--     whenever an earlier one is projected (entries arrive out of order).
-- A miner's card held is not kept here: a card is issued, linked and revoked
-- after the census, and the card issuance list must see it at once.
-- Like every projection, cleared and recomputed by rebuild-projections.
--
-- WITHOUT ROWID: the rows of one campaign lie together in key order.
CREATE TABLE census_observations_facts (
  campaign_id    TEXT NOT NULL,
  person_token   BLOB NOT NULL,
  site_id        INTEGER NOT NULL,
  observed_at_ms INTEGER NOT NULL,
  log_position   INTEGER NOT NULL,
  registered     INTEGER NOT NULL CHECK (registered IN (0, 1)),
  sex            INTEGER,          -- minegate.v1.Sex; NULL until registered
  birth_year     INTEGER,
  nationality    TEXT,             -- ISO 3166-1 alpha-3, '' if not declared
  occupation     INTEGER,          -- minegate.v1.Occupation
  first_entry_ms INTEGER,          -- NULL: no verified entry at the site on file
  PRIMARY KEY (campaign_id, person_token)
) STRICT, WITHOUT ROWID;

INSERT INTO census_observations_facts
SELECT o.campaign_id, o.person_token, o.site_id, o.observed_at_ms, o.log_position,
       p.person_token IS NOT NULL, p.sex, p.birth_year, p.nationality, p.occupation,
       (SELECT min(e.occurred_at_ms) FROM passages e
         WHERE e.site_id = o.site_id AND e.direction = 1 AND e.person_token = o.person_token
           AND e.verification = 1 AND e.person_token IS NOT NULL)
  FROM census_observations o LEFT JOIN persons p ON p.person_token = o.person_token;

DROP TABLE census_observations;
ALTER TABLE census_observations_facts RENAME TO census_observations;

-- A person's census observations: the timeline (0012), and the projector's
-- updates of her facts.
CREATE INDEX census_observations_by_person ON census_observations (person_token, observed_at_ms);

-- presence_by_site (site_id, direction) is the prefix of presence_by_site_time
-- (site_id, direction, at_ms, schema 0011), which serves every query it served.
DROP INDEX presence_by_site;
