// A kiosk offline for a simulated week (issue 14, item 4): a real minegate-kiosk, enrolled with
// the real server, whose outbox holds 50,000 events dated over the past seven days — recorded as
// the kiosk records them (kiosk/gate's EventFactory: envelope, every body sealed to the server's
// key; kiosk/store's Outbox: numbered 1..50,000 in transactions), written into its database
// directly because 50,000 taps through the emulator and the page would take hours. Then the
// kiosk starts online: every event reaches the server once, and the catch-up time is printed.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <set>

#include "base/clock.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "db/transaction.hpp"
#include "kiosk/gate/event_factory.hpp"
#include "kiosk/store/identity_store.hpp"
#include "kiosk/store/kiosk_db.hpp"
#include "kiosk/store/outbox.hpp"
#include "tests/reliability/durability/projection_snapshot.hpp"
#include "tests/support/kiosk_process.hpp"
#include "tests/support/server_process.hpp"
#include "tests/support/wait.hpp"

namespace minegate::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kEvents = 50'000;
constexpr std::size_t kPersons = 1'000;
constexpr std::int64_t kWeekMs = 7 * 24 * 3'600'000LL;

std::string Token(std::size_t person) {
  std::string token(16, '\x3c');
  for (std::size_t i = 0; i < 8; ++i) token[i] = static_cast<char>(person >> (8 * i));
  return token;
}

std::string TagUid(std::size_t person) {
  std::string uid = "\x04\x57\x45\x45";
  for (std::size_t i = 0; i < 3; ++i) uid.push_back(static_cast<char>(person >> (8 * i)));
  return uid;
}

/// Event `index` (0-based) of the week: the first tap of each person is her registration, then
/// she goes in and out; times spread evenly over the week, in order.
v1::Event Body(const kiosk::gate::EventFactory& factory, std::size_t index, std::int64_t at_ms) {
  v1::Event event = factory.Envelope(kSimAgent, at_ms);
  const std::size_t person = index % kPersons;
  const std::size_t visit = index / kPersons;
  if (visit == 0) {
    static const char* const kGiven[] = {"Aminata", "Moussa", "Fatoumata", "Ousmane", "Mariama"};
    static const char* const kFamily[] = {"Diallo", "Keïta", "Sidibé", "Camara", "Danfakha"};
    auto* p = event.mutable_person_registered();
    p->set_person_token(Token(person));
    p->set_given_name(kGiven[person % 5]);
    p->set_family_name(kFamily[(person / 5) % 5]);
    p->set_sex(person % 2 == 0 ? v1::SEX_FEMALE : v1::SEX_MALE);
    p->mutable_birth()->set_year(static_cast<std::uint32_t>(1970 + person % 30));
    p->mutable_birth()->set_estimated(true);
    p->set_nationality(person % 3 == 0 ? "MLI" : "SEN");
    p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
    p->set_occupation(v1::OCCUPATION_TRADER);
    p->set_purpose(v1::PURPOSE_OWN_TRADE);
    p->mutable_consent()->set_information_given(true);
    p->mutable_consent()->set_information_language("fra");
    p->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
    return event;
  }
  auto* passed = event.mutable_gate_passed();
  passed->set_direction(visit % 2 == 1 ? v1::DIRECTION_IN : v1::DIRECTION_OUT);
  passed->set_tag_uid(TagUid(person));
  passed->set_verification(v1::VERIFICATION_VALID);
  passed->set_person_token(Token(person));
  return event;
}

