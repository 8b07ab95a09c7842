// What the attackers saw, by kind of attack: how many times the server answered as it must
// (refused, closed, locked) and how many times it did not, with the first such answer kept for
// the report. Thread-safe: every attacker writes to the same tally; the test reads it at the end.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace minegate::test::hostile {

class Tally {
 public:
  void Expected(std::string_view attack) {
    std::lock_guard lock(mutex_);
    ++expected_[std::string(attack)];
  }
  void Unexpected(std::string_view attack, const std::string& what) {
    std::lock_guard lock(mutex_);
    if (unexpected_[std::string(attack)]++ == 0) first_unexpected_[std::string(attack)] = what;
  }
  int expected(std::string_view attack) {
    std::lock_guard lock(mutex_);
    const auto found = expected_.find(std::string(attack));
    return found == expected_.end() ? 0 : found->second;
  }
  /// Every attack, one line each: "name: N as expected, M not (first: ...)".
  std::string Report() {
    std::lock_guard lock(mutex_);
    std::string text;
    std::map<std::string, int> names = expected_;
    for (const auto& [name, count] : unexpected_) names.emplace(name, 0);
    for (const auto& [name, count] : names) {
      const int bad = unexpected_.contains(name) ? unexpected_.at(name) : 0;
      text += "  " + name + ": " + std::to_string(expected_[name]) + " as expected, " +
              std::to_string(bad) + " not";
      if (bad > 0) text += " (first: " + first_unexpected_.at(name) + ")";
      text += "\n";
    }
    return text;
  }
  int unexpected_total() {
    std::lock_guard lock(mutex_);
    int total = 0;
    for (const auto& [name, count] : unexpected_) total += count;
    return total;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, int> expected_;
  std::map<std::string, int> unexpected_;
  std::map<std::string, std::string> first_unexpected_;
};

}  // namespace minegate::test::hostile
