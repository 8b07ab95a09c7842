#include "server/app/services.hpp"

#include "server/gateway/officials_gateway.hpp"

namespace minegate::server {

std::unique_ptr<Services> RegisterServices(ServerApp& app, const Config& config) {
  auto services = std::make_unique<Services>();
  services->sync = SyncServices::Start(app, config);
  services->officials = OfficialServices::Start(app, config, *services->sync);
  gateway::CheckRoutesMatchTable(app.router());
  return services;
}

}  // namespace minegate::server
