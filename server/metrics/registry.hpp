#pragma once
/// Every metric of the process, by name, rendered as one Prometheus text page for
/// `GET /metrics`. Registration happens at start-up (and throws on a bad or duplicate name);
/// counting and rendering are thread-safe afterwards. Returned references live as long as
/// the registry.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "server/metrics/counter.hpp"
#include "server/metrics/gauge.hpp"
#include "server/metrics/histogram.hpp"

namespace minegate::server::metrics {

class Registry {
 public:
  /// The Content-Type of RenderText()'s output.
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  Registry() = default;
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  /// Throws std::invalid_argument on an invalid or already registered name, or invalid labels.
  Counter& AddCounter(std::string name, std::string help,
                      std::vector<std::string> label_names = {});
  /// Throws std::invalid_argument on an invalid or already registered name.
  Gauge& AddGauge(std::string name, std::string help);
  /// Throws std::invalid_argument on an invalid or already registered name, or bounds that
  /// are not finite and strictly increasing.
  Histogram& AddHistogram(std::string name, std::string help, std::vector<double> upper_bounds);

  /// Every metric in registration order, each with its HELP and TYPE lines.
  std::string RenderText() const;

 private:
  struct Entry {
    std::string name;
    std::string help;
    std::unique_ptr<Metric> metric;
  };

  Metric& Add(std::string name, std::string help, std::unique_ptr<Metric> metric);

  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

}  // namespace minegate::server::metrics
