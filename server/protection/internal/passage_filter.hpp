#pragma once
/// Decides, for each verified passage the monitor sees, whether it can change the person's
/// assessment, so that the daily passages of people who work at one site cost almost nothing.
/// Passages feed one rule kind only (moved between sites, risk.proto), which looks at stays:
/// runs of passages at one site, every stay but the last counted short or not. A passage can
/// change the assessment only when
///  - a moved-between-sites rule looks at persons of her sex, and
///  - it changes her stays: her nearest verified passage before it is at another site (or
///    there is none), or the nearest after it is at another site. A passage that extends her
///    last stay, or falls inside a stay, leaves the sites and the earlier stays as they were.
/// What it remembers per person (sex; site and time of her latest verified passage) comes from
/// the projections and from the passages it is shown; the monitor forgets it all when a batch
/// is abandoned, so nothing a rollback undid survives. Bounded: emptied when it reaches
/// kMaxPersons.
/// Threading: the monitor's (the writer thread).

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/protection/internal/active_rules.hpp"
#include "server/protection/internal/facts_reader.hpp"
#include "server/protection/protection_error.hpp"

namespace minegate::server::protection::internal {

class PassageFilter {
 public:
  /// About 80 bytes a person: some 20 MB at most.
  static constexpr std::size_t kMaxPersons = 1u << 18;

  explicit PassageFilter(FactsReader& facts) : facts_(facts) {}

  /// Whether this stored verified passage can change her assessment under `rules`. A person
  /// not registered (yet) gives false: her registration will be evaluated with all her
  /// passages.
  Result<bool> Matters(std::string_view person_token, std::uint32_t site_id, std::int64_t at_ms,
                       std::int64_t log_position, const RulesInUse& rules);
  /// Forgets everything (a batch was rolled back).
  void Clear() { persons_.clear(); }

 private:
  struct Person {
    v1::Sex sex = v1::SEX_UNSPECIFIED;
    bool has_latest = false;
    std::uint32_t latest_site = 0;
    std::int64_t latest_at_ms = 0;
  };

  /// Person tokens are 16 random bytes: their first 8 are a good hash, and a fixed-size key
  /// needs no allocation.
  using Key = std::array<char, 16>;
  struct KeyHash {
    std::size_t operator()(const Key& key) const noexcept {
      std::uint64_t hash = 0;
      std::memcpy(&hash, key.data(), sizeof hash);
      return static_cast<std::size_t>(hash);
    }
  };

  FactsReader& facts_;
  std::unordered_map<Key, Person, KeyHash> persons_;
};

}  // namespace minegate::server::protection::internal
