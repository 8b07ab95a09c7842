#include "kiosk/app/page_url_file.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "kiosk/net/ui_http_policy.hpp"

namespace minegate::kiosk::app {
namespace {

std::string SystemError(const std::string& what) { return what + ": " + std::strerror(errno); }

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

}  // namespace

std::filesystem::path PageUrlPath(const std::filesystem::path& data_dir) {
  return data_dir / "page-url";
}

std::string MakePageToken() {
  std::array<std::uint8_t, net::kPageTokenBytes> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  std::array<char, net::kPageTokenHexChars + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
  std::string token(hex.data(), net::kPageTokenHexChars);
  sodium_memzero(bytes.data(), bytes.size());
  sodium_memzero(hex.data(), hex.size());
  return token;
}

std::string PageUrl(const std::string& address, std::uint16_t port, const std::string& token) {
  const bool v6 = address.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port) +
         "/#token=" + token;
}

bool WritePageUrlFile(const std::filesystem::path& data_dir, const std::string& url,
                      std::string& error) {
  const std::filesystem::path path = PageUrlPath(data_dir);
  const std::filesystem::path temporary = path.string() + ".tmp";
  // A leftover from a crash may have other permissions: never write into it.
  ::unlink(temporary.c_str());
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    error = SystemError(
        "écriture de l'adresse de la page impossible / cannot write the page's "
        "address (" +
        temporary.string() + ")");
    return false;
  }
  const std::string line = url + "\n";
  // The umask may only have narrowed 0600; fchmod makes the mode exact whatever it was.
  const bool written =
      ::fchmod(fd, 0600) == 0 && WriteAll(fd, line.data(), line.size()) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed || ::rename(temporary.c_str(), path.c_str()) != 0) {
    error = SystemError(
        "écriture de l'adresse de la page impossible / cannot write the page's "
        "address (" +
        path.string() + ")");
    ::unlink(temporary.c_str());
    return false;
  }
  const int dir = ::open(data_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return true;
}

}  // namespace minegate::kiosk::app
