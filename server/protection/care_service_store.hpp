#pragma once
/// The directory of care services a case can be referred to (reception centres of Kédougou
/// and Saraya, health posts, legal aid, the Bajenu Gox community godmothers, consular services,
/// the 116 child-protection hotline), kept by protection officers. Services are deactivated,
/// never deleted, so old referrals keep naming them.
/// Threading: uses its connection, so it belongs to that connection's thread.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "server/protection/protection_error.hpp"
#include "server/protection/protection_types.hpp"

namespace minegate::server::protection {

inline constexpr std::size_t kMaxServiceNameChars = 120;
inline constexpr std::size_t kMaxServicePlaceChars = 120;
inline constexpr std::size_t kMaxServiceContactChars = 200;
inline constexpr std::size_t kMaxServiceLanguages = 16;

struct CareServiceInput {
  std::string name;  ///< 1..120 characters
  ServiceKind kind = ServiceKind::kReceptionCentre;
  std::string place;    ///< town or site, at most 120 characters
  std::string contact;  ///< telephone, address, person, at most 200 characters
  /// ISO 639-3 codes, lower case, most used first; at most 16.
  std::vector<std::string> languages;
  bool accepts_minors = false;
};

struct CareService {
  std::int64_t service_id = 0;
  CareServiceInput details;
  bool active = true;
  std::int64_t updated_at_ms = 0;
};

class CareServiceStore {
 public:
  explicit CareServiceStore(db::Connection& connection, base::Clock clock = base::NowMs)
      : connection_(connection), clock_(std::move(clock)) {}

  /// Adds an active service; its id. Errc::bad_service.
  Result<std::int64_t> Add(const CareServiceInput& input);
  /// Replaces a service's details. Errc::bad_service, unknown_service.
  Result<void> Update(std::int64_t service_id, const CareServiceInput& input);
  /// Errc::unknown_service.
  Result<void> SetActive(std::int64_t service_id, bool active);
  Result<std::optional<CareService>> Get(std::int64_t service_id);
  /// By kind then name; the inactive ones too when asked.
  Result<std::vector<CareService>> List(bool include_inactive = false);

 private:
  db::Connection& connection_;
  base::Clock clock_;
};

}  // namespace minegate::server::protection
