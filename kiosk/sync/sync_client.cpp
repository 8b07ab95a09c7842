#include "kiosk/sync/sync_client.hpp"

#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <random>

#include "base/clock.hpp"
#include "kiosk/server_link/sync_socket.hpp"
#include "kiosk/server_link/tls_error.hpp"
#include "kiosk/sync/sync_machine.hpp"

namespace minegate::kiosk::sync {

namespace asio = boost::asio;
using boost::system::error_code;

/// The SyncLink of the real client: one SyncSocket at a time, one steady_timer per SyncTimer.
/// Held by shared_ptr so that a handler still queued after the client is gone finds it alive
/// and does nothing; each handler also checks that its socket or timer setting is current.
class SyncClient::Impl final : public SyncLink, public std::enable_shared_from_this<Impl> {
 public:
  Impl(asio::io_context& io, SyncStore& store, const credential::SigningKey& key,
       SyncOptions options)
      : io_(io),
        server_(options.server),
        idle_timeout_(options.idle_timeout),
        machine_(*this, store, key, std::move(options), base::NowMs, std::random_device{}()),
        timers_{asio::steady_timer(io), asio::steady_timer(io), asio::steady_timer(io)} {}

  SyncClient::OnChange on_change;
  SyncMachine& machine() { return machine_; }

  Result<void> Start() {
    if (machine_.status().running) return boost::outcome_v2::success();
    if (auto checked = machine_.CheckOptions(); !checked) return checked;
    // The caller refuses to start on this error (KioskApp stops): nothing to show in the status.
    auto endpoint = ToEndpoint(server_);
    if (!endpoint) return endpoint.error();
    endpoint_ = endpoint.value();
    return machine_.Start();
  }

  void Notify() {
    if (!machine_.ready() || pump_posted_) return;
    // Posted: the caller may be in the middle of recording more events.
    pump_posted_ = true;
    asio::post(io_, [weak = weak_from_this()] {
      auto self = weak.lock();
      if (!self) return;
      self->pump_posted_ = false;
      self->machine_.Pump();
    });
  }

  // ------------------------------------------------------------------ SyncLink

  void Open() override {
    if (socket_) socket_->Close();
    net::SyncSocketOptions options;
    options.endpoint = endpoint_;
    options.idle_timeout = idle_timeout_;
    // A closed socket calls no handler, so whatever arrives comes from the current one.
    std::weak_ptr<Impl> weak = weak_from_this();
    net::SyncSocket::Handlers handlers;
    handlers.on_open = [weak] {
      if (auto self = weak.lock()) self->machine_.OnOpen();
    };
    handlers.on_message = [weak](std::string message) {
      auto self = weak.lock();
      if (!self) return;
      v1::ServerFrame frame;
      if (!frame.ParseFromString(message)) return self->machine_.OnBadFrame();
      self->machine_.OnFrame(frame);
    };
    handlers.on_closed = [weak](error_code ec) {
      auto self = weak.lock();
      if (!self) return;
      self->socket_.reset();
      self->machine_.OnClosed(ec);
    };
    socket_ = net::SyncSocket::Connect(io_, std::move(options), std::move(handlers));
  }

  bool Send(const v1::KioskFrame& frame) override {
    return socket_ && socket_->Send(frame.SerializeAsString());
  }

  void Close() override {
    if (socket_) socket_->Close();
    socket_.reset();
  }

  void StartTimer(SyncTimer timer, std::chrono::milliseconds delay) override {
    const auto index = static_cast<std::size_t>(timer);
    const std::uint64_t setting = ++settings_[index];
    timers_[index].expires_after(delay);
    timers_[index].async_wait([weak = weak_from_this(), timer, index, setting](error_code ec) {
      auto self = weak.lock();
      if (ec || !self || self->settings_[index] != setting) return;
      self->machine_.OnTimer(timer);
    });
  }

  void CancelTimer(SyncTimer timer) override {
    const auto index = static_cast<std::size_t>(timer);
    ++settings_[index];
    timers_[index].cancel();
  }

  void Changed(SyncChange change) override {
    if (on_change) on_change(change);
  }

 private:
  asio::io_context& io_;
  ServerAddress server_;
  std::chrono::milliseconds idle_timeout_;
  net::TlsEndpoint endpoint_;
  SyncMachine machine_;
  std::array<asio::steady_timer, 3> timers_;
  /// Changes with every setting of a timer, so that a handler of an earlier one is ignored.
  std::array<std::uint64_t, 3> settings_{};
  std::shared_ptr<net::SyncSocket> socket_;
  bool pump_posted_ = false;
};

SyncClient::SyncClient(asio::io_context& io, SyncStore& store, const credential::SigningKey& key,
                       SyncOptions options)
    : impl_(std::make_shared<Impl>(io, store, key, std::move(options))) {}

SyncClient::~SyncClient() {
  impl_->on_change = nullptr;
  impl_->machine().Stop();
}

void SyncClient::set_on_change(OnChange on_change) { impl_->on_change = std::move(on_change); }

Result<void> SyncClient::Start() { return impl_->Start(); }

void SyncClient::Stop() { impl_->machine().Stop(); }

void SyncClient::Notify() { impl_->Notify(); }

bool SyncClient::Ask(const v1::KioskFrame& question) { return impl_->machine().Ask(question); }

void SyncClient::set_on_answer(std::function<void(const v1::ServerFrame&)> handler) {
  impl_->machine().set_on_answer(std::move(handler));
}

const SyncStatus& SyncClient::status() const { return impl_->machine().status(); }

}  // namespace minegate::kiosk::sync
