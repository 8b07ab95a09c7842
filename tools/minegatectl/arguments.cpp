#include "tools/minegatectl/arguments.hpp"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <boost/program_options/variables_map.hpp>

#include "tools/minegatectl/ctl_parser.hpp"

namespace minegate::ctl {
namespace {

namespace po = boost::program_options;

po::options_description Describe(std::span<const std::string_view> allowed,
                                 std::span<const std::string_view> flags) {
  po::options_description description;
  for (const std::string_view name : allowed) {
    description.add_options()(std::string(name).c_str(), po::value<std::string>(), "");
  }
  for (const std::string_view name : flags) {
    // A flag given reads as "", as before: Has() is what the commands ask.
    description.add_options()(std::string(name).c_str(),
                              po::value<std::string>()->implicit_value("")->zero_tokens(), "");
  }
  return description;
}

}  // namespace

std::optional<Arguments> Arguments::Parse(std::span<const std::string> words,
                                          std::span<const std::string_view> allowed,
                                          std::string& problem,
                                          std::span<const std::string_view> flags) {
  const po::options_description description = Describe(allowed, flags);
  const std::optional<po::parsed_options> parsed = SplitWords(words, description, problem);
  if (!parsed) return std::nullopt;
  // Unregistered words were let through so that each gets this tool's own message.
  for (const po::option& option : parsed->options) {
    if (!option.unregistered && option.position_key == -1) continue;
    const std::string& word = option.original_tokens.front();
    if (word.starts_with("--")) {
      problem = "option inconnue pour cette commande / unknown option for this command: " +
                word.substr(0, word.find('='));
    } else {
      problem = "argument inattendu / unexpected argument: " + word;
    }
    return std::nullopt;
  }
  po::variables_map values;
  if (!StoreWords(*parsed, values, problem)) return std::nullopt;
  Arguments arguments;
  // In the order given, as the commands have always seen them.
  for (const po::option& option : parsed->options) {
    arguments.options_.emplace_back(option.string_key, values[option.string_key].as<std::string>());
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
