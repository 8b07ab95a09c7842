// The risk engine's costs (issue 12), on real SQLite files (WAL, synchronous=FULL):
//
//  1. Ingest throughput with the risk monitor on and off, in the same run: the same stream of
//     kiosk events (registrations, companions, gate passages in a year's proportions) through
//     two real EventWriters into two fresh databases, one with the monitor and one without,
//     interleaved chunk by chunk (on/off, off/on, ...) so that load from other processes on
//     this shared 2-core machine falls on both alike; events/s of each, the ratio on/off
//     (target >= 0.8), its spread over the chunks and by quarter of the stream (as the
//     databases grow), CPU and bytes written per event, and the monitor's own time.
//  2. The re-evaluation of every person after a rule change: N persons (default 1,000,000)
//     generated through the real EventWriter (monitor off, as a database from before the
//     engine), then RiskReevaluator under the built-in rules (its first run also writes the
//     phonetic and companion keys), then an upload of a new version and its re-evaluation
//     (target <= 60 s for 1,000,000 on this machine); persons/s of each.
//
// Run: build/bench/bench_risk_reevaluate [persons] [ingest_events] [chunk_events]
//      (defaults 1000000, 1000000 and 25000; persons 0 runs the ingest part alone, e.g.
//      `bench_risk_reevaluate 0 1000000`; `bench_risk_reevaluate 100000 100000` for a quick look)
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <regex>
#include <string>
#include <vector>

#include "db/connection.hpp"
#include "db/query.hpp"
#include "server/ingest/event_writer.hpp"
#include "server/protection/risk_monitor.hpp"
#include "server/protection/risk_reevaluator.hpp"
#include "server/protection/rule_set_store.hpp"
#include "server/risk/rule_set.hpp"
#include "server/store/open_store.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

using namespace minegate;
using Clock = std::chrono::steady_clock;

constexpr std::int64_t kStart = 1'780'000'000'000;  // 2026-05-28
constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;
constexpr std::uint32_t kSites[] = {12, 14, 16, 18};
constexpr std::size_t kBatch = 100;
/// Batches queued on the writer at most (a kiosk fleet's outboxes draining).
constexpr std::size_t kInFlight = 256;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::uint64_t SplitMix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// 16 random-looking bytes for person n: tokens are random, not in registration order.
std::string PersonToken(std::uint64_t n) {
  std::string token(16, '\0');
  const std::uint64_t halves[] = {SplitMix(n), SplitMix(n ^ 0xABCDEFull)};
  for (int i = 0; i < 16; ++i) {
    token[static_cast<std::size_t>(i)] = static_cast<char>(halves[i / 8] >> (8 * (i % 8)));
  }
  return token;
}

void Prepare(const std::filesystem::path& path) {
  auto connection = server::OpenStore(path);
  if (!connection) {
    std::fprintf(stderr, "open %s: %s\n", path.c_str(), connection.error().message().c_str());
    std::exit(1);
  }
  std::string sql =
      "INSERT INTO users (user_id, display_name, role, created_at_ms) VALUES "
      "('agent.diallo', 'Awa Diallo', 'gate_agent', 0), "
      "('admin.fall', 'Cheikh Fall', 'administrator', 0);";
  for (const std::uint32_t site : kSites) {
    const std::string s = std::to_string(site);
    sql += "INSERT INTO sites (site_id, name, department, created_at_ms) VALUES (" + s +
           ", 'site " + s + "', 'kedougou', 0);";
    sql += "INSERT INTO gates (gate_id, site_id, name, created_at_ms) VALUES (" +
           std::to_string(site + 1) + ", " + s + ", 'Nord', 0);";
    sql += "INSERT INTO devices (device_id, site_id, created_at_ms) VALUES ('k-" + s + "', " + s +
           ", 0);";
  }
  if (!connection.value().Execute(sql)) {
    std::fprintf(stderr, "prepare: %s\n", connection.value().LastErrorMessage().c_str());
    std::exit(1);
  }
}

/// A year's population and its events, generated in a fixed order from a fixed seed.
class Population {
 public:
  explicit Population(std::uint64_t seed) : random_(seed) {}

