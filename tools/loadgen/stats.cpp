#include "tools/loadgen/stats.hpp"

#include <algorithm>
#include <cstdio>
#include <ostream>

namespace minegate::loadgen {
namespace {

/// The smallest latency with at least `fraction` of the weight at or below it (samples sorted).
double WeightedAt(const std::vector<std::pair<std::int64_t, std::uint64_t>>& sorted,
                  std::uint64_t total, double fraction) {
  const auto target = static_cast<std::uint64_t>(fraction * static_cast<double>(total));
  std::uint64_t seen = 0;
  for (const auto& [micros, weight] : sorted) {
    seen += weight;
    if (seen >= std::max<std::uint64_t>(1, target)) return static_cast<double>(micros) / 1000.0;
  }
  return sorted.empty() ? 0.0 : static_cast<double>(sorted.back().first) / 1000.0;
}

Percentiles Of(std::vector<std::pair<std::int64_t, std::uint64_t>> samples) {
  Percentiles out;
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  for (const auto& sample : samples) out.count += sample.second;
  out.p50 = WeightedAt(samples, out.count, 0.50);
  out.p95 = WeightedAt(samples, out.count, 0.95);
  out.p99 = WeightedAt(samples, out.count, 0.99);
  out.max = static_cast<double>(samples.back().first) / 1000.0;
  return out;
}

std::string Line(const Percentiles& p) {
  char text[160];
  std::snprintf(text, sizeof text, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n = %llu)",
                p.p50, p.p95, p.p99, p.max, static_cast<unsigned long long>(p.count));
  return text;
}

}  // namespace

LoadStats::LoadStats() : started_(Clock::now()), interval_started_(started_) {}

std::size_t HourOfDay(std::int64_t at_ms) {
  constexpr std::int64_t kHourMs = 3'600'000;
  const std::int64_t hour = at_ms / kHourMs % 24;
  return static_cast<std::size_t>(hour < 0 ? hour + 24 : hour);
}

void LoadStats::Sent(const HourCounts& by_hour) {
  std::lock_guard lock(mutex_);
  for (std::size_t hour = 0; hour < by_hour.size(); ++hour) {
    sent_ += by_hour[hour];
    sent_by_hour_[hour] += by_hour[hour];
  }
}

void LoadStats::Acked(std::uint64_t events, std::uint64_t duplicates,
                      std::chrono::microseconds latency) {
  std::lock_guard lock(mutex_);
  acked_ += events;
  interval_acked_ += events;
  duplicates_ += duplicates;
  samples_.push_back({latency.count(), events});
  interval_micros_.push_back(latency.count());
  const auto second = static_cast<std::size_t>(
      std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started_).count());
  if (per_second_.size() <= second) per_second_.resize(second + 1, 0);
  per_second_[second] += events;
}

void LoadStats::Error(const std::string& kind) {
  std::lock_guard lock(mutex_);
  ++errors_[kind];
  ++error_count_;
}

void LoadStats::Refused(std::uint64_t events) {
  std::lock_guard lock(mutex_);
  refused_ += events;
}

void LoadStats::CaughtUp(CatchUp catch_up) {
  std::lock_guard lock(mutex_);
  catch_ups_.push_back(std::move(catch_up));
}

LoadStats::Interval LoadStats::TakeInterval() {
  std::lock_guard lock(mutex_);
  Interval interval;
  interval.sent = sent_;
  interval.acked = acked_;
  interval.errors = error_count_;
  const auto now = Clock::now();
  const double seconds = std::chrono::duration<double>(now - interval_started_).count();
  if (seconds > 0) interval.events_per_second = static_cast<double>(interval_acked_) / seconds;
  if (!interval_micros_.empty()) {
    std::sort(interval_micros_.begin(), interval_micros_.end());
    const std::size_t at =
        std::min(interval_micros_.size() - 1, interval_micros_.size() * 99 / 100);
    interval.p99_ms = static_cast<double>(interval_micros_[at]) / 1000.0;
  }
  interval_micros_.clear();
  interval_acked_ = 0;
  interval_started_ = now;
  return interval;
}

