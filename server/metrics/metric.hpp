#pragma once
/// What the registry needs from every metric kind: its TYPE word and its sample lines.

#include <string>
#include <string_view>

namespace minegate::server::metrics {

class Metric {
 public:
  virtual ~Metric() = default;
  /// `counter`, `gauge` or `histogram`: the word on the `# TYPE` line.
  virtual std::string_view type() const = 0;
  /// Appends this metric's sample lines under `name` to `out`. Thread-safe.
  virtual void RenderSamples(std::string_view name, std::string& out) const = 0;
};

}  // namespace minegate::server::metrics
