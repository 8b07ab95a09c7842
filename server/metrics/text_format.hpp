#pragma once
/// The small pieces of the Prometheus text exposition format (version 0.0.4) that every
/// metric kind shares: names, escaping and numbers.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace minegate::server::metrics {

/// `[a-zA-Z_:][a-zA-Z0-9_:]*`: what Prometheus accepts as a metric name.
bool IsValidMetricName(std::string_view name);
/// `[a-zA-Z_][a-zA-Z0-9_]*`, not starting with `__` (reserved for Prometheus itself).
bool IsValidLabelName(std::string_view name);

/// HELP text: backslash and line feed escaped, so a help string can never end the line early.
std::string EscapeHelp(std::string_view help);
/// Label values: backslash, double quote and line feed escaped.
std::string EscapeLabelValue(std::string_view value);

/// Shortest text that reads back to the same double; `+Inf`, `-Inf` and `NaN` as Prometheus
/// spells them.
std::string FormatDouble(double value);

/// `{a="x",b="y"}`, or an empty string when there are no labels. `names` and `values` have
/// the same size.
std::string FormatLabels(const std::vector<std::string>& names,
                         const std::vector<std::string>& values);

/// `# HELP name help\n# TYPE name type\n`.
std::string FormatHeader(std::string_view name, std::string_view help, std::string_view type);

}  // namespace minegate::server::metrics
