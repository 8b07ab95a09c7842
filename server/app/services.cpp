#include "server/app/services.hpp"

namespace minegate::server {

std::unique_ptr<SyncServices> RegisterServices(ServerApp& app, const Config& config) {
  return SyncServices::Start(app, config);
}

}  // namespace minegate::server
