#pragma once
/// A value that goes up and down (connected kiosks, queued writes). Thread-safe, lock-free.

#include <atomic>

#include "server/metrics/metric.hpp"

namespace minegate::server::metrics {

class Gauge final : public Metric {
 public:
  void Set(double value) noexcept { value_.store(value, std::memory_order_relaxed); }
  void Increment(double by = 1) noexcept { value_.fetch_add(by, std::memory_order_relaxed); }
  void Decrement(double by = 1) noexcept { value_.fetch_sub(by, std::memory_order_relaxed); }
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

  std::string_view type() const override { return "gauge"; }
  void RenderSamples(std::string_view name, std::string& out) const override;

 private:
  std::atomic<double> value_{0};
};

}  // namespace minegate::server::metrics
