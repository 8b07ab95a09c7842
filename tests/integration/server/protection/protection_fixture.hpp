// Shared set-up for the protection tests: a real server database file with four sites, a gate
// and a kiosk at each, a gate agent, two protection officers and an administrator; the real
// EventWriter with the real RiskMonitor, its clock set by the test; builders of the events a
// kiosk sends (already opened: the writer stores what the validator opened).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "minegate/v1/events.pb.h"
#include "server/ingest/event_writer.hpp"
#include "server/protection/risk_monitor.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace minegate::server::protection {

/// 2026-11-18T07:33:20Z.
inline constexpr std::int64_t kNow = 1'795'000'000'000;
inline constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

/// Sites 12, 14, 16, 18, each with gate site+1 and kiosk "k-<site>".
inline std::string Device(std::uint32_t site) { return "k-" + std::to_string(site); }

inline std::string Token(std::uint8_t fill, std::uint8_t salt = 0) {
  std::string token(16, static_cast<char>(fill));
  token[15] = static_cast<char>(salt);
  return token;
}

struct PersonSpec {
  std::string given = "Awa";
  std::string family = "Traoré";
  v1::Sex sex = v1::SEX_MALE;
  std::uint32_t birth_year = 1990;
  std::string nationality = "MLI";
  v1::Occupation occupation = v1::OCCUPATION_MINER;
  v1::Purpose purpose = v1::PURPOSE_MINING;
  v1::PromisedJob job = v1::PROMISED_JOB_UNSPECIFIED;
  v1::DocumentType document = v1::DOCUMENT_TYPE_NATIONAL_ID;
  std::string document_number = "ML123456";
  v1::DocumentHolder holder = v1::DOCUMENT_HOLDER_NOT_ASKED;
  std::vector<std::string> languages = {"bam", "fra"};
};

/// Builds one kiosk's events with consecutive sequence numbers.
class Kiosk {
 public:
  explicit Kiosk(std::uint32_t site) : site_(site) {}

  std::string device() const { return Device(site_); }

  v1::Event Registered(const std::string& token, const PersonSpec& spec, std::int64_t at_ms) {
    v1::Event event = Envelope(at_ms);
    auto* p = event.mutable_person_registered();
    p->set_person_token(token);
    p->set_given_name(spec.given);
    p->set_family_name(spec.family);
    p->set_sex(spec.sex);
    p->mutable_birth()->set_year(spec.birth_year);
    p->mutable_birth()->set_estimated(true);
    p->set_nationality(spec.nationality);
    p->mutable_identity_document()->set_type(spec.document);
    if (spec.document != v1::DOCUMENT_TYPE_NONE) {
      p->mutable_identity_document()->set_number(spec.document_number);
    }
    p->mutable_identity_document()->set_holder(spec.holder);
    for (const auto& language : spec.languages) p->add_languages(language);
    p->set_occupation(spec.occupation);
    p->set_purpose(spec.purpose);
    p->set_promised_job(spec.job);
    p->mutable_consent()->set_information_given(true);
    p->mutable_consent()->set_information_language("fra");
    p->mutable_consent()->set_protection_questions_accepted(true);
    p->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
    return event;
  }

  v1::Event Companion(const std::string& token, const std::string& companion_token,
                      v1::CompanionRelation relation, std::int64_t at_ms,
                      bool answered_for_her = false) {
    v1::Event event = Envelope(at_ms);
    auto* c = event.mutable_companion_recorded();
    c->set_person_token(token);
    c->set_companion_person_token(companion_token);
    c->set_relation(relation);
    c->set_companion_answered_for_person(answered_for_her);
    return event;
  }

  v1::Event DescribedCompanion(const std::string& token, const std::string& description,
                               v1::CompanionRelation relation, std::int64_t at_ms) {
    v1::Event event = Envelope(at_ms);
    auto* c = event.mutable_companion_recorded();
    c->set_person_token(token);
    c->set_companion_description(description);
    c->set_relation(relation);
    return event;
  }

  v1::Event Passed(const std::string& token, v1::Direction direction, std::int64_t at_ms) {
    v1::Event event = Envelope(at_ms);
    auto* g = event.mutable_gate_passed();
    g->set_direction(direction);
    g->set_tag_uid(std::string("\x04\x10\x20\x30\x40\x50", 6) + token.substr(0, 1));
    g->set_verification(v1::VERIFICATION_VALID);
    g->set_person_token(token);
    return event;
  }

