#pragma once
/// Feeds the network layer's events into the metrics registry: the connected-kiosks gauge and
/// the rejected-frame and dropped-connection counters, by reason.

#include "server/metrics/registry.hpp"
#include "server/net/net_options.hpp"

namespace minegate::server {

class NetMetrics final : public net::NetObserver {
 public:
  /// Registers minegate_connected_kiosks, minegate_rejected_frames_total{reason} and
  /// minegate_dropped_connections_total{reason}, every reason at 0 (including "malformed",
  /// which the sync protocol counts).
  explicit NetMetrics(metrics::Registry& registry);

  void OnStreamOpened() override { connected_kiosks_.Increment(); }
  void OnStreamClosed() override { connected_kiosks_.Decrement(); }
  void OnFrameRejected(net::RejectedFrame reason) override;
  void OnConnectionDropped(net::DroppedConnection reason) override;

  /// The rejected-frames family, for the protocol's own reasons (e.g. "malformed").
  metrics::Counter& rejected_frames() { return rejected_frames_; }

 private:
  metrics::Gauge& connected_kiosks_;
  metrics::Counter& rejected_frames_;
  metrics::Counter& dropped_connections_;
};

}  // namespace minegate::server
