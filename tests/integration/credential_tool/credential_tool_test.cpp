// minegate-credential as a real process: a key, a credential issued for a tag, verified,
// refused on another tag and under a revoked key unless frozen; command-line refusals exit 2
// with the option named.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/process.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

constexpr const char* kUid = "04a1b2c3d4e5f6";

/// The rest of the line after `label` in `text`; empty when there is none.
std::string After(const std::string& text, const std::string& label) {
  const std::size_t at = text.find(label);
  if (at == std::string::npos) return {};
  const std::size_t start = at + label.size();
  return text.substr(start, text.find('\n', start) - start);
}

class CredentialToolTest : public ::testing::Test {
 protected:
  RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), MINEGATE_CREDENTIAL_BIN);
    RunResult result = RunToCompletion(args, {}, std::chrono::milliseconds(10'000));
    EXPECT_FALSE(result.timed_out);
    return result;
  }
  std::string Key() const { return dir_.File("kiosk.key"); }
  TempDir dir_{"mg-credential-tool"};
};

TEST_F(CredentialToolTest, IssuedCredentialVerifiesOnlyOnItsTagAndUnderATrustedKey) {
  const RunResult keygen = Run({"keygen", Key()});
  ASSERT_EQ(keygen.status.exit_code, 0) << keygen.err;
  const std::string public_key = After(keygen.out, "public key: ");
  ASSERT_EQ(public_key.size(), 64u) << keygen.out;
  const RunResult pubkey = Run({"pubkey", Key()});
  EXPECT_EQ(pubkey.status.exit_code, 0) << pubkey.err;
  EXPECT_EQ(After(pubkey.out, "public key: "), public_key);
  // A device key is never overwritten.
  const RunResult again = Run({"keygen", Key()});
  EXPECT_EQ(again.status.exit_code, 1);
  EXPECT_NE(again.err.find("cannot create"), std::string::npos) << again.err;

  const RunResult issue =
      Run({"issue", "--key", Key(), "--uid", kUid, "--site", "12", "--issued-at", "1000"});
  ASSERT_EQ(issue.status.exit_code, 0) << issue.err;
  const std::string credential = After(issue.out, "octets / bytes): ");
  ASSERT_FALSE(credential.empty()) << issue.out;
  EXPECT_NE(issue.out.find("fits an NTAG213 (144 bytes): oui / yes"), std::string::npos);

  RunResult inspect =
      Run({"inspect", "--uid", kUid, "--trust", public_key, "--now", "2000", credential});
  EXPECT_EQ(inspect.status.exit_code, 0) << inspect.out << inspect.err;
  EXPECT_NE(inspect.out.find("valide / valid"), std::string::npos) << inspect.out;
  const std::string digest = After(inspect.out, "issued digest: ");
  ASSERT_EQ(digest.size(), 32u) << inspect.out;

  // The same bytes copied to another tag.
  inspect = Run({"inspect", "--uid", "04a1b2c3d4e5f7", "--trust", public_key, credential});
  EXPECT_EQ(inspect.status.exit_code, 1);
  EXPECT_NE(inspect.out.find("refusé / refused"), std::string::npos) << inspect.out;
  // Revoked key: refused, unless the bracelet was frozen at revocation.
  inspect = Run({"inspect", "--uid", kUid, "--trust", public_key + "@1", credential});
  EXPECT_EQ(inspect.status.exit_code, 1) << inspect.out;
  inspect = Run({"inspect", "--uid", kUid, "--trust", public_key + "@1",
                 "--valid-despite-revocation", digest, credential});
  EXPECT_EQ(inspect.status.exit_code, 0) << inspect.out << inspect.err;
  // Without --trust it only decodes.
  inspect = Run({"inspect", credential, "--uid", kUid});
  EXPECT_EQ(inspect.status.exit_code, 0) << inspect.err;
  EXPECT_NE(inspect.out.find("not verified"), std::string::npos) << inspect.out;
}

TEST_F(CredentialToolTest, CommandLineRefusalsExitTwoWithTheOptionNamed) {
  RunResult run = Run({"issue", "--key", Key(), "--uid", "04a1", "--site", "1"});
  EXPECT_EQ(run.status.exit_code, 2);
  EXPECT_NE(run.err.find("valeur invalide pour --uid"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("invalid value for --uid"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("minegate-credential issue"), std::string::npos) << "usage follows";
  run = Run({"inspect", "--uid", kUid, "--bogus", "1", "01"});
  EXPECT_EQ(run.status.exit_code, 2);
  EXPECT_NE(run.err.find("option inconnue / unknown option: --bogus"), std::string::npos)
      << run.err;
  run = Run({});
  EXPECT_EQ(run.status.exit_code, 2);
  EXPECT_NE(run.err.find("missing command"), std::string::npos) << run.err;

  run = Run({"--version"});
  EXPECT_EQ(run.status.exit_code, 0);
  EXPECT_EQ(run.out.rfind("minegate-credential ", 0), 0u) << run.out;
  run = Run({"issue", "--help"});
  EXPECT_EQ(run.status.exit_code, 0);
  EXPECT_NE(run.out.find("--issued-at MS"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("--trust"), std::string::npos) << run.out;
  run = Run({"help"});
  EXPECT_EQ(run.status.exit_code, 0);
  EXPECT_NE(run.out.find("--valid-despite-revocation DIGEST"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace minegate::test
