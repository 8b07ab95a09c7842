#include "base/file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>

#include "base/error_category.hpp"
#include "base/unique_fd.hpp"

namespace minegate::base {
namespace {

boost::system::error_code LastError() { return {errno, boost::system::system_category()}; }

bool WriteAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

/// Wipes what a secret left in memory (a std::string's spare capacity included).
void Wipe(std::string& text) {
  text.resize(text.capacity());
  sodium_memzero(text.data(), text.size());
  text.clear();
}

/// `content` moved into a buffer of `size` bytes (more than it holds); the old buffer is wiped
/// first when it held a secret.
void Grow(std::string& content, std::size_t size, bool secret) {
  std::string larger(size, '\0');
  std::memcpy(larger.data(), content.data(), content.size());
  if (secret) Wipe(content);
  content.swap(larger);
}

/// Moves the synced file `temporary` to `path` (WriteMode decides whether an existing one is
/// replaced) and syncs the directory; `temporary` is removed on failure.
Result<void> PlaceFile(const std::string& temporary, const std::filesystem::path& path,
                       WriteMode write_mode) {
  if (write_mode == WriteMode::replace) {
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
      const boost::system::error_code error = LastError();
      ::unlink(temporary.c_str());
      return error;
    }
  } else {
    const bool linked = ::link(temporary.c_str(), path.c_str()) == 0;
    const boost::system::error_code link_error = linked ? boost::system::error_code() : LastError();
    ::unlink(temporary.c_str());
    if (!linked) return link_error;
  }

  // The new name itself is durable only once the directory is synced.
  const std::filesystem::path directory =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  UniqueFd dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) return LastError();
  if (::fsync(dir.get()) != 0) return LastError();
  return Success();
}

}  // namespace

const boost::system::error_category& FileCategory() noexcept {
  static const ErrorCategory category = ErrorCategory::Of<FileErrc>(
      "minegate.file",
      {{FileErrc::readable_by_others,
        "fichier secret lisible par d'autres (chmod 600) / secret file readable by others "
        "(chmod 600)"},
       {FileErrc::not_regular, "pas un fichier ordinaire / not a regular file"}});
  return category;
}

boost::system::error_code make_error_code(FileErrc e) noexcept {
  return {static_cast<int>(e), FileCategory()};
}

Result<std::string> ReadFileBounded(const std::filesystem::path& path, std::size_t max_bytes,
                                    FileAccess access) {
  const bool secret = access == FileAccess::private_only;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, before the
  // S_ISREG check below could refuse it. On a regular file it changes nothing (reads of a
  // regular file never return EAGAIN), so it is left set.
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (secret ? O_NOFOLLOW : 0)));
  if (!fd) return LastError();
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0) return LastError();
  if (!S_ISREG(status.st_mode)) return FileErrc::not_regular;
  if (secret && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0) return FileErrc::readable_by_others;
  // One byte past the bound is read to tell "exactly max_bytes" from "more" (kept from wrapping).
  const std::size_t limit = std::min(max_bytes, std::numeric_limits<std::size_t>::max() - 1) + 1;
  const auto size_at_open = static_cast<std::uintmax_t>(status.st_size);
  if (size_at_open >= limit) return make_error_code(boost::system::errc::file_too_large);

  // Read straight into the string, sized for what fstat saw plus one byte: a file that does not
  // change is read without any reallocation, and no other buffer ever holds its bytes. One that
  // grew since (or a /proc file, whose size reads 0) gets a larger buffer, the old one wiped.
  std::string content(static_cast<std::size_t>(size_at_open) + 1, '\0');
  std::size_t used = 0;
  boost::system::error_code failure;
  while (true) {
    if (used == content.size()) {
      if (used >= limit) {
        failure = make_error_code(boost::system::errc::file_too_large);
        break;
      }
      Grow(content, std::min(std::max<std::size_t>(2 * used, 4096), limit), secret);
    }
    const ssize_t n = ::read(fd.get(), content.data() + used, content.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      failure = LastError();
      break;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  if (failure) {
    if (secret) Wipe(content);
    return failure;
  }
  content.resize(used);  // shrinking keeps the buffer: nothing is copied
  return content;
}

Result<void> WriteFileAtomically(const std::filesystem::path& path, std::string_view content,
                                 mode_t mode, WriteMode write_mode) {
  // A unique name: two writers of the same file never share a temporary, and a leftover from
  // a crash (whatever its mode) is never written into.
  std::string temporary = path.string() + ".tmp.XXXXXX";
  UniqueFd fd(::mkostemp(temporary.data(), O_CLOEXEC));
  if (!fd) return LastError();
  const auto fail = [&temporary](boost::system::error_code ec) -> Result<void> {
    ::unlink(temporary.c_str());
    return ec;
  };
  // mkostemp creates the file 0600; fchmod makes the mode exact before any byte lands.
  if (::fchmod(fd.get(), mode) != 0) return fail(LastError());
  if (!WriteAll(fd.get(), content.data(), content.size())) return fail(LastError());
  if (::fsync(fd.get()) != 0) return fail(LastError());
  if (!fd.Close()) return fail(LastError());
  return PlaceFile(temporary, path, write_mode);
}

Result<void> MoveFileDurably(const std::filesystem::path& written,
                             const std::filesystem::path& path, WriteMode write_mode) {
  const auto fail = [&written](boost::system::error_code ec) -> Result<void> {
    ::unlink(written.c_str());
    return ec;
  };
  // Whoever wrote the file (SQLite, another library) may not have synced it: its bytes must be
  // on disk before its name says it is complete.
  UniqueFd fd(::open(written.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd) return fail(LastError());
  if (::fsync(fd.get()) != 0) return fail(LastError());
  if (!fd.Close()) return fail(LastError());
  return PlaceFile(written.string(), path, write_mode);
}

Result<void> WriteFileAtomically(const std::filesystem::path& path,
                                 std::span<const std::uint8_t> content, mode_t mode,
                                 WriteMode write_mode) {
  return WriteFileAtomically(
      path, std::string_view(reinterpret_cast<const char*>(content.data()), content.size()), mode,
      write_mode);
}

}  // namespace minegate::base
