#include "server/auth/csrf.hpp"

#include "server/auth/internal/secret.hpp"

namespace minegate::server::auth {

Result<void> CheckCsrf(const Principal& principal, std::string_view header_value) {
  if (principal.via == Via::kApiToken) return Success();
  if (header_value.empty()) return Errc::csrf_missing;
  // An empty session token would match nothing: it is refused rather than compared.
  if (principal.csrf_token.empty() ||
      !internal::SameInConstantTime(header_value, principal.csrf_token)) {
    return Errc::csrf_mismatch;
  }
  return Success();
}

}  // namespace minegate::server::auth
