// The server's TLS identity on real files: generation, reuse, configured pairs, refusals.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <sstream>

#include "server/tls/fingerprint.hpp"
#include "server/tls/identity.hpp"
#include "server/tls/server_context.hpp"
#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server::tls {
namespace {

using test::TempDir;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

class TlsIdentityTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.ok()); }

  IdentityConfig Generated(const std::string& sub = "data") const {
    IdentityConfig config;
    config.data_dir = dir_.path() / sub;
    return config;
  }

  TempDir dir_{"mg-tls"};
};

TEST_F(TlsIdentityTest, FirstStartGeneratesAPrivateKeyAndASelfSignedCertificate) {
  IdentityConfig config = Generated();
  config.host_names = {"minegate.example.sn", "10.1.2.3"};
  auto identity = LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(identity) << identity.error().message();
  EXPECT_EQ(identity.value().source, IdentitySource::kGenerated);
  EXPECT_EQ(identity.value().certificate_file, config.data_dir / kGeneratedCertificateFile);
  EXPECT_EQ(identity.value().key_file, config.data_dir / kGeneratedKeyFile);
  EXPECT_EQ(ReadFile(identity.value().certificate_file), identity.value().certificate_pem);
  EXPECT_EQ(ReadFile(identity.value().key_file), identity.value().private_key_pem);
  EXPECT_TRUE(identity.value().uncovered_host_names.empty());

  struct stat key_stat {};
  ASSERT_EQ(::stat(identity.value().key_file.c_str(), &key_stat), 0);
  EXPECT_EQ(key_stat.st_mode & 0777, 0600u);
  struct stat dir_stat {};
  ASSERT_EQ(::stat(config.data_dir.c_str(), &dir_stat), 0);
  EXPECT_EQ(dir_stat.st_mode & 0777, 0700u);

  // Valid for two years, give or take the day of clock-skew allowance.
  const auto validity = identity.value().not_after - std::chrono::system_clock::now();
  EXPECT_GT(validity, std::chrono::hours(24 * 729));
  EXPECT_LT(validity, std::chrono::hours(24 * 731));
  // No temporary file left behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(config.data_dir)) {
    ++files;
  }
  EXPECT_EQ(files, 2u);
  EXPECT_TRUE(MakeServerContext(identity.value()));
}

