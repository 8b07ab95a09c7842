#pragma once
/// What the risk engine knows of one person: plain data the protection monitor gathers from the
/// projections (server/protection), and nothing else. The engine computes ages, windows and
/// counts from these facts with the rules, so the same facts give the same assessment whatever
/// the order of the vectors (Evaluate sorts what needs an order).

#include <cstdint>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "minegate/v1/risk.pb.h"

namespace minegate::server::risk {

/// Another person a companion of hers brought (recorded with that same companion).
struct BroughtPerson {
  /// 16 raw bytes; the same person listed twice counts once, and she herself is ignored here.
  std::string person_token;
  v1::Sex sex = v1::SEX_UNSPECIFIED;
  v1::CalendarDate birth;
  /// When that person was recorded with the companion (the CompanionRecorded's occurred_at_ms).
  std::int64_t recorded_at_ms = 0;
};

/// One companion recorded with her.
struct CompanionFact {
  v1::CompanionRelation relation = v1::COMPANION_RELATION_UNSPECIFIED;
  bool answered_for_person = false;
  /// Who the companion is, so that two records of one companion meet: the companion's person
  /// token in lower-case hex, or "d:" + registry::NameKey(description) when the companion had
  /// no bracelet. The engine only compares keys; the monitor builds them (CompanionKey below).
  std::string key;
  /// When she was recorded with this companion.
  std::int64_t recorded_at_ms = 0;
  /// The other persons this companion brought (any time; the rule's window picks).
  std::vector<BroughtPerson> others;
};

/// One verified passage of hers (GatePassed with VERIFICATION_VALID).
struct PassageFact {
  std::uint32_t site_id = 0;
  v1::Direction direction = v1::DIRECTION_UNSPECIFIED;
  std::int64_t at_ms = 0;
};

/// A search notice her registration matched (server/protection finds them).
struct SearchNoticeMatchFact {
  std::int64_t notice_id = 0;
  v1::SearchNoticeKind kind = v1::SEARCH_NOTICE_KIND_UNSPECIFIED;
  v1::SearchNoticeMatchMethod method = v1::SEARCH_NOTICE_MATCH_METHOD_UNSPECIFIED;
  /// Name similarity in [0, 1] (name_match.hpp); 1 for a document-number match.
  double similarity = 0.0;
};

struct PersonFacts {
  /// A copy of her PersonRegistered (the opened body).
  v1::PersonRegistered registration;
  /// When she was registered (the event's occurred_at_ms): ages are computed at this moment,
  /// the moment she was brought.
  std::int64_t registered_at_ms = 0;
  std::vector<CompanionFact> companions;
  /// In any order; Evaluate orders them by time.
  std::vector<PassageFact> passages;
  std::vector<SearchNoticeMatchFact> notice_matches;
};

/// The companion key of a CompanionRecorded: its person token in lower-case hex, or "d:" and
/// the folded description (registry::NameKey), so that "Moussa, moto rouge" and "MOUSSA moto
/// rouge" meet. Empty when the record carries neither.
std::string CompanionKey(const v1::CompanionRecorded& companion);

}  // namespace minegate::server::risk
