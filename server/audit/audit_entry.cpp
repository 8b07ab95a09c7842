#include "server/audit/audit_entry.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

namespace minegate::server::audit {
namespace {

constexpr std::array<std::pair<ActorKind, std::string_view>, 5> kActorKindNames = {{
    {ActorKind::kUser, "user"},
    {ActorKind::kApiToken, "api_token"},
    {ActorKind::kMinegatectl, "minegatectl"},
    {ActorKind::kDevice, "device"},
    {ActorKind::kAnonymous, "anonymous"},
}};

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

/// The longest prefix of `text` of at most `limit` bytes that does not cut a UTF-8 sequence.
std::string_view Utf8Prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

bool IsPersonToken(std::string_view token) {
  if (token.size() < 2 || token.size() > kMaxPersonTokenChars || token.size() % 2 != 0) {
    return false;
  }
  return std::all_of(token.begin(), token.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool ListIsStorable(const std::vector<std::string>& items) {
  if (items.size() > kMaxListItems) return false;
  return std::all_of(items.begin(), items.end(), [](const std::string& item) {
    return !item.empty() && item.size() <= kMaxFieldBytes && !HasControlCharacter(item);
  });
}

std::optional<std::string_view> FindName(ActorKind kind) {
  for (const auto& [each, name] : kActorKindNames) {
    if (each == kind) return name;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ActorKindName(ActorKind kind) {
  // A value outside the enumeration is refused by NormaliseEntry before anything is stored.
  return FindName(kind).value_or("anonymous");
}

std::optional<ActorKind> ParseActorKind(std::string_view name) {
  for (const auto& [kind, each] : kActorKindNames) {
    if (each == name) return kind;
  }
  return std::nullopt;
}

Result<void> NormaliseEntry(AuditEntry& entry) {
  if (!FindName(entry.actor_kind)) return Errc::bad_entry;  // Outside the enumeration.
  entry.user_agent = std::string(Utf8Prefix(entry.user_agent, kMaxUserAgentBytes));
  for (const std::string* text :
       {&entry.actor_id, &entry.actor_role, &entry.client_address, &entry.action, &entry.query,
        &entry.outcome, &entry.reason, &entry.case_reference}) {
    if (text->size() > kMaxFieldBytes) return Errc::bad_entry;
  }
  if (entry.person_tokens.size() > kMaxListItems) return Errc::bad_entry;
  std::vector<std::string> tokens;
  std::unordered_set<std::string> seen;
  tokens.reserve(entry.person_tokens.size());
  for (std::string& token : entry.person_tokens) {
    if (!IsPersonToken(token)) return Errc::bad_entry;
    if (seen.insert(token).second) tokens.push_back(std::move(token));
  }
  entry.person_tokens = std::move(tokens);
  if (!ListIsStorable(entry.targets) || !ListIsStorable(entry.person_tokens)) {
    return Errc::bad_entry;
  }
  return Success();
}

std::string OutcomeOf(std::string_view kind, const boost::system::error_code& error) {
  return std::string(kind) + ":" + error.category().name() + "." + std::to_string(error.value());
}

}  // namespace minegate::server::audit
