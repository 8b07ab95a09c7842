#pragma once
/// minegate-server's process: the I/O context and threads, the TLS identity and context, the
/// router, the metrics registry and the network server. The caller registers routes and
/// streams, then Start()s and Run()s:
///
///   ServerApp app(config);
///   app.router().AddStream("/v1/kiosk/stream", factory);   // and routes
///   app.Start();                                            // throws on start-up failure
///   app.HandleStopSignals();
///   app.Run();                                              // until Stop() or a signal
///
/// It serves GET /healthz and GET /metrics itself.

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "server/app/config.hpp"
#include "server/app/net_metrics.hpp"
#include "server/metrics/registry.hpp"
#include "server/net/net_options.hpp"
#include "server/net/net_server.hpp"
#include "server/net/router.hpp"
#include "server/tls/identity.hpp"

namespace minegate::server {

class ServerApp {
 public:
  /// Does no I/O. `net_options` carries limits and timeouts (tests shorten them);
  /// `allow_plain` in it is ignored: config.plain_http decides.
  explicit ServerApp(Config config, net::NetOptions net_options = {});
  ~ServerApp();
  ServerApp(const ServerApp&) = delete;
  ServerApp& operator=(const ServerApp&) = delete;

  /// Add routes and streams before Start().
  net::Router& router() { return router_; }
  metrics::Registry& metrics() { return metrics_; }
  /// minegate_rejected_frames_total{reason}: the network layer counts "oversize" and "text";
  /// the protocol adds its own, e.g. Increment({"malformed"}).
  metrics::Counter& rejected_frames() { return net_metrics_.rejected_frames(); }
  /// For timers and posting work of the layers above; run by Run()'s threads.
  boost::asio::io_context& io_context() { return io_; }
  const Config& config() const { return config_; }

  /// Loads or generates the TLS identity (logging a generated one with its fingerprint),
  /// builds the TLS context, binds the listen address and logs
  /// "minegate-server: en écoute / listening on ADDRESS:PORT". Throws std::runtime_error
  /// with a bilingual message on failure; call once.
  void Start();
  /// SIGINT and SIGTERM call Stop(). Call before Run().
  void HandleStopSignals();
  /// Runs the I/O threads (config.threads, this one included) until Stop() has closed every
  /// connection. Requires Start().
  void Run();
  /// Stops accepting and closes every connection (bounded by NetOptions::close_timeout), after
  /// which Run() returns. Thread-safe, idempotent; also fine before Run().
  void Stop();

  /// The bound port (the actual one when config.port is 0). After Start().
  std::uint16_t port() const { return port_; }
  /// After Start().
  const tls::ServerIdentity& identity() const { return *identity_; }
  /// SHA-256 of the served certificate, lower-case hex, for kiosks that pin it. After Start().
  const std::string& certificate_fingerprint() const { return fingerprint_; }
  /// WebSocket streams open now.
  std::size_t open_streams() const { return net_ ? net_->open_streams() : 0; }

 private:
  void AddBuiltinRoutes();

  const Config config_;
  net::NetOptions net_options_;
  metrics::Registry metrics_;
  NetMetrics net_metrics_;
  net::Router router_;
  std::optional<tls::ServerIdentity> identity_;
  std::string fingerprint_;
  std::shared_ptr<boost::asio::ssl::context> tls_context_;
  std::uint16_t port_ = 0;
  /// Declared after everything its pending handlers may use, so destroyed before them.
  boost::asio::io_context io_;
  std::unique_ptr<net::NetServer> net_;
  std::optional<boost::asio::signal_set> signals_;
  std::atomic<bool> stop_requested_{false};
};

}  // namespace minegate::server
