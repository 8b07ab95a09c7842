// minegate-credential's options: one description per command, hex values decoded and refused
// with the option named, generated help.
#include <gtest/gtest.h>

#include <algorithm>

#include "tools/credential-tool/options.hpp"

namespace minegate::credential_tool {
namespace {

using Words = std::vector<std::string>;

constexpr const char* kUid = "04a1b2c3d4e5f6";
constexpr const char* kPublicKey =
    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

class CredentialToolOptionsTest : public ::testing::Test {
 protected:
  /// The error of a refused command line (empty when it was accepted: the test then fails).
  std::string Refusal(const Words& words) {
    const auto options = ParseOptions(words, error_);
    EXPECT_FALSE(options) << "accepted: " << (words.empty() ? "" : words.front());
    return options ? std::string() : error_;
  }
  std::string error_;
};

TEST_F(CredentialToolOptionsTest, HelpVersionAndCommands) {
  for (const Words& help : {Words{"help"}, Words{"--help"}, Words{"-h"}}) {
    const auto options = ParseOptions(help, error_);
    ASSERT_TRUE(options) << error_;
    EXPECT_EQ(options->command, Command::help);
    EXPECT_FALSE(options->help_for);
  }
  auto options = ParseOptions({"inspect", "--help"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::help);
  EXPECT_EQ(options->help_for, Command::inspect);
  for (const Words& version : {Words{"--version"}, Words{"write", "--version"}}) {
    options = ParseOptions(version, error_);
    ASSERT_TRUE(options) << error_;
    EXPECT_EQ(options->command, Command::version);
  }
  EXPECT_EQ(Refusal({}), "commande manquante / missing command");
  EXPECT_EQ(Refusal({"sign"}), "commande inconnue / unknown command: sign");

  options = ParseOptions({"keygen", "/tmp/k.key"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::keygen);
  EXPECT_EQ(options->key_file, "/tmp/k.key");
  options = ParseOptions({"pubkey", "k.key"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::pubkey);
  EXPECT_EQ(options->key_file, "k.key");
}

TEST_F(CredentialToolOptionsTest, IssueReadsEveryOptionAndLeavesTheRestToTheTool) {
  auto options = ParseOptions({"issue", "--key", "k.key", "--uid", kUid, "--site", "12"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::issue);
  EXPECT_EQ(options->key_file, "k.key");
  EXPECT_EQ(options->uid, (std::vector<std::uint8_t>{0x04, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6}));
  EXPECT_EQ(options->site_id, 12u);
  EXPECT_FALSE(options->card_number);
  EXPECT_FALSE(options->token);  // drawn at random by the tool
  EXPECT_FALSE(options->issued_at_ms);

  options = ParseOptions(
      {"issue", "--uid=04:A1:B2:C3", "--site", "4294967295", "--key", "k", "--card-number",
       "EMAPE-7", "--token", "000102030405060708090a0b0c0d0e0f", "--issued-at", "1700000000000"},
      error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->uid.size(), 4u);
  EXPECT_EQ(options->site_id, 4294967295u);
  EXPECT_EQ(options->card_number, "EMAPE-7");
  ASSERT_TRUE(options->token);
  EXPECT_EQ((*options->token)[15], 0x0f);
  EXPECT_EQ(options->issued_at_ms, 1700000000000);
}

TEST_F(CredentialToolOptionsTest, InspectTakesRepeatedKeysAndDigestsAndTheBytes) {
  const std::string revoked = std::string(kPublicKey).replace(0, 2, "ff") + "@1";
  const auto options = ParseOptions(
      {"inspect", "--uid", kUid, "--trust", kPublicKey, "--trust", revoked,
       "--valid-despite-revocation", "0102030405060708090a0b0c0d0e0f10",
       "--valid-despite-revocation", "1102030405060708090a0b0c0d0e0f10", "--now", "99", "0103"},
      error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::inspect);
  ASSERT_EQ(options->trust.size(), 2u);
  EXPECT_EQ(options->trust[0].public_key[1], 0x11);
  EXPECT_FALSE(options->trust[0].revoked_at_ms);
  EXPECT_EQ(options->trust[1].public_key[0], 0xff);
  EXPECT_EQ(options->trust[1].revoked_at_ms, 1);
  EXPECT_EQ(options->valid_despite_revocation.size(), 2u);
  EXPECT_EQ(options->now_ms, 99);
  EXPECT_EQ(options->input, (std::vector<std::uint8_t>{0x01, 0x03}));
}

TEST_F(CredentialToolOptionsTest, WriteNeedsTheBridgeAndSpellsOverwriteOut) {
  auto options =
      ParseOptions({"write", "--socket", "/tmp/b.sock", "--key", "k", "--site", "3"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_EQ(options->command, Command::write);
  EXPECT_EQ(options->socket, "/tmp/b.sock");
  EXPECT_FALSE(options->overwrite);
  options = ParseOptions(
      {"write", "--socket", "s", "--key", "k", "--site", "3", "--overwrite", "yes"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_TRUE(options->overwrite);
  options = ParseOptions(
      {"write", "--socket", "s", "--key", "k", "--site", "3", "--overwrite", "no"}, error_);
  ASSERT_TRUE(options) << error_;
  EXPECT_FALSE(options->overwrite);
  EXPECT_EQ(Refusal({"write", "--socket", "s", "--key", "k", "--site", "3", "--overwrite", "oui"}),
            "valeur invalide pour --overwrite (yes | no) / invalid value for --overwrite "
            "(yes | no): oui");
  EXPECT_EQ(Refusal({"write", "--key", "k", "--site", "3"}),
            "option obligatoire / required option: --socket PATH");
}

TEST_F(CredentialToolOptionsTest, RefusalsNameTheOptionOrWord) {
  EXPECT_EQ(Refusal({"issue", "--key", "k", "--site", "1"}),
            "option obligatoire / required option: --uid HEX");
  EXPECT_EQ(Refusal({"issue", "--uid", kUid, "--site", "1"}),
            "option obligatoire / required option: --key KEYFILE");
  EXPECT_EQ(Refusal({"issue", "--uid", kUid, "--key", "k"}),
            "option obligatoire / required option: --site N");
  EXPECT_EQ(Refusal({"issue", "--key", "k", "--site", "1", "--uid", "04a1b2"}),
            "valeur invalide pour --uid (4, 7 ou 10 octets hexadécimaux) / invalid value for "
            "--uid (4, 7 or 10 bytes of hex): 04a1b2");
  EXPECT_EQ(Refusal({"issue", "--key", "k", "--uid", kUid, "--site", "-1"}),
            "valeur invalide pour --site (0..4294967295) / invalid value for --site "
            "(0..4294967295): -1");
  EXPECT_NE(Refusal({"issue", "--key", "k", "--uid", kUid, "--site", "4294967296"})
                .find("invalid value for --site"),
            std::string::npos);
  EXPECT_EQ(Refusal({"issue", "--key", "k", "--uid", kUid, "--site", "1", "--token", "0102"}),
            "valeur invalide pour --token (16 octets hexadécimaux) / invalid value for --token "
            "(16 bytes of hex): 0102");
  EXPECT_NE(Refusal({"issue", "--key", "k", "--uid", kUid, "--site", "1", "--issued-at", "soon"})
                .find("invalid value for --issued-at"),
            std::string::npos);
  EXPECT_EQ(Refusal({"issue", "--key", "a", "--key", "b", "--uid", kUid, "--site", "1"}),
            "option répétée / repeated option: --key");
  EXPECT_EQ(Refusal({"issue", "--key"}), "valeur manquante pour / missing value for --key");
  // Each command reads only its own options.
  EXPECT_EQ(Refusal({"issue", "--socket", "s"}), "option inconnue / unknown option: --socket");
  EXPECT_EQ(Refusal({"keygen", "--uid", kUid, "k"}), "option inconnue / unknown option: --uid");
  EXPECT_EQ(Refusal({"issue", "--config", "f"}), "option inconnue / unknown option: --config");
  EXPECT_EQ(Refusal({"keygen"}), "KEYFILE manquant / missing KEYFILE");
  EXPECT_EQ(Refusal({"pubkey", "a", "b"}), "argument inattendu / unexpected argument: b");
  EXPECT_EQ(Refusal({"issue", "--key", "k", "--uid", kUid, "--site", "1", "stray"}),
            "argument inattendu / unexpected argument: stray");

  EXPECT_EQ(Refusal({"inspect", "--uid", kUid, "zz"}),
            "octets hexadécimaux attendus / hex bytes expected: zz");
  EXPECT_NE(Refusal({"inspect", "--uid", kUid}).find("missing HEX"), std::string::npos);
  EXPECT_EQ(Refusal({"inspect", "--uid", kUid, "--trust", "0011", "01"}),
            "valeur invalide pour --trust (clé publique de 32 octets hexadécimaux [@ms]) / "
            "invalid value for --trust (32-byte hex public key [@ms]): 0011");
  EXPECT_NE(Refusal({"inspect", "--uid", kUid, "--trust", std::string(kPublicKey) + "@", "01"})
                .find("invalid value for --trust"),
            std::string::npos);
  EXPECT_NE(Refusal({"inspect", "--uid", kUid, "--valid-despite-revocation", "01", "01"})
                .find("invalid value for --valid-despite-revocation (16 bytes of hex): 01"),
            std::string::npos);
  EXPECT_NE(
      Refusal({"inspect", "--uid", kUid, "--now", "1e3", "01"}).find("invalid value for --now"),
      std::string::npos);
}

TEST_F(CredentialToolOptionsTest, HelpIsGeneratedFromEachCommandsDescription) {
  const std::string all = Usage();
  for (const char* text :
       {"keygen KEYFILE", "pubkey KEYFILE", "issue options", "--uid HEX", "--site N",
        "--card-number NUM", "--token HEX", "--issued-at MS", "--trust PUBKEY[@REVOKED_AT_MS]",
        "--valid-despite-revocation DIGEST", "--now MS", "--socket PATH", "--overwrite yes|no",
        "--help", "--version", "COMMAND --help"}) {
    EXPECT_NE(all.find(text), std::string::npos) << text << "\n" << all;
  }
  EXPECT_EQ(all.find("--config"), std::string::npos) << all;
  const std::string issue = Usage(Command::issue);
  EXPECT_NE(issue.find("--key KEYFILE"), std::string::npos) << issue;
  EXPECT_NE(issue.find("--issued-at MS"), std::string::npos) << issue;
  EXPECT_EQ(issue.find("--socket"), std::string::npos) << issue;
  EXPECT_EQ(issue.find("--trust"), std::string::npos) << issue;
}

}  // namespace
}  // namespace minegate::credential_tool
