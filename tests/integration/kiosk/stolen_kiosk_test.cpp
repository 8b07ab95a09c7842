// A stolen kiosk, as the thief gets it: the kiosk registered a person with distinctive values,
// synced, and was stopped; its data directory is copied and every byte of every file searched.
// Only the roster cache's first name, sex and birth year may be there; no other personal value,
// no person token (raw or hex), no tag UID. Its logs hold none of them either. Real processes.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "tests/support/file_scan.hpp"
#include "tests/support/kiosk_chain.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::test {
namespace {

/// The person token the server holds for the one person this kiosk registered.
std::string RegisteredToken(const std::string& server_database) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(server_database, options);
  if (!connection) return {};
  auto statement =
      connection.value().Prepare("SELECT event FROM events WHERE body_kind = 'person_registered'");
  if (!statement) return {};
  auto row = statement.value().Step();
  if (!row || !row.value()) return {};
  const auto blob = statement.value().ColumnBlob(0);
  v1::Event event;
  if (!event.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) return {};
  return event.person_registered().person_token();
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

TEST(StolenKioskTest, ACopiedDataDirectoryHoldsOnlyTheRosterCachesFirstName) {
  std::string error;
  auto chain = KioskChain::Start(error);
  ASSERT_NE(chain, nullptr) << error;
  ASSERT_TRUE(chain->SignIn()) << chain->Diagnostics();

  v1::RegistrationDraft draft = KioskChain::SimpleDraft("Zeïnabou");
  v1::PersonRegistered* person = draft.mutable_person();
  person->set_family_name("Diabaté-Volée");
  person->mutable_birth()->set_year(2008);
  person->set_nationality("MLI");
  person->set_place_of_origin("Sadiola-Kayes-Nord");
  person->set_phone("+221779876543");
  person->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_PASSPORT);
  person->mutable_identity_document()->set_number("PX4471902");
  person->mutable_identity_document()->set_issuing_country("MLI");
  person->mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_COMPANION);
  person->set_occupation(v1::OCCUPATION_FOOD_SERVICE);
  person->set_occupation_detail("vendeuse de beignets au marché de Bantaco");
  person->set_purpose(v1::PURPOSE_PROMISED_JOB);
  person->set_promised_job(v1::PROMISED_JOB_RESTAURANT);
  person->mutable_consent()->set_protection_questions_accepted(true);
  person->set_travel_paid_by_third_party(v1::ANSWER_YES);
  person->set_debt_declared(v1::ANSWER_YES);
  draft.set_companion_choice(v1::COMPANION_CHOICE_DESCRIBED);
  draft.set_companion_description("tonton Bakary au boubou vert olive");
  draft.set_companion_relation(v1::COMPANION_RELATION_FRIEND);
  draft.set_companion_answered_for_person(true);

  const std::string uid_hex = "04F1F2F3F4F5F6";
  const auto registered = chain->Register(uid_hex, draft);
  ASSERT_TRUE(registered) << chain->Diagnostics();
  ASSERT_EQ(registered->result(), v1::TAP_RESULT_REGISTERED) << registered->DebugString();
  ASSERT_EQ(registered->device_seq(), 4u);  // person, bracelet, companion, first entry
  // And at the gate, once: a passage names the tag and the token too.
  ASSERT_TRUE(chain->SetMode(v1::KIOSK_MODE_GATE));
  const auto passed = chain->Tap(uid_hex);
  ASSERT_TRUE(passed) << chain->Diagnostics();
  ASSERT_EQ(passed->result(), v1::TAP_RESULT_ACCEPTED);
  ASSERT_EQ(passed->first_name(), "Zeïnabou");
  ASSERT_TRUE(chain->page().WaitForState(
      [](const v1::KioskState& s) {
        return s.sync().acked_seq() == 5 && s.sync().pending_events() == 0;
      },
      std::chrono::seconds(30)))
      << chain->Diagnostics();
  ASSERT_EQ(chain->ServerEventCount(), 5);
  const std::string token = RegisteredToken(chain->server().database());
  ASSERT_EQ(token.size(), 16u);

  ASSERT_TRUE(chain->kiosk().Stop());
  TempDir stolen{"stolen"};
  ASSERT_TRUE(stolen.ok());
  const std::filesystem::path copy = stolen.path() / "data";
  std::filesystem::copy(chain->kiosk().data_dir(), copy, std::filesystem::copy_options::recursive);
  const std::vector<std::string> files = FilesUnder(copy);
  ASSERT_FALSE(files.empty());
  SCOPED_TRACE("scanned: " + [&] {
    std::string all;
    for (const std::string& file : files) all += file + " ";
    return all;
  }());

  const std::string uid(std::string("\x04\xF1\xF2\xF3\xF4\xF5\xF6", 7));
  const std::vector<std::string> secrets = {
      "Diabaté-Volée",
      "Diabat",  // a prefix, in case of another encoding of the rest
      "Sadiola-Kayes-Nord",
      "+221779876543",
      "779876543",
      "PX4471902",
      "vendeuse de beignets au marché de Bantaco",
      "tonton Bakary au boubou vert olive",
      token,
      HexOf(token),
      Upper(HexOf(token)),
      uid,
      uid_hex,
      HexOf(uid),
  };
  for (const std::string& secret : secrets) {
    SCOPED_TRACE("looking for " + HexOf(secret));
    EXPECT_EQ(FilesContaining(copy, secret), std::vector<std::string>{});
  }
  // What may be there, and where: the roster cache's first name, in the database (found: the
  // scan does read the database's bytes).
  ASSERT_FALSE(FilesContaining(copy, "Zeïnabou").empty());
  for (const std::string& file : FilesContaining(copy, "Zeïnabou")) {
    EXPECT_TRUE(file == "kiosk.db" || file == "kiosk.db-wal") << file;
  }

  // Nor in what the kiosk wrote on its output and its log.
  const std::string logs = chain->kiosk().Output() + chain->kiosk().Log();
  ASSERT_FALSE(logs.empty());
  for (const std::string& secret : secrets) {
    EXPECT_EQ(logs.find(secret), std::string::npos) << HexOf(secret);
  }
  EXPECT_EQ(logs.find("Zeïnabou"), std::string::npos);
}

}  // namespace
}  // namespace minegate::test
