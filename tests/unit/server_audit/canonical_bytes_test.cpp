// The bytes the chain hashes: checked against a vector computed outside this code base, and
// shown to change with every field and to keep fields apart.
#include "server/audit/canonical_bytes.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/hex.hpp"
#include "server/audit/audit_entry.hpp"
#include "server/audit/chain_hash.hpp"

namespace minegate::server::audit {
namespace {

/// The entry of golden/entry_v1.txt (seq 7, previous hash 32 bytes of 0xab).
AuditEntry GoldenEntry() {
  AuditEntry entry;
  entry.at_ms = 1'795'000'000'123;
  entry.actor_kind = ActorKind::kUser;
  entry.actor_id = "amadou";
  entry.actor_role = "auditor";
  entry.client_address = "10.0.0.7";
  entry.user_agent = "Mozilla/5.0 (X11; Linux x86_64)";
  entry.action = "GET /v1/audit/entries";
  entry.targets = {"user:awa", "site:3"};
  entry.person_tokens = {"00112233445566778899aabbccddeeff"};
  entry.query = R"({"actorId":"awa"})";
  entry.result_count = 12;
  entry.outcome = "ok";
  entry.http_status = 200;
  entry.reason = "contrôle trimestriel";
  entry.case_reference = "AUD-2026-004";
  return entry;
}

/// "key value" lines of the golden file, comments skipped.
std::map<std::string, std::string> ReadGolden() {
  std::ifstream in(AUDIT_GOLDEN_FILE);
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string key;
    std::string value;
    fields >> key >> value;
    values[key] = value;
  }
  return values;
}

TEST(CanonicalBytesTest, MatchesTheGoldenVector) {
  const auto golden = ReadGolden();
  ASSERT_EQ(golden.count("canonical"), 1u) << AUDIT_GOLDEN_FILE;
  ASSERT_EQ(golden.count("hash"), 1u);
  const std::vector<std::uint8_t> bytes = CanonicalBytes(7, GoldenEntry());
  EXPECT_EQ(base::ToHex(bytes), golden.at("canonical"));
  ChainHash previous;
  previous.fill(0xab);
  EXPECT_EQ(base::ToHex(NextHash(previous, bytes)), golden.at("hash"));
}

TEST(CanonicalBytesTest, EveryFieldChangesTheBytes) {
  const AuditEntry base = GoldenEntry();
  const std::vector<std::uint8_t> reference = CanonicalBytes(7, base);
  EXPECT_NE(CanonicalBytes(8, base), reference) << "seq";
  const std::vector<std::pair<const char*, std::function<void(AuditEntry&)>>> changes = {
      {"at_ms", [](AuditEntry& e) { e.at_ms += 1; }},
      {"actor_kind", [](AuditEntry& e) { e.actor_kind = ActorKind::kApiToken; }},
      {"actor_id", [](AuditEntry& e) { e.actor_id += "x"; }},
      {"actor_role", [](AuditEntry& e) { e.actor_role = "administrator"; }},
      {"client_address", [](AuditEntry& e) { e.client_address = "10.0.0.8"; }},
      {"user_agent", [](AuditEntry& e) { e.user_agent.clear(); }},
      {"action", [](AuditEntry& e) { e.action = "GET /v1/devices"; }},
      {"targets", [](AuditEntry& e) { e.targets.pop_back(); }},
      {"person_tokens", [](AuditEntry& e) { e.person_tokens.push_back("ff"); }},
      {"query", [](AuditEntry& e) { e.query = "{}"; }},
      {"result_count", [](AuditEntry& e) { e.result_count = -1; }},
      {"outcome", [](AuditEntry& e) { e.outcome = "refused:x.1"; }},
      {"http_status", [](AuditEntry& e) { e.http_status = 403; }},
      {"reason", [](AuditEntry& e) { e.reason = "controle trimestriel"; }},
      {"case_reference", [](AuditEntry& e) { e.case_reference.clear(); }},
  };
  for (const auto& [field, change] : changes) {
    AuditEntry changed = base;
    change(changed);
    EXPECT_NE(CanonicalBytes(7, changed), reference) << field;
  }
}

TEST(CanonicalBytesTest, LengthPrefixesKeepFieldsApart) {
  AuditEntry left = GoldenEntry();
  AuditEntry right = GoldenEntry();
  // The same characters split differently between items, and between neighbouring fields.
  left.targets = {"ab", "c"};
  right.targets = {"a", "bc"};
  EXPECT_NE(CanonicalBytes(1, left), CanonicalBytes(1, right));
  left = GoldenEntry();
  right = GoldenEntry();
  left.actor_id = "amadou";
  left.actor_role = "auditor";
  right.actor_id = "amadouauditor";
  right.actor_role = "";
  EXPECT_NE(CanonicalBytes(1, left), CanonicalBytes(1, right));
  left = GoldenEntry();
  right = GoldenEntry();
  left.targets = {};
  right.targets = {""};  // Refused by NormaliseEntry, but distinct even so.
  EXPECT_NE(CanonicalBytes(1, left), CanonicalBytes(1, right));
}

TEST(ChainHashTest, NextHashDependsOnThePreviousHash) {
  const std::vector<std::uint8_t> bytes = CanonicalBytes(1, GoldenEntry());
  ChainHash other = kGenesisHash;
  other[31] = 1;
  EXPECT_NE(NextHash(kGenesisHash, bytes), NextHash(other, bytes));
  EXPECT_EQ(NextHash(kGenesisHash, bytes), NextHash(kGenesisHash, bytes));
}

TEST(ChainHeadTest, FormatsAndParsesCountColonHash) {
  ChainHead head;
  head.count = 42;
  head.hash.fill(0x5a);
  const std::string text = FormatChainHead(head);
  std::string expected = "42:";
  for (int i = 0; i < 32; ++i) expected += "5a";
  EXPECT_EQ(text, expected);
  auto parsed = ParseChainHead(text);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.value(), head);
  // Upper case and surrounding blanks, as an auditor copies it back.
  std::string upper = "  42:" + std::string(64, 'A') + "\n";
  auto loose = ParseChainHead(upper);
  ASSERT_TRUE(loose);
  EXPECT_EQ(loose.value().hash[0], 0xaa);
  EXPECT_EQ(FormatChainHead(ChainHead{}), "0:" + std::string(64, '0'));
}

