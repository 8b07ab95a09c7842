#include "server/protection/internal/passage_filter.hpp"

namespace minegate::server::protection::internal {

Result<bool> PassageFilter::Matters(std::string_view person_token, std::uint32_t site_id,
                                    std::int64_t at_ms, std::int64_t log_position,
                                    const RulesInUse& rules) {
  if (person_token.size() != 16) return false;  // validation admits no other size
  Key key;
  std::memcpy(key.data(), person_token.data(), key.size());
  auto found = persons_.find(key);
  if (found == persons_.end()) {
    auto sex = facts_.SexOf(person_token);
    if (!sex) return sex.error();
    if (!sex.value()) return false;
    if (persons_.size() >= kMaxPersons) persons_.clear();
    found = persons_.emplace(key, Person{*sex.value(), false, 0, 0}).first;
  }
  Person& person = found->second;
  if (!rules.PassagesMatterForSex(person.sex)) return false;
  if (person.has_latest && at_ms >= person.latest_at_ms) {
    // After every passage of hers: it changes her stays only at another site.
    const bool changes = site_id != person.latest_site;
    person.latest_site = site_id;
    person.latest_at_ms = at_ms;
    return changes;
  }
  // Not known, or arriving after later ones (a kiosk that was offline): ask the projection.
  auto changes = facts_.PassageChangesStays(person_token, site_id, at_ms, log_position);
  if (!changes) return changes.error();
  auto latest = facts_.LatestPassage(person_token);
  if (!latest) return latest.error();
  if (latest.value()) {
    person.has_latest = true;
    person.latest_site = latest.value()->first;
    person.latest_at_ms = latest.value()->second;
  }
  return changes.value();
}

}  // namespace minegate::server::protection::internal
