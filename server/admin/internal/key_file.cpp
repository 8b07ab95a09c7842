#include "server/admin/internal/key_file.hpp"

#include <boost/system/error_code.hpp>

#include "base/file.hpp"

namespace minegate::server::admin::internal {

Result<bool> CreateFileAtomically(const std::filesystem::path& path, std::string_view contents,
                                  mode_t mode) {
  const auto written = base::WriteFileAtomically(path, contents, mode, base::WriteMode::create_new);
  if (written) return true;
  if (written.error() == boost::system::errc::file_exists) return false;
  return Errc::key_file_io;
}

Result<std::optional<std::string>> ReadKeyFile(const std::filesystem::path& path,
                                               std::size_t max_bytes, bool owner_only) {
  auto contents = base::ReadFileBounded(
      path, max_bytes, owner_only ? base::FileAccess::private_only : base::FileAccess::shared);
  if (contents) return std::optional<std::string>(std::move(contents).value());
  const boost::system::error_code& ec = contents.error();
  if (ec == boost::system::errc::no_such_file_or_directory) return std::optional<std::string>();
  if (ec == base::FileErrc::readable_by_others) return Errc::key_file_insecure;
  if (ec == boost::system::errc::file_too_large) return Errc::key_file_corrupt;
  return Errc::key_file_io;
}

}  // namespace minegate::server::admin::internal
