// The registry at national scale (issue 13, P7): a year of a country's gates generated through
// the store's own write path, then what border police and EMAPE ask of it.
//
//  1. Generation. N persons (default 1,000,000) and about M events (default 20,000,000) — each
//     person's PersonRegistered and BraceletIssued, a CompanionRecorded for a quarter of them,
//     gate passages (in and out, by the kiosk of the person's home site, one in twenty at another
//     site), a few replaced bracelets — over S sites (default 200), one of which, the "grand
//     site", holds B persons (default 50,000) whom a census campaign observes at the end of the
//     year as they enter (CensusObserved), with a miner's card linked to about a third of its
//     adults. Every event goes through the real EventWriter: one writer thread, a savepoint per
//     batch of 100 (one kiosk's), group commits of up to 64 batches (WAL, synchronous=FULL), the
//     idempotent event store and the projector (persons, the police's name index, bracelets,
//     passages, presence, companions, miner's cards, census observations). What is skipped, and
//     why: the two validation stages of event_validator.hpp (stage 1 — field rules, opening the
//     sealed bodies, credential re-verification — runs on the kiosk session's strand, before the
//     writer; stage 2 — the gate, agent and campaign looked up, a miner's card credential checked
//     against the trust list — is IncomingBatch::check, which the writer runs when given): the
//     events are generated valid and in clear, so neither changes what is stored. Credentials are
//     stand-ins of a real one's size (102 bytes for a bracelet, 96 for a card), not signatures.
//     The writer's observers (the risk monitor, the clone watch) are off: they write
//     protection and security tables, which nothing here reads (bench_risk_reevaluate and
//     bench_clone_watch measure their cost).
//  2. On the generated file, through connections opened as the API workers open theirs
//     (OpenStore): the history of a bracelet (PersonSearch by tag UID, then PersonTimeline of the
//     person found) for random bracelets, p50/p99/max; the name search (PersonSearch by name,
//     first page of 50) for realistic partial queries made from registered names (folded,
//     accented as typed, one or two words, either order, prefixes, a 2-letter start), p50/p99/max
//     over all and by kind; the census campaign's results at the grand site (ReadCampaignResults:
//     every table), each run's time and the median; two CSV exports through the server's own
//     CsvExport (server/api/csv_export: the BOM, the header, rows read 500 at a time through a
//     RowSource with a keyset cursor, pieces of 256 KiB, each piece dropped once made as the
//     network layer would send it) — the persons as police search rows, and the passages with
//     the person's names — time, bytes, and this process's resident memory before and at its
//     highest during the export (sampled every 20 ms). Not through minegate-server over TLS: the
//     server has no route yet that exports these tables (bench_csv_export measures the network
//     path with the audit log's export).
//
// Run: build/bench/bench_registry_scale [--persons N] [--events N] [--reuse PATH] ...
//      (--help lists every option). With --reuse, the database is generated at PATH only when
//      PATH.meta does not say it is complete for the same scale; an interrupted generation
//      resumes where its commits stopped (each kiosk's events are skipped up to the sequence the
//      store holds for it). Without --reuse, a temporary file is generated and removed.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "base/clock.hpp"
#include "base/hex.hpp"
#include "base/options/options.hpp"
#include "db/bind.hpp"
#include "db/connection.hpp"
#include "db/query.hpp"
#include "server/admin/census_campaigns.hpp"
#include "server/api/csv_export.hpp"
#include "server/census/campaign_results.hpp"
#include "server/ingest/event_writer.hpp"
#include "server/police/internal/person_rows.hpp"
#include "server/police/person_search.hpp"
#include "server/police/person_timeline.hpp"
#include "server/registry/name_key.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/population/names.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::int64_t kStart = 1'767'571'200'000;  // 2026-01-05T00:00:00Z
/// Arrivals and ordinary passages fill the first 345 days; the census runs on days 350-356.
constexpr std::int64_t kMainDays = 345;
constexpr std::int64_t kCensusDay = 350;
constexpr std::int64_t kCensusDays = 6;
/// "Now" for the census: the end of the generated year.
constexpr std::int64_t kEnd = kStart + 360 * kDayMs;
constexpr const char* kCampaign = "grand-site-2026";
constexpr std::size_t kBatch = 100;
constexpr std::size_t kInFlight = 256;

/// CPU time of the calling thread, in ms: on this shared machine, wall time includes waiting
/// for a core.
double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "bench_registry_scale: %s\n", what.c_str());
  std::exit(1);
}

std::uint64_t SplitMix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::string Bytes(std::uint64_t a, std::uint64_t b, std::size_t size) {
  std::string out(size, '\0');
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint64_t word = i < 8 ? a : b;
    out[i] = static_cast<char>(word >> (8 * (i % 8)));
  }
  return out;
}

struct Scale {
  std::uint64_t persons = 0;
  std::uint64_t events = 0;
  std::uint64_t sites = 0;
  std::uint64_t grand_site = 0;
  std::uint64_t seed = 0;

  std::string Text() const {
    return "persons=" + std::to_string(persons) + " events=" + std::to_string(events) +
           " sites=" + std::to_string(sites) + " grand_site=" + std::to_string(grand_site) +
           " seed=" + std::to_string(seed);
  }
  /// Every stride-th person lives at the grand site (site 1).
  std::uint64_t Stride() const { return std::max<std::uint64_t>(1, persons / grand_site); }
  bool AtGrandSite(std::uint64_t n) const { return n % Stride() == 0 && n / Stride() < grand_site; }
  /// Index of person n's home site (0 is the grand site, site id 1).
  std::size_t Home(std::uint64_t n) const {
    if (AtGrandSite(n)) return 0;
    return static_cast<std::size_t>(1 + SplitMix(n ^ 0x5173ull) % (sites - 1));
  }
  std::string Token(std::uint64_t n) const {
    return Bytes(SplitMix(n ^ (seed << 32)), SplitMix(n ^ 0xABCDEFull ^ (seed << 32)), 16);
  }
  /// A 7-byte NTAG UID (NXP's 0x04 first); `generation` 1 for a replacement bracelet.
  std::string TagUid(std::uint64_t n, int generation) const {
    const std::uint64_t key = (n << 1) + (generation != 0 ? 1u : 0u);
    std::string uid = Bytes(SplitMix(key ^ std::uint64_t{0x7A6} ^ seed), 0, 7);
    uid[0] = '\x04';
    return uid;
  }
};

