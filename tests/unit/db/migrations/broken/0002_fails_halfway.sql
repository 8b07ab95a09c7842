-- Test schema, version 2, deliberately broken: the first statement succeeds, the second violates
-- the STRICT INTEGER type of thing.site_id. Nothing of it may remain after the failure.
CREATE TABLE partial (
  id INTEGER PRIMARY KEY
) STRICT;

INSERT INTO thing (site_id, label) VALUES ('not a number', 'refused');
