#include "server/metrics/gauge.hpp"

#include "server/metrics/text_format.hpp"

namespace minegate::server::metrics {

void Gauge::RenderSamples(std::string_view name, std::string& out) const {
  out += name;
  out += ' ';
  out += FormatDouble(value());
  out += '\n';
}

}  // namespace minegate::server::metrics
