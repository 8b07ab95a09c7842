#include "kiosk/app/private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace minegate::kiosk::app {
namespace {

bool WriteAll(int fd, const std::uint8_t* data, std::size_t size) {
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

}  // namespace

bool WritePrivateFile(const std::filesystem::path& path, std::span<const std::uint8_t> bytes,
                      const std::string& what, std::string& error) {
  const std::filesystem::path temporary = path.string() + ".tmp";
  const auto fail = [&](const std::filesystem::path& where) {
    error = what + " (" + where.string() + "): " + std::strerror(errno);
    ::unlink(temporary.c_str());
    return false;
  };
  // A leftover from a crash may have other permissions: never write into it.
  ::unlink(temporary.c_str());
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return fail(temporary);
  // The umask may only have narrowed 0600; fchmod makes the mode exact whatever it was.
  const bool written =
      ::fchmod(fd, 0600) == 0 && WriteAll(fd, bytes.data(), bytes.size()) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || ::rename(temporary.c_str(), path.c_str()) != 0) return fail(path);
  const int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

}  // namespace minegate::kiosk::app
