#include "base/options/options.hpp"

#include <boost/program_options/parsers.hpp>
#include <charconv>
#include <sstream>
#include <utility>

#include "base/file.hpp"
#include "base/version.hpp"

namespace minegate::base {
namespace {

/// A configuration file is a few dozen lines; anything larger is not one.
constexpr std::size_t kMaxConfigBytes = 64 * 1024;

/// Unix style without abbreviations: `--data` must not quietly mean `--data-dir`.
constexpr int kStyle = po::command_line_style::unix_style ^ po::command_line_style::allow_guessing;

/// A value refused by one of our own value types, with what was expected, so that the message
/// can say it in both languages (Program_options' own messages are English only).
class BadValue : public po::validation_error {
 public:
  BadValue(std::string value, std::string expected)
      : po::validation_error(po::validation_error::invalid_option_value),
        value_(std::move(value)),
        expected_(std::move(expected)) {}
  const std::string& value() const { return value_; }
  const std::string& expected() const { return expected_; }

 private:
  std::string value_;
  std::string expected_;
};

class UnsignedValue final : public po::typed_value<std::uint64_t> {
 public:
  UnsignedValue(std::uint64_t min, std::uint64_t max)
      : po::typed_value<std::uint64_t>(nullptr), min_(min), max_(max) {}

  void xparse(boost::any& store, const std::vector<std::string>& tokens) const override {
    po::validators::check_first_occurrence(store);
    const std::string& text = po::validators::get_single_string(tokens);
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min_ || value > max_) {
      throw BadValue(text, std::to_string(min_) + ".." + std::to_string(max_));
    }
    store = value;
  }

 private:
  std::uint64_t min_;
  std::uint64_t max_;
};

po::options_description CommonOptions(const OptionsSpec& spec) {
  po::options_description common;
  common.add_options()("help,h", "cette aide / this help")(
      "version", "affiche la version / prints the version");
  if (spec.config_file) {
    common.add_options()("config", po::value<std::string>()->value_name("FILE"),
                         "lignes « clé = valeur » (clés : les options sans --) ; les options "
                         "en ligne de commande l'emportent / \"key = value\" lines (keys: the "
                         "options without --); flags override them");
  }
  return common;
}

/// The option as the person wrote it: "--port" on the command line, "port" in the file.
std::string NameOf(const po::error_with_option_name& e) {
  std::string name = e.get_option_name();
  return name.empty() ? std::string("?") : name;
}

std::string Describe(const po::error& e) {
  if (const auto* bad = dynamic_cast<const BadValue*>(&e)) {
    const std::string name = NameOf(*bad);
    return "valeur invalide pour " + name + " (" + bad->expected() + ") / invalid value for " +
           name + " (" + bad->expected() + "): " + bad->value();
  }
  if (const auto* bad = dynamic_cast<const po::invalid_bool_value*>(&e)) {
    const std::string name = NameOf(*bad);
    return "valeur invalide pour " + name + " (true | false) / invalid value for " + name +
           " (true | false)";
  }
  if (const auto* syntax = dynamic_cast<const po::invalid_config_file_syntax*>(&e)) {
    return "« clé = valeur » attendu / \"key = value\" expected: " + syntax->tokens();
  }
  if (const auto* unknown = dynamic_cast<const po::unknown_option*>(&e)) {
    return "option inconnue / unknown option: " + NameOf(*unknown);
  }
  if (const auto* repeated = dynamic_cast<const po::multiple_occurrences*>(&e)) {
    return "option répétée / repeated option: " + NameOf(*repeated);
  }
  if (const auto* syntax = dynamic_cast<const po::invalid_command_line_syntax*>(&e)) {
    const std::string name = NameOf(*syntax);
    if (syntax->kind() == po::invalid_syntax::extra_parameter) {
      return "cette option ne prend pas de valeur / this option takes no value: " + name;
    }
    return "valeur manquante pour / missing value for " + name;
  }
  if (const auto* invalid = dynamic_cast<const po::error_with_option_name*>(&e)) {
    const std::string name = NameOf(*invalid);
    return "valeur invalide pour " + name + " / invalid value for " + name;
  }
  return std::string("options invalides / invalid options: ") + e.what();
}

}  // namespace