std::uint32_t SiteId(std::size_t site) { return static_cast<std::uint32_t>(site + 1); }
std::uint32_t GateId(std::size_t site) { return static_cast<std::uint32_t>(10 * (site + 1) + 1); }
std::string DeviceId(std::size_t site) { return "k-" + std::to_string(site + 1); }

// ---------------------------------------------------------------------------------------------
// Generation

/// Sites, gates, kiosks, the agent and the census campaign of a fresh database (administration
/// rows, as minegatectl would make them; not events).
void PrepareFresh(const std::filesystem::path& path, const Scale& scale) {
  auto connection = server::OpenStore(path);
  if (!connection) Die("open " + path.string() + ": " + connection.error().message());
  static constexpr const char* kDepartments[] = {"kedougou", "saraya", "salemata"};
  std::string sql =
      "BEGIN;"
      "INSERT INTO users (user_id, display_name, role, created_at_ms) VALUES "
      "('agent.diallo', 'Awa Diallo', 'gate_agent', 0);";
  for (std::size_t site = 0; site < scale.sites; ++site) {
    const std::string id = std::to_string(SiteId(site));
    const std::string name = site == 0 ? "Bantako (grand site)" : "Site " + id;
    sql += "INSERT INTO sites (site_id, name, department, created_at_ms) VALUES (" + id + ", '" +
           name + "', '" + kDepartments[site % 3] + "', 0);";
    sql += "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES (" +
           std::to_string(GateId(site)) + ", " + id + ", 'Nord', 0);";
    sql += "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('" + DeviceId(site) +
           "', " + id + ", 0);";
  }
  sql += "COMMIT;";
  if (auto done = connection.value().Execute(sql); !done) Die("prepare: " + done.error().message());
  server::admin::CensusCampaignRegistry campaigns(connection.value(), [] { return kStart; });
  auto added = campaigns.AddCampaign(kCampaign, 1, "Recensement du grand site 2026",
                                     "Grand site census 2026", kStart + (kCensusDay - 1) * kDayMs,
                                     kStart + (kCensusDay + 10) * kDayMs);
  if (!added) Die("campaign: " + added.error().message());
}

/// Feeds the writer kiosk by kiosk in batches of kBatch, at most kInFlight batches queued.
/// Events at or below the sequence the store already holds for their kiosk are skipped (a
/// resumed generation).
class Feeder {
 public:
  Feeder(server::EventWriter& writer, std::size_t sites, std::vector<std::uint64_t> stored_seq)
      : writer_(writer), pending_(sites), stored_seq_(std::move(stored_seq)) {}

  void Add(std::size_t site, v1::Event event) {
    ++generated_;
    if (event.device_seq() <= stored_seq_[site]) {
      ++skipped_;
      return;
    }
    pending_[site].push_back(std::move(event));
    if (pending_[site].size() == kBatch) Flush(site);
  }
  void Finish() {
    for (std::size_t site = 0; site < pending_.size(); ++site) Flush(site);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return in_flight_ == 0; });
    if (failed_ > 0) Die(std::to_string(failed_) + " batches refused");
  }
  std::uint64_t generated() const { return generated_; }
  std::uint64_t skipped() const { return skipped_; }
  std::uint64_t stored() const { return stored_.load(); }

 private:
  void Flush(std::size_t site) {
    if (pending_[site].empty()) return;
    {
      std::unique_lock lock(mutex_);
      done_.wait(lock, [this] { return in_flight_ < kInFlight; });
      ++in_flight_;
    }
    // Received a minute after its last event, as a kiosk in reach sends.
    const std::int64_t received = pending_[site].back().occurred_at_ms() + 60'000;
    server::IncomingBatch batch{DeviceId(site), std::move(pending_[site]), received, {}};
    pending_[site].clear();
    writer_.Submit(std::move(batch), [this](server::IngestResult<server::BatchOutcome> outcome) {
      std::lock_guard lock(mutex_);
      if (!outcome) {
        if (failed_ == 0) {
          std::fprintf(stderr, "batch refused: %s\n", outcome.error().message().c_str());
        }
        ++failed_;
      } else {
        stored_ += outcome.value().stored;
      }
      --in_flight_;
      done_.notify_all();
    });
  }

  server::EventWriter& writer_;
  std::vector<std::vector<v1::Event>> pending_;
  std::vector<std::uint64_t> stored_seq_;
  std::mutex mutex_;
  std::condition_variable done_;
  std::size_t in_flight_ = 0;
  std::size_t failed_ = 0;
  std::uint64_t generated_ = 0;
  std::uint64_t skipped_ = 0;
  std::atomic<std::uint64_t> stored_{0};
};

/// The year's events in time order, from the scale and its seed alone (a resumed run makes the
/// same ones).
class Generator {
 public:
  Generator(const Scale& scale, Feeder& feeder)
      : scale_(scale),
        feeder_(feeder),
        random_(scale.seed),
        seqs_(scale.sites, 0),
        state_(scale.persons, 0),
        birth_year_(scale.persons, 0) {}

