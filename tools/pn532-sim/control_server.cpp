#include "tools/pn532-sim/control_server.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

namespace minegate::pn532sim {
namespace {

std::optional<sockaddr_un> AddressOf(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(address.sun_path)) return std::nullopt;
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  return address;
}

bool SomeoneListens(const sockaddr_un& address) {
  UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  return probe.valid() &&
         ::connect(probe.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
}

}  // namespace

std::unique_ptr<ControlServer> ControlServer::Open(const std::string& path, Status& status) {
  const std::optional<sockaddr_un> address = AddressOf(path);
  if (!address) {
    status = Status::Error(
        "chemin de socket invalide ou trop long / socket path invalid or too "
        "long: " +
        path);
    return nullptr;
  }
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0) {
    if (!S_ISSOCK(info.st_mode)) {
      status = Status::Error(
          "le chemin existe et n'est pas une socket / the path exists and is "
          "not a socket: " +
          path);
      return nullptr;
    }
    if (SomeoneListens(*address)) {
      status = Status::Error("socket de contrôle déjà utilisée / control socket already in use: " +
                             path);
      return nullptr;
    }
    ::unlink(path.c_str());
  }
  // Bound under a temporary name and renamed once listening: the path appears only when a
  // connect to it succeeds (bind creates the file before listen, and a client that saw the
  // file in between was refused).
  const std::string temporary = path + ".new";
  const std::optional<sockaddr_un> temporary_address = AddressOf(temporary);
  if (!temporary_address) {
    status = Status::Error(
        "chemin de socket invalide ou trop long / socket path invalid or too "
        "long: " +
        temporary);
    return nullptr;
  }
  ::unlink(temporary.c_str());
  UniqueFd listener(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!listener.valid() ||
      ::bind(listener.get(), reinterpret_cast<const sockaddr*>(&*temporary_address),
             sizeof(*temporary_address)) != 0 ||
      ::listen(listener.get(), static_cast<int>(kMaxClients)) != 0 ||
      ::rename(temporary.c_str(), path.c_str()) != 0) {
    status = Status::Error("socket de contrôle impossible / cannot open control socket " + path +
                           ": " + std::strerror(errno));
    ::unlink(temporary.c_str());
    return nullptr;
  }
  status = Status::Ok();
  return std::unique_ptr<ControlServer>(new ControlServer(path, std::move(listener)));
}

ControlServer::ControlServer(std::string path, UniqueFd listener)
    : path_(std::move(path)), listener_(std::move(listener)) {}

ControlServer::~ControlServer() { ::unlink(path_.c_str()); }

std::vector<pollfd> ControlServer::PollFds() const {
  std::vector<pollfd> fds;
  fds.push_back({listener_.get(), POLLIN, 0});
  for (const auto& client : clients_) {
    const short events = static_cast<short>(POLLIN | (client->output.empty() ? 0 : POLLOUT));
    fds.push_back({client->fd.get(), events, 0});
  }
  return fds;
}

void ControlServer::Service(std::span<const pollfd> ready, const Handler& handler) {
  // `ready` mirrors PollFds(): the listener, then clients_ in order.
  std::vector<bool> keep(clients_.size(), true);
  for (std::size_t i = 1; i < ready.size() && i - 1 < clients_.size(); ++i) {
    Client& client = *clients_[i - 1];
    const short revents = ready[i].revents;
    if ((revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !ReadFrom(client, handler)) {
      keep[i - 1] = false;
      continue;
    }
    if (!Flush(client) || (client.closing && client.output.empty())) keep[i - 1] = false;
  }
  std::vector<std::unique_ptr<Client>> remaining;
  for (std::size_t i = 0; i < clients_.size(); ++i) {
    if (i >= keep.size() || keep[i]) remaining.push_back(std::move(clients_[i]));
  }
  clients_ = std::move(remaining);
  if (!ready.empty() && (ready[0].revents & POLLIN) != 0) Accept();
}

void ControlServer::Accept() {
  while (true) {
    UniqueFd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) return;
    if (clients_.size() >= kMaxClients) continue;  // closed at once: too many clients
    auto client = std::make_unique<Client>();
    client->fd = std::move(fd);
    clients_.push_back(std::move(client));
  }
}

bool ControlServer::ReadFrom(Client& client, const Handler& handler) {
  char buffer[1024];
  while (true) {
    const ssize_t n = ::read(client.fd.get(), buffer, sizeof(buffer));
    if (n == 0) {
      // Orderly shutdown of the client's side: answer what is complete, then close.
      client.closing = true;
      break;
    }
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      if (errno == EINTR) continue;
      return false;
    }
    client.input.append(buffer, static_cast<std::size_t>(n));
    if (client.input.size() > kMaxLineLength * 4) break;  // answered (and dropped) below
  }
  std::size_t newline = 0;
  while ((newline = client.input.find('\n')) != std::string::npos) {
    std::string line = client.input.substr(0, newline);
    client.input.erase(0, newline + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > kMaxLineLength) {
      client.output += "error ligne trop longue / line too long\n";
      client.closing = true;
      return true;
    }
    client.output += handler(line);
    client.output += '\n';
  }
  if (client.input.size() > kMaxLineLength) {
    client.output += "error ligne trop longue / line too long\n";
    client.input.clear();
    client.closing = true;
  }
  return client.output.size() <= kMaxPendingOutput;
}

bool ControlServer::Flush(Client& client) {
  while (!client.output.empty()) {
    const ssize_t n =
        ::send(client.fd.get(), client.output.data(), client.output.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
      if (errno == EINTR) continue;
      return false;
    }
    client.output.erase(0, static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace minegate::pn532sim
