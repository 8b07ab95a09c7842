-- Protection (issue 12): risk rule sets, each person's current assessment, the protection
-- officers' cases with their history, the directory of care services, referrals, and search
-- notices ("avis de recherche": missing-person and watch notices entered by protection officers,
-- never the operational `Alert` kiosks receive) with their matches.
--
-- Only server/protection reads or writes these tables (SYSTEM.md must-hold 4: flags are silent);
-- no kiosk message and no other role's route is built from them.
--
-- Person tokens here carry no foreign key to `persons`: that table is a projection the
-- projector may drop and rebuild from the event log (0003), and a case must outlive it.

-- Versions of the rule set (protobuf text format, minegate.v1.RiskRuleSet), kept forever so
-- every stored assessment names the text that produced it.
CREATE TABLE risk_rule_sets (
  version        TEXT PRIMARY KEY CHECK (length(version) BETWEEN 1 AND 64),
  text           TEXT NOT NULL,
  sha256         BLOB NOT NULL CHECK (length(sha256) = 32),
  uploaded_at_ms INTEGER NOT NULL,
  -- NULL for the built-in default the server installs when none was ever uploaded, and for an
  -- upload by minegatectl on the server host (no user of the registry; its audit entry names
  -- the operating-system user).
  uploaded_by    TEXT REFERENCES users (user_id),
  active         INTEGER NOT NULL CHECK (active IN (0, 1)),
  activated_at_ms INTEGER
) STRICT;
-- At most one active version; the store switches it in one transaction, so readers always see
-- exactly one once the first is installed.
CREATE UNIQUE INDEX risk_rule_sets_one_active ON risk_rule_sets (active) WHERE active = 1;

