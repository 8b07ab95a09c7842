-- Test schema, version 2: a new nullable column and an index.
ALTER TABLE thing ADD COLUMN weight_grams INTEGER;
CREATE INDEX thing_by_site ON thing (site_id);
