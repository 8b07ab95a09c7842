#pragma once
/// The categories census figures are counted by, each with a stable key (API, CSV) and its
/// French and English words: sex, age band, occupation, miner's card held. One place, so the
/// tables, the pyramid, the lists and (later) their CSV exports say the same words.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "minegate/v1/events.pb.h"

namespace minegate::server::census {

struct Words {
  std::string_view key;
  std::string_view fr;
  std::string_view en;
};

/// The bands the issue asks for. A person's age is the youngest her declared birth allows on the
/// day counted (risk::AgeAt, as the protection queue's age band counts it: a year alone is taken
/// at its last day), so an estimated or partial date never shows a minor as an adult.
enum class AgeBand { k0To14, k15To17, k18To25, k26To35, k36To50, k51Plus, kUnknown };

/// Every band, youngest first, "unknown" (no registration on file) last.
std::span<const AgeBand> AgeBands();
AgeBand AgeBandOf(std::optional<std::uint32_t> years);
Words WordsOf(AgeBand band);

/// Female, male, then not stated.
std::span<const v1::Sex> Sexes();
Words WordsOf(v1::Sex sex);

/// Every occupation of events.proto, in its order, unspecified last.
std::span<const v1::Occupation> Occupations();
Words WordsOf(v1::Occupation occupation);

/// "yes" / "no".
Words CardHeldWords(bool held);

/// The note on each person of the minors' list (its JSON and its CSV): "minor".
Words MinorNoteWords();

/// The key of a person with no registration on file (an observation whose PersonRegistered has
/// not reached the server yet), in every breakdown: "unknown".
Words UnknownWords();

/// Below this age a person is a minor: counted and listed, never offered a miner's card.
inline constexpr std::uint32_t kAdultYears = 18;

}  // namespace minegate::server::census
