#pragma once
/// One way for every minegate program to read its options: flags, then an optional
/// `key = value` configuration file (--config FILE) whose keys are the long option names, both
/// against the same Boost.Program_options description. Flags override the file. An unknown
/// option or key, a repeated one, a missing or bad value is refused with the option or key
/// named, French then English. --help, --version and --config are added here, once.

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <boost/program_options/variables_map.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/log.hpp"

namespace minegate::base {

namespace po = boost::program_options;

/// What the program does once its options are read.
enum class OptionsAction { run, help, version };

struct OptionsSpec {
  /// The settings, accepted as flags and, when `config_file` is true, as keys of the file.
  const po::options_description* settings = nullptr;
  /// Keys accepted only in the file and not shown in --help (old spellings kept working).
  const po::options_description* file_only = nullptr;
  /// Whether --config FILE is accepted.
  bool config_file = true;
  /// Words that are not options (a kiosk's enrolment code), at most this many.
  std::size_t max_positional = 0;
};

struct ParsedOptions {
  OptionsAction action = OptionsAction::run;
  po::variables_map values;
  /// The file --config named; empty when none.
  std::filesystem::path config_file;
  /// Keys whose value came from the file (relative paths there are relative to the file).
  std::set<std::string, std::less<>> from_file;
  std::vector<std::string> positional;

  bool Has(std::string_view key) const { return values.count(std::string(key)) != 0; }
  template <class T>
  const T& Get(std::string_view key) const {
    return values[std::string(key)].as<T>();
  }
};

/// Reads `args` (the words after the program name and any subcommand), then the file --config
/// names. nullopt and a bilingual `error` naming the option, key or word at fault otherwise.
/// --help and --version are reported through `action`, before the file is read.
std::optional<ParsedOptions> ParseOptions(const OptionsSpec& spec,
                                          const std::vector<std::string>& args, std::string& error);

/// `usage` (a few lines, bilingual) followed by every option of `spec`, from the description.
std::string HelpText(const OptionsSpec& spec, std::string_view usage);

/// "minegate-server 0.4.0\n".
std::string VersionText(std::string_view program);

/// An unsigned integer option refused (with its name and `min..max`) outside [min, max], or
/// when it is not plain digits ("-1", "1e3", " 7" are refused, not wrapped or truncated).
po::typed_value<std::uint64_t>* UnsignedIn(std::uint64_t min, std::uint64_t max);

/// Adds `--log-level debug|info|warning|error` (default info) to a daemon's settings.
void AddLogLevelOption(po::options_description& settings);
/// The level --log-level chose (info when the description has none).
LogLevel LogLevelOf(const ParsedOptions& parsed);

/// Read by Program_options for `po::value<LogLevel>()`: debug, info, warning (or warn), error.
void validate(boost::any& store, const std::vector<std::string>& tokens, LogLevel*, int);

}  // namespace minegate::base
