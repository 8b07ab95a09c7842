#include "tools/minegatectl/ctl_context.hpp"

#include <charconv>

namespace minegate::ctl {

int UsageError(const CtlContext& context, std::string_view problem) {
  context.err << "minegatectl " << context.command << ": " << problem << "\n\n" << context.usage;
  return kExitUsage;
}

int Refused(const CtlContext& context, std::string_view problem) {
  context.err << "minegatectl " << context.command << ": " << problem << '\n';
  return kExitRefused;
}

int Refused(const CtlContext& context, const boost::system::error_code& error) {
  return Refused(context, "refusé / refused: " + error.message());
}

std::optional<std::string> RequiredOption(const CtlContext& context, std::string_view name) {
  std::optional<std::string> value = context.args.Get(name);
  if (!value) UsageError(context, "option obligatoire / required option: --" + std::string(name));
  return value;
}

std::optional<std::int64_t> IntegerOption(const CtlContext& context, std::string_view name,
                                          std::int64_t min, std::int64_t max, bool& bad) {
  bad = false;
  const std::optional<std::string> text = context.args.Get(name);
  if (!text) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    bad = true;
    UsageError(context, "--" + std::string(name) +
                            " attend un entier de / expects an integer from " +
                            std::to_string(min) + " .. " + std::to_string(max) + ": " + *text);
    return std::nullopt;
  }
  return value;
}

}  // namespace minegate::ctl