po::typed_value<std::uint64_t>* UnsignedIn(std::uint64_t min, std::uint64_t max) {
  return new UnsignedValue(min, max);  // owned by the option_description it is given to
}

void validate(boost::any& store, const std::vector<std::string>& tokens, LogLevel*, int) {
  po::validators::check_first_occurrence(store);
  const std::string& text = po::validators::get_single_string(tokens);
  if (text == "debug") {
    store = LogLevel::debug;
  } else if (text == "info") {
    store = LogLevel::info;
  } else if (text == "warning" || text == "warn") {
    store = LogLevel::warning;
  } else if (text == "error") {
    store = LogLevel::error;
  } else {
    throw BadValue(text, "debug | info | warning | error");
  }
}

void AddLogLevelOption(po::options_description& settings) {
  settings.add_options()(
      "log-level",
      po::value<LogLevel>()->default_value(LogLevel::info, "info")->value_name("LEVEL"),
      "journal à partir de / log from: debug, info, warning, error");
}

LogLevel LogLevelOf(const ParsedOptions& parsed) {
  return parsed.Has("log-level") ? parsed.Get<LogLevel>("log-level") : LogLevel::info;
}

std::optional<ParsedOptions> ParseOptions(const OptionsSpec& spec,
                                          const std::vector<std::string>& args,
                                          std::string& error) {
  po::options_description command_line;
  if (spec.settings != nullptr) command_line.add(*spec.settings);
  command_line.add(CommonOptions(spec));

  ParsedOptions parsed;
  std::set<std::string, std::less<>> from_flags;
  try {
    // Unregistered words are let through and sorted out below, so that a stray word and an
    // unknown option each get their own message naming them.
    const po::parsed_options flags = po::command_line_parser(args)
                                         .options(command_line)
                                         .style(kStyle)
                                         .allow_unregistered()
                                         .run();
    for (const std::string& word :
         po::collect_unrecognized(flags.options, po::include_positional)) {
      if (word.size() > 1 && word.front() == '-') {
        error = "option inconnue / unknown option: " + word.substr(0, word.find('='));
        return std::nullopt;
      }
      if (parsed.positional.size() == spec.max_positional) {
        error = "argument inattendu / unexpected argument: " + word;
        return std::nullopt;
      }
      parsed.positional.push_back(word);
    }
    for (const po::option& option : flags.options) {
      if (!option.unregistered) from_flags.insert(option.string_key);
    }
    po::store(flags, parsed.values);
  } catch (const po::error& e) {
    error = Describe(e);
    return std::nullopt;
  }
  if (parsed.Has("help")) {
    parsed.action = OptionsAction::help;
    return parsed;
  }
  if (parsed.Has("version")) {
    parsed.action = OptionsAction::version;
    return parsed;
  }

  if (parsed.Has("config")) {
    parsed.config_file = parsed.Get<std::string>("config");
    const std::string path = parsed.config_file.string();
    auto text = ReadFileBounded(parsed.config_file, kMaxConfigBytes);
    if (!text) {
      error = "fichier de configuration illisible / unreadable config file: " + path + ": " +
              text.error().message();
      return std::nullopt;
    }
    po::options_description keys;
    if (spec.settings != nullptr) keys.add(*spec.settings);
    if (spec.file_only != nullptr) keys.add(*spec.file_only);
    try {
      std::istringstream in(text.value());
      const po::parsed_options file = po::parse_config_file(in, keys);
      for (const po::option& option : file.options) {
        if (!from_flags.contains(option.string_key)) parsed.from_file.insert(option.string_key);
      }
      // store() keeps values already stored from the flags: that is what makes flags win.
      po::store(file, parsed.values);
    } catch (const po::error& e) {
      error = path + ": " + Describe(e);
      return std::nullopt;
    }
  }
  try {
    po::notify(parsed.values);
  } catch (const po::error& e) {
    error = Describe(e);
    return std::nullopt;
  }
  return parsed;
}

std::string HelpText(const OptionsSpec& spec, std::string_view usage) {
  po::options_description all;
  if (spec.settings != nullptr) all.add(*spec.settings);
  all.add(CommonOptions(spec));
  std::ostringstream out;
  out << usage << '\n' << all;
  return out.str();
}

std::string VersionText(std::string_view program) {
  return std::string(program) + " " + std::string(kVersion) + "\n";
}

}  // namespace minegate::base
