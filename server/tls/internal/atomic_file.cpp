#include "server/tls/internal/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

namespace minegate::server::tls::internal {
namespace {

boost::system::error_code LastError() { return {errno, boost::system::system_category()}; }

/// Closes a descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  /// Closes now and reports whether the close (the last chance for a write error) succeeded.
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

}  // namespace

boost::system::error_code ReadFileBounded(const std::filesystem::path& path, std::size_t max_bytes,
                                          std::string& out) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return LastError();
  out.clear();
  std::vector<char> buffer(16 * 1024);
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return LastError();
    }
    if (n == 0) return {};
    out.append(buffer.data(), static_cast<std::size_t>(n));
    if (out.size() > max_bytes) return make_error_code(boost::system::errc::file_too_large);
  }
}

boost::system::error_code WriteFileAtomically(const std::filesystem::path& path,
                                              const std::string& content, mode_t mode) {
  std::string temporary = path.string() + ".tmp.XXXXXX";
  // mkstemp creates the file 0600; fchmod then sets the requested mode before any byte lands.
  Fd fd(::mkstemp(temporary.data()));
  if (fd.get() < 0) return LastError();
  auto fail = [&temporary](boost::system::error_code ec) {
    ::unlink(temporary.c_str());
    return ec;
  };
  if (::fchmod(fd.get(), mode) != 0) return fail(LastError());
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd.get(), content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(LastError());
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail(LastError());
  if (!fd.Close()) return fail(LastError());
  if (::rename(temporary.c_str(), path.c_str()) != 0) return fail(LastError());

  // The rename itself is durable only once the directory is synced.
  const std::filesystem::path directory =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  Fd dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return LastError();
  if (::fsync(dir.get()) != 0) return LastError();
  return {};
}

}  // namespace minegate::server::tls::internal
