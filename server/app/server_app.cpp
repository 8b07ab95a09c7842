#include "server/app/server_app.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <csignal>
#include <exception>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "base/log.hpp"
#include "server/tls/fingerprint.hpp"
#include "server/tls/server_context.hpp"

namespace minegate::server {
namespace {

/// A certificate closer than this to its expiry is worth a warning at every start.
constexpr auto kExpiryWarning = std::chrono::hours(24 * 30);

std::string Describe(const boost::asio::ip::tcp::endpoint& endpoint) {
  std::ostringstream out;
  out << endpoint;  // [::1]:8443 for IPv6
  return out.str();
}

}  // namespace

ServerApp::ServerApp(Config config, net::NetOptions net_options)
    : config_(std::move(config)),
      net_options_(std::move(net_options)),
      net_metrics_(metrics_),
      io_(static_cast<int>(config_.threads)) {
  net_options_.allow_plain = config_.plain_http;
  AddBuiltinRoutes();
}

ServerApp::~ServerApp() {
  // Connections still open hold references to the router and metrics: close them first.
  if (net_) net_->Stop();
}

void ServerApp::AddBuiltinRoutes() {
  router_.Add("GET", "/healthz", [](const net::HttpRequest&, const net::PathParams&) {
    return net::HttpResponse::Text(200, "ok\n");
  });
  router_.Add("GET", "/metrics", [this](const net::HttpRequest&, const net::PathParams&) {
    net::HttpResponse response = net::HttpResponse::Text(200, metrics_.RenderText());
    response.content_type = std::string(metrics::Registry::kContentType);
    return response;
  });
}

void ServerApp::Start() {
  if (net_) throw std::logic_error("ServerApp::Start: déjà démarré / already started");
  const std::string error = ValidateConfig(config_);
  if (!error.empty()) throw std::runtime_error(error);
  const auto address = boost::asio::ip::make_address(config_.listen_address);

  tls::IdentityConfig identity_config;
  identity_config.data_dir = config_.data_dir;
  identity_config.certificate_file = config_.tls_certificate;
  identity_config.key_file = config_.tls_key;
  identity_config.host_names = config_.host_names;
  // Kiosks reaching a specific address need it in the certificate too.
  if (!address.is_unspecified() && !address.is_loopback()) {
    identity_config.host_names.push_back(address.to_string());
  }
  auto identity = tls::LoadOrCreateServerIdentity(identity_config);
  if (!identity) {
    const std::string files = config_.tls_certificate.empty() ? config_.data_dir.string()
                                                              : config_.tls_certificate.string() +
                                                                    ", " + config_.tls_key.string();
    throw std::runtime_error("identité TLS / TLS identity (" + files +
                             "): " + identity.error().message());
  }
  identity_ = std::move(identity).value();
  auto fingerprint = tls::CertificateSha256Fingerprint(identity_->certificate_pem);
  if (!fingerprint) throw std::runtime_error(fingerprint.error().message());
  fingerprint_ = std::move(fingerprint).value();

  const std::string certificate_file = identity_->certificate_file.string();
  switch (identity_->source) {
    case tls::IdentitySource::kGenerated:
      base::LogInfo("certificate_generated", {{"file", base::LogText(certificate_file)}});
      break;
    case tls::IdentitySource::kReused:
      base::LogInfo("certificate_reused", {{"file", base::LogText(certificate_file)}});
      break;
    case tls::IdentitySource::kConfigured:
      base::LogInfo("certificate_configured", {{"file", base::LogText(certificate_file)}});
      break;
  }
  // Enrolment files made offline (minegatectl device enroll) pin what is served now.
  if (auto recorded = tls::RecordServedCertificate(config_.data_dir, *identity_); !recorded) {
    throw std::runtime_error("identité TLS / TLS identity (" +
                             (config_.data_dir / tls::kServedCertificateFile).string() +
                             "): " + recorded.error().message());
  }
  // Operators copy it into kiosk enrolments: printed at every start.
  base::LogInfo("certificate_fingerprint", {{"sha256", base::LogText(fingerprint_)}});
  for (const auto& host : identity_->uncovered_host_names) {
    if (identity_->source == tls::IdentitySource::kConfigured) {
      base::LogWarning("certificate_does_not_cover", {{"host", base::LogText(host)}});
    } else {
      // A generated certificate is made again, with the new names, once its file is deleted.
      base::LogWarning("certificate_does_not_cover",
                       {{"host", base::LogText(host)},
                        {"delete_to_regenerate", base::LogText(certificate_file)}});
    }
  }
  // Kiosks pin the certificate and accept it expired (tls_connect.cpp); the officials' browsers
  // and any client that checks dates do not: said while there is time, and once it is late.
  const auto left = identity_->not_after - std::chrono::system_clock::now();
  if (left <= std::chrono::system_clock::duration::zero()) {
    base::LogWarning("certificate_expired", {{"file", base::LogText(certificate_file)}});
  } else if (left < kExpiryWarning) {
    base::LogWarning("certificate_expires_soon", {{"within_days", 30}});
  }

  auto context = tls::MakeServerContext(*identity_);
  if (!context)
    throw std::runtime_error("contexte TLS / TLS context: " + context.error().message());
  tls_context_ = std::move(context).value();

  net_ = std::make_unique<net::NetServer>(io_, router_, tls_context_, net_options_, &net_metrics_);
  auto bound = net_->Listen(boost::asio::ip::tcp::endpoint(address, config_.port));
  if (!bound) {
    throw std::runtime_error("écoute impossible sur / cannot listen on " + config_.listen_address +
                             ":" + std::to_string(config_.port) + ": " + bound.error().message());
  }
  port_ = bound.value().port();
  base::LogInfo(
      "listening",
      {{"address", base::LogText(Describe(bound.value()))},
       {"schemes", base::LogText(config_.plain_http ? "https,wss,http,ws" : "https,wss")}});
}

void ServerApp::HandleStopSignals() {
  if (signals_) return;
  signals_.emplace(io_, SIGINT, SIGTERM);
  signals_->async_wait([this](const boost::system::error_code& ec, int signal) {
    if (ec) return;  // cancelled by Stop()
    base::LogInfo("stopping", {{"signal", base::LogText(signal == SIGINT ? "SIGINT" : "SIGTERM")}});
    Stop();
  });
}

void ServerApp::Run() {
  if (!net_) throw std::logic_error("ServerApp::Run avant / before Start");
  auto run = [this] {
    // No handler lets an exception escape; should one ever, log it and keep serving.
    while (true) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        base::LogError("io_thread_exception", {{"what", base::LogText(e.what())}});
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(config_.threads - 1);
  for (unsigned i = 1; i < config_.threads; ++i) threads.emplace_back(run);
  run();
  for (auto& thread : threads) thread.join();
}

void ServerApp::Stop() {
  if (stop_requested_.exchange(true)) return;
  if (net_) net_->Stop();
  // The signal set belongs to the I/O threads: cancel it there.
  boost::asio::post(io_, [this] {
    if (signals_) signals_->cancel();
  });
}

}  // namespace minegate::server