TEST_F(TlsIdentityTest, GeneratedCertificateNamesLocalhostAndTheConfiguredHosts) {
  IdentityConfig config = Generated();
  config.host_names = {"gate.kedougou.example"};
  ASSERT_TRUE(LoadOrCreateServerIdentity(config));
  const auto certificate = (config.data_dir / kGeneratedCertificateFile).string();
  const auto text = test::RunToCompletion(
      {"openssl", "x509", "-in", certificate, "-noout", "-ext", "subjectAltName,keyUsage"}, {},
      std::chrono::seconds(10));
  if (!text.spawn_error.empty()) GTEST_SKIP() << "openssl: " << text.spawn_error;
  EXPECT_NE(text.out.find("DNS:localhost"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("IP Address:127.0.0.1"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("DNS:gate.kedougou.example"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Digital Signature"), std::string::npos) << text.out;
  const auto key = test::RunToCompletion({"openssl", "x509", "-in", certificate, "-noout", "-text"},
                                         {}, std::chrono::seconds(10));
  EXPECT_NE(key.out.find("prime256v1"), std::string::npos) << key.out;
}

TEST_F(TlsIdentityTest, LaterStartsReuseTheGeneratedPair) {
  const IdentityConfig config = Generated();
  auto first = LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(first);
  auto second = LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(second) << second.error().message();
  EXPECT_EQ(second.value().source, IdentitySource::kReused);
  EXPECT_EQ(second.value().certificate_pem, first.value().certificate_pem);
  EXPECT_EQ(second.value().private_key_pem, first.value().private_key_pem);
}

TEST_F(TlsIdentityTest, ReuseReportsHostNamesAddedSinceGeneration) {
  IdentityConfig config = Generated();
  ASSERT_TRUE(LoadOrCreateServerIdentity(config));
  config.host_names = {"new-name.example", "localhost", "192.168.7.7"};
  auto reused = LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(reused);
  EXPECT_EQ(reused.value().source, IdentitySource::kReused);
  EXPECT_EQ(reused.value().uncovered_host_names,
            (std::vector<std::string>{"new-name.example", "192.168.7.7"}));
}

TEST_F(TlsIdentityTest, AnIncompleteGeneratedPairIsGeneratedAgain) {
  const IdentityConfig config = Generated();
  auto first = LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(first);
  std::filesystem::remove(config.data_dir / kGeneratedCertificateFile);
  auto again = LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(again) << again.error().message();
  EXPECT_EQ(again.value().source, IdentitySource::kGenerated);
  EXPECT_NE(again.value().private_key_pem, first.value().private_key_pem);
}

TEST_F(TlsIdentityTest, ConfiguredPairIsUsedAsGivenAndNothingIsGenerated) {
  auto made = LoadOrCreateServerIdentity(Generated("elsewhere"));
  ASSERT_TRUE(made);
  // A chain: the leaf, then another certificate (as an intermediate would be).
  auto other = LoadOrCreateServerIdentity(Generated("other"));
  ASSERT_TRUE(other);
  const auto chain_file = dir_.path() / "chain.pem";
  WriteFile(chain_file, made.value().certificate_pem + other.value().certificate_pem);

  IdentityConfig config = Generated();
  config.certificate_file = chain_file;
  config.key_file = made.value().key_file;
  auto identity = LoadOrCreateServerIdentity(config);
  ASSERT_TRUE(identity) << identity.error().message();
  EXPECT_EQ(identity.value().source, IdentitySource::kConfigured);
  EXPECT_EQ(identity.value().certificate_pem, ReadFile(chain_file));
  EXPECT_EQ(identity.value().private_key_pem, made.value().private_key_pem);
  EXPECT_FALSE(std::filesystem::exists(config.data_dir));
  EXPECT_TRUE(MakeServerContext(identity.value()));
  // The fingerprint is the leaf's.
  EXPECT_EQ(CertificateSha256Fingerprint(identity.value().certificate_pem).value(),
            CertificateSha256Fingerprint(made.value().certificate_pem).value());
}

TEST_F(TlsIdentityTest, MismatchedKeyIsRefused) {
  auto a = LoadOrCreateServerIdentity(Generated("a"));
  auto b = LoadOrCreateServerIdentity(Generated("b"));
  ASSERT_TRUE(a && b);
  IdentityConfig config = Generated();
  config.certificate_file = a.value().certificate_file;
  config.key_file = b.value().key_file;
  auto identity = LoadOrCreateServerIdentity(config);
  ASSERT_FALSE(identity);
  EXPECT_EQ(identity.error(), make_error_code(Errc::key_mismatch));
  EXPECT_NE(identity.error().message().find(" / the private key does not match"),
            std::string::npos);
}

TEST_F(TlsIdentityTest, MismatchedGeneratedPairIsRefusedNotReplaced) {
  const IdentityConfig config = Generated();
  ASSERT_TRUE(LoadOrCreateServerIdentity(config));
  auto other = LoadOrCreateServerIdentity(Generated("other"));
  ASSERT_TRUE(other);
  WriteFile(config.data_dir / kGeneratedKeyFile, other.value().private_key_pem);
  auto identity = LoadOrCreateServerIdentity(config);
  ASSERT_FALSE(identity);
  EXPECT_EQ(identity.error(), make_error_code(Errc::key_mismatch));
}

TEST_F(TlsIdentityTest, UnreadableOrIncompleteConfigurationsAreRefused) {
  auto made = LoadOrCreateServerIdentity(Generated("made"));
  ASSERT_TRUE(made);
  IdentityConfig config = Generated();

  config.certificate_file = dir_.path() / "missing.pem";
  config.key_file = made.value().key_file;
  EXPECT_EQ(LoadOrCreateServerIdentity(config).error(),
            make_error_code(Errc::certificate_unreadable));

  const auto garbage = dir_.path() / "garbage.pem";
  WriteFile(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
  config.certificate_file = garbage;
  EXPECT_EQ(LoadOrCreateServerIdentity(config).error(),
            make_error_code(Errc::certificate_unreadable));

  config.certificate_file = made.value().certificate_file;
  config.key_file = garbage;
  EXPECT_EQ(LoadOrCreateServerIdentity(config).error(), make_error_code(Errc::key_unreadable));

  config.key_file.clear();
  EXPECT_EQ(LoadOrCreateServerIdentity(config).error(),
            make_error_code(Errc::incomplete_configuration));
}

TEST_F(TlsIdentityTest, InvalidHostNamesAreRefused) {
  IdentityConfig config = Generated();
  config.host_names = {"bad,DNS:evil.example"};
  EXPECT_EQ(LoadOrCreateServerIdentity(config).error(), make_error_code(Errc::invalid_host_name));
  EXPECT_TRUE(IsValidCertificateHostName("kedougou-1.minegate.sn"));
  EXPECT_TRUE(IsValidCertificateHostName("::1"));
  EXPECT_FALSE(IsValidCertificateHostName("*.minegate.sn"));
  EXPECT_FALSE(IsValidCertificateHostName("-lead.example"));
  EXPECT_FALSE(IsValidCertificateHostName("a..b"));
  EXPECT_FALSE(IsValidCertificateHostName(""));
  EXPECT_FALSE(IsValidCertificateHostName(std::string(64, 'a') + ".example"));
}

TEST_F(TlsIdentityTest, FingerprintIsTheSha256OfTheCertificate) {
  auto identity = LoadOrCreateServerIdentity(Generated());
  ASSERT_TRUE(identity);
  auto fingerprint = CertificateSha256Fingerprint(identity.value().certificate_pem);
  ASSERT_TRUE(fingerprint);
  EXPECT_EQ(fingerprint.value().size(), 64u);
  const auto result =
      test::RunToCompletion({"openssl", "x509", "-in", identity.value().certificate_file.string(),
                             "-noout", "-fingerprint", "-sha256"},
                            {}, std::chrono::seconds(10));
  if (!result.spawn_error.empty()) GTEST_SKIP() << "openssl: " << result.spawn_error;
  // "sha256 Fingerprint=AB:CD:..." -> "abcd..."
  std::string expected = result.out.substr(result.out.find('=') + 1);
  expected.erase(std::remove_if(expected.begin(), expected.end(),
                                [](char c) { return c == ':' || c == '\n'; }),
                 expected.end());
  for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(fingerprint.value(), expected);
  EXPECT_FALSE(CertificateSha256Fingerprint("not a certificate"));
}

}  // namespace
}  // namespace minegate::server::tls
