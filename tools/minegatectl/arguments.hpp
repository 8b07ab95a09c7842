#pragma once
/// The options after a minegatectl command, read by Boost.Program_options (the one options
/// library of every minegate program): `--name value` or `--name=value`, each at most once,
/// each one the command declares, and flags (`--clear`) that take no value. Anything else is a
/// usage error, reported before any change.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace minegate::ctl {

class Arguments {
 public:
  /// Parses `words` against the option names `allowed` and the flag names `flags` (without
  /// "--"). On failure returns nullopt and sets `problem` to a bilingual explanation.
  static std::optional<Arguments> Parse(std::span<const std::string> words,
                                        std::span<const std::string_view> allowed,
                                        std::string& problem,
                                        std::span<const std::string_view> flags = {});

  /// An option's value; a flag given has the value "".
  std::optional<std::string> Get(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }

 private:
  std::vector<std::pair<std::string, std::string>> options_;
};

}  // namespace minegate::ctl
