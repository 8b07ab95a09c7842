// Where the people of a Kédougou gold-mining site come from: for each nationality, the given
// names (by sex) and family names as agents write them, the languages people speak (most fluent
// first), and the towns they name as their origin. Spellings follow the usual French (Senegal,
// Mali, Guinea, Burkina Faso, Côte d'Ivoire) or English (Nigeria, The Gambia, Ghana) habits.
#pragma once

#include <span>
#include <string_view>

namespace minegate::test::population {

struct Origin {
  /// ISO 3166-1 alpha-3.
  std::string_view nationality;
  std::span<const std::string_view> female_given;
  std::span<const std::string_view> male_given;
  std::span<const std::string_view> family;
  /// Each entry: ISO 639-3 codes separated by one space, most fluent first ("bam fra").
  std::span<const std::string_view> languages;
  std::span<const std::string_view> places;
};

/// Senegal, Mali, Guinea, Burkina Faso, Nigeria, The Gambia, Ghana, Côte d'Ivoire.
std::span<const Origin> Origins();
/// The origin of `nationality`; Senegal's for an unknown code.
const Origin& OriginOf(std::string_view nationality);

}  // namespace minegate::test::population
