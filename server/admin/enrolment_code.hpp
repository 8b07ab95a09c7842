#pragma once
/// The one-time code an administrator gives a technician to enrol a kiosk: 20 random bytes
/// (160 bits: unguessable even without rate limiting), written for people as Crockford base32 in
/// groups of four, "7K3D-QX0M-...". Crockford's alphabet has no I, L, O or U, and reading accepts
/// I and L as 1 and O as 0, lower case, spaces and missing dashes, because the code is typed from
/// a sheet of paper at a kiosk.
/// Only its BLAKE2b-256 hash is stored, so a copy of the database cannot enrol a kiosk.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "server/admin/error.hpp"

namespace minegate::server::admin {

inline constexpr std::size_t kEnrolmentCodeBytes = 20;
inline constexpr std::size_t kEnrolmentCodeHashBytes = 32;
using EnrolmentCodeHash = std::array<std::uint8_t, kEnrolmentCodeHashBytes>;

class EnrolmentCode {
 public:
  /// Fresh random bytes. Errc::crypto_unavailable if libsodium cannot start.
  static Result<EnrolmentCode> Generate();
  /// Reads a typed code. Errc::bad_enrolment_code unless it holds exactly 32 symbols.
  static Result<EnrolmentCode> Parse(std::string_view text);

  EnrolmentCode(const EnrolmentCode&) = default;
  EnrolmentCode& operator=(const EnrolmentCode&) = default;
  /// Wipes the bytes: a code in memory is as good as a key until it is used.
  ~EnrolmentCode();

  /// "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" (39 characters).
  std::string ToString() const;
  /// BLAKE2b-256 of the 20 bytes: what the devices table stores and is searched by.
  EnrolmentCodeHash Hash() const;

 private:
  EnrolmentCode() = default;

  std::array<std::uint8_t, kEnrolmentCodeBytes> bytes_{};
};

}  // namespace minegate::server::admin
