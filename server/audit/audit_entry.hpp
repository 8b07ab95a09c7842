#pragma once
/// The one record every audited read and change writes (docs/audit.md): who, from where, what,
/// on which targets and persons, with which outcome, and why.

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/audit/error.hpp"

namespace minegate::server::audit {

/// Who acted. The name of each (ActorKindName) is stored and hashed: never renumber or rename.
enum class ActorKind { kUser, kApiToken, kMinegatectl, kDevice, kAnonymous };

/// "user", "api_token", "minegatectl", "device", "anonymous".
std::string_view ActorKindName(ActorKind kind);
std::optional<ActorKind> ParseActorKind(std::string_view name);

struct AuditEntry {
  std::int64_t at_ms = 0;  ///< Set by the log (its clock) when 0.
  ActorKind actor_kind = ActorKind::kAnonymous;
  std::string actor_id;        ///< User id; OS user for minegatectl; see docs/audit.md.
  std::string actor_role;      ///< Role name ("administrator"), empty if none.
  std::string client_address;  ///< "127.0.0.1"; empty for minegatectl.
  std::string user_agent;      ///< Cut to kMaxUserAgentBytes by the log.
  std::string action;          ///< "GET /v1/devices" (route pattern) or "minegatectl user add".
  std::vector<std::string> targets;        ///< "user:amadou", "device:kdg-0001", "site:3".
  std::vector<std::string> person_tokens;  ///< Lower-case hex person tokens touched.
  std::string query;               ///< Search terms or filters as sent (JSON), may be empty.
  std::int64_t result_count = -1;  ///< Rows returned or exported; -1 when not a read.
  std::string outcome;             ///< "ok", or "refused" / "error" + ":" + stable code.
  std::int32_t http_status = 0;    ///< 0 outside HTTP (minegatectl).
  std::string reason;              ///< Stated reason, where the route requires one.
  std::string case_reference;

  bool operator==(const AuditEntry&) const = default;
};

inline constexpr std::size_t kMaxUserAgentBytes = 256;
/// Any other text field, and each list item.
inline constexpr std::size_t kMaxFieldBytes = 64 * 1024;
/// Items in targets, and in person_tokens (an export may touch many persons).
inline constexpr std::size_t kMaxListItems = 10'000;
/// A person token in hex: 2 to 128 lower-case hex digits (the registry's are 32).
inline constexpr std::size_t kMaxPersonTokenChars = 128;

/// Brings an entry to the form that is stored and hashed, or refuses it (Errc::bad_entry):
/// the user agent is cut to kMaxUserAgentBytes on a UTF-8 boundary; a person token named twice
/// is kept once (first place); list items must be non-empty and hold no control character (they
/// are stored one per line); person tokens must be lower-case hex of even length; no text field
/// exceeds kMaxFieldBytes, no list kMaxListItems. at_ms is left as is.
Result<void> NormaliseEntry(AuditEntry& entry);

/// The outcome text for a refusal or failure: "<kind>:<category>.<value>", e.g.
/// "refused:minegate.server.admin.3" — stable as long as the error enums keep their numbers,
/// which they do (they are compared and logged).
std::string OutcomeOf(std::string_view kind, const boost::system::error_code& error);

}  // namespace minegate::server::audit