-- The current assessment of every evaluated person (flagged or not): the monitor and the bulk
-- re-evaluator overwrite it; the case keeps the history of what was done about it.
CREATE TABLE risk_assessments (
  person_token     BLOB PRIMARY KEY CHECK (length(person_token) = 16),
  rule_set_version TEXT NOT NULL REFERENCES risk_rule_sets (version),
  score            INTEGER NOT NULL CHECK (score >= 0),
  flagged          INTEGER NOT NULL CHECK (flagged IN (0, 1)),
  priority         INTEGER NOT NULL,   -- minegate.v1.RiskPriority
  assessment       BLOB NOT NULL,      -- serialized minegate.v1.RiskAssessment
  evaluated_at_ms  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;  -- one B-tree keyed by token: one write per assessment, not two
-- Re-evaluation after an upload finds what an older version produced.
CREATE INDEX risk_assessments_by_version ON risk_assessments (rule_set_version);

-- One case per person, whatever site she was flagged or seen at (keyed by person token).
CREATE TABLE protection_cases (
  case_id             INTEGER PRIMARY KEY,
  person_token        BLOB NOT NULL UNIQUE CHECK (length(person_token) = 16),
  status              TEXT NOT NULL
                      CHECK (status IN ('new', 'open', 'referred', 'dismissed', 'closed')),
  priority            INTEGER NOT NULL,   -- minegate.v1.RiskPriority, from the latest assessment
  first_flagged_at_ms INTEGER NOT NULL,
  last_flagged_at_ms  INTEGER NOT NULL,
  assigned_to         TEXT REFERENCES users (user_id),
  updated_at_ms       INTEGER NOT NULL
) STRICT;
-- The officers' queue: cases still to act on, the most urgent and then the oldest flag first.
CREATE INDEX protection_cases_queue ON protection_cases (priority DESC, first_flagged_at_ms)
  WHERE status IN ('new', 'open', 'referred');

-- Everything that happened to a case, append-only: flags raised by the monitor (actor NULL:
-- the system), and every officer's action with its reason.
CREATE TABLE case_history (
  entry_id INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES protection_cases (case_id),
  at_ms    INTEGER NOT NULL,
  actor    TEXT REFERENCES users (user_id),
  action   TEXT NOT NULL CHECK (action IN (
             'flagged', 'reflagged', 'priority_changed', 'notice_matched', 'opened', 'assigned',
             'dismissed', 'reopened', 'referred', 'referral_acknowledged', 'referral_outcome',
             'closed')),
  detail   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_history_by_case ON case_history (case_id, at_ms);

-- The directory of services a case can be referred to, kept by protection officers.
CREATE TABLE care_services (
  service_id     INTEGER PRIMARY KEY,
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind           TEXT NOT NULL CHECK (kind IN (
                   'reception_centre', 'health_post', 'legal_aid', 'community_godmother',
                   'consular_service', 'child_protection_hotline')),
  place          TEXT NOT NULL CHECK (length(place) <= 120),
  contact        TEXT NOT NULL CHECK (length(contact) <= 200),
  -- ISO 639-3 codes, space-separated, most used first (e.g. 'fra wol pcm').
  languages      TEXT NOT NULL CHECK (length(languages) <= 200),
  accepts_minors INTEGER NOT NULL CHECK (accepts_minors IN (0, 1)),
  -- Services are deactivated, never deleted: old referrals keep naming them.
  active         INTEGER NOT NULL CHECK (active IN (0, 1)),
  updated_at_ms  INTEGER NOT NULL
) STRICT;

CREATE TABLE referrals (
  referral_id        INTEGER PRIMARY KEY,
  case_id            INTEGER NOT NULL REFERENCES protection_cases (case_id),
  service_id         INTEGER NOT NULL REFERENCES care_services (service_id),
  -- The service is expected to acknowledge by then; past it, unacknowledged, it is overdue.
  due_at_ms          INTEGER NOT NULL,
  referred_at_ms     INTEGER NOT NULL,
  referred_by        TEXT NOT NULL REFERENCES users (user_id),
  acknowledged_at_ms INTEGER,
  outcome            TEXT CHECK (outcome IN ('accepted', 'services_given', 'declined', 'closed')),
  outcome_note       TEXT NOT NULL DEFAULT '' CHECK (length(outcome_note) <= 1000),
  closed_at_ms       INTEGER,
  CHECK (due_at_ms >= referred_at_ms)
) STRICT;
CREATE INDEX referrals_by_case ON referrals (case_id, referred_at_ms);
-- Overdue referrals surface first in the queue: the waiting ones by due date.
CREATE INDEX referrals_waiting ON referrals (due_at_ms)
  WHERE acknowledged_at_ms IS NULL AND closed_at_ms IS NULL;

-- Search notices (missing person, watch). Name keys are server/registry's folding; phonetic
-- keys are server/risk's (transliteration-tolerant), for finding candidates; the decision is
-- server/risk's name similarity.
CREATE TABLE search_notices (
  notice_id         INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('missing_person', 'watch')),
  given_name        TEXT NOT NULL CHECK (length(given_name) <= 80),
  family_name       TEXT NOT NULL CHECK (length(family_name) <= 80),
  given_name_key    TEXT NOT NULL,
  family_name_key   TEXT NOT NULL,
  -- Space-separated phonetic keys of each name's words; search_notice_keys indexes them.
  given_phonetic    TEXT NOT NULL,
  family_phonetic   TEXT NOT NULL,
  sex               INTEGER NOT NULL,   -- minegate.v1.Sex, 0 when not known
  -- A birth year, or an age range on created_at_ms; all NULL when not known.
  birth_year        INTEGER,
  age_min           INTEGER CHECK (age_min BETWEEN 0 AND 120),
  age_max           INTEGER CHECK (age_max BETWEEN 0 AND 120),
  nationality       TEXT NOT NULL CHECK (nationality = '' OR length(nationality) = 3),
  document_number   TEXT NOT NULL CHECK (length(document_number) <= 32),
  photo_description TEXT NOT NULL CHECK (length(photo_description) <= 1000),
  reporting_service TEXT NOT NULL CHECK (length(reporting_service) BETWEEN 1 AND 200),
  status            TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_by        TEXT NOT NULL REFERENCES users (user_id),
  created_at_ms     INTEGER NOT NULL,
  closed_by         TEXT REFERENCES users (user_id),
  closed_at_ms      INTEGER,
  CHECK (given_name <> '' OR family_name <> '' OR document_number <> ''),
  CHECK (age_min IS NULL OR age_max IS NULL OR age_min <= age_max),
  CHECK ((status = 'closed') = (closed_at_ms IS NOT NULL))
) STRICT;
CREATE INDEX search_notices_by_document ON search_notices (document_number)
  WHERE status = 'open' AND document_number <> '';

-- One row per phonetic key of an open or closed notice's names, so a registration finds the
-- notices that sound like her name in one indexed lookup (given and family names together:
-- people give them in either order).
CREATE TABLE search_notice_keys (
  phonetic_key TEXT NOT NULL,
  notice_id    INTEGER NOT NULL REFERENCES search_notices (notice_id),
  PRIMARY KEY (phonetic_key, notice_id)
) STRICT, WITHOUT ROWID;

-- The same for registered persons, so a new notice finds candidates without scanning the
-- registry. Written by the risk monitor with the registration and her first assessment, and by
-- the re-evaluator for persons without an assessment (registered before it ran): a person with
-- a row in risk_assessments has her keys, so no index by person is kept here.
CREATE TABLE person_name_keys (
  phonetic_key TEXT NOT NULL,
  person_token BLOB NOT NULL CHECK (length(person_token) = 16),
  PRIMARY KEY (phonetic_key, person_token)
) STRICT, WITHOUT ROWID;

-- Companions recorded by description (no bracelet), under server/risk's companion key (the
-- folded description), so the persons one companion brought are found by an index lookup
-- whatever the spelling of the description. Companions with a bracelet are found through
-- companions_by_companion (0003). Written by the risk monitor with the record, and by the
-- re-evaluator for records stored before it ran.
CREATE TABLE companion_description_keys (
  log_position   INTEGER PRIMARY KEY,   -- the CompanionRecorded's, as in `companions`
  companion_key  TEXT NOT NULL,
  person_token   BLOB NOT NULL CHECK (length(person_token) = 16),
  recorded_at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX companion_description_keys_by_key ON companion_description_keys (companion_key);

CREATE TABLE search_notice_matches (
  notice_id     INTEGER NOT NULL REFERENCES search_notices (notice_id),
  person_token  BLOB NOT NULL CHECK (length(person_token) = 16),
  method        TEXT NOT NULL CHECK (method IN ('document_number', 'name_birth_nationality')),
  similarity    REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1),
  matched_at_ms INTEGER NOT NULL,
  PRIMARY KEY (notice_id, person_token)
) STRICT;
-- The monitor gathers a person's matches for her assessment.
CREATE INDEX search_notice_matches_by_person ON search_notice_matches (person_token);

-- The re-evaluation of every person under a newly active rule set, resumable: it goes through
-- persons in token order, a chunk per transaction, and records where it stopped, so a restart
-- continues it. rule_set_version NULL: none pending.
CREATE TABLE risk_reevaluation (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  rule_set_version TEXT REFERENCES risk_rule_sets (version),
  after_token      BLOB,                -- the last person done; NULL: from the first
  persons_done     INTEGER NOT NULL,
  started_at_ms    INTEGER
) STRICT;
INSERT INTO risk_reevaluation (id, rule_set_version, after_token, persons_done)
  VALUES (1, NULL, NULL, 0);
