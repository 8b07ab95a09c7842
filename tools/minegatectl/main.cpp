// minegatectl: the administrator's command line on the server host. It works directly on the
// server's data directory (database and sealing keys) as the service user; README.md says why.
#include <sys/stat.h>

#include <algorithm>
#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/value_semantic.hpp>
#include <boost/program_options/variables_map.hpp>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "base/options/options.hpp"
#include "tools/minegatectl/arguments.hpp"
#include "tools/minegatectl/command_table.hpp"
#include "tools/minegatectl/ctl_context.hpp"
#include "tools/minegatectl/ctl_parser.hpp"

namespace minegate::ctl {
namespace {

void PrintGeneralUsage(std::ostream& out, std::string_view group = {}) {
  out << "minegatectl : administration du serveur minegate / minegate server administration\n\n"
         "utilisation / usage: minegatectl [--data-dir DIR] COMMANDE [OPTIONS]\n"
         "  --data-dir DIR      répertoire de données du serveur (défaut "
      << kDefaultDataDir
      << ") /\n"
         "                      the server's data directory (default "
      << kDefaultDataDir
      << ")\n"
         "  --version           affiche la version / prints the version\n"
         "  COMMANDE --help     aide d'une commande / help for one command\n\n"
         "commandes / commands:\n";
  for (const Command& command : Commands()) {
    if (!group.empty() && !command.name.starts_with(std::string(group) + " ")) continue;
    out << "  " << command.name
        << std::string(20 - std::min<std::size_t>(command.name.size(), 18), ' ') << command.summary
        << '\n';
  }
  out << "\ncodes de sortie / exit codes: 0 succès / success, 1 refusé / refused, "
         "2 utilisation / usage\n";
}

int UsageFailure(std::string_view problem) {
  std::cerr << "minegatectl: " << problem << "\n\n";
  PrintGeneralUsage(std::cerr);
  return kExitUsage;
}

/// Takes the global options (--data-dir, --help or -h, --version) out of `words`, wherever they
/// are, with Program_options as every minegate program; the words left, in their order, are the
/// command's, which Arguments reads against that command's own options.
bool TakeGlobalOptions(std::vector<std::string>& words, std::string& data_dir, bool& help,
                       bool& version, std::string& problem) {
  namespace po = boost::program_options;
  // "-h" anywhere has always meant help; the command options are long only.
  for (std::string& word : words) {
    if (word == "-h") word = "--help";
  }
  po::options_description global;
  global.add_options()("data-dir", po::value<std::string>(), "")("help", po::bool_switch(), "")(
      "version", po::bool_switch(), "");
  const std::optional<po::parsed_options> parsed = SplitWords(words, global, problem);
  if (!parsed) return false;
  po::variables_map values;
  if (!StoreWords(*parsed, values, problem)) return false;
  std::vector<std::string> rest = po::collect_unrecognized(parsed->options, po::include_positional);
  help = values["help"].as<bool>();
  version = values["version"].as<bool>();
  if (values.count("data-dir") != 0) {
    data_dir = values["data-dir"].as<std::string>();
    if (data_dir.empty()) {
      problem = "--data-dir vide / empty --data-dir";
      return false;
    }
  }
  words = std::move(rest);
  return true;
}

int Main(std::vector<std::string> words) {
  std::string data_dir = kDefaultDataDir;
  bool help = false;
  bool version = false;
  std::string problem;
  if (!TakeGlobalOptions(words, data_dir, help, version, problem)) return UsageFailure(problem);
  if (version) {
    std::cout << base::VersionText("minegatectl");
    return kExitOk;
  }
  if (!words.empty() && words.front() == "help") {
    help = true;
    words.erase(words.begin());
  }
  const auto first_option = std::find_if(words.begin(), words.end(),
                                         [](const std::string& w) { return w.starts_with("-"); });
  const std::vector<std::string> leading(words.begin(), first_option);
  if (leading.empty()) {
    if (help) {
      PrintGeneralUsage(std::cout);
      return kExitOk;
    }
    return UsageFailure("commande manquante / missing command");
  }

  std::size_t consumed = 0;
  const Command* command = FindCommand(leading, consumed);
  if (command == nullptr) {
    const bool is_group = std::any_of(Commands().begin(), Commands().end(), [&](const Command& c) {
      return c.name.starts_with(leading.front() + " ");
    });
    if (is_group && help) {
      PrintGeneralUsage(std::cout, leading.front());
      return kExitOk;
    }
    if (is_group && leading.size() == 1) {
      std::cerr << "minegatectl: sous-commande manquante / missing subcommand: " << leading.front()
                << "\n\n";
      PrintGeneralUsage(std::cerr, leading.front());
      return kExitUsage;
    }
    std::string typed;
    for (const std::string& word : leading) typed += (typed.empty() ? "" : " ") + word;
    return UsageFailure("commande inconnue / unknown command: " + typed);
  }
  if (help) {
    std::cout << command->usage;
    return kExitOk;
  }

  const std::vector<std::string> rest(words.begin() + static_cast<std::ptrdiff_t>(consumed),
                                      words.end());
  std::optional<Arguments> arguments =
      Arguments::Parse(rest, command->options, problem, command->flags);
  CtlContext context{data_dir,      arguments.value_or(Arguments()),
                     std::cout,     std::cerr,
                     command->name, command->usage};
  if (!arguments) return UsageError(context, problem);
  return command->run(context);
}

}  // namespace
}  // namespace minegate::ctl

int main(int argc, char** argv) {
  // Everything minegatectl creates (database, WAL, key and enrolment files) holds personal data
  // or secrets: readable by the service user only.
  ::umask(077);
  try {
    return minegate::ctl::Main(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& error) {
    std::cerr << "minegatectl: erreur inattendue / unexpected error: " << error.what() << '\n';
    return minegate::ctl::kExitRefused;
  }
}
