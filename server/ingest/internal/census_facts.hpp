#pragma once
/// The facts each census observation carries for its campaign's breakdowns (schema 0014): the
/// person's registration (sex, birth year, nationality, occupation) and her first verified entry
/// at the observation's site. Kept whatever the order events arrive in: an observation takes
/// what is on file when it is projected; a registration projected later fills the observations
/// of its person; an entry earlier than the one on file lowers it. So the table is the same as
/// a rebuild's, in any arrival order. Not thread-safe: owned by the projector, on its
/// connection's thread.

#include <cstdint>
#include <memory>
#include <optional>

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "minegate/v1/events.pb.h"

namespace minegate::server::internal {

class CensusFacts {
 public:
  static db::Result<std::unique_ptr<CensusFacts>> Create(db::Connection& connection);

  /// A CensusObserved at its log position (a person is observed once a campaign: a repeat is
  /// ignored).
  db::Result<void> Observe(std::int64_t log_position, const v1::Event& event);
  /// A PersonRegistered newly projected: the facts of her observations made before it arrived.
  db::Result<void> Registered(const v1::PersonRegistered& person);
  /// A verified entry of `person_token` at `site_id` at `at_ms`.
  db::Result<void> Entered(const std::string& person_token, std::int64_t site_id,
                           std::int64_t at_ms);

 private:
  explicit CensusFacts(db::Connection& connection) : connection_(connection) {}
  db::Result<void> Prepare();

  db::Connection& connection_;
  std::optional<db::Statement> observe_;
  std::optional<db::Statement> registered_;
  std::optional<db::Statement> entered_;
};

}  // namespace minegate::server::internal