  /// Appends person n's registration at `site` (an index of kSites) and companion to `out`.
  void Register(std::uint64_t n, std::size_t site, std::int64_t at_ms,
                std::vector<std::pair<std::size_t, v1::Event>>& out) {
    v1::Event event = Envelope(site, at_ms);
    auto* p = event.mutable_person_registered();
    p->set_person_token(PersonToken(n));
    p->set_given_name(kGiven[Pick(std::size(kGiven))]);
    p->set_family_name(kFamily[Pick(std::size(kFamily))]);
    const bool female = Chance(0.35);
    p->set_sex(female ? v1::SEX_FEMALE : v1::SEX_MALE);
    std::uint32_t year = 1965 + static_cast<std::uint32_t>(Pick(42));
    if (female && Chance(0.02)) year = 2009 + static_cast<std::uint32_t>(Pick(3));  // minors
    if (female && Chance(0.4)) year = 2000 + static_cast<std::uint32_t>(Pick(8));   // 18-25
    p->mutable_birth()->set_year(year);
    p->mutable_birth()->set_estimated(Chance(0.5));
    p->set_nationality(kCountries[Pick(std::size(kCountries))]);
    if (Chance(0.1)) {
      p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
    } else {
      p->mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NATIONAL_ID);
      p->mutable_identity_document()->set_number("ID" + std::to_string(n));
      p->mutable_identity_document()->set_holder(
          Chance(0.01) ? v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER : v1::DOCUMENT_HOLDER_SELF);
    }
    p->add_languages(Chance(0.7) ? "fra" : "eng");
    const double purpose = Uniform();
    if (purpose < 0.7) {
      p->set_purpose(v1::PURPOSE_MINING);
      p->set_occupation(v1::OCCUPATION_MINER);
    } else if (purpose < 0.85) {
      p->set_purpose(v1::PURPOSE_OWN_TRADE);
      p->set_occupation(v1::OCCUPATION_TRADER);
    } else if (purpose < 0.9) {
      p->set_purpose(v1::PURPOSE_PROMISED_JOB);
      p->set_promised_job(v1::PROMISED_JOB_RESTAURANT);
      p->set_occupation(v1::OCCUPATION_FOOD_SERVICE);
    } else {
      p->set_purpose(v1::PURPOSE_JOIN_FAMILY);
      p->set_occupation(v1::OCCUPATION_OTHER);
    }
    p->set_travel_paid_by_third_party(Chance(0.05) ? v1::ANSWER_YES : v1::ANSWER_NO);
    p->set_debt_declared(Chance(0.03) ? v1::ANSWER_YES : v1::ANSWER_NO);
    p->mutable_consent()->set_information_given(true);
    p->mutable_consent()->set_information_language("fra");
    p->mutable_consent()->set_protection_questions_accepted(true);
    p->mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
    out.emplace_back(site, std::move(event));
    if (Chance(0.25)) {
      v1::Event companion = Envelope(site, at_ms);
      auto* c = companion.mutable_companion_recorded();
      c->set_person_token(PersonToken(n));
      // Someone registered before, or a description from a pool (repeated descriptions are
      // the same driver or "uncle" seen again).
      if (n > 0 && Chance(0.7)) {
        c->set_companion_person_token(PersonToken(Pick(n)));
      } else {
        c->set_companion_description("chauffeur " + std::to_string(Pick(5000)));
      }
      const double relation = Uniform();
      c->set_relation(relation < 0.6    ? v1::COMPANION_RELATION_SIBLING
                      : relation < 0.8  ? v1::COMPANION_RELATION_FRIEND
                      : relation < 0.9  ? v1::COMPANION_RELATION_EMPLOYER
                      : relation < 0.95 ? v1::COMPANION_RELATION_RECRUITER
                                        : v1::COMPANION_RELATION_UNKNOWN);
      out.emplace_back(site, std::move(companion));
    }
  }

  /// A verified passage of person n.
  v1::Event Passage(std::size_t site, std::uint64_t n, v1::Direction direction,
                    std::int64_t at_ms) {
    v1::Event event = Envelope(site, at_ms);
    auto* g = event.mutable_gate_passed();
    g->set_direction(direction);
    g->set_tag_uid(PersonToken(n).substr(0, 7));
    g->set_verification(v1::VERIFICATION_VALID);
    g->set_person_token(PersonToken(n));
    return event;
  }

  std::size_t Pick(std::uint64_t n) {
    return static_cast<std::size_t>(
        std::uniform_int_distribution<std::uint64_t>(0, n - 1)(random_));
  }
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(random_); }
  bool Chance(double p) { return Uniform() < p; }

 private:
  v1::Event Envelope(std::size_t site, std::int64_t at_ms) {
    v1::Event event;
    const std::uint64_t seq = ++seqs_[site];
    std::string id(16, '\0');
    for (int i = 0; i < 8; ++i)
      id[static_cast<std::size_t>(15 - i)] = static_cast<char>(seq >> (8 * i));
    id[0] = static_cast<char>(site + 1);
    id[6] = static_cast<char>(0x70);
    id[8] = static_cast<char>(0x80);
    event.set_event_id(id);
    event.set_device_id("k-" + std::to_string(kSites[site]));
    event.set_device_seq(seq);
    event.set_occurred_at_ms(at_ms);
    event.set_site_id(kSites[site]);
    event.set_gate_id(kSites[site] + 1);
    event.set_agent_id("agent.diallo");
    return event;
  }

  static constexpr const char* kGiven[] = {
      "Aminata", "Fatoumata", "Mariama", "Awa",    "Blessing", "Joy",   "Precious", "Mamadou",
      "Ousmane", "Ibrahima",  "Moussa",  "Seydou", "Chioma",   "Ngozi", "Kadiatou", "Hawa"};
  static constexpr const char* kFamily[] = {"Diallo", "Traoré", "Keita",  "Camara",  "Sow",
                                            "Ba",     "Ndiaye", "Okafor", "Eze",     "Coulibaly",
                                            "Sidibé", "Konaté", "Nwosu",  "Danfakha"};
  static constexpr const char* kCountries[] = {"SEN", "MLI", "GIN", "NGA", "BFA", "GMB", ""};

  std::mt19937_64 random_;
  std::uint64_t seqs_[4] = {0, 0, 0, 0};
};

