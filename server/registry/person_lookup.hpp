#pragma once
/// The one person-level read a gate agent may make: find the record of someone
/// whose bracelet was lost, to write a replacement. It answers the least that
/// lets the agent recognise her or him (given name, sex, birth year, site of
/// registration) for at most kMaxCandidates people, and writes every call, answered or
/// refused, to the audit log (server/audit) in the same transaction: the agent as actor
/// (kDevice: vouched for by the signing kiosk), the device as target, the terms, the number
/// of matches and the person tokens of the candidates shown. (person_reads, which held these
/// before the audit log existed, is no longer written.)
/// Threading: uses its connection, so it belongs to that connection's thread
/// (the server's writer thread: it writes the audit record).

#include <cstdint>
#include <string_view>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/registry/registry_error.hpp"

namespace minegate::server::registry {

inline constexpr int kMaxCandidates = 5;
/// The route pattern the audit entries name as their action.
inline constexpr std::string_view kSearchAction = "GET /v1/devices/{id}/person-candidates";

class PersonLookup {
 public:
  explicit PersonLookup(db::Connection& connection) : connection_(connection) {}

  /// Errc::bad_query (no given name, a year outside 1900..2100, no sex),
  /// agent_not_allowed (not an active gate agent of the device's site); both on record.
  Result<v1::PersonCandidates> FindForReplacement(std::string_view device_id,
                                                  const v1::PersonCandidatesQuery& query,
                                                  std::int64_t now_ms);

 private:
  /// The search itself, inside FindForReplacement's transaction; `matched` counts every match.
  Result<v1::PersonCandidates> Search(std::string_view device_id,
                                      const v1::PersonCandidatesQuery& query, int& matched);

  db::Connection& connection_;
};

}  // namespace minegate::server::registry
