// What a run measured, from every kiosk thread: events sent (and by the hour of the simulated
// day they happened in, so the shift-change peaks show), events acknowledged, the time from
// sending a batch to its Ack (per batch, and per event: each event weighs its batch's time),
// acknowledgements per second, errors by kind, refused events, and each offline kiosk's
// catch-up. Thread-safe (one mutex: a few calls per batch).
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace minegate::loadgen {

struct CatchUp {
  std::string device_id;
  std::uint64_t events = 0;
  double seconds = 0;
};

/// Events per hour of the day (UTC, Senegal's time) they happened in: [0] is 00:00 to 00:59.
using HourCounts = std::array<std::uint64_t, 24>;

/// The hour of the day (UTC) of a moment in Unix milliseconds.
std::size_t HourOfDay(std::int64_t at_ms);

/// p50, p95, p99 and max of a set of latencies, in milliseconds.
struct Percentiles {
  std::uint64_t count = 0;
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
};

class LoadStats {
 public:
  LoadStats();

  /// A batch sent (resent ones too), by the hour its events happened in.
  void Sent(const HourCounts& by_hour);
  void Acked(std::uint64_t events, std::uint64_t duplicates, std::chrono::microseconds latency);
  void Error(const std::string& kind);
  /// A batch the server refused for good (an event it will never take).
  void Refused(std::uint64_t events);
  void CaughtUp(CatchUp catch_up);

  struct Interval {
    std::uint64_t sent = 0;
    std::uint64_t acked = 0;
    std::uint64_t errors = 0;
    double events_per_second = 0;
    std::optional<double> p99_ms;
  };
  /// Totals, and the rate and p99 since the previous call.
  Interval TakeInterval();

  struct Summary {
    double seconds = 0;
    std::uint64_t sent = 0;
    HourCounts sent_by_hour{};
    std::uint64_t acked = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t refused = 0;
    double events_per_second = 0;
    std::uint64_t peak_per_second = 0;
    Percentiles per_batch;
    Percentiles per_event;
    std::map<std::string, std::uint64_t> errors;
    std::vector<CatchUp> catch_ups;
  };
  Summary Summarize() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Sample {
    std::int64_t micros = 0;
    std::uint64_t events = 0;
  };

  mutable std::mutex mutex_;
  const Clock::time_point started_;
  Clock::time_point interval_started_;
  std::uint64_t sent_ = 0;
  HourCounts sent_by_hour_{};
  std::uint64_t acked_ = 0;
  std::uint64_t duplicates_ = 0;
  std::uint64_t refused_ = 0;
  std::uint64_t error_count_ = 0;
  std::uint64_t interval_acked_ = 0;
  std::vector<Sample> samples_;
  std::vector<std::int64_t> interval_micros_;
  /// Events acknowledged in each second since the start.
  std::vector<std::uint64_t> per_second_;
  std::map<std::string, std::uint64_t> errors_;
  std::vector<CatchUp> catch_ups_;
};

/// The events sent by hour of the day, in one line: each hour with traffic and its share, then
/// the two busiest hours against the mean hour from 06h to 18h.
std::string HourLine(const HourCounts& by_hour);

/// The summary, French then English.
void PrintSummary(const LoadStats::Summary& summary, std::ostream& out);

}  // namespace minegate::loadgen