/// Feeds a writer kiosk by kiosk in batches of kBatch, at most kInFlight batches queued.
class Feeder {
 public:
  explicit Feeder(server::EventWriter& writer) : writer_(writer) {}

  void Add(std::size_t site, v1::Event event) {
    pending_[site].push_back(std::move(event));
    if (pending_[site].size() == kBatch) Flush(site);
  }
  void Finish() {
    for (std::size_t site = 0; site < 4; ++site) Flush(site);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return in_flight_ == 0; });
    if (failed_ > 0) {
      std::fprintf(stderr, "%zu batches refused\n", failed_);
      std::exit(1);
    }
  }

 private:
  void Flush(std::size_t site) {
    if (pending_[site].empty()) return;
    {
      std::unique_lock lock(mutex_);
      done_.wait(lock, [this] { return in_flight_ < kInFlight; });
      ++in_flight_;
    }
    server::IncomingBatch batch{
        "k-" + std::to_string(kSites[site]), std::move(pending_[site]), kStart, {}};
    pending_[site].clear();
    writer_.Submit(std::move(batch), [this](server::IngestResult<server::BatchOutcome> outcome) {
      std::lock_guard lock(mutex_);
      if (!outcome) ++failed_;
      --in_flight_;
      done_.notify_all();
    });
  }

  server::EventWriter& writer_;
  std::vector<v1::Event> pending_[4];
  std::mutex mutex_;
  std::condition_variable done_;
  std::size_t in_flight_ = 0;
  std::size_t failed_ = 0;
};

/// Time spent inside the monitor's calls, on the writer thread (the part of the ingest cost
/// that is the monitor's own, whatever else the machine does).
std::atomic<std::int64_t> monitor_ns{0};

class TimedObserver final : public server::EventObserver {
 public:
  explicit TimedObserver(std::unique_ptr<server::EventObserver> inner) : inner_(std::move(inner)) {}
  db::Result<void> OnStored(std::int64_t log_position, const v1::Event& event) override {
    const auto started = Clock::now();
    auto result = inner_->OnStored(log_position, event);
    monitor_ns += (Clock::now() - started).count();
    return result;
  }
  db::Result<void> OnBatchStored() override {
    const auto started = Clock::now();
    auto result = inner_->OnBatchStored();
    monitor_ns += (Clock::now() - started).count();
    return result;
  }
  void OnBatchAbandoned() override { inner_->OnBatchAbandoned(); }

 private:
  std::unique_ptr<server::EventObserver> inner_;
};

