-- The EMAPE series of gold miners' card numbers (issue 13, item 4), and the
-- revocation of a lost card. Not projections: reservations and revocations are
-- decisions taken on the server (an official's request at a kiosk, an EMAPE
-- official's or an administrator's revocation), not events of the log, so
-- rebuild-projections leaves these tables alone.
--
-- A number is <department><site>-<counter> (docs/protocol.md §7.3):
-- "KDG12-000123" is the 123rd number of site 12, in Kédougou. The prefix is
-- fixed when the site's series is created (its first reservation). The counter
-- only grows, so a number is never reused; one whose card was never written
-- stays here reserved, a gap explained by its row and its audit entry.

-- One series per site: the last counter handed out.
CREATE TABLE miner_card_series (
  site_id      INTEGER PRIMARY KEY REFERENCES sites (site_id),
  prefix       TEXT NOT NULL UNIQUE CHECK (length(prefix) BETWEEN 4 AND 13),
  last_counter INTEGER NOT NULL CHECK (last_counter >= 0)
) STRICT;

-- Every number reserved from a series, and every card revoked (a card linked
-- before the series existed, with a number of its own, gets a row when it is
-- revoked: site, counter, device and reservation NULL).
CREATE TABLE miner_card_numbers (
  -- What the card's credential carries: 1..16 of [0-9A-Z/-].
  card_number     TEXT PRIMARY KEY CHECK (length(card_number) BETWEEN 1 AND 16),
  site_id         INTEGER REFERENCES sites (site_id),
  counter         INTEGER CHECK (counter IS NULL OR counter >= 1),
  -- The holder the number was reserved for (or the card was linked to).
  person_token    BLOB NOT NULL CHECK (length(person_token) = 16),
  device_id       TEXT,
  official_id     TEXT,
  reserved_at_ms  INTEGER,
  -- The card revoked: its UID (from miner_cards when revoked), when, by whom
  -- (user id, or "minegatectl:<os user>"), why (free text, no personal data),
  -- and the 'revoked_bracelets' list version that carries its UID to kiosks.
  card_uid        BLOB,
  revoked_at_ms   INTEGER,
  revoked_by      TEXT,
  revoked_reason  TEXT,
  revoked_version INTEGER,
  UNIQUE (site_id, counter),
  CHECK ((revoked_at_ms IS NULL) = (revoked_version IS NULL))
) STRICT;
CREATE INDEX miner_card_numbers_by_person ON miner_card_numbers (person_token);
CREATE INDEX miner_card_numbers_revoked ON miner_card_numbers (revoked_version)
WHERE revoked_version IS NOT NULL;

-- A card is found by its number when it is revoked, and a number's issue is
-- its first MinerCardLinked.
CREATE INDEX miner_cards_by_number ON miner_cards (card_number);

-- The register an auditor or EMAPE reads: each number with its issue, the
-- time the first MinerCardLinked naming it was made (NULL while reserved only).
-- A view over the projection, so a rebuild keeps it right.
CREATE VIEW miner_card_register AS
SELECT n.card_number, n.site_id, n.counter, n.person_token, n.device_id, n.official_id,
       n.reserved_at_ms,
       (SELECT min(c.linked_at_ms) FROM miner_cards AS c
        WHERE c.card_number = n.card_number) AS issued_at_ms,
       n.card_uid, n.revoked_at_ms, n.revoked_by, n.revoked_reason
FROM miner_card_numbers AS n;
