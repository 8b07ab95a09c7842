#pragma once
/// Whole-file reads with a size cap and crash-safe writes, for the small files of the TLS
/// identity.

#include <sys/types.h>

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <filesystem>
#include <string>

namespace minegate::server::tls::internal {

/// Reads `path` into `out`; fails (file_too_large) rather than read more than `max_bytes`.
boost::system::error_code ReadFileBounded(const std::filesystem::path& path, std::size_t max_bytes,
                                          std::string& out);

/// Writes `content` to a temporary file beside `path` created with `mode`, syncs it, renames
/// it over `path` and syncs the directory: after a crash `path` is either absent or complete,
/// and a private key is never readable by others, not even for an instant.
boost::system::error_code WriteFileAtomically(const std::filesystem::path& path,
                                              const std::string& content, mode_t mode);

}  // namespace minegate::server::tls::internal