  void Run(const std::function<void()>& progress) {
    // The census phase: an entry, the census tap, and for about a third of adults a card.
    const std::uint64_t census_events = scale_.grand_site * 2 + scale_.grand_site / 3;
    const std::uint64_t main_events = scale_.events > census_events + 3 * scale_.persons
                                          ? scale_.events - census_events
                                          : 3 * scale_.persons;
    std::uint64_t emitted = 0;
    std::uint64_t registered = 0;
    std::uint64_t ticks = 0;
    while (emitted < main_events) {
      const std::int64_t at =
          kStart + static_cast<std::int64_t>(static_cast<double>(emitted) /
                                             static_cast<double>(main_events) *
                                             static_cast<double>(kMainDays * kDayMs));
      // Arrivals spread evenly over the stream; the rest are passages of those already here.
      const bool arrive =
          registered < scale_.persons &&
          (registered == 0 || emitted >= registered * (main_events * 9 / 10) / scale_.persons);
      if (arrive) {
        emitted += Register(registered, at);
        ++registered;
      } else {
        emitted += Passage(Pick(registered), at);
      }
      if (++ticks % 4096 == 0) progress();
    }
    while (registered < scale_.persons) {  // a scale with too few events for its persons
      emitted += Register(registered, kStart + kMainDays * kDayMs);
      ++registered;
    }
    // The grand site's census: each of its persons enters and is tapped by the census.
    const std::int64_t census_start = kStart + kCensusDay * kDayMs;
    const std::int64_t step = kCensusDays * kDayMs / static_cast<std::int64_t>(scale_.grand_site);
    std::uint64_t card = 0;
    for (std::uint64_t i = 0; i < scale_.grand_site; ++i) {
      const std::uint64_t n = i * scale_.Stride();
      if (n >= scale_.persons) break;
      const std::int64_t at = census_start + static_cast<std::int64_t>(i) * step;
      const std::string uid = CurrentUid(n);
      Emit(0, PassageEvent(0, n, v1::DIRECTION_IN, at));
      v1::Event observed = Envelope(0, at + 20'000);
      auto* c = observed.mutable_census_observed();
      c->set_campaign_id(kCampaign);
      c->set_person_token(scale_.Token(n));
      c->set_tag_uid(uid);
      Emit(0, std::move(observed));
      emitted += 2;
      if (birth_year_[n] <= 2007 && Chance(0.34)) {
        v1::Event linked = Envelope(0, at + 90'000);
        auto* m = linked.mutable_miner_card_linked();
        m->set_person_token(scale_.Token(n));
        std::string card_uid = Bytes(SplitMix(n ^ 0xCA4Dull), SplitMix(n), 7);
        card_uid[0] = '\x04';
        m->set_card_uid(card_uid);
        char number[32];
        std::snprintf(number, sizeof number, "EMAPE-KDG-%07llu",
                      static_cast<unsigned long long>(++card));
        m->set_card_number(number);
        m->set_credential(std::string(96, '\x5A'));
        Emit(0, std::move(linked));
        ++emitted;
      }
      if (++ticks % 4096 == 0) progress();
    }
  }

 private:
  static constexpr std::uint8_t kLastIn = 1;
  static constexpr std::uint8_t kReplaced = 2;

  std::uint64_t Pick(std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(random_);
  }
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(random_); }
  bool Chance(double p) { return Uniform() < p; }
  template <class T>
  const T& PickOf(std::span<const T> values) {
    return values[static_cast<std::size_t>(Pick(values.size()))];
  }

  std::string CurrentUid(std::uint64_t n) const {
    return scale_.TagUid(n, (state_[n] & kReplaced) != 0 ? 1 : 0);
  }

  void Emit(std::size_t site, v1::Event event) { feeder_.Add(site, std::move(event)); }

  v1::Event Envelope(std::size_t site, std::int64_t at_ms) {
    v1::Event event;
    const std::uint64_t seq = ++seqs_[site];
    // A UUIDv7-shaped id, unique by kiosk and sequence.
    std::string id = Bytes(seq, (site + 1) << 8, 16);
    id[6] = static_cast<char>(0x70);
    id[8] = static_cast<char>(0x80);
    event.set_event_id(id);
    event.set_device_id(DeviceId(site));
    event.set_device_seq(seq);
    event.set_occurred_at_ms(at_ms);
    event.set_site_id(SiteId(site));
    event.set_gate_id(GateId(site));
    event.set_agent_id("agent.diallo");
    return event;
  }

  v1::Event PassageEvent(std::size_t site, std::uint64_t n, v1::Direction direction,
                         std::int64_t at_ms) {
    v1::Event event = Envelope(site, at_ms);
    auto* g = event.mutable_gate_passed();
    g->set_direction(direction);
    g->set_tag_uid(CurrentUid(n));
    g->set_verification(v1::VERIFICATION_VALID);
    g->set_person_token(scale_.Token(n));
    if (direction == v1::DIRECTION_IN) {
      state_[n] |= kLastIn;
    } else {
      state_[n] &= static_cast<std::uint8_t>(~kLastIn);
    }
    return event;
  }

  /// Person n arrives at her or his home site: registration, bracelet, maybe a companion.
  std::uint64_t Register(std::uint64_t n, std::int64_t at) {
    const std::size_t site = scale_.Home(n);
    // Nationalities in about the proportions met at Kédougou's sites.
    static constexpr double kShares[] = {0.42, 0.2, 0.14, 0.08, 0.1, 0.03, 0.02, 0.01};
    const auto origins = test::population::Origins();
    double draw = Uniform();
    std::size_t o = 0;
    while (o + 1 < origins.size() && draw >= kShares[o]) draw -= kShares[o++];
    const test::population::Origin& origin = origins[o];
    const bool female = Chance(0.35);
    v1::Event event = Envelope(site, at);
    auto* p = event.mutable_person_registered();
    p->set_person_token(scale_.Token(n));
    p->set_given_name(
        std::string(female ? PickOf(origin.female_given) : PickOf(origin.male_given)));
    p->set_family_name(std::string(PickOf(origin.family)));
    p->set_sex(female ? v1::SEX_FEMALE : v1::SEX_MALE);
    auto year = static_cast<std::uint32_t>(1960 + Pick(48));              // 18-66 in 2026
    if (Chance(0.03)) year = static_cast<std::uint32_t>(2009 + Pick(4));  // minors, with family
    birth_year_[n] = static_cast<std::uint16_t>(year);
    p->mutable_birth()->set_year(year);
    if (Chance(0.5)) {
      p->mutable_birth()->set_month(static_cast<std::uint32_t>(1 + Pick(12)));
      p->mutable_birth()->set_day(static_cast<std::uint32_t>(1 + Pick(28)));
    } else {
      p->mutable_birth()->set_estimated(true);
    }
    p->set_nationality(std::string(origin.nationality));
    if (Chance(0.15)) {
      p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
    } else {
      p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
      p->mutable_identity_document()->set_number(std::string(origin.nationality.substr(0, 2)) +
                                                 std::to_string(10'000'000 + n));
      p->mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_SELF);
    }
    const std::string_view languages = PickOf(origin.languages);
    p->add_languages(std::string(languages.substr(0, languages.find(' '))));
    const double purpose = Uniform();
    if (purpose < 0.62) {
      p->set_purpose(v1::PURPOSE_MINING);
      p->set_occupation(v1::OCCUPATION_MINER);
    } else if (purpose < 0.7) {
      p->set_purpose(v1::PURPOSE_OWN_TRADE);
      p->set_occupation(v1::OCCUPATION_GOLD_TRADER);
    } else if (purpose < 0.82) {
      p->set_purpose(v1::PURPOSE_OWN_TRADE);
      p->set_occupation(v1::OCCUPATION_TRADER);
    } else if (purpose < 0.88) {
      p->set_purpose(v1::PURPOSE_OWN_TRADE);
      p->set_occupation(v1::OCCUPATION_FOOD_SERVICE);
    } else if (purpose < 0.93) {
      p->set_purpose(v1::PURPOSE_OWN_TRADE);
      p->set_occupation(v1::OCCUPATION_TRANSPORT);
    } else {
      p->set_purpose(v1::PURPOSE_JOIN_FAMILY);
      p->set_occupation(v1::OCCUPATION_OTHER);
    }
    p->set_travel_paid_by_third_party(v1::ANSWER_NO);
    p->set_debt_declared(v1::ANSWER_NO);
    p->mutable_consent()->set_information_given(true);
    p->mutable_consent()->set_information_language("fra");
    p->mutable_consent()->set_protection_questions_accepted(true);
    p->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
    Emit(site, std::move(event));
    std::uint64_t emitted = 1;

    v1::Event issued = Envelope(site, at + 30'000);
    auto* b = issued.mutable_bracelet_issued();
    b->set_person_token(scale_.Token(n));
    b->set_tag_uid(scale_.TagUid(n, 0));
    b->set_tag_type(v1::TAG_TYPE_NTAG213);
    b->set_credential(std::string(102, '\x42'));
    Emit(site, std::move(issued));
    ++emitted;

    if (n > 0 && Chance(0.25)) {
      v1::Event companion = Envelope(site, at + 40'000);
      auto* c = companion.mutable_companion_recorded();
      c->set_person_token(scale_.Token(n));
      if (Chance(0.7)) {
        c->set_companion_person_token(scale_.Token(Pick(n)));
      } else {
        c->set_companion_description("chauffeur " + std::to_string(Pick(5000)));
      }
      const double relation = Uniform();
      c->set_relation(relation < 0.6   ? v1::COMPANION_RELATION_SIBLING
                      : relation < 0.9 ? v1::COMPANION_RELATION_FRIEND
                                       : v1::COMPANION_RELATION_EMPLOYER);
      Emit(site, std::move(companion));
      ++emitted;
    }
    return emitted;
  }

  /// Person n passes a gate: at home, or one time in twenty at another site; in and out in turn.
  std::uint64_t Passage(std::uint64_t n, std::int64_t at) {
    std::uint64_t emitted = 0;
    std::size_t site = scale_.Home(n);
    if (Chance(0.05)) site = static_cast<std::size_t>(Pick(scale_.sites));
    if ((state_[n] & kReplaced) == 0 && Chance(0.0005)) {
      // A lost bracelet replaced at the gate before the passage.
      state_[n] |= kReplaced;
      v1::Event issued = Envelope(site, at);
      auto* b = issued.mutable_bracelet_issued();
      b->set_person_token(scale_.Token(n));
      b->set_tag_uid(scale_.TagUid(n, 1));
      b->set_tag_type(v1::TAG_TYPE_NTAG213);
      b->set_credential(std::string(102, '\x43'));
      b->set_replaces_tag_uid(scale_.TagUid(n, 0));
      Emit(site, std::move(issued));
      ++emitted;
    }
    const v1::Direction direction =
        (state_[n] & kLastIn) != 0 ? v1::DIRECTION_OUT : v1::DIRECTION_IN;
    Emit(site, PassageEvent(site, n, direction, at));
    return emitted + 1;
  }

  const Scale& scale_;
  Feeder& feeder_;
  std::mt19937_64 random_;
  std::vector<std::uint64_t> seqs_;
  std::vector<std::uint8_t> state_;
  std::vector<std::uint16_t> birth_year_;
};

std::int64_t Count(db::Connection& connection, const std::string& sql) {
  auto count =
      db::QueryOne(connection, sql, [](const db::Statement& row) { return row.ColumnInt64(0); });
  if (!count) Die(sql + ": " + count.error().message());
  return count.value();
}

double FileMb(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? 0.0 : static_cast<double>(size) / 1e6;
}

void Generate(const std::filesystem::path& path, const Scale& scale) {
  const bool resume = std::filesystem::exists(path);
  if (!resume) PrepareFresh(path, scale);
  std::vector<std::uint64_t> stored_seq(scale.sites, 0);
  {
    auto connection = server::OpenStore(path);
    if (!connection) Die("open: " + connection.error().message());
    for (std::size_t site = 0; site < scale.sites; ++site) {
      auto seq = db::QueryFirst(
          connection.value(), "SELECT highest_seq FROM device_sync WHERE device_id = ?",
          [](const db::Statement& row) { return row.ColumnInt64(0); }, DeviceId(site));
      if (!seq) Die("device_sync: " + seq.error().message());
      stored_seq[site] = static_cast<std::uint64_t>(seq.value().value_or(0));
    }
    if (resume) {
      std::printf("resuming: %lld events already stored\n",
                  static_cast<long long>(Count(connection.value(), "SELECT count(*) FROM events")));
    }
  }
  auto writer = server::EventWriter::Open(path);
  if (!writer) Die("writer: " + writer.error().message());
  Feeder feeder(*writer.value(), scale.sites, std::move(stored_seq));
  Generator generator(scale, feeder);
  const auto started = Clock::now();
  auto last = started;
  std::uint64_t last_stored = 0;
  generator.Run([&] {
    const auto now = Clock::now();
    if (now - last < std::chrono::seconds(10)) return;
    const std::uint64_t stored = feeder.stored();
    const double rate = static_cast<double>(stored - last_stored) / Seconds(now - last);
    const double overall = static_cast<double>(stored) / Seconds(now - started);
    const double left =
        static_cast<double>(scale.events) - static_cast<double>(feeder.skipped() + stored);
    std::printf(
        "  %7.0f s  generated %llu (skipped %llu)  stored %llu  %.0f events/s now, %.0f overall"
        "  about %.0f min left  database %.0f MB\n",
        Seconds(now - started), static_cast<unsigned long long>(feeder.generated()),
        static_cast<unsigned long long>(feeder.skipped()), static_cast<unsigned long long>(stored),
        rate, overall, overall > 0 ? std::max(0.0, left) / overall / 60 : 0.0, FileMb(path));
    std::fflush(stdout);
    last = now;
    last_stored = stored;
  });
  feeder.Finish();
  writer.value()->Stop();
  writer.value().reset();
  const double seconds = Seconds(Clock::now() - started);
  std::printf(
      "generated %llu events (%llu stored now, %llu skipped as already stored) in %.1f s: "
      "%.0f events/s stored\n",
      static_cast<unsigned long long>(feeder.generated()),
      static_cast<unsigned long long>(feeder.stored()),
      static_cast<unsigned long long>(feeder.skipped()), seconds,
      static_cast<double>(feeder.stored()) / seconds);
  std::fflush(stdout);
}

// ---------------------------------------------------------------------------------------------
// Measurements

/// The q-quantile of `values` (nearest rank).
double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}

std::string Spread(const std::vector<double>& ms) {
  char text[160];
  std::snprintf(text, sizeof text, "p50 %.2f ms  p99 %.2f ms  max %.2f ms  (n=%zu)",
                Quantile(ms, 0.5), Quantile(ms, 0.99), Quantile(ms, 1.0), ms.size());
  return text;
}

/// This process's resident set (VmRSS) or peak (VmHWM), in kB.
long StatusKb(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string prefix = std::string(key) + ":";
  while (std::getline(status, line)) {
    if (line.rfind(prefix, 0) == 0) return std::strtol(line.c_str() + prefix.size(), nullptr, 10);
  }
  return -1;
}

/// As the API workers open theirs (server/app/official_services.cpp), with SQLite's default
/// page cache (2 MiB) unless `cache_mib` asks for another, to see what the cache changes.
db::Connection OpenReader(const std::filesystem::path& path, std::uint64_t cache_mib) {
  auto connection = server::OpenStore(path);
  if (!connection) Die("open: " + connection.error().message());
  if (cache_mib > 0) {
    const std::string pragma = "PRAGMA cache_size = -" + std::to_string(cache_mib * 1024);
    if (auto set = connection.value().Execute(pragma); !set) Die("cache: " + set.error().message());
  }
  return std::move(connection).value();
}

void MeasureHistory(db::Connection& connection, const Scale& scale, std::size_t lookups,
                    std::mt19937_64& random) {
  server::police::PersonSearch search(connection);
  server::police::PersonTimeline timeline(connection);
  std::vector<double> search_ms;
  std::vector<double> timeline_ms;
  std::vector<double> total_ms;
  std::vector<double> cpu_ms;
  std::size_t wrong = 0;
  std::uint64_t passages = 0;
  std::uniform_int_distribution<std::uint64_t> pick(0, scale.persons - 1);
  for (std::size_t i = 0; i < lookups; ++i) {
    const std::uint64_t n = pick(random);
    server::police::SearchQuery query;
    query.kind = server::police::SearchQuery::Kind::kTagUid;
    query.tag_uid = scale.TagUid(n, 0);  // the first bracelet: current, or a replaced one
    std::string next;
    const double cpu_before = ThreadCpuMs();
    const auto started = Clock::now();
    auto found = search.Find(query, next);
    const auto searched = Clock::now();
    if (!found || found.value().persons_size() != 1) {
      ++wrong;
      continue;
    }
    const auto token = server::police::PersonTokenOf(found.value().persons(0).person_id());
    if (!token || *token != scale.Token(n)) {
      ++wrong;
      continue;
    }
    auto read = timeline.Read(*token);
    const auto ended = Clock::now();
    cpu_ms.push_back(ThreadCpuMs() - cpu_before);
    if (!read) {
      ++wrong;
      continue;
    }
    passages += static_cast<std::uint64_t>(read.value().passages_size());
    search_ms.push_back(Ms(searched - started));
    timeline_ms.push_back(Ms(ended - searched));
    total_ms.push_back(Ms(ended - started));
  }
  std::printf("history by bracelet (search by UID + timeline), %zu random bracelets:\n", lookups);
  std::printf("  search + timeline  %s  (target p99 <= 20 ms)\n", Spread(total_ms).c_str());
  std::printf("  its CPU time       %s\n", Spread(cpu_ms).c_str());
  std::printf("  search by UID      %s\n", Spread(search_ms).c_str());
  std::printf("  timeline           %s\n", Spread(timeline_ms).c_str());
  std::printf(
      "  passages shown per timeline: %.1f on average; wrong or missing answers: %zu\n",
      total_ms.empty() ? 0.0 : static_cast<double>(passages) / static_cast<double>(total_ms.size()),
      wrong);
  std::fflush(stdout);
}

std::string AsciiUpper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

/// A partial name query of one of eight kinds, made from a registered person's names.
std::pair<std::string, const char*> NameQueryOf(std::size_t kind, const std::string& given,
                                                const std::string& family) {
  const std::string g = server::registry::NameKey(given);
  const std::string f = server::registry::NameKey(family);
  const std::string g1 = g.substr(0, g.find(' '));
  switch (kind % 8) {
    case 0:
      return {f, "family, folded (diallo)"};
    case 1:
      return {given, "given as typed (Aïssatou)"};
    case 2:
      return {g1.substr(0, 4), "given, 4-letter prefix (aiss)"};
    case 3:
      return {g1 + " " + f, "given family, folded (ndeye diop)"};
    case 4:
      return {AsciiUpper(family) + " " + given, "FAMILY Given as typed (DIOP Ndèye)"};
    case 5:
      return {f + " " + g1.substr(0, 3), "family + given's 3 letters (traore fat)"};
    case 6:
      return {g1.substr(0, 2) + " " + f, "2-letter start + family (ma sow)"};
    default:
      return {f.size() >= 5 ? f.substr(1, 4) : f, "inside the family name (iall)"};
  }
}

void MeasureNames(db::Connection& connection, std::size_t queries, std::mt19937_64& random) {
  // Names of random registered persons, read back from the registry.
  auto select = connection.Prepare("SELECT given_name, family_name FROM persons WHERE rowid = ?");
  if (!select) Die("names: " + select.error().message());
  const std::int64_t persons = Count(connection, "SELECT max(rowid) FROM persons");
  std::uniform_int_distribution<std::int64_t> pick(1, persons);
  server::police::PersonSearch search(connection);
  std::vector<double> all;
  std::vector<double> cpu;
  std::map<std::string, std::vector<double>> by_kind;
  std::map<std::string, std::string> example;
  std::size_t empty = 0;
  std::size_t full = 0;
  std::uint64_t rows = 0;
  for (std::size_t i = 0; i < queries; ++i) {
    std::string given;
    std::string family;
    if (auto bound = db::BindAll(select.value(), pick(random)); !bound) Die("bind");
    auto row = db::ReadFirst(select.value(), [](const db::Statement& r) {
      return std::make_pair(r.ColumnText(0), r.ColumnText(1));
    });
    if (!row || !row.value()) continue;
    std::tie(given, family) = *row.value();
    auto [text, kind] = NameQueryOf(i, given, family);
    server::police::SearchQuery query;
    query.kind = server::police::SearchQuery::Kind::kName;
    query.text = text;
    query.limit = 50;
    std::string next;
    const double cpu_before = ThreadCpuMs();
    const auto started = Clock::now();
    auto found = search.Find(query, next);
    const double ms = Ms(Clock::now() - started);
    cpu.push_back(ThreadCpuMs() - cpu_before);
    if (!found) Die("name search '" + text + "': " + found.error().message());
    const int size = found.value().persons_size();
    if (size == 0) ++empty;
    if (size == 50) ++full;
    rows += static_cast<std::uint64_t>(size);
    all.push_back(ms);
    by_kind[kind].push_back(ms);
    if (example.count(kind) == 0) example[kind] = text;
  }
  std::printf("name search (first page of 50), %zu queries:\n", all.size());
  std::printf("  all kinds          %s  (target p99 <= 50 ms)\n", Spread(all).c_str());
  std::printf("  its CPU time       %s\n", Spread(cpu).c_str());
  for (const auto& [kind, ms] : by_kind) {
    std::printf("    %-42s e.g. %-22s %s\n", kind.c_str(), ("'" + example[kind] + "'").c_str(),
                Spread(ms).c_str());
  }
  std::printf("  answers: %zu empty, %zu full pages (50), %.1f rows on average\n", empty, full,
              all.empty() ? 0.0 : static_cast<double>(rows) / static_cast<double>(all.size()));
  std::fflush(stdout);
}

void MeasureCensus(db::Connection& connection, std::size_t runs) {
  std::vector<double> ms;
  std::vector<double> cpu;
  std::string runs_text;
  server::census::CampaignResults last;
  for (std::size_t i = 0; i < runs; ++i) {
    const double cpu_before = ThreadCpuMs();
    const auto started = Clock::now();
    auto results = server::census::ReadCampaignResults(connection, kCampaign);
    const double elapsed = Ms(Clock::now() - started);
    cpu.push_back(ThreadCpuMs() - cpu_before);
    if (!results) Die("census: " + results.error().message());
    ms.push_back(elapsed);
    char text[48];
    std::snprintf(text, sizeof text, "%s%.1f (cpu %.1f)", i == 0 ? "" : " ", elapsed, cpu.back());
    runs_text += text;
    last = std::move(results).value();
  }
  std::size_t cells = 0;
  for (const auto& table : last.tables) cells += table.rows.size();
  std::printf(
      "census results of the grand site's campaign (%lld persons observed, %zu tables, "
      "%zu rows; minors %lld, adults with a card %lld, card candidates %lld):\n",
      static_cast<long long>(last.observed), last.tables.size(), cells,
      static_cast<long long>(last.minors), static_cast<long long>(last.adults_with_card),
      static_cast<long long>(last.card_candidates));
  std::printf("  runs (ms): %s\n  median %.1f ms, CPU median %.1f ms  (target <= 200 ms)\n",
              runs_text.c_str(), Quantile(ms, 0.5), Quantile(cpu, 0.5));
  std::fflush(stdout);
}

/// Persons as the police's search rows, in rowid order.
class PersonRows final : public server::api::RowSource {
 public:
  explicit PersonRows(std::int64_t limit) : left_(limit) {}
  base::Result<bool> ReadPage(db::Connection& connection, int max_rows,
                              server::api::CsvRows& rows) override {
    const std::int64_t want = std::min<std::int64_t>(max_rows, left_);
    auto query = db::Query(connection,
                           std::string("SELECT ") + server::police::internal::kPersonColumns +
                               ", p.rowid FROM persons p" + server::police::internal::kPersonJoins +
                               " WHERE p.rowid > ?1 ORDER BY p.rowid LIMIT ?2",
                           after_, want);
    if (!query) return query.error();
    std::int64_t read = 0;
    auto walked = db::ForEachRow(query.value(), [&](const db::Statement& row) {
      const v1::PolicePersonRow person = server::police::internal::PersonRowOf(row);
      after_ = row.ColumnInt64(server::police::internal::kPersonColumnCount);
      ++read;
      const std::string sex = std::to_string(static_cast<int>(person.sex()));
      const std::string year = std::to_string(person.birth_year());
      const std::string first = base::FormatUtcMs(person.first_seen_at_ms());
      const std::string last = base::FormatUtcMs(person.last_seen_at_ms());
      rows.Add({person.person_id(), person.family_name(), person.given_name(), sex, year,
                person.nationality(), first, person.first_site_name(), last,
                person.last_site_name()});
    });
    if (!walked) return walked.error();
    left_ -= read;
    return read == want && left_ > 0;
  }

