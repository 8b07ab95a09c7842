#pragma once
/// Small key files written so that a crash or a concurrent writer never leaves a half-written or
/// replaced key: a key that is lost or swapped makes everything sealed to the old one unreadable.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "server/admin/error.hpp"

namespace minegate::server::admin::internal {

/// Creates `path` holding exactly `contents` with permissions `mode`, or leaves it alone if it
/// already exists (returns false then): base::WriteFileAtomically with WriteMode::create_new, so
/// after a crash the file is either absent or complete and a concurrent writer never swaps it.
/// Errc::key_file_io on any failure.
Result<bool> CreateFileAtomically(const std::filesystem::path& path, std::string_view contents,
                                  mode_t mode);

/// The contents of a key file of at most `max_bytes`, or nullopt if it does not exist.
/// With `owner_only`, a file that its group or others may read is refused
/// (Errc::key_file_insecure), as ssh refuses a readable private key, and symbolic links are not
/// followed. Errc::key_file_io on other failures, Errc::key_file_corrupt if it is too large.
Result<std::optional<std::string>> ReadKeyFile(const std::filesystem::path& path,
                                               std::size_t max_bytes, bool owner_only);

}  // namespace minegate::server::admin::internal
