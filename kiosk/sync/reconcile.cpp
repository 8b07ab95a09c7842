#include "kiosk/sync/reconcile.hpp"

#include "kiosk/sync/signed_get.hpp"

namespace minegate::kiosk::sync {

void AsyncReconcile(boost::asio::io_context& io, const ServerAddress& server,
                    const credential::SigningKey& key, const std::string& device_id,
                    std::function<void(Answer<v1::ReconcileReport>)> done,
                    std::chrono::milliseconds timeout) {
  AsyncSignedGet<v1::ReconcileReport>(io, server, key, device_id,
                                      "/v1/devices/" + device_id + "/reconcile", std::move(done),
                                      timeout);
}

}  // namespace minegate::kiosk::sync
