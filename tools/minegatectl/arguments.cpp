#include "tools/minegatectl/arguments.hpp"

#include <algorithm>

namespace minegate::ctl {

std::optional<Arguments> Arguments::Parse(std::span<const std::string> words,
                                          std::span<const std::string_view> allowed,
                                          std::string& problem,
                                          std::span<const std::string_view> flags) {
  Arguments arguments;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!word.starts_with("--") || word.size() == 2) {
      problem = "argument inattendu / unexpected argument: " + word;
      return std::nullopt;
    }
    std::string name = word.substr(2);
    std::string value;
    const bool is_flag = std::find(flags.begin(), flags.end(), name) != flags.end();
    if (is_flag) {
      // A flag takes no value: the next word is the next option.
    } else if (const std::size_t equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name.resize(equals);
    } else if (i + 1 < words.size()) {
      value = words[++i];
    } else {
      problem = "valeur manquante pour / missing value for --" + name;
      return std::nullopt;
    }
    if (!is_flag && std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      problem = "option inconnue pour cette commande / unknown option for this command: --" + name;
      return std::nullopt;
    }
    if (arguments.Has(name)) {
      problem = "option répétée / repeated option: --" + name;
      return std::nullopt;
    }
    arguments.options_.emplace_back(std::move(name), std::move(value));
  }
  return arguments;
}

std::optional<std::string> Arguments::Get(std::string_view name) const {
  for (const auto& [key, value] : options_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace minegate::ctl