TEST(ChainHeadTest, RefusesAnythingElse) {
  const std::string hash(64, 'a');
  for (const std::string& bad : std::vector<std::string>{
           std::string(), std::string(":") + hash, "x:" + hash, "-1:" + hash, "3" + hash,
           "3:", "3:" + hash.substr(1), "3:" + hash + "aa", "3:" + hash.substr(2) + "zz",
           "3:" + hash.substr(2) + ":a", "3 :" + hash}) {
    auto parsed = ParseChainHead(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error(), Errc::bad_head) << bad;
  }
}

TEST(NormaliseEntryTest, CutsTheUserAgentOnACharacterBoundary) {
  AuditEntry entry = GoldenEntry();
  // 255 ASCII bytes then "é" (2 bytes): the cut at 256 would split it, so it goes whole.
  entry.user_agent = std::string(255, 'u') + "é" + "tail";
  ASSERT_TRUE(NormaliseEntry(entry));
  EXPECT_EQ(entry.user_agent, std::string(255, 'u'));
  entry.user_agent = std::string(300, 'v');
  ASSERT_TRUE(NormaliseEntry(entry));
  EXPECT_EQ(entry.user_agent.size(), kMaxUserAgentBytes);
}

TEST(NormaliseEntryTest, KeepsEachPersonTokenOnceInItsFirstPlace) {
  AuditEntry entry = GoldenEntry();
  entry.person_tokens = {"bb", "aa", "bb", "cc", "aa"};
  ASSERT_TRUE(NormaliseEntry(entry));
  EXPECT_EQ(entry.person_tokens, (std::vector<std::string>{"bb", "aa", "cc"}));
}

TEST(NormaliseEntryTest, RefusesWhatCannotBeStoredFaithfully) {
  const std::vector<std::pair<const char*, std::function<void(AuditEntry&)>>> bad = {
      {"upper-case token", [](AuditEntry& e) { e.person_tokens = {"AA"}; }},
      {"odd token", [](AuditEntry& e) { e.person_tokens = {"abc"}; }},
      {"non-hex token", [](AuditEntry& e) { e.person_tokens = {"zz"}; }},
      {"long token", [](AuditEntry& e) { e.person_tokens = {std::string(130, 'a')}; }},
      {"empty target", [](AuditEntry& e) { e.targets = {""}; }},
      {"target with a line break", [](AuditEntry& e) { e.targets = {"user:a\nsite:1"}; }},
      {"target with a tab", [](AuditEntry& e) { e.targets = {"user:a\tb"}; }},
      {"too many targets",
       [](AuditEntry& e) { e.targets.assign(kMaxListItems + 1, std::string("site:1")); }},
      {"huge query", [](AuditEntry& e) { e.query.assign(kMaxFieldBytes + 1, 'q'); }},
      {"huge reason", [](AuditEntry& e) { e.reason.assign(kMaxFieldBytes + 1, 'r'); }},
      {"kind outside the enumeration",
       [](AuditEntry& e) { e.actor_kind = static_cast<ActorKind>(99); }},
  };
  for (const auto& [what, change] : bad) {
    AuditEntry entry = GoldenEntry();
    change(entry);
    auto normalised = NormaliseEntry(entry);
    ASSERT_FALSE(normalised) << what;
    EXPECT_EQ(normalised.error(), Errc::bad_entry) << what;
  }
  // A query may hold line breaks (pretty JSON): it is one length-prefixed field.
  AuditEntry entry = GoldenEntry();
  entry.query = "{\n  \"a\": 1\n}";
  EXPECT_TRUE(NormaliseEntry(entry));
}

TEST(ActorKindTest, NamesRoundTrip) {
  for (ActorKind kind : {ActorKind::kUser, ActorKind::kApiToken, ActorKind::kMinegatectl,
                         ActorKind::kDevice, ActorKind::kAnonymous}) {
    EXPECT_EQ(ParseActorKind(ActorKindName(kind)), kind);
  }
  EXPECT_EQ(ActorKindName(ActorKind::kApiToken), "api_token");
  EXPECT_FALSE(ParseActorKind("User"));
}

TEST(OutcomeOfTest, NamesTheCategoryAndTheCode) {
  EXPECT_EQ(OutcomeOf("refused", make_error_code(Errc::bad_filter)),
            "refused:minegate.server.audit.3");
}

}  // namespace
}  // namespace minegate::server::audit