std::unique_ptr<server::EventWriter> OpenWriter(const std::filesystem::path& path, bool monitor) {
  std::vector<server::EventObserverFactory> observers;
  if (monitor) {
    observers.push_back(
        [](db::Connection& connection) -> db::Result<std::unique_ptr<server::EventObserver>> {
          auto inner = server::protection::RiskMonitor::Factory()(connection);
          if (!inner) return inner.error();
          return std::unique_ptr<server::EventObserver>(
              new TimedObserver(std::move(inner).value()));
        });
  }
  auto writer = server::EventWriter::Open(path, {}, std::move(observers));
  if (!writer) {
    std::fprintf(stderr, "writer: %s\n", writer.error().message().c_str());
    std::exit(1);
  }
  return std::move(writer).value();
}

/// A year's stream in miniature: persons register (about 5 % of events), some with a
/// companion, and everyone passes the gate of their site (in and out) day after day.
std::vector<std::pair<std::size_t, v1::Event>> IngestStream(std::size_t events) {
  Population population(7);
  std::vector<std::pair<std::size_t, v1::Event>> stream;
  stream.reserve(events + 2);
  std::uint64_t registered = 0;
  std::int64_t at = kStart;
  while (stream.size() < events) {
    at += 1000;
    if (registered == 0 || population.Chance(0.05)) {
      population.Register(registered, static_cast<std::size_t>(registered % 4), at, stream);
      ++registered;
      continue;
    }
    // People work at one site and pass its gate; one passage in twenty is at another site.
    const std::uint64_t n = population.Pick(registered);
    const std::size_t site =
        population.Chance(0.05) ? population.Pick(4) : static_cast<std::size_t>(n % 4);
    stream.emplace_back(
        site, population.Passage(
                  site, n, population.Chance(0.5) ? v1::DIRECTION_IN : v1::DIRECTION_OUT, at));
  }
  return stream;
}

/// CPU seconds used by this process so far (user + system, every thread).
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// Bytes this process has passed to write and pwrite so far (/proc/self/io wchar): the WAL
/// frames, checkpoints and statement journals of the writers, the page cache's cost in bytes.
double BytesWritten() {
  std::FILE* io = std::fopen("/proc/self/io", "r");
  if (io == nullptr) return 0;
  char line[128];
  unsigned long long bytes = 0;
  while (std::fgets(line, sizeof line, io) != nullptr) {
    if (std::sscanf(line, "wchar: %llu", &bytes) == 1) break;
  }
  std::fclose(io);
  return static_cast<double>(bytes);
}

/// The q-quantile of `values` (nearest rank).
double Quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}

/// One database and its writer, with the monitor or without, fed the same events as the other.
struct Lane {
  std::filesystem::path path;
  std::unique_ptr<server::EventWriter> writer;
  std::unique_ptr<Feeder> feeder;
  double seconds = 0;
  double cpu_seconds = 0;
  double bytes_written = 0;
  std::vector<double> chunk_seconds;
};