 private:
  std::int64_t left_;
  std::int64_t after_ = 0;
};

/// Gate passages with the person's names, in log order.
class PassageRows final : public server::api::RowSource {
 public:
  explicit PassageRows(std::int64_t limit) : left_(limit) {}
  base::Result<bool> ReadPage(db::Connection& connection, int max_rows,
                              server::api::CsvRows& rows) override {
    const std::int64_t want = std::min<std::int64_t>(max_rows, left_);
    auto query = db::Query(
        connection,
        "SELECT s.log_position, s.occurred_at_ms, coalesce(t.name, ''), s.gate_id, s.direction, "
        "s.tag_uid, s.person_token, coalesce(p.family_name, ''), coalesce(p.given_name, '') "
        "FROM passages s LEFT JOIN sites t ON t.site_id = s.site_id "
        "LEFT JOIN persons p ON p.person_token = s.person_token "
        "WHERE s.log_position > ?1 ORDER BY s.log_position LIMIT ?2",
        after_, want);
    if (!query) return query.error();
    std::int64_t read = 0;
    auto walked = db::ForEachRow(query.value(), [&](const db::Statement& row) {
      after_ = row.ColumnInt64(0);
      ++read;
      const std::string at = base::FormatUtcMs(row.ColumnInt64(1));
      const std::string site = row.ColumnText(2);
      const std::string gate = std::to_string(row.ColumnInt64(3));
      const std::string_view direction = row.ColumnInt64(4) == 1 ? "entrée" : "sortie";
      const std::string uid = base::ToHex(row.ColumnBlob(5));
      const std::string person = base::ToHex(row.ColumnBlob(6));
      const std::string family = row.ColumnText(7);
      const std::string given = row.ColumnText(8);
      rows.Add({at, site, gate, direction, uid, person, family, given});
    });
    if (!walked) return walked.error();
    left_ -= read;
    return read == want && left_ > 0;
  }

