#include "server/census/categories.hpp"

#include <array>

namespace minegate::server::census {
namespace {

constexpr std::array kAgeBands = {AgeBand::k0To14,  AgeBand::k15To17, AgeBand::k18To25,
                                  AgeBand::k26To35, AgeBand::k36To50, AgeBand::k51Plus,
                                  AgeBand::kUnknown};
constexpr std::array kSexes = {v1::SEX_FEMALE, v1::SEX_MALE, v1::SEX_UNSPECIFIED};
constexpr std::array kOccupations = {
    v1::OCCUPATION_MINER,        v1::OCCUPATION_GOLD_TRADER, v1::OCCUPATION_TRADER,
    v1::OCCUPATION_FOOD_SERVICE, v1::OCCUPATION_BAR_WORKER,  v1::OCCUPATION_DOMESTIC_WORKER,
    v1::OCCUPATION_MECHANIC,     v1::OCCUPATION_TRANSPORT,   v1::OCCUPATION_HEALTH_OR_EDUCATION,
    v1::OCCUPATION_NONE,         v1::OCCUPATION_OTHER,       v1::OCCUPATION_UNSPECIFIED};

}  // namespace

std::span<const AgeBand> AgeBands() { return kAgeBands; }

AgeBand AgeBandOf(std::optional<std::uint32_t> years) {
  if (!years) return AgeBand::kUnknown;
  if (*years < 15) return AgeBand::k0To14;
  if (*years < 18) return AgeBand::k15To17;
  if (*years < 26) return AgeBand::k18To25;
  if (*years < 36) return AgeBand::k26To35;
  if (*years < 51) return AgeBand::k36To50;
  return AgeBand::k51Plus;
}

Words WordsOf(AgeBand band) {
  switch (band) {
    case AgeBand::k0To14:
      return {"0_14", "0-14 ans", "0-14 years"};
    case AgeBand::k15To17:
      return {"15_17", "15-17 ans", "15-17 years"};
    case AgeBand::k18To25:
      return {"18_25", "18-25 ans", "18-25 years"};
    case AgeBand::k26To35:
      return {"26_35", "26-35 ans", "26-35 years"};
    case AgeBand::k36To50:
      return {"36_50", "36-50 ans", "36-50 years"};
    case AgeBand::k51Plus:
      return {"51_plus", "51 ans et plus", "51 and over"};
    case AgeBand::kUnknown:
      break;
  }
  return UnknownWords();
}

std::span<const v1::Sex> Sexes() { return kSexes; }

Words WordsOf(v1::Sex sex) {
  switch (sex) {
    case v1::SEX_FEMALE:
      return {"female", "femme", "female"};
    case v1::SEX_MALE:
      return {"male", "homme", "male"};
    default:
      return {"unspecified", "non précisé", "not stated"};
  }
}

std::span<const v1::Occupation> Occupations() { return kOccupations; }

Words WordsOf(v1::Occupation occupation) {
  switch (occupation) {
    case v1::OCCUPATION_MINER:
      return {"miner", "orpailleur(se)", "gold miner"};
    case v1::OCCUPATION_GOLD_TRADER:
      return {"gold_trader", "commerçant(e) d'or", "gold trader"};
    case v1::OCCUPATION_TRADER:
      return {"trader", "commerçant(e)", "trader"};
    case v1::OCCUPATION_FOOD_SERVICE:
      return {"food_service", "restauration", "food service"};
    case v1::OCCUPATION_BAR_WORKER:
      return {"bar_worker", "employé(e) de bar", "bar worker"};
    case v1::OCCUPATION_DOMESTIC_WORKER:
      return {"domestic_worker", "employé(e) de maison", "domestic worker"};
    case v1::OCCUPATION_MECHANIC:
      return {"mechanic", "mécanicien(ne)", "mechanic"};
    case v1::OCCUPATION_TRANSPORT:
      return {"transport", "transport", "transport"};
    case v1::OCCUPATION_HEALTH_OR_EDUCATION:
      return {"health_or_education", "santé ou éducation", "health or education"};
    case v1::OCCUPATION_NONE:
      return {"none", "sans activité", "none"};
    case v1::OCCUPATION_OTHER:
      return {"other", "autre", "other"};
    default:
      return {"unspecified", "non précisé", "not stated"};
  }
}

Words CardHeldWords(bool held) {
  return held ? Words{"yes", "oui", "yes"} : Words{"no", "non", "no"};
}

Words MinorNoteWords() {
  return {"minor", "mineur(e) — pas de carte d'orpailleur", "minor — no gold miner's card"};
}

Words UnknownWords() {
  return {"unknown", "inconnu (enregistrement non reçu)", "unknown (registration not received)"};
}

}  // namespace minegate::server::census
