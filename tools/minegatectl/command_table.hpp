#pragma once
/// Every minegatectl command: its words, what it does, how to call it, the options it accepts
/// and the function that runs it. main() only looks commands up here, so adding one is one entry
/// in command_table.cpp (and its handler).

#include <span>
#include <string_view>
#include <vector>

#include "tools/minegatectl/ctl_context.hpp"

namespace minegate::ctl {

using CommandHandler = int (*)(const CtlContext&);

struct Command {
  /// The words that select it: "init", "site add".
  std::string_view name;
  /// One line, French then English, for the general help.
  std::string_view summary;
  /// The full usage text, printed by --help and after a usage error.
  std::string_view usage;
  /// Option names it accepts, without "--" (--data-dir and --help are always accepted).
  std::vector<std::string_view> options;
  CommandHandler run = nullptr;
  /// Flag names it accepts, without "--": options that take no value (`--clear`).
  std::vector<std::string_view> flags = {};
};

std::span<const Command> Commands();

/// The command named by the leading words of `words` (the longest match); `consumed` receives
/// how many words named it. nullptr when none does.
const Command* FindCommand(std::span<const std::string> words, std::size_t& consumed);

}  // namespace minegate::ctl