LoadStats::Summary LoadStats::Summarize() const {
  std::lock_guard lock(mutex_);
  Summary summary;
  summary.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
  summary.sent = sent_;
  summary.sent_by_hour = sent_by_hour_;
  summary.acked = acked_;
  summary.duplicates = duplicates_;
  summary.refused = refused_;
  if (summary.seconds > 0) {
    summary.events_per_second = static_cast<double>(acked_) / summary.seconds;
  }
  for (std::uint64_t count : per_second_) {
    summary.peak_per_second = std::max(summary.peak_per_second, count);
  }
  std::vector<std::pair<std::int64_t, std::uint64_t>> per_batch;
  std::vector<std::pair<std::int64_t, std::uint64_t>> per_event;
  for (const Sample& sample : samples_) {
    per_batch.emplace_back(sample.micros, 1);
    per_event.emplace_back(sample.micros, sample.events);
  }
  summary.per_batch = Of(std::move(per_batch));
  summary.per_event = Of(std::move(per_event));
  summary.errors = errors_;
  summary.catch_ups = catch_ups_;
  return summary;
}

std::string HourLine(const HourCounts& by_hour) {
  // The peaks are weighed against the mean hour from the morning shift change to the evening one
  // (06h to 18h: the population's gate hours, tests/support/population), the same yardstick with
  // or without peaks; night hours, quiet or empty, would lower it and flatter any day.
  constexpr std::size_t kFirstGateHour = 6;
  constexpr std::size_t kLastGateHour = 18;
  std::uint64_t total = 0;
  std::uint64_t gate_hours = 0;
  for (std::size_t hour = 0; hour < by_hour.size(); ++hour) {
    total += by_hour[hour];
    if (hour >= kFirstGateHour && hour <= kLastGateHour) gate_hours += by_hour[hour];
  }
  std::string line = "envoyés par heure (UTC) / sent by hour (UTC):";
  if (total == 0) return line + " aucun / none";
  char text[128];
  const char* separator = " ";
  for (std::size_t hour = 0; hour < by_hour.size(); ++hour) {
    if (by_hour[hour] == 0) continue;
    const double percent = 100.0 * static_cast<double>(by_hour[hour]) / static_cast<double>(total);
    if (percent < 0.5) {
      std::snprintf(text, sizeof text, "%s%02zuh <1 %%", separator, hour);
    } else {
      std::snprintf(text, sizeof text, "%s%02zuh %.0f %%", separator, hour, percent);
    }
    line += text;
    separator = " · ";
  }
  if (gate_hours == 0) return line;
  // The two busiest hours (the earlier one first on a tie).
  std::array<std::size_t, 24> hours{};
  for (std::size_t hour = 0; hour < hours.size(); ++hour) hours[hour] = hour;
  std::stable_sort(hours.begin(), hours.end(),
                   [&](std::size_t a, std::size_t b) { return by_hour[a] > by_hour[b]; });
  const double mean =
      static_cast<double>(gate_hours) / static_cast<double>(kLastGateHour - kFirstGateHour + 1);
  std::snprintf(text, sizeof text, " | pointes / peaks: %02zuh %.1f ×, %02zuh %.1f ×", hours[0],
                static_cast<double>(by_hour[hours[0]]) / mean, hours[1],
                static_cast<double>(by_hour[hours[1]]) / mean);
  line += text;
  return line + " l'heure moyenne de 06h à 18h / the mean hour from 06h to 18h";
}

void PrintSummary(const LoadStats::Summary& s, std::ostream& out) {
  char text[256];
  std::snprintf(text, sizeof text, "durée / duration: %.1f s\n", s.seconds);
  out << text;
  out << "événements envoyés / events sent: " << s.sent << '\n'
      << HourLine(s.sent_by_hour) << '\n'
      << "événements acquittés / events acked: " << s.acked
      << " (doublons / duplicates: " << s.duplicates << ")\n";
  std::snprintf(text, sizeof text,
                "débit / throughput: %.0f év./s en moyenne / events/s overall, %llu à la seconde "
                "de pointe / at the peak second\n",
                s.events_per_second, static_cast<unsigned long long>(s.peak_per_second));
  out << text;
  out << "latence d'acquittement par lot / ack latency per batch: " << Line(s.per_batch) << '\n'
      << "latence d'acquittement par événement / ack latency per event: " << Line(s.per_event)
      << '\n';
  if (s.errors.empty()) {
    out << "erreurs / errors: aucune / none\n";
  } else {
    out << "erreurs / errors:\n";
    for (const auto& [kind, count] : s.errors) out << "  " << kind << ": " << count << '\n';
  }
  out << "événements refusés / events refused: " << s.refused << '\n';
  for (const CatchUp& catch_up : s.catch_ups) {
    std::snprintf(text, sizeof text,
                  "rattrapage / catch-up %s: %llu événements en / events in %.2f s\n",
                  catch_up.device_id.c_str(), static_cast<unsigned long long>(catch_up.events),
                  catch_up.seconds);
    out << text;
  }
}

}  // namespace minegate::loadgen