/// Fills the enrolled kiosk's outbox with the week; the event ids (hex) it recorded.
std::set<std::string> RecordWeekOffline(const std::string& kiosk_database, std::string& error) {
  std::set<std::string> ids;
  auto connection = kiosk::store::OpenKioskDb(kiosk_database);
  if (!connection) {
    error = "kiosk db: " + connection.error().message();
    return ids;
  }
  auto identity = kiosk::store::IdentityStore(connection.value()).Load();
  if (!identity || !identity.value()) {
    error = "the kiosk is not enrolled";
    return ids;
  }
  const kiosk::store::Identity& who = *identity.value();
  const kiosk::gate::EventFactory factory(
      {who.device_id, who.site_id, who.gate_id, who.sealing_public_key, who.sealing_key_id});
  kiosk::store::Outbox outbox(connection.value());
  const std::int64_t week_began = base::NowMs() - kWeekMs;
  constexpr std::size_t kPerTransaction = 5'000;
  for (std::size_t first = 0; first < kEvents; first += kPerTransaction) {
    std::vector<v1::Event> events;
    for (std::size_t i = first; i < first + kPerTransaction; ++i) {
      const auto at = week_began + static_cast<std::int64_t>(i) * (kWeekMs - 60'000) /
                                       static_cast<std::int64_t>(kEvents);
      auto sealed = factory.Seal(Body(factory, i, at));
      if (!sealed) {
        error = "seal: " + sealed.error().message();
        return {};
      }
      ids.insert(EventIdHex(sealed.value().event_id()));
      events.push_back(std::move(sealed).value());
    }
    auto transaction =
        db::Transaction::Begin(connection.value(), db::Transaction::Mode::kImmediate);
    if (!transaction) {
      error = "begin: " + transaction.error().message();
      return {};
    }
    auto appended = outbox.Append(events, events.back().occurred_at_ms());
    if (!appended || !transaction.value().Commit()) {
      error = "append at " + std::to_string(first);
      return {};
    }
  }
  return ids;
}

std::int64_t StoredCount(const std::string& database, const std::string& device) {
  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(database, options);
  if (!connection) return -1;
  auto count = db::QueryOne(
      connection.value(), "SELECT count(*) FROM events WHERE device_id = ?",
      [](const db::Statement& row) { return row.ColumnInt64(0); }, device);
  return count ? count.value() : -1;
}

TEST(OfflineWeekTest, FiftyThousandEventsOfAWeekArriveOnceWhenTheKioskIsBackOnline) {
  std::string error;
  auto server = ServerProcess::Create(error);
  ASSERT_NE(server, nullptr) << error;
  const std::string code = server->NewEnrolmentCode("1", "1");
  ASSERT_FALSE(code.empty()) << "minegatectl device enroll refused";
  KioskProcess kiosk;
  const std::string fingerprint = CertificateFingerprint(server->client().ca_file);
  auto enrolled = kiosk.Enroll(code, server->client().port, fingerprint);
  std::smatch device_match;
  ASSERT_TRUE(enrolled.status.Succeeded() &&
              std::regex_search(enrolled.out, device_match, std::regex("enrolled: ([a-z0-9-]+)")))
      << enrolled.out << enrolled.err;
  const std::string device = device_match[1].str();

  // The week offline: 50,000 events in the outbox, none sent.
  const auto recording = Clock::now();
  const std::set<std::string> recorded = RecordWeekOffline(kiosk.database(), error);
  ASSERT_EQ(recorded.size(), kEvents) << error;
  const double record_s = std::chrono::duration<double>(Clock::now() - recording).count();
  ASSERT_EQ(StoredCount(server->database(), device), 0);

  // Online: the kiosk starts (no reader: its bridge socket does not exist, which it survives) and
  // sends its backlog.
  const auto online = Clock::now();
  ASSERT_TRUE(kiosk.Start(kiosk.data_dir() + "/no-bridge.sock", error)) << error << kiosk.Log();
  const bool arrived = WaitUntil(
      [&] { return StoredCount(server->database(), device) >= static_cast<std::int64_t>(kEvents); },
      180s, 100ms);
  const double catch_up_s = std::chrono::duration<double>(Clock::now() - online).count();
  ASSERT_TRUE(arrived) << StoredCount(server->database(), device) << " arrived\n"
                       << kiosk.Log() << server->Log();

  // The kiosk records the last Ack; then both sides are read at rest.
  kiosk::sync::OutboxPosition position;
  const bool acked = WaitUntil(
      [&] {
        auto connection = kiosk::store::OpenKioskDb(kiosk.database());
        if (!connection) return false;
        auto read = kiosk::store::Outbox(connection.value()).Position();
        if (read) position = read.value();
        return read && read.value().acked_seq == kEvents;
      },
      30s, 200ms);
  EXPECT_TRUE(acked) << "the kiosk's outbox: acked " << position.acked_seq << " pending "
                     << position.pending_events;
  EXPECT_TRUE(kiosk.Stop()) << kiosk.Log();
  ASSERT_TRUE(server->Stop()) << server->Log();

  db::OpenOptions options;
  options.access = db::OpenOptions::Access::kReadOnly;
  auto connection = db::Connection::Open(server->database(), options);
  ASSERT_TRUE(connection);
  auto stored = db::QueryAll(
      connection.value(), "SELECT hex(event_id), device_seq FROM events WHERE device_id = ?",
      [](const db::Statement& row) { return std::pair(row.ColumnText(0), row.ColumnInt64(1)); },
      device);
  ASSERT_TRUE(stored);
  std::set<std::string> ids;
  std::set<std::int64_t> seqs;
  for (const auto& [id, seq] : stored.value()) {
    ids.insert(id);
    seqs.insert(seq);
  }
  EXPECT_EQ(stored.value().size(), kEvents) << "stored more than once";
  EXPECT_EQ(ids, recorded) << "the stored ids are not the ids the kiosk recorded";
  EXPECT_EQ(seqs.size(), kEvents);
  EXPECT_EQ(*seqs.begin(), 1);
  EXPECT_EQ(*seqs.rbegin(), static_cast<std::int64_t>(kEvents));
  // What the reconcile answers (GET /v1/devices/{id}/reconcile reads this row).
  auto sync = db::QueryOne(
      connection.value(),
      "SELECT event_count, highest_seq, contiguous_seq FROM device_sync WHERE device_id = ?",
      [](const db::Statement& row) {
        return std::to_string(row.ColumnInt64(0)) + " " + std::to_string(row.ColumnInt64(1)) + " " +
               std::to_string(row.ColumnInt64(2));
      },
      device);
  ASSERT_TRUE(sync);
  EXPECT_EQ(sync.value(), "50000 50000 50000");
  EXPECT_EQ(position.pending_events, 0u);

  std::printf(
      "rattrapage / catch-up: %zu événements d'une semaine hors ligne / events of a week "
      "offline en / in %.1f s (%.0f év./s / events/s), du démarrage de la borne au dernier "
      "stocké / from the kiosk's start to the last one stored; écriture de la boîte d'envoi / "
      "outbox written in %.1f s\n",
      kEvents, catch_up_s, static_cast<double>(kEvents) / catch_up_s, record_s);
}

}  // namespace
}  // namespace minegate::test
