#pragma once
/// The registry as the ingest validator's second stage reads it: on the writer
/// thread, through the writer's connection and inside its transaction, so that
/// no database work runs on a network thread and the answer agrees with what
/// the batch is stored against. Not thread-safe: one per batch check. Its queries run for
/// every event and come from the connection's statement cache (db::CachedQueryFirst,
/// db::CachedExists).

#include "db/connection.hpp"
#include "server/ingest/event_validator.hpp"

namespace minegate::server {

class WriterRegistryView final : public RegistryView {
 public:
  explicit WriterRegistryView(db::Connection& connection) : connection_(connection) {}

  IngestResult<std::optional<std::uint32_t>> GateSite(std::uint32_t gate_id) override;
  IngestResult<std::optional<v1::AgentRole>> KioskAgentRole(const std::string& user_id,
                                                            std::uint32_t site_id,
                                                            std::int64_t at_ms) override;
  IngestResult<bool> IsSiteCampaign(const std::string& campaign_id, std::uint32_t site_id) override;
  IngestResult<std::optional<credential::TrustedKey>> TrustedKey(
      const credential::KeyId& key_id) override;
  IngestResult<HolderAge> CardHolderAge(const std::string& person_token,
                                        std::int64_t at_ms) override;

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server
