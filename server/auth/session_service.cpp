#include "server/auth/session_service.hpp"

#include <algorithm>
#include <utility>

#include "db/transaction.hpp"
#include "server/admin/error.hpp"
#include "server/auth/cookie.hpp"
#include "server/auth/internal/secret.hpp"
#include "server/auth/internal/sign_in_name.hpp"

namespace minegate::server::auth {
namespace {

/// The registry's answers that SignIn turns into its one refusal.
bool IsRefusal(const boost::system::error_code& error) {
  return error == admin::Errc::unknown_user || error == admin::Errc::user_disabled ||
         error == admin::Errc::wrong_password;
}

}  // namespace

SessionService::SessionService(db::Connection& connection, SessionOptions options,
                               ThrottleOptions throttle, base::Clock clock)
    : connection_(connection),
      options_(options),
      clock_(std::move(clock)),
      users_(connection, clock_),
      store_(connection),
      throttle_(connection, throttle, clock_) {}

Result<SignedIn> SessionService::SignIn(std::string_view user_id, std::string_view password,
                                        std::string_view client_address) {
  const std::string name = internal::SignInName(user_id);
  auto locked = throttle_.LockedForMs(name, client_address);
  if (!locked) return locked.error();
  if (locked.value() > 0) return Errc::sign_in_locked;

  // No stored password is longer (admin::CheckPassword), so a longer one cannot be right; its
  // first kMaxPasswordBytes are still verified, so that the refusal takes the usual time.
  const bool oversized = password.size() > admin::kMaxPasswordBytes;
  auto verified = users_.VerifyPassword(
      name, oversized ? password.substr(0, admin::kMaxPasswordBytes) : password);
  const bool accepted = verified && !oversized && verified.value().role != admin::Role::kGateAgent;
  if (!accepted) {
    // A storage failure is no refusal: it is reported as such, and counts nothing.
    if (!verified && !IsRefusal(verified.error())) return verified.error();
    if (auto counted = throttle_.RecordFailure(name, client_address); !counted) {
      return counted.error();
    }
    return Errc::sign_in_refused;
  }

  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (auto cleared = throttle_.RecordSuccess(name, client_address); !cleared) {
    return cleared.error();
  }
  auto opened = OpenSession(verified.value(), clock_());
  if (!opened) return opened.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return opened;
}

Result<std::int64_t> SessionService::SignInLockedForMs(std::string_view user_id,
                                                       std::string_view client_address) {
  auto locked = throttle_.LockedForMs(internal::SignInName(user_id), client_address);
  if (!locked) return locked.error();
  return std::max<std::int64_t>(locked.value(), 0);
}

Result<SignedIn> SessionService::OpenSession(const admin::UserInfo& user, std::int64_t now_ms) {
  auto id = internal::RandomSecret();
  if (!id) return id.error();
  auto csrf = internal::RandomSecret();
  if (!csrf) return csrf.error();
  SignedIn signed_in;
  signed_in.cookie_value = internal::EncodeSecret(id.value());
  signed_in.csrf_token = internal::EncodeSecret(csrf.value());
  auto session_id = store_.Insert(internal::DigestOf(id.value()), user.user_id, user.role,
                                  signed_in.csrf_token, now_ms);
  if (!session_id) return session_id.error();
  signed_in.session_id = session_id.value();
  signed_in.user = user;
  signed_in.must_change_password = user.must_change_password;
  signed_in.expires_at_ms = now_ms + options_.absolute_timeout_ms;
  return signed_in;
}

Result<Principal> SessionService::Authenticate(std::string_view cookie_header) {
  const auto value = FindSessionCookie(cookie_header);
  if (!value) return Errc::not_signed_in;
  const auto id = internal::DecodeSecret(*value);
  if (!id) return Errc::not_signed_in;
  auto found = store_.FindByDigest(internal::DigestOf(*id));
  if (!found) return found.error();
  if (!found.value()) return Errc::not_signed_in;
  const SessionRecord& session = *found.value();
  const std::int64_t now_ms = clock_();

  if (session.ended_at_ms) {
    switch (session.end_reason.value_or(admin::SessionEnd::kRevokedByAdmin)) {
      case admin::SessionEnd::kIdle:
      case admin::SessionEnd::kAbsolute:
        return Errc::session_expired;
      case admin::SessionEnd::kDisabled:
        return Errc::account_disabled;
      default:
        return Errc::session_ended;
    }
  }
  // Each refusal below ends the session, so that it is refused the same way from now on.
  const auto end = [&](admin::SessionEnd reason, Errc refusal) -> Result<Principal> {
    auto ended = store_.End(session.session_id, reason, now_ms);
    if (!ended) return ended.error();
    return refusal;
  };
  if (session.user_disabled_at_ms) return end(admin::SessionEnd::kDisabled, Errc::account_disabled);
  if (session.user_role != session.role) {
    return end(admin::SessionEnd::kRevokedByAdmin, Errc::session_ended);
  }
  if (now_ms - session.created_at_ms >= options_.absolute_timeout_ms) {
    return end(admin::SessionEnd::kAbsolute, Errc::session_expired);
  }
  if (now_ms - session.last_seen_ms >= options_.idle_timeout_ms) {
    return end(admin::SessionEnd::kIdle, Errc::session_expired);
  }
  if (now_ms - session.last_seen_ms >= options_.last_seen_interval_ms) {
    if (auto touched = store_.Touch(session.session_id, now_ms); !touched) {
      return touched.error();
    }
  }

  Principal principal;
  principal.user_id = session.user_id;
  principal.display_name = session.display_name;
  principal.role = session.role;
  principal.via = Via::kSession;
  principal.session_id = session.session_id;
  principal.csrf_token = session.csrf_token;
  principal.expires_at_ms = session.created_at_ms + options_.absolute_timeout_ms;
  principal.must_change_password = session.must_change_password;
  return principal;
}

Result<void> SessionService::SignOut(const Principal& principal) {
  if (principal.via != Via::kSession) return Errc::session_required;
  auto ended = store_.End(principal.session_id, admin::SessionEnd::kSignedOut, clock_());
  if (!ended) return ended.error();
  if (!ended.value()) return Errc::session_ended;
  return Success();
}

Result<SignedIn> SessionService::ChangePassword(const Principal& principal,
                                                std::string_view old_password,
                                                std::string_view new_password,
                                                std::string_view client_address) {
  if (principal.via != Via::kSession) return Errc::session_required;
  // The old password is a password guess like any sign-in: someone who found a signed-in
  // screen must not be able to try passwords here without limit.
  auto locked = throttle_.LockedForMs(principal.user_id, client_address);
  if (!locked) return locked.error();
  if (locked.value() > 0) return Errc::sign_in_locked;
  auto changed = users_.ChangeOwnPassword(principal.user_id, old_password, new_password);
  if (!changed) {
    if (changed.error() == admin::Errc::wrong_password) {
      if (auto counted = throttle_.RecordFailure(principal.user_id, client_address); !counted) {
        return counted.error();
      }
    }
    return changed.error();
  }
  // ChangeOwnPassword ended every session of the user, this one included; a new one carries on.
  auto user = users_.FindUser(principal.user_id);
  if (!user) return user.error();
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  if (auto cleared = throttle_.RecordSuccess(principal.user_id, client_address); !cleared) {
    return cleared.error();
  }
  auto opened = OpenSession(user.value(), clock_());
  if (!opened) return opened.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return opened;
}

Result<std::int64_t> SessionService::EndSessionsOf(std::string_view user_id) {
  return store_.EndAllOf(user_id, admin::SessionEnd::kRevokedByAdmin, clock_());
}

Result<std::int64_t> SessionService::EndExpiredSessions() {
  const std::int64_t now_ms = clock_();
  auto transaction = db::Transaction::Begin(connection_, db::Transaction::Mode::kImmediate);
  if (!transaction) return transaction.error();
  auto ended = store_.EndExpired(now_ms - options_.idle_timeout_ms,
                                 now_ms - options_.absolute_timeout_ms, now_ms);
  if (!ended) return ended.error();
  if (auto committed = transaction.value().Commit(); !committed) return committed.error();
  return ended;
}

}  // namespace minegate::server::auth
