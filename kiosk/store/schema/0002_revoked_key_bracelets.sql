-- Bracelets a revoked device key issued that stay valid: the server froze
-- their digests (DigestOfIssued: tag UID and credential exactly as written)
-- when it revoked the key. A revoked key's credential is accepted only when
-- its digest is here; the date inside the credential never decides.
CREATE TABLE revoked_key_bracelets (
  digest BLOB NOT NULL CHECK (length(digest) = 16),
  key_id BLOB NOT NULL CHECK (length(key_id) = 8),
  PRIMARY KEY (digest, key_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX revoked_key_bracelets_by_key ON revoked_key_bracelets (key_id);
