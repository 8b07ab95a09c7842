#include "server/tls/identity.hpp"

#include <arpa/inet.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#include <array>
#include <ctime>
#include <system_error>

#include "base/file.hpp"
#include "server/tls/internal/pem.hpp"
#include "server/tls/internal/self_signed.hpp"

namespace minegate::server::tls {
namespace {

/// A certificate chain or a key is a few kilobytes; anything far larger is not one.
constexpr std::size_t kMaxPemFileBytes = 1 << 20;

bool IsIpLiteral(const std::string& host) {
  std::array<unsigned char, 16> address{};
  return ::inet_pton(AF_INET, host.c_str(), address.data()) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), address.data()) == 1;
}

std::chrono::system_clock::time_point NotAfter(X509* certificate) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(certificate), &tm) != 1) {
    internal::ClearOpenSslErrors();
    return {};
  }
  return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

std::vector<std::string> Uncovered(X509* certificate, const std::vector<std::string>& hosts) {
  std::vector<std::string> uncovered;
  for (const auto& host : hosts) {
    const int covered = IsIpLiteral(host)
                            ? X509_check_ip_asc(certificate, host.c_str(), 0)
                            : X509_check_host(certificate, host.data(), host.size(), 0, nullptr);
    if (covered != 1) uncovered.push_back(host);
  }
  internal::ClearOpenSslErrors();
  return uncovered;
}

/// Reads and checks a certificate and key pair from files.
Result<ServerIdentity> LoadPair(const std::filesystem::path& certificate_file,
                                const std::filesystem::path& key_file,
                                const std::vector<std::string>& host_names, IdentitySource source) {
  ServerIdentity identity;
  identity.certificate_file = certificate_file;
  identity.key_file = key_file;
  identity.source = source;
  auto certificate_pem = base::ReadFileBounded(certificate_file, kMaxPemFileBytes);
  if (!certificate_pem) return make_error_code(Errc::certificate_unreadable);
  identity.certificate_pem = std::move(certificate_pem).value();
  const auto certificates = internal::ParseCertificates(identity.certificate_pem);
  if (certificates.empty()) return make_error_code(Errc::certificate_unreadable);
  auto private_key_pem = base::ReadFileBounded(key_file, kMaxPemFileBytes);
  if (!private_key_pem) return make_error_code(Errc::key_unreadable);
  identity.private_key_pem = std::move(private_key_pem).value();
  const auto key = internal::ParsePrivateKey(identity.private_key_pem);
  if (!key) return make_error_code(Errc::key_unreadable);
  if (!internal::KeyMatchesCertificate(certificates.front().get(), key.get())) {
    return make_error_code(Errc::key_mismatch);
  }
  identity.not_after = NotAfter(certificates.front().get());
  identity.uncovered_host_names = Uncovered(certificates.front().get(), host_names);
  return identity;
}

Result<ServerIdentity> GenerateInto(const IdentityConfig& config,
                                    const std::filesystem::path& certificate_file,
                                    const std::filesystem::path& key_file) {
  auto pair = internal::GenerateSelfSigned(config.host_names, kGeneratedValidity);
  if (!pair) return pair.error();
  // Key first: a certificate on disk then always has its key beside it.
  if (!base::WriteFileAtomically(key_file, pair.value().private_key_pem, 0600) ||
      !base::WriteFileAtomically(certificate_file, pair.value().certificate_pem, 0644)) {
    return make_error_code(Errc::write_failed);
  }
  auto identity =
      LoadPair(certificate_file, key_file, config.host_names, IdentitySource::kGenerated);
  return identity;
}

}  // namespace

bool IsValidCertificateHostName(std::string_view host) {
  if (host.empty()) return false;
  if (IsIpLiteral(std::string(host))) return true;
  if (host.size() > 253) return false;
  std::size_t label_size = 0;
  for (std::size_t i = 0; i < host.size(); ++i) {
    const char c = host[i];
    if (c == '.') {
      if (label_size == 0 || host[i - 1] == '-') return false;
      label_size = 0;
      continue;
    }
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && !(c == '-' && label_size > 0)) return false;
    if (++label_size > 63) return false;
  }
  return label_size > 0 && host.back() != '-';
}

Result<ServerIdentity> LoadOrCreateServerIdentity(const IdentityConfig& config) {
  const bool has_certificate = !config.certificate_file.empty();
  const bool has_key = !config.key_file.empty();
  if (has_certificate != has_key) return make_error_code(Errc::incomplete_configuration);
  if (has_certificate) {
    return LoadPair(config.certificate_file, config.key_file, config.host_names,
                    IdentitySource::kConfigured);
  }

  std::error_code fs_error;
  if (!std::filesystem::exists(config.data_dir, fs_error)) {
    std::filesystem::create_directories(config.data_dir, fs_error);
    if (fs_error) return make_error_code(Errc::write_failed);
    // The data directory also holds the database: nobody else has any business in it.
    std::filesystem::permissions(config.data_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, fs_error);
  }
  if (fs_error || !std::filesystem::is_directory(config.data_dir, fs_error)) {
    return make_error_code(Errc::write_failed);
  }
  const auto certificate_file = config.data_dir / kGeneratedCertificateFile;
  const auto key_file = config.data_dir / kGeneratedKeyFile;
  const bool certificate_exists = std::filesystem::exists(certificate_file, fs_error);
  const bool key_exists = std::filesystem::exists(key_file, fs_error);
  if (certificate_exists && key_exists) {
    return LoadPair(certificate_file, key_file, config.host_names, IdentitySource::kReused);
  }
  return GenerateInto(config, certificate_file, key_file);
}

Result<void> RecordServedCertificate(const std::filesystem::path& data_dir,
                                     const ServerIdentity& identity) {
  constexpr mode_t kPublic = 0644;
  if (!base::WriteFileAtomically(data_dir / kServedCertificateFile, identity.certificate_pem,
                                 kPublic)) {
    return make_error_code(Errc::write_failed);
  }
  return base::Success();
}

}  // namespace minegate::server::tls
