-- Officials' sign-in (issue 11): web sessions, API tokens for scripts, and the
-- throttle on failed sign-ins. Session ids and token secrets are 32 random
-- bytes stored only as their BLAKE2b-256 digest: a copy of this file lets
-- nobody in. server/auth holds the rules; server/admin/sign_in_records ends a
-- user's sessions and tokens when the account is disabled or its password
-- replaced, in the same transaction as that change.

-- Set by an administrator's forced reset: the user is signed in but may only
-- choose a new password (or sign out) until they have.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password IN (0, 1));

CREATE TABLE official_sessions (
  session_id    INTEGER PRIMARY KEY,  -- a handle for audit and revocation, not a secret
  id_digest     BLOB NOT NULL UNIQUE CHECK (length(id_digest) = 32),
  user_id       TEXT NOT NULL REFERENCES users (user_id),
  -- The role when the session began: a session never outlives a change of role.
  role          TEXT NOT NULL CHECK (role IN ('gate_agent', 'border_police', 'emape_official',
                                              'protection_officer', 'administrator', 'auditor')),
  -- Sent back by the page in a header on every state-changing request. Not a
  -- credential alone (it is useless without the cookie), so kept as is.
  csrf_token    TEXT NOT NULL CHECK (length(csrf_token) = 43),
  created_at_ms INTEGER NOT NULL,
  -- Written at most once a minute per session (each write is a durable commit).
  last_seen_ms  INTEGER NOT NULL,
  ended_at_ms   INTEGER,
  end_reason    TEXT CHECK (end_reason IN ('signed_out', 'idle', 'absolute', 'disabled',
                                           'password_changed', 'revoked_by_admin')),
  CHECK ((ended_at_ms IS NULL) = (end_reason IS NULL))
) STRICT;
-- Live sessions are few among the ended ones kept: each lookup and the sweep of
-- expired sessions read only them.
CREATE INDEX official_sessions_live_by_user ON official_sessions (user_id)
  WHERE ended_at_ms IS NULL;
CREATE INDEX official_sessions_live_by_start ON official_sessions (created_at_ms)
  WHERE ended_at_ms IS NULL;
CREATE INDEX official_sessions_live_by_last_seen ON official_sessions (last_seen_ms)
  WHERE ended_at_ms IS NULL;

CREATE TABLE api_tokens (
  token_id      TEXT PRIMARY KEY CHECK (length(token_id) = 16),  -- lower-case hex, not a secret
  user_id       TEXT NOT NULL REFERENCES users (user_id),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  secret_digest BLOB NOT NULL CHECK (length(secret_digest) = 32),
  -- The owner's role at creation: a token never carries more than its owner had.
  role          TEXT NOT NULL CHECK (role IN ('gate_agent', 'border_police', 'emape_official',
                                              'protection_officer', 'administrator', 'auditor')),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  revoked_at_ms INTEGER,
  revoke_reason TEXT CHECK (revoke_reason IN ('owner', 'administrator', 'disabled',
                                              'password_reset')),
  -- Written at most once a minute per token.
  last_used_ms  INTEGER,
  CHECK ((revoked_at_ms IS NULL) = (revoke_reason IS NULL)),
  CHECK (expires_at_ms > created_at_ms AND expires_at_ms - created_at_ms <= 90 * 86400000)
) STRICT;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- Failed sign-ins, per user id as typed (known or not: the throttle must not
-- reveal which ids exist) and per client address. Keys are BLAKE2b-256 digests
-- (an official who typed their password in the user field leaves no trace of
-- it here). Kept in the database so that a restart does not clear a lock.
CREATE TABLE sign_in_throttle (
  key_digest      BLOB PRIMARY KEY CHECK (length(key_digest) = 32),
  failures        INTEGER NOT NULL CHECK (failures >= 0),  -- since the last lock or success
  last_failure_ms INTEGER NOT NULL,
  locked_until_ms INTEGER NOT NULL DEFAULT 0,
  lock_count      INTEGER NOT NULL DEFAULT 0 CHECK (lock_count >= 0)  -- each lock doubles
) STRICT, WITHOUT ROWID;
CREATE INDEX sign_in_throttle_by_last_failure ON sign_in_throttle (last_failure_ms);
