#include "tools/pn532-sim/emulator.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "tools/pn532-sim/control_commands.hpp"

namespace minegate::pn532sim {

std::unique_ptr<Emulator> Emulator::Create(const Options& options, const Logger& log,
                                           Status& status) {
  std::unique_ptr<Emulator> emulator(new Emulator(options, log));
  emulator->link_ = PtyLink::Open(options.link_path, status);
  if (!status.ok()) return nullptr;
  if (!options.control_path.empty()) {
    emulator->control_ = ControlServer::Open(options.control_path, status);
    if (!status.ok()) return nullptr;
  }
  if (options.tag_model) {
    status = emulator->field_.Place(*options.tag_model, options.tag_uid);
    if (!status.ok()) return nullptr;
  }
  return emulator;
}

Emulator::Emulator(const Options& options, const Logger& log)
    : options_(options), log_(log), chip_(field_, faults_, log_), protocol_(chip_, faults_, log_) {}

Status Emulator::Run(int stop_fd) {
  log_.Info("prêt / ready: " + options_.link_path + " -> " + link_->slave_path());
  while (true) {
    std::vector<pollfd> fds;
    fds.push_back({stop_fd, POLLIN, 0});
    const bool plugged = link_ != nullptr;
    if (plugged) {
      const short events = static_cast<short>(POLLIN | (host_output_.empty() ? 0 : POLLOUT));
      fds.push_back({link_->master_fd(), events, 0});
    }
    const std::size_t control_start = fds.size();
    if (control_) {
      const std::vector<pollfd> control_fds = control_->PollFds();
      fds.insert(fds.end(), control_fds.begin(), control_fds.end());
    }
    const int ready = ::poll(fds.data(), fds.size(), PollTimeoutMs(Clock::now()));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return Status::Error(std::string("poll: ") + std::strerror(errno));
    }
    if ((fds[0].revents & POLLIN) != 0) return Status::Ok();
    const Clock::time_point now = Clock::now();
    if (plugged && link_ != nullptr) {
      if ((fds[1].revents & POLLIN) != 0) ReadHost(now);
      if ((fds[1].revents & POLLOUT) != 0) FlushHostOutput();
    }
    if (const auto deadline = protocol_.NextDeadline(); deadline && now >= *deadline) {
      SendToHost(protocol_.OnTimer(now));
    }
    if (control_) {
      control_->Service(std::span(fds).subspan(control_start), [this](std::string_view line) {
        // Commands that change something are always logged; queries only with --verbose.
        const std::string entry = "contrôle / control: " + std::string(line);
        if (line.starts_with("status") || line.starts_with("dump") || line.starts_with("help")) {
          log_.Debug(entry);
        } else {
          log_.Info(entry);
        }
        std::string reply = ExecuteControlLine(line, *this);
        log_.Debug("réponse / reply: " + reply);
        return reply;
      });
    }
  }
}

Status Emulator::PlaceTag(TagModel model, std::optional<Bytes> uid,
                          const std::optional<Bytes>& image) {
  Status status = field_.Place(model, std::move(uid), image);
  if (status.ok()) SendToHost(protocol_.OnFieldChanged(Clock::now()));
  return status;
}

bool Emulator::RemoveTag() {
  const bool removed = field_.Remove();
  SendToHost(protocol_.OnFieldChanged(Clock::now()));
  return removed;
}

std::optional<Bytes> Emulator::DumpTag(bool raw) const {
  const Tag* tag = field_.present();
  if (tag == nullptr) return std::nullopt;
  return raw ? tag->RawImage() : tag->ReadableImage();
}

Status Emulator::Unplug() {
  if (link_ == nullptr) return Status::Error("déjà débranché / already unplugged");
  link_.reset();  // symlink removed first, then both pty sides closed
  host_output_.clear();
  protocol_.Reset();
  chip_.PowerOnReset();
  log_.Info("lecteur débranché / reader unplugged");
  return Status::Ok();
}

Status Emulator::Replug() {
  if (link_ != nullptr) return Status::Error("déjà branché / already plugged in");
  Status status = Status::Ok();
  link_ = PtyLink::Open(options_.link_path, status);
  if (status.ok()) log_.Info("lecteur rebranché / reader plugged in: " + link_->slave_path());
  return status;
}

std::string Emulator::Describe() const {
  std::string text = link_ ? "plugged=yes" : "plugged=no";
  text += " link=" + options_.link_path;
  text += " pty=" + (link_ ? link_->slave_path() : std::string("none"));
  const Tag* tag = field_.present();
  if (tag != nullptr) {
    text += " tag=" + std::string(TagModelName(tag->Model())) + " uid=" + ToHex(tag->Uid());
  } else {
    text += " tag=none";
  }
  text += " " + chip_.Describe();
  text += " faults=" + faults_.Describe();
  return text;
}

void Emulator::ReadHost(Clock::time_point now) {
  std::uint8_t buffer[512];
  while (link_ != nullptr) {
    const ssize_t n = ::read(link_->master_fd(), buffer, sizeof(buffer));
    if (n > 0) {
      SendToHost(protocol_.OnHostBytes(std::span(buffer, static_cast<std::size_t>(n)), now));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // EAGAIN: drained. EIO cannot happen while we hold the slave open; stop reading either way.
    return;
  }
}

void Emulator::SendToHost(const Bytes& bytes) {
  if (bytes.empty() || link_ == nullptr) return;
  host_output_.insert(host_output_.end(), bytes.begin(), bytes.end());
  if (host_output_.size() > kMaxPendingHostOutput) {
    host_output_.erase(host_output_.begin(),
                       host_output_.end() - static_cast<long>(kMaxPendingHostOutput));
  }
  FlushHostOutput();
}

void Emulator::FlushHostOutput() {
  while (!host_output_.empty() && link_ != nullptr) {
    const ssize_t n = ::write(link_->master_fd(), host_output_.data(), host_output_.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // EAGAIN: the host's input queue is full; POLLOUT resumes
    }
    host_output_.erase(host_output_.begin(), host_output_.begin() + n);
  }
}

int Emulator::PollTimeoutMs(Clock::time_point now) const {
  const auto deadline = protocol_.NextDeadline();
  if (!deadline) return -1;
  if (*deadline <= now) return 0;
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(*deadline - now);
  return static_cast<int>(std::min<long long>(wait.count(), 60'000));
}

}  // namespace minegate::pn532sim
