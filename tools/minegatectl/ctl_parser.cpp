#include "tools/minegatectl/ctl_parser.hpp"

#include <vector>

namespace minegate::ctl {
namespace {

namespace po = boost::program_options;

/// Long options only, `--name value` or `--name=value`, no abbreviations: a command's options
/// are few and each is typed out in scripts. Single-dash words are not options here.
constexpr int kCtlStyle = po::command_line_style::allow_long |
                          po::command_line_style::long_allow_adjacent |
                          po::command_line_style::long_allow_next;

/// Program_options' refusals as minegatectl words them.
std::string ProblemOf(const po::error& e) {
  if (const auto* repeated = dynamic_cast<const po::multiple_occurrences*>(&e)) {
    return "option répétée / repeated option: " + repeated->get_option_name();
  }
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    return syntax->kind() == po::invalid_syntax::extra_parameter
               ? "cette option ne prend pas de valeur / this option takes no value: " +
                     syntax->get_option_name()
               : "valeur manquante pour / missing value for " + syntax->get_option_name();
  }
  return std::string("arguments invalides / invalid arguments: ") + e.what();
}

}  // namespace

std::optional<po::parsed_options> SplitWords(std::span<const std::string> words,
                                             const po::options_description& description,
                                             std::string& problem) {
  for (const std::string& word : words) {
    if (word == "--") {
      problem = "argument inattendu / unexpected argument: --";
      return std::nullopt;
    }
  }
  try {
    return po::command_line_parser(std::vector<std::string>(words.begin(), words.end()))
        .options(description)
        .style(kCtlStyle)
        .allow_unregistered()
        .run();
  } catch (const po::error& e) {
    problem = ProblemOf(e);
    return std::nullopt;
  }
}

bool StoreWords(const po::parsed_options& parsed, po::variables_map& values, std::string& problem) {
  try {
    po::store(parsed, values);
  } catch (const po::error& e) {
    problem = ProblemOf(e);
    return false;
  }
  return true;
}

}  // namespace minegate::ctl
