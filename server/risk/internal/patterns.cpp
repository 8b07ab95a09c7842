#include "server/risk/internal/patterns.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "server/risk/internal/calendar.hpp"
#include "server/risk/internal/scratch.hpp"

namespace minegate::server::risk::internal {
namespace {

bool InBand(const CompiledRule& rule, v1::Sex sex, const v1::CalendarDate& birth,
            std::int64_t at_ms) {
  if (sex != v1::SEX_FEMALE) return false;
  const std::optional<Age> age = YoungestAge(birth, at_ms);
  return age && age->years >= rule.min_age_years && age->years <= rule.max_age_years;
}

struct Stay {
  std::uint32_t site_id = 0;
  std::int64_t start_ms = 0;
  bool short_stay = false;
};

}  // namespace

std::uint32_t RecruiterCount(const CompiledRule& rule, const PersonFacts& facts) {
  const v1::PersonRegistered& her = facts.registration;
  const bool she_counts = InBand(rule, her.sex(), her.birth(), facts.registered_at_ms);
  std::uint32_t best = 0;
  for (const CompanionFact& companion : facts.companions) {
    if (companion.key.empty()) continue;
    const auto relation_bit = 1U << static_cast<unsigned>(companion.relation & 31);
    if (rule.relation_bits != 0 && (rule.relation_bits & relation_bit) == 0) continue;
    // Tokens of the young women in the window, then counted once each.
    Scratch<std::string_view, 32> tokens(companion.others.size());
    std::size_t found = 0;
    for (const BroughtPerson& other : companion.others) {
      if (other.person_token == her.person_token()) continue;
      const std::int64_t apart = other.recorded_at_ms > companion.recorded_at_ms
                                     ? other.recorded_at_ms - companion.recorded_at_ms
                                     : companion.recorded_at_ms - other.recorded_at_ms;
      if (apart > rule.window_ms) continue;
      if (!InBand(rule, other.sex, other.birth, other.recorded_at_ms)) continue;
      tokens.span()[found++] = other.person_token;
    }
    const auto in_window = tokens.span().first(found);
    std::sort(in_window.begin(), in_window.end());
    const auto distinct = static_cast<std::uint32_t>(
        std::unique(in_window.begin(), in_window.end()) - in_window.begin());
    best = std::max(best, distinct + (she_counts ? 1U : 0U));
  }
  return best;
}

std::uint32_t MovedSites(const CompiledRule& rule, std::span<const PassageFact> passages,
                         std::int64_t now_ms) {
  if (passages.empty()) return 0;
  // Stays: runs of passages at one site.
  Scratch<Stay, 64> stays_buffer(passages.size());
  const std::span<Stay> all = stays_buffer.span();
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < passages.size()) {
    std::size_t last = i;
    while (last + 1 < passages.size() && passages[last + 1].site_id == passages[i].site_id) {
      ++last;
    }
    std::int64_t end_ms = now_ms;
    if (passages[last].direction == v1::DIRECTION_OUT) {
      end_ms = passages[last].at_ms;
    } else if (last + 1 < passages.size()) {
      end_ms = passages[last + 1].at_ms;
    }
    const std::int64_t start_ms = passages[i].at_ms;
    all[count++] = {passages[i].site_id, start_ms, end_ms - start_ms < rule.max_stay_ms};
    i = last + 1;
  }
  const std::span<Stay> stays = all.first(count);

  // Windows [first, j]: stays first..j-1 short, stay j beginning within the window of stay
  // first. Distinct sites counted with (site, stays in window) pairs.
  Scratch<std::pair<std::uint32_t, std::uint32_t>, 64> sites_buffer(count);
  const std::span<std::pair<std::uint32_t, std::uint32_t>> sites = sites_buffer.span();
  std::size_t distinct = 0;
  std::uint32_t best = 0;
  std::size_t first = 0;
  const auto remove = [&](std::uint32_t site_id) {
    for (std::size_t k = 0; k < distinct; ++k) {
      if (sites[k].first != site_id) continue;
      if (--sites[k].second == 0) sites[k] = sites[--distinct];
      return;
    }
  };
  for (std::size_t j = 0; j < count; ++j) {
    if (j > 0 && !stays[j - 1].short_stay) {
      // A long stay ends every window before it: she settled there.
      while (first < j) remove(stays[first++].site_id);
    }
    while (first < j && stays[j].start_ms - stays[first].start_ms > rule.window_ms) {
      remove(stays[first++].site_id);
    }
    bool known = false;
    for (std::size_t k = 0; k < distinct; ++k) {
      if (sites[k].first == stays[j].site_id) {
        ++sites[k].second;
        known = true;
        break;
      }
    }
    if (!known) sites[distinct++] = {stays[j].site_id, 1};
    best = std::max(best, static_cast<std::uint32_t>(distinct));
  }
  return best;
}

}  // namespace minegate::server::risk::internal
