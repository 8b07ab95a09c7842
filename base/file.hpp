#pragma once
/// The one way to read and write the small files the daemons keep (keys, certificates, the
/// enrolment file, the page's address): bounded reads, and writes that are atomic and durable.

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/result.hpp"

namespace minegate::base {

/// Why a file was refused beyond what errno says.
enum class FileErrc {
  /// A private file (a key) that its group or others may read: refused, as ssh refuses one.
  readable_by_others = 1,
  /// Not a regular file (a directory, a device, a FIFO).
  not_regular,
};
const boost::system::error_category& FileCategory() noexcept;
boost::system::error_code make_error_code(FileErrc e) noexcept;

enum class FileAccess {
  /// Any regular file the process may read; symbolic links followed (certificates are often
  /// links into a renewal tool's folder).
  shared,
  /// A secret: symbolic links not followed, refused (FileErrc::readable_by_others) when its
  /// mode lets the group or others read it, and every buffer that held its bytes wiped.
  private_only,
};

/// The whole file, refused with errc::file_too_large rather than read past `max_bytes`
/// (a file an attacker can grow must not exhaust memory). Other failures carry errno
/// (errc::no_such_file_or_directory when it does not exist).
Result<std::string> ReadFileBounded(const std::filesystem::path& path, std::size_t max_bytes,
                                    FileAccess access = FileAccess::shared);

enum class WriteMode {
  /// The new content replaces the file if it exists (rename).
  replace,
  /// The file must not exist yet: errc::file_exists, and the existing file untouched, if it
  /// does (link, which unlike rename never replaces). For keys and one-time codes that a
  /// concurrent writer must not swap.
  create_new,
};

/// Writes `content` to a new temporary file beside `path`, created with `mode` (set exactly,
/// whatever the umask, before any byte is written), syncs it, moves it to `path` (see
/// WriteMode) and syncs the directory. After a crash `path` holds the old content or the whole new
/// one, never a part, and a private key is never readable by others, not even for an instant. On
/// failure the temporary file is removed and the error carries errno.
Result<void> WriteFileAtomically(const std::filesystem::path& path, std::string_view content,
                                 mode_t mode, WriteMode write_mode = WriteMode::replace);
Result<void> WriteFileAtomically(const std::filesystem::path& path,
                                 std::span<const std::uint8_t> content, mode_t mode,
                                 WriteMode write_mode = WriteMode::replace);

/// Makes `written`, a complete file that something else wrote beside `path` (SQLite's backup,
/// for one), durable under the name `path`: syncs it, moves it there (see WriteMode) and syncs
/// the directory. After a crash `path` is absent, or the old file, or the whole new one. On
/// failure `written` is removed and the error carries errno.
Result<void> MoveFileDurably(const std::filesystem::path& written,
                             const std::filesystem::path& path,
                             WriteMode write_mode = WriteMode::replace);

}  // namespace minegate::base

namespace boost::system {
template <>
struct is_error_code_enum<minegate::base::FileErrc> : std::true_type {};
}  // namespace boost::system
