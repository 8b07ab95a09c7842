#include "server/admin/internal/key_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include "proto/credential/hex.hpp"
#include "server/admin/internal/sodium.hpp"

namespace minegate::server::admin::internal {
namespace {

/// Closes a descriptor on every path out.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  /// Closes now and reports whether the close (which can report a write error) succeeded.
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool SyncDirectory(const std::filesystem::path& directory) {
  Fd fd(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  return fd.get() >= 0 && ::fsync(fd.get()) == 0;
}

}  // namespace

Result<bool> CreateFileAtomically(const std::filesystem::path& path, std::string_view contents,
                                  mode_t mode) {
  if (!SodiumReady()) return Errc::crypto_unavailable;
  std::array<std::uint8_t, 8> random{};
  randombytes_buf(random.data(), random.size());
  std::filesystem::path temporary = path;
  temporary += ".tmp-" + credential::ToHex(random);

  Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
  if (fd.get() < 0) return Errc::key_file_io;
  // The umask may have removed bits from `mode`; it must never have added any, but be exact.
  const bool written = ::fchmod(fd.get(), mode) == 0 && WriteAll(fd.get(), contents) &&
                       ::fsync(fd.get()) == 0 && fd.Close();
  if (!written) {
    ::unlink(temporary.c_str());
    return Errc::key_file_io;
  }
  const bool linked = ::link(temporary.c_str(), path.c_str()) == 0;
  const int link_error = errno;
  ::unlink(temporary.c_str());
  if (!linked) {
    if (link_error == EEXIST) return false;
    return Errc::key_file_io;
  }
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : ".";
  if (!SyncDirectory(directory)) return Errc::key_file_io;
  return true;
}

Result<std::optional<std::string>> ReadKeyFile(const std::filesystem::path& path,
                                               std::size_t max_bytes, bool owner_only) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    if (errno == ENOENT) return std::optional<std::string>();
    return Errc::key_file_io;
  }
  struct stat status {};
  if (::fstat(fd.get(), &status) != 0 || !S_ISREG(status.st_mode)) return Errc::key_file_io;
  if (owner_only && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0) return Errc::key_file_insecure;
  if (static_cast<std::size_t>(status.st_size) > max_bytes) return Errc::key_file_corrupt;
  std::string contents(max_bytes + 1, '\0');
  std::size_t filled = 0;
  for (;;) {
    const ssize_t got = ::read(fd.get(), contents.data() + filled, contents.size() - filled);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      sodium_memzero(contents.data(), contents.size());
      return Errc::key_file_io;
    }
    if (got == 0) break;
    filled += static_cast<std::size_t>(got);
    if (filled > max_bytes) {
      sodium_memzero(contents.data(), contents.size());
      return Errc::key_file_corrupt;
    }
  }
  contents.resize(filled);
  return std::optional<std::string>(std::move(contents));
}

}  // namespace minegate::server::admin::internal
