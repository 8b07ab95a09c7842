#include "server/metrics/registry.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "server/metrics/text_format.hpp"

namespace minegate::server::metrics {

Counter& Registry::AddCounter(std::string name, std::string help,
                              std::vector<std::string> label_names) {
  for (const auto& label : label_names) {
    if (!IsValidLabelName(label) || label == "le") {
      throw std::invalid_argument("nom d'étiquette invalide / invalid label name: " + label + " (" +
                                  name + ")");
    }
  }
  auto counter = std::make_unique<Counter>(std::move(label_names));
  return static_cast<Counter&>(Add(std::move(name), std::move(help), std::move(counter)));
}

Gauge& Registry::AddGauge(std::string name, std::string help) {
  return static_cast<Gauge&>(Add(std::move(name), std::move(help), std::make_unique<Gauge>()));
}

Histogram& Registry::AddHistogram(std::string name, std::string help,
                                  std::vector<double> upper_bounds) {
  const bool finite = std::all_of(upper_bounds.begin(), upper_bounds.end(),
                                  [](double bound) { return std::isfinite(bound); });
  const bool increasing = std::adjacent_find(upper_bounds.begin(), upper_bounds.end(),
                                             std::greater_equal<>()) == upper_bounds.end();
  if (upper_bounds.empty() || !finite || !increasing) {
    throw std::invalid_argument(
        "bornes d'histogramme non finies ou non strictement croissantes / histogram bounds not "
        "finite or not strictly increasing: " +
        name);
  }
  auto histogram = std::make_unique<Histogram>(std::move(upper_bounds));
  return static_cast<Histogram&>(Add(std::move(name), std::move(help), std::move(histogram)));
}

Metric& Registry::Add(std::string name, std::string help, std::unique_ptr<Metric> metric) {
  if (!IsValidMetricName(name)) {
    throw std::invalid_argument("nom de métrique invalide / invalid metric name: " + name);
  }
  std::lock_guard lock(mutex_);
  const bool taken = std::any_of(entries_.begin(), entries_.end(),
                                 [&name](const Entry& entry) { return entry.name == name; });
  if (taken) {
    throw std::invalid_argument("métrique déjà enregistrée / metric already registered: " + name);
  }
  Metric& added = *metric;
  entries_.push_back(Entry{std::move(name), std::move(help), std::move(metric)});
  return added;
}

std::string Registry::RenderText() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& entry : entries_) {
    out += FormatHeader(entry.name, entry.help, entry.metric->type());
    entry.metric->RenderSamples(entry.name, out);
  }
  return out;
}

}  // namespace minegate::server::metrics
