#pragma once
/// The default rule set compiled into the binary by minegate_embed_files
/// (tools/cmake/MinegateEmbedFiles.cmake): nothing is read from disk.

#include <span>
#include <string_view>

namespace minegate::server::risk::internal {

struct EmbeddedRuleFile {
  /// "/default_rules.textproto".
  std::string_view path;
  std::string_view content_type;
  std::string_view bytes;
};

/// server/risk/default_rules.textproto as it was at build time.
std::span<const EmbeddedRuleFile> EmbeddedRuleFiles();

}  // namespace minegate::server::risk::internal