 private:
  v1::Event Envelope(std::int64_t at_ms) {
    v1::Event event;
    ++seq_;
    std::string id(16, '\0');
    for (int i = 0; i < 8; ++i) {
      id[static_cast<std::size_t>(15 - i)] = static_cast<char>(seq_ >> (8 * i));
    }
    id[0] = static_cast<char>(site_);
    id[6] = static_cast<char>(0x70);
    id[8] = static_cast<char>(0x80);
    event.set_event_id(id);
    event.set_device_id(device());
    event.set_device_seq(seq_);
    event.set_occurred_at_ms(at_ms);
    event.set_site_id(site_);
    event.set_gate_id(site_ + 1);
    event.set_agent_id("agent.diallo");
    return event;
  }

  std::uint32_t site_;
  std::uint64_t seq_ = 0;
};

class ProtectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(dir_.ok());
    Prepare(database());
    clock_ms_->store(kNow + kDayMs);
  }

  static void Prepare(const std::filesystem::path& path) {
    auto connection = OpenStore(path);
    ASSERT_TRUE(connection) << connection.error().message();
    std::string sql =
        "INSERT INTO users (user_id, display_name, role, created_at_ms) VALUES "
        "('agent.diallo', 'Awa Diallo', 'gate_agent', 0), "
        "('officer.ndiaye', 'Fatou Ndiaye', 'protection_officer', 0), "
        "('officer.sow', 'Mariama Sow', 'protection_officer', 0), "
        "('police.ba', 'Ousmane Ba', 'border_police', 0), "
        "('admin.fall', 'Cheikh Fall', 'administrator', 0);";
    const char* names[] = {"Bantako", "Sabodala", "Khossanto", "Tenkoto"};
    for (std::uint32_t i = 0; i < 4; ++i) {
      const std::string site = std::to_string(12 + 2 * i);
      const std::string gate = std::to_string(13 + 2 * i);
      sql += "INSERT INTO sites (site_id, name, department, created_at_ms) VALUES (" + site +
             ", '" + names[i] + "', 'kedougou', 0);";
      sql += "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES (" + gate + ", " +
             site + ", 'Nord', 0);";
      sql += "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('k-" + site + "', " +
             site + ", 0);";
      sql += "INSERT INTO user_sites (user_id, site_id, assigned_at_ms) VALUES ('agent.diallo', " +
             site + ", 0);";
    }
    ASSERT_TRUE(connection.value().Execute(sql)) << connection.value().LastErrorMessage();
  }

  std::filesystem::path database() const { return dir_.path() / "minegate.db"; }

  base::Clock clock() const {
    return [ms = clock_ms_] { return ms->load(); };
  }
  void SetNow(std::int64_t ms) { clock_ms_->store(ms); }
  std::int64_t Now() const { return clock_ms_->load(); }

  /// The writer with the risk monitor (or without, for comparisons).
  void OpenWriter(bool monitor = true) {
    std::vector<EventObserverFactory> observers;
    if (monitor) observers.push_back(RiskMonitor::Factory(clock()));
    auto writer = EventWriter::Open(database(), {}, std::move(observers));
    ASSERT_TRUE(writer) << writer.error().message();
    writer_ = std::move(writer).value();
  }

  /// Submits one batch and waits for its acknowledgement; `on_ack` runs in the writer's
  /// callback, after the commit and before the kiosk would hear of it.
  void Send(const Kiosk& kiosk, std::vector<v1::Event> events,
            const std::function<void()>& on_ack = {}) {
    std::promise<IngestResult<BatchOutcome>> done;
    writer_->Submit(IncomingBatch{kiosk.device(), std::move(events), Now(), {}},
                    [&](IngestResult<BatchOutcome> outcome) {
                      if (outcome && on_ack) on_ack();
                      done.set_value(std::move(outcome));
                    });
    auto outcome = done.get_future().get();
    ASSERT_TRUE(outcome) << outcome.error().message();
  }

  /// A separate connection, as another thread of the server would read.
  db::Connection& Reader() {
    if (!reader_) {
      auto connection = db::Connection::Open(database());
      EXPECT_TRUE(connection) << connection.error().message();
      reader_.emplace(std::move(connection).value());
    }
    return *reader_;
  }

  std::int64_t Count(const std::string& sql) {
    auto count =
        db::QueryOne(Reader(), sql, [](const db::Statement& row) { return row.ColumnInt64(0); });
    EXPECT_TRUE(count) << sql;
    return count ? count.value() : -1;
  }

  test::TempDir dir_{"protection"};
  std::shared_ptr<std::atomic<std::int64_t>> clock_ms_ =
      std::make_shared<std::atomic<std::int64_t>>(kNow);
  std::unique_ptr<EventWriter> writer_;
  std::optional<db::Connection> reader_;
};

}  // namespace minegate::server::protection
