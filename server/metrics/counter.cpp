#include "server/metrics/counter.hpp"

#include <cassert>

#include "server/metrics/text_format.hpp"

namespace minegate::server::metrics {

Counter::Counter(std::vector<std::string> label_names) : label_names_(std::move(label_names)) {
  // A counter without labels is always rendered, starting at 0.
  if (label_names_.empty()) children_.try_emplace({});
}

std::vector<std::string> Counter::Normalize(const std::vector<std::string>& label_values) const {
  assert(label_values.size() == label_names_.size() && "one value per label name");
  std::vector<std::string> values = label_values;
  values.resize(label_names_.size());
  return values;
}

Counter::Child& Counter::WithLabels(const std::vector<std::string>& label_values) {
  std::lock_guard lock(mutex_);
  if (label_values.size() == label_names_.size()) {
    if (auto it = children_.find(label_values); it != children_.end()) return it->second;
  }
  return children_.try_emplace(Normalize(label_values)).first->second;
}

std::uint64_t Counter::Value(const std::vector<std::string>& label_values) const {
  std::lock_guard lock(mutex_);
  const auto it = children_.find(label_values);
  return it == children_.end() ? 0 : it->second.value();
}

void Counter::RenderSamples(std::string_view name, std::string& out) const {
  std::lock_guard lock(mutex_);
  for (const auto& [values, child] : children_) {
    out += name;
    out += FormatLabels(label_names_, values);
    out += ' ';
    out += std::to_string(child.value());
    out += '\n';
  }
}

}  // namespace minegate::server::metrics
