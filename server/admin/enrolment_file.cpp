#include "server/admin/enrolment_file.hpp"

#include <google/protobuf/text_format.h>

#include "base/file.hpp"
#include "minegate/v1/enrolment.pb.h"
#include "proto/credential/hex.hpp"
#include "server/tls/fingerprint.hpp"
#include "server/tls/identity.hpp"

namespace minegate::server::admin {

Result<std::optional<std::string>> ServerCertificateFingerprint(
    const std::filesystem::path& data_dir, std::string& detail) {
  // The bound the server reads it with (server/tls/identity.cpp): a PEM certificate is a few KiB.
  constexpr std::size_t kMaxCertificateBytes = 1 << 20;
  // What the server served at its last start; before any start since this file exists, the
  // certificate it generated (a configured one is only known once the server has served it).
  std::filesystem::path path = data_dir / tls::kServedCertificateFile;
  std::error_code exists_error;
  if (!std::filesystem::exists(path, exists_error))
    path = data_dir / tls::kGeneratedCertificateFile;
  auto pem = base::ReadFileBounded(path, kMaxCertificateBytes);
  if (!pem) {
    if (pem.error() == boost::system::errc::no_such_file_or_directory) {
      return std::optional<std::string>();
    }
    detail = path.string() + ": certificat illisible / unreadable certificate (" +
             pem.error().message() + ")";
    return pem.error();
  }
  auto fingerprint = tls::CertificateSha256Fingerprint(pem.value());
  if (!fingerprint) {
    detail = path.string() + ": " + fingerprint.error().message();
    return fingerprint.error();
  }
  return std::optional<std::string>(fingerprint.value());
}

std::optional<std::string> EnrolmentFileText(const DeviceEnrolment& enrolment, std::int64_t site_id,
                                             std::optional<std::int64_t> gate_id,
                                             const ServerKeys& keys,
                                             const std::optional<std::string>& certificate_sha256) {
  v1::EnrolmentFile file;
  file.set_device_id(enrolment.device_id);
  // Site and gate ids are small positive integers (the wire's width is 32 bits).
  file.set_site_id(static_cast<std::uint32_t>(site_id));
  file.set_gate_id(static_cast<std::uint32_t>(gate_id.value_or(0)));
  file.set_enrolment_code(enrolment.code);
  file.set_expires_at_ms(enrolment.expires_at_ms);
  file.set_server_sealing_public_key(credential::ToHex(keys.public_key()));
  file.set_server_sealing_key_id(credential::ToHex(keys.key_id()));
  if (certificate_sha256) file.set_server_certificate_sha256(*certificate_sha256);
  std::string body;
  if (!google::protobuf::TextFormat::PrintToString(file, &body)) return std::nullopt;
  return "# Inscription de borne minegate : à usage unique, à détruire après l'inscription.\n"
         "# minegate kiosk enrolment: single use, destroy after enrolment.\n" +
         body;
}

}  // namespace minegate::server::admin
