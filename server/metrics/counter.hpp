#pragma once
/// A count that only goes up (frames rejected, events committed), optionally split by label
/// values such as `reason="oversize"`. Thread-safe; increments are lock-free once a label set
/// has been seen.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "server/metrics/metric.hpp"

namespace minegate::server::metrics {

class Counter final : public Metric {
 public:
  /// One label set's count. Its address is stable for the counter's lifetime, so a hot path
  /// can keep a reference from WithLabels() and skip the lookup.
  class Child {
   public:
    void Increment(std::uint64_t by = 1) noexcept {
      value_.fetch_add(by, std::memory_order_relaxed);
    }
    std::uint64_t value() const noexcept { return value_.load(std::memory_order_relaxed); }

   private:
    std::atomic<std::uint64_t> value_{0};
  };

  /// `label_names` must be valid label names; the registry checks them.
  explicit Counter(std::vector<std::string> label_names = {});

  /// For a counter without labels.
  void Increment(std::uint64_t by = 1) { WithLabels({}).Increment(by); }
  /// `label_values` has one value per label name, in the same order.
  void Increment(const std::vector<std::string>& label_values, std::uint64_t by = 1) {
    WithLabels(label_values).Increment(by);
  }
  /// The count for `label_values`, created at 0 (and rendered from then on) if new: call it at
  /// start-up for every expected value so that dashboards see 0 rather than nothing.
  Child& WithLabels(const std::vector<std::string>& label_values);
  /// The current count for `label_values` (0 if never seen).
  std::uint64_t Value(const std::vector<std::string>& label_values = {}) const;

  const std::vector<std::string>& label_names() const { return label_names_; }

  std::string_view type() const override { return "counter"; }
  void RenderSamples(std::string_view name, std::string& out) const override;

 private:
  /// Pads or truncates to one value per label name: a wrong count is a programming error,
  /// asserted in debug builds, and must not crash a release server.
  std::vector<std::string> Normalize(const std::vector<std::string>& label_values) const;

  const std::vector<std::string> label_names_;
  mutable std::mutex mutex_;  ///< Guards the map's structure, not the counts.
  std::map<std::vector<std::string>, Child> children_;
};

}  // namespace minegate::server::metrics
