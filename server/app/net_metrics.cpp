#include "server/app/net_metrics.hpp"

#include <string>

namespace minegate::server {

NetMetrics::NetMetrics(metrics::Registry& registry)
    : connected_kiosks_(
          registry.AddGauge("minegate_connected_kiosks",
                            "Flux WebSocket ouverts / open WebSocket streams (kiosks connected)")),
      rejected_frames_(registry.AddCounter(
          "minegate_rejected_frames_total",
          "Messages WebSocket refusés, par raison / WebSocket messages refused, by reason",
          {"reason"})),
      dropped_connections_(registry.AddCounter(
          "minegate_dropped_connections_total",
          "Connexions coupées par le serveur, par raison / connections dropped by the server, "
          "by reason",
          {"reason"})) {
  // Present from the first scrape, so that a rate() over them starts at zero.
  for (const auto reason : {net::RejectedFrame::kOversize, net::RejectedFrame::kText}) {
    rejected_frames_.WithLabels({std::string(net::ToString(reason))});
  }
  rejected_frames_.WithLabels({"malformed"});
  for (const auto reason :
       {net::DroppedConnection::kHandshakeTimeout, net::DroppedConnection::kTlsFailed,
        net::DroppedConnection::kPlainRefused, net::DroppedConnection::kSlowReader,
        net::DroppedConnection::kTooManyConnections}) {
    dropped_connections_.WithLabels({std::string(net::ToString(reason))});
  }
}

void NetMetrics::OnFrameRejected(net::RejectedFrame reason) {
  rejected_frames_.Increment({std::string(net::ToString(reason))});
}

void NetMetrics::OnConnectionDropped(net::DroppedConnection reason) {
  dropped_connections_.Increment({std::string(net::ToString(reason))});
}

}  // namespace minegate::server