 private:
  std::int64_t left_;
  std::int64_t after_ = 0;
};

void MeasureExport(db::Connection& connection, const char* what,
                   std::vector<server::api::CsvColumn> columns,
                   std::unique_ptr<server::api::RowSource> source) {
  server::api::CsvExport csv(std::move(columns), server::api::CsvOptions{';', false},
                             std::move(source));
  std::atomic<bool> running{true};
  std::atomic<long> peak{0};
  const long before = StatusKb("VmRSS");
  std::thread sampler([&] {
    while (running.load()) {
      peak = std::max(peak.load(), StatusKb("VmRSS"));
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::string piece;
  std::uint64_t bytes = 0;
  std::size_t pieces = 0;
  std::size_t largest = 0;
  const double cpu_before = ThreadCpuMs();
  const auto started = Clock::now();
  while (true) {
    piece.clear();
    auto more = csv.Next(connection, piece);
    if (!more) Die(std::string(what) + ": " + more.error().message());
    bytes += piece.size();
    largest = std::max(largest, piece.size());
    ++pieces;
    if (!more.value()) break;
  }
  const double seconds = Seconds(Clock::now() - started);
  const double cpu_seconds = (ThreadCpuMs() - cpu_before) / 1e3;
  running = false;
  sampler.join();
  peak = std::max(peak.load(), StatusKb("VmRSS"));
  std::printf("CSV export of %s through CsvExport (';', French headers):\n", what);
  std::printf(
      "  %lld rows, %.1f MB in %zu pieces (largest %.0f KiB) in %.2f s (CPU %.2f s): %.0f rows/s\n",
      static_cast<long long>(csv.units()), static_cast<double>(bytes) / 1e6, pieces,
      static_cast<double>(largest) / 1024, seconds, cpu_seconds,
      static_cast<double>(csv.units()) / seconds);
  std::printf("  resident memory before %.1f MB, highest during %.1f MB, growth %.1f MB\n",
              static_cast<double>(before) / 1024, static_cast<double>(peak.load()) / 1024,
              static_cast<double>(peak.load() - before) / 1024);
  std::fflush(stdout);
}

double LoadAverage() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

std::optional<std::string> ReadMeta(const std::filesystem::path& meta) {
  std::ifstream in(meta);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int main(int argc, char** argv) {
  namespace po = base::po;
  po::options_description settings("bench_registry_scale");
  auto add = settings.add_options();
  add("persons", base::UnsignedIn(1000, 100'000'000)->default_value(1'000'000),
      "persons registered / personnes enregistrées");
  add("events", base::UnsignedIn(1000, 1'000'000'000)->default_value(20'000'000),
      "events in all, about / événements en tout, environ");
  add("sites", base::UnsignedIn(2, 10'000)->default_value(200), "sites / sites");
  add("grand-site", base::UnsignedIn(100, 10'000'000)->default_value(50'000),
      "persons of the grand site (at most half the persons) / personnes du grand site");
  add("seed", base::UnsignedIn(0, 1'000'000'000)->default_value(2026), "seed / graine");
  add("reuse", po::value<std::string>(),
      "keep the database at this path, generate it only when absent / garder la base ici");
  add("generate-only", po::bool_switch(), "generate, measure nothing / générer seulement");
  add("measure", po::value<std::string>()->default_value("history,names,census,export"),
      "what to measure, comma-separated / quoi mesurer");
  add("reader-cache-mib", base::UnsignedIn(0, 65536)->default_value(0),
      "page cache of the measuring connection, 0: SQLite's default as the server / cache");
  add("lookups", base::UnsignedIn(1, 1'000'000)->default_value(3000),
      "bracelet histories read / historiques lus");
  add("queries", base::UnsignedIn(1, 1'000'000)->default_value(3000),
      "name searches / recherches par nom");
  add("census-runs", base::UnsignedIn(1, 1000)->default_value(7),
      "census results read / lectures des résultats");
  add("export-rows", base::UnsignedIn(1, 100'000'000)->default_value(1'000'000),
      "rows of each CSV export at most / lignes de chaque export");
  base::OptionsSpec spec;
  spec.settings = &settings;
  spec.config_file = false;
  std::string error;
  auto parsed = base::ParseOptions(spec, std::vector<std::string>(argv + 1, argv + argc), error);
  if (!parsed) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  if (parsed->action == base::OptionsAction::help) {
    std::printf("%s", base::HelpText(spec, "bench_registry_scale [options]\n").c_str());
    return 0;
  }
  if (parsed->action == base::OptionsAction::version) {
    std::printf("%s", base::VersionText("bench_registry_scale").c_str());
    return 0;
  }
  Scale scale;
  scale.persons = parsed->Get<std::uint64_t>("persons");
  scale.events = parsed->Get<std::uint64_t>("events");
  scale.sites = parsed->Get<std::uint64_t>("sites");
  scale.grand_site = std::min(parsed->Get<std::uint64_t>("grand-site"), scale.persons / 2);
  scale.seed = parsed->Get<std::uint64_t>("seed");

  std::optional<test::TempDir> temp;
  std::filesystem::path path;
  if (parsed->Has("reuse")) {
    path = std::filesystem::absolute(parsed->Get<std::string>("reuse"));
  } else {
    temp.emplace("bench-registry");
    if (!temp->ok()) Die("no temporary directory");
    path = temp->path() / "registry.db";
  }
  const std::filesystem::path meta = path.string() + ".meta";
  std::printf("scale: %s\ndatabase: %s\nload average at start: %.2f\n", scale.Text().c_str(),
              path.c_str(), LoadAverage());
  std::fflush(stdout);

  const auto known = ReadMeta(meta);
  if (known && *known == scale.Text() + "\ncomplete\n") {
    std::printf("reusing the complete database (%.0f MB)\n", FileMb(path));
  } else {
    if (known && known->rfind(scale.Text() + "\n", 0) != 0) {
      Die(meta.string() + " describes another scale (" + known->substr(0, known->find('\n')) +
          "): remove that database first");
    }
    if (!known && std::filesystem::exists(path)) {
      Die(path.string() + " exists without " + meta.string() + ": not ours, left alone");
    }
    {
      std::ofstream out(meta);
      out << scale.Text() << "\n";
    }
    std::printf("generating through the EventWriter (batches of %zu, %zu queued at most)\n", kBatch,
                kInFlight);
    std::fflush(stdout);
    Generate(path, scale);
    std::ofstream out(meta, std::ios::app);
    out << "complete\n";
  }
  const std::uint64_t cache_mib = parsed->Get<std::uint64_t>("reader-cache-mib");
  db::Connection connection = OpenReader(path, cache_mib);
  std::printf(
      "database %.0f MB (+ WAL %.0f MB): %lld events, %lld persons, %lld passages, "
      "%lld bracelets, %lld companions, %lld census observations, %lld miner's cards; "
      "grand site present now: %lld\n",
      FileMb(path), FileMb(path.string() + "-wal"),
      static_cast<long long>(Count(connection, "SELECT count(*) FROM events")),
      static_cast<long long>(Count(connection, "SELECT count(*) FROM persons")),
      static_cast<long long>(Count(connection, "SELECT count(*) FROM passages")),
      static_cast<long long>(Count(connection, "SELECT count(*) FROM bracelets")),
      static_cast<long long>(Count(connection, "SELECT count(*) FROM companions")),
      static_cast<long long>(Count(connection, "SELECT count(*) FROM census_observations")),
      static_cast<long long>(Count(connection, "SELECT count(*) FROM miner_cards")),
      static_cast<long long>(
          Count(connection,
                "SELECT count(*) FROM presence WHERE site_id = 1 AND direction = 1 "
                "AND at_ms > " +
                    std::to_string(kEnd - 30 * kDayMs))));
  std::fflush(stdout);
  if (parsed->Get<bool>("generate-only")) return 0;

  std::printf("load average before measuring: %.2f; reader's page cache: %s\n", LoadAverage(),
              cache_mib > 0 ? (std::to_string(cache_mib) + " MiB").c_str()
                            : "SQLite's default (2 MiB), as the API workers");
  std::mt19937_64 random(scale.seed ^ 0x600DULL);
  const std::string measure = "," + parsed->Get<std::string>("measure") + ",";
  const auto wanted = [&](const char* what) {
    return measure.find("," + std::string(what) + ",") != std::string::npos;
  };
  if (wanted("history")) {
    MeasureHistory(connection, scale, parsed->Get<std::uint64_t>("lookups"), random);
  }
  if (wanted("names")) MeasureNames(connection, parsed->Get<std::uint64_t>("queries"), random);
  if (wanted("census")) MeasureCensus(connection, parsed->Get<std::uint64_t>("census-runs"));
  if (!wanted("export")) return 0;
  const auto rows = static_cast<std::int64_t>(parsed->Get<std::uint64_t>("export-rows"));
  MeasureExport(connection, "persons (police search rows)",
                {{"identifiant", "id"},
                 {"nom", "family name"},
                 {"prénom", "given name"},
                 {"sexe", "sex"},
                 {"année de naissance", "birth year"},
                 {"nationalité", "nationality"},
                 {"premier passage", "first seen"},
                 {"premier site", "first site"},
                 {"dernier passage", "last seen"},
                 {"dernier site", "last site"}},
                std::make_unique<PersonRows>(rows));
  MeasureExport(connection, "gate passages with names",
                {{"date", "time"},
                 {"site", "site"},
                 {"porte", "gate"},
                 {"sens", "direction"},
                 {"bracelet", "bracelet"},
                 {"identifiant", "id"},
                 {"nom", "family name"},
                 {"prénom", "given name"}},
                std::make_unique<PassageRows>(rows));
  std::printf("load average at the end: %.2f\n", LoadAverage());
  return 0;
}
