-- Test schema, version 1: a STRICT table with a foreign key.
-- Non-ASCII and raw-string-like bytes must survive embedding: Kédougou, )" and )sql".
CREATE TABLE site (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE thing (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES site (id),
  label TEXT NOT NULL
) STRICT;

INSERT INTO site (id, name) VALUES (1, 'Kédougou');
