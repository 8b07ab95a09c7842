#include "tools/minegatectl/arguments.hpp"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <boost/program_options/variables_map.hpp>

namespace minegate::ctl {
namespace {

namespace po = boost::program_options;

/// Long options only, `--name value` or `--name=value`, no abbreviations: a command's options
/// are few and each is typed out in scripts. Single-dash words are not options here.
constexpr int kCtlStyle = po::command_line_style::allow_long |
                          po::command_line_style::long_allow_adjacent |
                          po::command_line_style::long_allow_next;

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

std::string NameOf(const po::error_with_option_name& e) { return e.get_option_name(); }

}  // namespace

std::optional<Arguments> Arguments::Parse(std::span<const std::string> words,
                                          std::span<const std::string_view> allowed,
                                          std::string& problem,
                                          std::span<const std::string_view> flags) {
  // Program_options reads "--" as the end of the options; here it is a stray word.
  for (const std::string& word : words) {
    if (word == "--") {
      problem = "argument inattendu / unexpected argument: --";
      return std::nullopt;
    }
  }
  const po::options_description description = Describe(allowed, flags);
  po::parsed_options parsed(&description);
  po::variables_map values;
  try {
    // Unregistered words are let through so that each gets this tool's own message.
    parsed = po::command_line_parser(std::vector<std::string>(words.begin(), words.end()))
                 .options(description)
                 .style(kCtlStyle)
                 .allow_unregistered()
                 .run();
    for (const po::option& option : parsed.options) {
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
    po::store(parsed, values);
  } catch (const po::multiple_occurrences& e) {
    problem = "option répétée / repeated option: " + NameOf(e);
    return std::nullopt;
  } catch (const po::invalid_command_line_syntax& e) {
    problem = e.kind() == po::invalid_syntax::extra_parameter
                  ? "cette option ne prend pas de valeur / this option takes no value: " + NameOf(e)
                  : "valeur manquante pour / missing value for " + NameOf(e);
    return std::nullopt;
  } catch (const po::error& e) {
    problem = std::string("arguments invalides / invalid arguments: ") + e.what();
    return std::nullopt;
  }
  Arguments arguments;
  // In the order given, as the commands have always seen them.
  for (const po::option& option : parsed.options) {
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
