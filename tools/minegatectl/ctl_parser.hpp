#pragma once
/// How minegatectl runs Boost.Program_options, in one place for the global options (main.cpp)
/// and each command's (arguments.cpp): one style, "--" refused, and one wording of its errors,
/// French then English. base/options words the daemons' refusals; these are minegatectl's own,
/// which its integration test asserts.

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/variables_map.hpp>
#include <optional>
#include <span>
#include <string>

namespace minegate::ctl {

/// `words` split against `description`: long options only, `--name value` or `--name=value`,
/// no abbreviations (a command's options are few and each is typed out in scripts). Words it
/// does not name are let through (unregistered, or positional) for the caller to judge, so that
/// each gets the caller's own message. nullopt, with `problem` set, on "--" (Program_options
/// would read it as the end of the options; here it is a stray word) or an option written
/// wrongly (its value missing, or a value given to a flag).
std::optional<boost::program_options::parsed_options> SplitWords(
    std::span<const std::string> words,
    const boost::program_options::options_description& description, std::string& problem);

/// Stores the options `parsed` names in `values`; false, with `problem` set, when one is refused
/// (repeated).
bool StoreWords(const boost::program_options::parsed_options& parsed,
                boost::program_options::variables_map& values, std::string& problem);

}  // namespace minegate::ctl
