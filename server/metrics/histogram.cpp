#include "server/metrics/histogram.hpp"

#include <algorithm>

#include "server/metrics/text_format.hpp"

namespace minegate::server::metrics {

std::vector<double> Histogram::LatencySecondsBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
}

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(upper_bounds_.size() + 1)) {}

void Histogram::Observe(double value) noexcept {
  // The first bound >= value: Prometheus buckets are "less than or equal".
  const auto it = std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value);
  const auto index = static_cast<std::size_t>(it - upper_bounds_.begin());
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::uint64_t Histogram::count() const noexcept {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i <= upper_bounds_.size(); ++i) {
    total += buckets_[i].load(std::memory_order_relaxed);
  }
  return total;
}

void Histogram::RenderSamples(std::string_view name, std::string& out) const {
  // _count is the +Inf bucket computed from the same loads, so the two always agree even
  // while other threads observe.
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i <= upper_bounds_.size(); ++i) {
    cumulative += buckets_[i].load(std::memory_order_relaxed);
    const std::string bound = i < upper_bounds_.size() ? FormatDouble(upper_bounds_[i]) : "+Inf";
    out += name;
    out += "_bucket{le=\"";
    out += bound;
    out += "\"} ";
    out += std::to_string(cumulative);
    out += '\n';
  }
  out += name;
  out += "_sum ";
  out += FormatDouble(sum());
  out += '\n';
  out += name;
  out += "_count ";
  out += std::to_string(cumulative);
  out += '\n';
}

}  // namespace minegate::server::metrics