/// Stores `stream` into two fresh databases, one writer with the monitor and one without,
/// chunk by chunk: chunk i goes to one writer, is acknowledged whole, then goes to the other
/// (on first for even chunks, off first for odd ones). A burst of load from other processes
/// on this shared machine then falls on both within seconds of each other, and both databases
/// grow alike. Prints the throughput of each, the ratio on/off over the whole stream and the
/// spread of the per-chunk ratios.
void IngestOnOff(const std::filesystem::path& dir,
                 const std::vector<std::pair<std::size_t, v1::Event>>& stream,
                 std::size_t chunk_events) {
  Lane lanes[2];  // [0] off, [1] on
  for (int on = 0; on < 2; ++on) {
    Lane& lane = lanes[on];
    lane.path = dir / (on != 0 ? "ingest-on.db" : "ingest-off.db");
    Prepare(lane.path);
    lane.writer = OpenWriter(lane.path, on != 0);
    lane.feeder = std::make_unique<Feeder>(*lane.writer);
  }
  monitor_ns = 0;
  std::size_t chunk = 0;
  for (std::size_t begin = 0; begin < stream.size(); begin += chunk_events, ++chunk) {
    const std::size_t end = std::min(stream.size(), begin + chunk_events);
    for (int turn = 0; turn < 2; ++turn) {
      Lane& lane = lanes[(chunk + static_cast<std::size_t>(turn)) % 2 == 0 ? 1 : 0];
      const double cpu_before = ProcessCpuSeconds();
      const double written_before = BytesWritten();
      const auto started = Clock::now();
      for (std::size_t i = begin; i < end; ++i) lane.feeder->Add(stream[i].first, stream[i].second);
      lane.feeder->Finish();
      const double seconds = Seconds(Clock::now() - started);
      lane.seconds += seconds;
      lane.cpu_seconds += ProcessCpuSeconds() - cpu_before;
      lane.bytes_written += BytesWritten() - written_before;
      lane.chunk_seconds.push_back(seconds);
    }
  }
  const auto events = static_cast<double>(stream.size());
  for (int on = 0; on < 2; ++on) {
    Lane& lane = lanes[on];
    std::printf(
        "  monitor %-3s %zu events in %.2f s: %.0f events/s, %.1f us of CPU and %.1f kB written "
        "per event",
        on != 0 ? "on" : "off", stream.size(), lane.seconds, events / lane.seconds,
        1e6 * lane.cpu_seconds / events, lane.bytes_written / events / 1e3);
    if (on != 0) {
      const double inside = static_cast<double>(monitor_ns.load()) / 1e9;
      std::printf(", inside the monitor %.1f us per event (%.0f %% of the time)",
                  inside * 1e6 / events, 100 * inside / lane.seconds);
    }
    std::printf("\n");
    lane.writer.reset();
    std::printf("    database %.0f MB\n",
                static_cast<double>(std::filesystem::file_size(lane.path)) / 1e6);
  }
  std::vector<double> ratios;
  for (std::size_t i = 0; i < lanes[0].chunk_seconds.size(); ++i) {
    ratios.push_back(lanes[0].chunk_seconds[i] / lanes[1].chunk_seconds[i]);
  }
  // The ratio of each quarter of the stream: does it fall as the databases grow?
  std::string quarters;
  for (std::size_t q = 0; q < 4; ++q) {
    const std::size_t from = q * ratios.size() / 4;
    const std::size_t to = (q + 1) * ratios.size() / 4;
    double off = 0;
    double on = 0;
    for (std::size_t i = from; i < to; ++i) {
      off += lanes[0].chunk_seconds[i];
      on += lanes[1].chunk_seconds[i];
    }
    char text[32];
    std::snprintf(text, sizeof text, "%s%.3f", q == 0 ? "" : " ", on > 0 ? off / on : 0.0);
    quarters += text;
  }
  std::printf(
      "  ratio on/off %.3f (target >= 0.8); %.1f us more per event with the monitor; "
      "CPU per event on/off %.2fx\n",
      lanes[0].seconds / lanes[1].seconds, 1e6 * (lanes[1].seconds - lanes[0].seconds) / events,
      lanes[1].cpu_seconds / lanes[0].cpu_seconds);
  std::printf(
      "  per chunk of %zu events (%zu chunks): ratio min %.3f, p10 %.3f, median %.3f, p90 %.3f, "
      "max %.3f; by quarter of the stream %s\n",
      chunk_events, ratios.size(), Quantile(ratios, 0), Quantile(ratios, 0.1),
      Quantile(ratios, 0.5), Quantile(ratios, 0.9), Quantile(ratios, 1), quarters.c_str());
  std::fflush(stdout);
  for (const Lane& lane : lanes) {
    std::filesystem::remove(lane.path);
    std::filesystem::remove(lane.path.string() + "-wal");
    std::filesystem::remove(lane.path.string() + "-shm");
  }
}

std::int64_t Count(db::Connection& connection, const std::string& sql) {
  auto count =
      db::QueryOne(connection, sql, [](const db::Statement& row) { return row.ColumnInt64(0); });
  return count ? count.value() : -1;
}

