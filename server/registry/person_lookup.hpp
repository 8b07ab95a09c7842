#pragma once
/// The one person-level read a gate agent may make: find the record of someone
/// whose bracelet was lost, to write a replacement. It answers the least that
/// lets the agent recognise her or him (given name, sex, birth year, site of
/// registration) for at most kMaxCandidates people, and records every call in
/// person_reads for the audit log, in the same transaction.
/// Threading: uses its connection, so it belongs to that connection's thread
/// (the server's writer thread: it writes the audit record).

#include <cstdint>
#include <string_view>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/registry/registry_error.hpp"

namespace minegate::server::registry {

inline constexpr int kMaxCandidates = 5;

class PersonLookup {
 public:
  explicit PersonLookup(db::Connection& connection) : connection_(connection) {}

  /// Errc::bad_query (no given name, a year outside 1900..2100, no sex),
  /// agent_not_allowed (not an active gate agent of the device's site).
  Result<v1::PersonCandidates> FindForReplacement(std::string_view device_id,
                                                  const v1::PersonCandidatesQuery& query,
                                                  std::int64_t now_ms);

 private:
  db::Connection& connection_;
};

}  // namespace minegate::server::registry
