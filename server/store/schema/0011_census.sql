-- EMAPE census (server/census): the window that says who is present at a site,
-- and the indexes its figures read (EXPLAIN QUERY PLAN in
-- tests/unit/server_census/census_query_plan_test.cpp).

-- One row. A person is present at a site when her or his last verified passage
-- is an entry there, at most this many days ago (30 by default: a miner who
-- went home without tapping out stops counting after a month).
CREATE TABLE census_settings (
  id                   INTEGER PRIMARY KEY CHECK (id = 1),
  presence_window_days INTEGER NOT NULL CHECK (presence_window_days BETWEEN 1 AND 365),
  updated_at_ms        INTEGER NOT NULL       -- 0 until an EMAPE official changes it
) STRICT;
INSERT INTO census_settings (id, presence_window_days, updated_at_ms) VALUES (1, 30, 0);

-- Populations now: the entries of a site within the window, a range seek.
CREATE INDEX presence_by_site_time ON presence (site_id, direction, at_ms);

-- A person's first verified entry at a site (date of installation, arrivals
-- per day): one seek per person, or one ordered walk of a site's entries.
-- Partial: a refused bracelet proves nothing (presence follows the same rule).
CREATE INDEX passages_entries_by_site ON passages (site_id, direction, person_token, occurred_at_ms)
  WHERE verification = 1 AND person_token IS NOT NULL;