void Reevaluate(db::Connection& connection, const char* what) {
  auto reevaluator = server::protection::RiskReevaluator::Create(connection);
  if (!reevaluator) {
    std::fprintf(stderr, "reevaluator: %s\n", reevaluator.error().message().c_str());
    std::exit(1);
  }
  const auto started = Clock::now();
  std::int64_t reported = 0;
  auto ran = reevaluator.value()->Run([&](const server::protection::ReevaluationProgress& p) {
    if (p.persons_total > 0 && p.persons_done - reported >= p.persons_total / 5) {
      reported = p.persons_done;
      std::printf("    %lld / %lld after %.1f s\n", static_cast<long long>(p.persons_done),
                  static_cast<long long>(p.persons_total), Seconds(Clock::now() - started));
      std::fflush(stdout);
    }
  });
  if (!ran) {
    std::fprintf(stderr, "reevaluate: %s\n", ran.error().message().c_str());
    std::exit(1);
  }
  const double seconds = Seconds(Clock::now() - started);
  std::printf("  %s: %lld persons in %.1f s: %.0f persons/s (%s)\n", what,
              static_cast<long long>(ran.value().persons_done), seconds,
              static_cast<double>(ran.value().persons_done) / seconds,
              ran.value().rule_set_version.c_str());
  std::printf("    flagged %lld, cases %lld\n",
              static_cast<long long>(Count(connection,
                                           "SELECT count(*) FROM risk_assessments "
                                           "WHERE flagged = 1")),
              static_cast<long long>(Count(connection, "SELECT count(*) FROM protection_cases")));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t persons = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::size_t ingest_events =
      argc > 2 ? static_cast<std::size_t>(std::strtoull(argv[2], nullptr, 10)) : 1'000'000;
  const std::size_t chunk_events =
      argc > 3 ? static_cast<std::size_t>(std::strtoull(argv[3], nullptr, 10)) : 25'000;
  if (argc > 4 || ingest_events == 0 || chunk_events == 0) {
    std::fprintf(stderr,
                 "usage: bench_risk_reevaluate [persons (0: no re-evaluation)] [ingest_events] "
                 "[chunk_events]\n");
    return 2;
  }
  test::TempDir dir("bench-risk");

  // 1. Ingest with the monitor on and off, interleaved chunk by chunk.
  std::printf("ingest through the EventWriter, batches of %zu, %zu queued at most\n", kBatch,
              kInFlight);
  IngestOnOff(dir.path(), IngestStream(ingest_events), chunk_events);
  if (persons == 0) return 0;

  // 2. N persons, then their re-evaluation.
  const auto path = dir.path() / "registry.db";
  Prepare(path);
  {
    std::printf("generating %llu persons through the EventWriter (monitor off)\n",
                static_cast<unsigned long long>(persons));
    std::fflush(stdout);
    auto writer = OpenWriter(path, false);
    Feeder feeder(*writer);
    Population population(12);
    std::vector<std::pair<std::size_t, v1::Event>> events;
    const auto started = Clock::now();
    std::size_t total = 0;
    for (std::uint64_t n = 0; n < persons; ++n) {
      events.clear();
      const std::int64_t at = kStart + static_cast<std::int64_t>(n) * 20;
      const std::size_t site = population.Pick(4);
      population.Register(n, site, at, events);
      events.emplace_back(site, population.Passage(site, n, v1::DIRECTION_IN, at + 60'000));
      // One in five moves on to another site within a fortnight.
      if (population.Chance(0.2)) {
        const std::size_t next = (site + 1 + population.Pick(3)) % 4;
        const std::int64_t later = at + static_cast<std::int64_t>(1 + population.Pick(14)) * kDayMs;
        events.emplace_back(site, population.Passage(site, n, v1::DIRECTION_OUT, later));
        events.emplace_back(next, population.Passage(next, n, v1::DIRECTION_IN, later + 3600'000));
      }
      total += events.size();
      for (auto& [s, event] : events) feeder.Add(s, std::move(event));
    }
    feeder.Finish();
    std::printf("  %zu events in %.1f s\n", total, Seconds(Clock::now() - started));
  }
  auto connection = server::OpenStore(path);
  if (!connection) return 1;
  std::printf("  database %.0f MB\n", static_cast<double>(std::filesystem::file_size(path)) / 1e6);

  server::protection::RuleSetStore rules(connection.value());
  if (!rules.EnsureActive()) return 1;
  std::printf("re-evaluation, chunks of %zu persons a transaction\n",
              server::protection::RiskReevaluator::kDefaultChunk);
  Reevaluate(connection.value(), "first run (built-in rules, keys written)");

  std::string text(server::risk::DefaultRuleSetText());
  text = std::regex_replace(
      text, std::regex("version: \"" + server::risk::DefaultRuleSet().version() + "\""),
      "version: \"2026-12-31.1\"");
  text = std::regex_replace(text, std::regex("flag_threshold: 7"), "flag_threshold: 6");
  auto uploaded = rules.Upload(text, "admin.fall", true);
  if (!uploaded || !uploaded.value().errors.empty()) {
    std::fprintf(stderr, "upload refused\n");
    return 1;
  }
  Reevaluate(connection.value(), "after a rule change (target <= 60 s for 1,000,000)");
  return 0;
}
