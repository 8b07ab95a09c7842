#pragma once
/// The enrolment file a new kiosk reads (`minegate-kiosk enroll --file`): what minegatectl
/// writes with `device enroll --out` and the administrators' page offers as text and QR code.
/// One copy, for both.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "server/admin/device_registry.hpp"
#include "server/admin/error.hpp"
#include "server/admin/server_keys.hpp"

namespace minegate::server::admin {

/// The SHA-256 fingerprint (lower-case hex) of the certificate the server generated in
/// `data_dir`, which the kiosk pins. nullopt when there is none: a server started with a
/// configured certificate is trusted through its authority instead. An error for a certificate
/// that is there but unreadable or unparsable (`detail` says which file and why): enrolling a
/// kiosk that would pin nothing, or the wrong thing, is worse than refusing.
Result<std::optional<std::string>> ServerCertificateFingerprint(
    const std::filesystem::path& data_dir, std::string& detail);

/// The file in protobuf text format (proto/minegate/v1/enrolment.proto) after two comment lines
/// (French, English) for the person who finds it on a USB stick. Empty fields (no gate, no
/// certificate) are left out, as text format does.
std::optional<std::string> EnrolmentFileText(const DeviceEnrolment& enrolment, std::int64_t site_id,
                                             std::optional<std::int64_t> gate_id,
                                             const ServerKeys& keys,
                                             const std::optional<std::string>& certificate_sha256);

}  // namespace minegate::server::admin
