#pragma once
/// A distribution in fixed buckets (e.g. commit latency in seconds), rendered as Prometheus'
/// cumulative `_bucket{le=...}`, `_sum` and `_count`. Thread-safe, lock-free.

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "server/metrics/metric.hpp"

namespace minegate::server::metrics {

class Histogram final : public Metric {
 public:
  /// Upper bounds from 0.5 ms to 5 s: what a durable SQLite commit can take, from an idle
  /// SSD to a saturated SD card.
  static std::vector<double> LatencySecondsBuckets();

  /// `upper_bounds` strictly increasing and finite (the registry checks); `+Inf` is implied.
  explicit Histogram(std::vector<double> upper_bounds);

  void Observe(double value) noexcept;

  const std::vector<double>& upper_bounds() const { return upper_bounds_; }
  /// Observations so far (a snapshot: concurrent observations may or may not be included).
  std::uint64_t count() const noexcept;
  double sum() const noexcept { return sum_.load(std::memory_order_relaxed); }

  std::string_view type() const override { return "histogram"; }
  void RenderSamples(std::string_view name, std::string& out) const override;

 private:
  const std::vector<double> upper_bounds_;
  /// One count per bound, plus the last for +Inf; not cumulative (rendering sums them).
  const std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;
  std::atomic<double> sum_{0};
};

}  // namespace minegate::server::metrics
