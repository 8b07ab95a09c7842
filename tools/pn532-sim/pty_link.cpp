#include "tools/pn532-sim/pty_link.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace minegate::pn532sim {
namespace {

std::string SystemError(const std::string& what) { return what + ": " + std::strerror(errno); }

/// Points `link_path` at `target` atomically: a client never sees the path missing while a
/// stale link from a previous run is being replaced.
Status PublishSymlink(const std::string& link_path, const std::string& target) {
  struct stat info {};
  if (::lstat(link_path.c_str(), &info) == 0 && !S_ISLNK(info.st_mode)) {
    return Status::Error(
        "le chemin existe et n'est pas un lien symbolique / the path exists "
        "and is not a symlink: " +
        link_path);
  }
  const std::string temporary = link_path + ".new";
  ::unlink(temporary.c_str());
  if (::symlink(target.c_str(), temporary.c_str()) != 0) {
    return Status::Error(SystemError("lien impossible / cannot create symlink " + temporary));
  }
  if (::rename(temporary.c_str(), link_path.c_str()) != 0) {
    const Status error = Status::Error(SystemError("lien impossible / cannot rename " + temporary));
    ::unlink(temporary.c_str());
    return error;
  }
  return Status::Ok();
}

}  // namespace

std::unique_ptr<PtyLink> PtyLink::Open(const std::string& link_path, Status& status) {
  UniqueFd master(::posix_openpt(O_RDWR | O_NOCTTY));
  if (!master.valid() || ::grantpt(master.get()) != 0 || ::unlockpt(master.get()) != 0) {
    status = Status::Error(SystemError("pty indisponible / pty unavailable"));
    return nullptr;
  }
  const char* name = ::ptsname(master.get());
  if (name == nullptr) {
    status = Status::Error(SystemError("ptsname"));
    return nullptr;
  }
  std::string slave_path = name;
  UniqueFd slave(::open(slave_path.c_str(), O_RDWR | O_NOCTTY));
  termios settings{};
  if (!slave.valid() || ::tcgetattr(slave.get(), &settings) != 0) {
    status = Status::Error(SystemError("ouverture de " + slave_path + " / cannot open"));
    return nullptr;
  }
  // Raw before any client opens it: no echo, no line discipline, no CR/LF translation.
  ::cfmakeraw(&settings);
  ::cfsetispeed(&settings, B115200);
  ::cfsetospeed(&settings, B115200);
  if (::tcsetattr(slave.get(), TCSANOW, &settings) != 0) {
    status = Status::Error(SystemError("mode brut impossible / cannot set raw mode"));
    return nullptr;
  }
  const int flags = ::fcntl(master.get(), F_GETFL);
  if (flags < 0 || ::fcntl(master.get(), F_SETFL, flags | O_NONBLOCK) != 0) {
    status = Status::Error(SystemError("fcntl O_NONBLOCK"));
    return nullptr;
  }
  status = PublishSymlink(link_path, slave_path);
  if (!status.ok()) return nullptr;
  return std::unique_ptr<PtyLink>(
      new PtyLink(link_path, std::move(slave_path), std::move(master), std::move(slave)));
}

PtyLink::PtyLink(std::string link_path, std::string slave_path, UniqueFd master, UniqueFd slave)
    : link_path_(std::move(link_path)),
      slave_path_(std::move(slave_path)),
      master_(std::move(master)),
      slave_(std::move(slave)) {}

PtyLink::~PtyLink() {
  // Only remove the link if it is still ours: a later emulator may have taken the path over.
  char target[4096];
  const ssize_t length = ::readlink(link_path_.c_str(), target, sizeof(target) - 1);
  if (length > 0 && std::string(target, static_cast<std::size_t>(length)) == slave_path_) {
    ::unlink(link_path_.c_str());
  }
}

}  // namespace minegate::pn532sim
