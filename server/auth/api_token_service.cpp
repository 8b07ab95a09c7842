#include "server/auth/api_token_service.hpp"

#include <cctype>

#include "base/clock.hpp"
#include "server/admin/internal/text_checks.hpp"
#include "server/auth/internal/secret.hpp"

namespace minegate::server::auth {
namespace {

constexpr std::string_view kTokenPrefix = "mgt_";
constexpr std::size_t kTokenIdBytes = 8;
constexpr std::size_t kTokenIdChars = 2 * kTokenIdBytes;
constexpr std::size_t kTokenChars =
    kTokenPrefix.size() + kTokenIdChars + 1 + internal::kSecretChars;

bool IsLowerHex(std::string_view text) {
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

/// The id and secret of "mgt_<16 hex>_<43 base64url>", or nullopt.
struct TokenParts {
  std::string_view token_id;
  internal::Secret secret;
};
std::optional<TokenParts> SplitToken(std::string_view token) {
  if (token.size() != kTokenChars || !token.starts_with(kTokenPrefix)) return std::nullopt;
  const std::string_view id = token.substr(kTokenPrefix.size(), kTokenIdChars);
  if (!IsLowerHex(id) || token[kTokenPrefix.size() + kTokenIdChars] != '_') return std::nullopt;
  auto secret = internal::DecodeSecret(token.substr(kTokenPrefix.size() + kTokenIdChars + 1));
  if (!secret) return std::nullopt;
  return TokenParts{id, *secret};
}

bool IsTokenSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::optional<std::string_view> FindBearerToken(std::string_view authorization_header) {
  constexpr std::string_view kScheme = "bearer";
  std::string_view value = authorization_header;
  while (!value.empty() && IsTokenSpace(value.front())) value.remove_prefix(1);
  while (!value.empty() && IsTokenSpace(value.back())) value.remove_suffix(1);
  // RFC 9110 §11.1: the scheme is case-insensitive, then one or more spaces, then the token.
  if (value.size() <= kScheme.size() || !IsTokenSpace(value[kScheme.size()])) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) return std::nullopt;
  }
  value.remove_prefix(kScheme.size());
  while (!value.empty() && IsTokenSpace(value.front())) value.remove_prefix(1);
  if (value.empty()) return std::nullopt;
  return value;
}

Result<CreatedApiToken> ApiTokenService::Create(const Principal& owner, std::string_view name,
                                                int validity_days) {
  if (owner.via != Via::kSession) return Errc::session_required;
  if (owner.must_change_password) return Errc::password_change_required;
  if (owner.role == admin::Role::kGateAgent) return Errc::no_web_workspace;
  if (!admin::internal::IsPrintableText(name, kMaxTokenNameChars)) return Errc::bad_token_name;
  if (validity_days < 1 || validity_days > options_.max_validity_days) {
    return Errc::bad_token_validity;
  }
  const std::int64_t now_ms = clock_();
  auto live = store_.CountLive(owner.user_id, now_ms);
  if (!live) return live.error();
  if (live.value() >= options_.max_live_tokens) return Errc::too_many_tokens;

  auto token_id = internal::RandomHex(kTokenIdBytes);
  if (!token_id) return token_id.error();
  auto secret = internal::RandomSecret();
  if (!secret) return secret.error();
  CreatedApiToken created;
  created.info.token_id = token_id.value();
  created.info.user_id = owner.user_id;
  created.info.name = std::string(name);
  created.info.role = owner.role;
  created.info.created_at_ms = now_ms;
  created.info.expires_at_ms = now_ms + validity_days * base::kDayMs;
  // The one statement is its own transaction; a clash of 64-bit random ids is refused by the
  // primary key (Errc::constraint), not overwritten.
  if (auto inserted = store_.Insert(created.info, internal::DigestOf(secret.value())); !inserted) {
    return inserted.error();
  }
  created.token = std::string(kTokenPrefix) + created.info.token_id + "_" +
                  internal::EncodeSecret(secret.value());
  return created;
}

Result<std::vector<ApiTokenInfo>> ApiTokenService::List(std::string_view user_id) {
  return store_.ListOf(user_id);
}

Result<void> ApiTokenService::Revoke(const Principal& by, std::string_view token_id) {
  auto found = store_.Find(token_id);
  if (!found) return found.error();
  if (!found.value()) return Errc::unknown_token;
  const ApiTokenInfo& token = found.value()->info;
  const bool is_owner = token.user_id == by.user_id;
  if (!is_owner && by.role != admin::Role::kAdministrator) return Errc::unknown_token;
  auto revoked = store_.Revoke(
      token_id, is_owner ? admin::TokenRevocation::kOwner : admin::TokenRevocation::kAdministrator,
      clock_());
  if (!revoked) return revoked.error();
  if (!revoked.value()) return Errc::token_already_revoked;
  return Success();
}

Result<Principal> ApiTokenService::Authenticate(std::string_view authorization_header) {
  const auto text = FindBearerToken(authorization_header);
  if (!text) return Errc::not_signed_in;
  const auto parts = SplitToken(*text);
  if (!parts) return Errc::not_signed_in;
  auto found = store_.Find(parts->token_id);
  if (!found) return found.error();
  if (!found.value()) return Errc::not_signed_in;
  const ApiTokenRecord& token = *found.value();
  const internal::Digest digest = internal::DigestOf(parts->secret);
  if (!internal::SameInConstantTime(digest, token.secret_digest)) return Errc::not_signed_in;

  const std::int64_t now_ms = clock_();
  if (token.info.revoked_at_ms) return Errc::token_revoked;
  if (token.user_disabled_at_ms) return Errc::account_disabled;
  // A token carries its owner's role at creation and never more: a change of role voids it.
  if (token.user_role != token.info.role) return Errc::token_revoked;
  if (now_ms >= token.info.expires_at_ms) return Errc::token_expired;
  if (!token.info.last_used_ms ||
      now_ms - *token.info.last_used_ms >= options_.last_used_interval_ms) {
    if (auto touched = store_.TouchUsed(token.info.token_id, now_ms); !touched) {
      return touched.error();
    }
  }

  Principal principal;
  principal.user_id = token.info.user_id;
  principal.display_name = token.display_name;
  principal.role = token.info.role;
  principal.via = Via::kApiToken;
  principal.token_id = token.info.token_id;
  principal.expires_at_ms = token.info.expires_at_ms;
  principal.must_change_password = token.must_change_password;
  return principal;
}

}  // namespace minegate::server::auth
