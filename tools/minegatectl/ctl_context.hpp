#pragma once
/// What every minegatectl command receives, and the few helpers they all use to report: one
/// place decides the exit codes and the shape of every message.

#include <boost/system/error_code.hpp>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "tools/minegatectl/arguments.hpp"

namespace minegate::ctl {

inline constexpr int kExitOk = 0;
/// The request was understood and refused (already exists, unknown id, bad value...).
inline constexpr int kExitRefused = 1;
/// The command line itself is wrong; nothing was attempted.
inline constexpr int kExitUsage = 2;

inline constexpr char kDefaultDataDir[] = "/var/lib/minegate";

struct CtlContext {
  /// The server's data directory: minegate.db and keys/ live here.
  std::filesystem::path data_dir;
  /// The command's options, already checked against what it accepts.
  Arguments args;
  std::ostream& out;
  std::ostream& err;
  /// "site add", for messages.
  std::string_view command;
  /// The command's usage text, printed after a usage error.
  std::string_view usage;
};

/// Prints `problem` and the command's usage on stderr; returns kExitUsage.
int UsageError(const CtlContext& context, std::string_view problem);
/// Prints why the request was refused on stderr; returns kExitRefused.
int Refused(const CtlContext& context, std::string_view problem);
int Refused(const CtlContext& context, const boost::system::error_code& error);

/// The value of a required option, or nullopt after reporting a usage error.
std::optional<std::string> RequiredOption(const CtlContext& context, std::string_view name);
/// The largest site, gate or device number an option may name (ids are 32-bit on the wire).
inline constexpr std::int64_t kMaxId = 0xFFFFFFFF;

/// An integer option in [min, max]: nullopt when absent; `bad` set after a usage error.
std::optional<std::int64_t> IntegerOption(const CtlContext& context, std::string_view name,
                                          std::int64_t min, std::int64_t max, bool& bad);

}  // namespace minegate::ctl
