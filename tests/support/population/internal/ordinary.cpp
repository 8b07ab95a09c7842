// The ordinary population, drawn household by household: who arrives together, what they do,
// what they answer, and how they come and go. The figures are assumptions of ours (no survey
// gives them), chosen to be plausible for a Kédougou dioura and written here so that a reader
// can argue with them; tests/support/population/README.md lists them.
#include <algorithm>

#include "tests/support/population/internal/generator.hpp"

namespace minegate::test::population::internal {
namespace {

std::string DrawNationality(Random& random) {
  const double r = random.Unit();
  if (r < 0.38) return "SEN";
  if (r < 0.58) return "MLI";
  if (r < 0.73) return "GIN";
  if (r < 0.83) return "BFA";
  if (r < 0.91) return "NGA";
  if (r < 0.96) return "GMB";
  if (r < 0.98) return "CIV";
  return "GHA";
}

/// The bigger sites draw more people.
std::size_t DrawSite(Generator& g) {
  static constexpr int kWeights[] = {25, 22, 15, 15, 12, 11};
  const std::size_t sites = std::min<std::size_t>(g.site_count(), std::size(kWeights));
  int total = 0;
  for (std::size_t i = 0; i < sites; ++i) total += kWeights[i];
  int draw = g.random().Between(0, total - 1);
  for (std::size_t i = 0; i < sites; ++i) {
    if (draw < kWeights[i]) return i;
    draw -= kWeights[i];
  }
  return 0;
}

/// Four in ten were already there when the gates opened (registered in the first days); the
/// others arrive over the weeks.
int DrawArrivalDay(Generator& g) {
  return g.random().Chance(0.4) ? g.random().Between(0, 2)
                                : g.random().Between(3, g.last_arrival_day());
}

int DrawAdultAge(Random& random, bool female) {
  const double r = random.Unit();
  if (r < (female ? 0.35 : 0.45)) return random.Between(18, 25);
  if (r < 0.88) return random.Between(26, 40);
  return random.Between(41, 60);
}

/// Where she or he lives from `arrival` on: usually one site to the end; now and then moving to
/// another site for work (each stay at least twelve days); one in ten leaves the region.
std::vector<Stay> DrawStays(Generator& g, std::size_t site, std::int64_t arrival,
                            double move_chance) {
  std::vector<Stay> stays;
  std::size_t current = site;
  std::int64_t from = arrival;
  while (g.random().Chance(move_chance)) {
    const int from_day = static_cast<int>((from - g.start_ms()) / kDayMs);
    const int day = from_day + g.random().Between(12, 28);
    if (g.At(day, 7) >= g.end_ms() - 2 * kDayMs) break;
    const std::int64_t leave = g.At(day, g.random().Between(6, 9), g.random().Between(0, 59));
    stays.push_back({current, leave});
    std::size_t next = current;
    while (next == current) next = DrawSite(g);
    current = next;
    from = leave;
  }
  std::int64_t until = g.end_ms();
  const int from_day = static_cast<int>((from - g.start_ms()) / kDayMs);
  const int last_day = static_cast<int>((g.end_ms() - g.start_ms()) / kDayMs) - 1;
  if (g.random().Chance(0.1) && from_day + 8 < last_day) {
    until = g.GateTime(g.random().Between(from_day + 8, last_day));
  }
  stays.push_back({current, until});
  return stays;
}

bool LeavesBefore(Generator& g, const std::vector<Stay>& stays) {
  return stays.back().until_ms < g.end_ms();
}

/// Lives one person: stays drawn, `trips` a week.
void Settle(Generator& g, std::size_t person, double trips, double move_chance) {
  const Person& p = g.person(person);
  const std::vector<Stay> stays = DrawStays(g, p.first_site, p.registered_at_ms, move_chance);
  g.Live(person, stays, trips, LeavesBefore(g, stays));
}

const char* kSingleMan = "homme seul / man on his own";
const char* kSingleWoman = "femme seule / woman on her own";
const char* kCouple = "couple";
const char* kFamily = "famille avec enfants / family with children";
const char* kMotherDaughters = "mère avec ses filles adultes / mother with her adult daughters";
const char* kFriends = "amies voyageant ensemble / women friends travelling together";
const char* kMen = "groupe d'hommes, amis ou frères / men, friends or brothers";
const char* kNigerianMiner =
    "orpailleuse nigériane, rien d'autre / Nigerian woman miner, nothing else";
const char* kWeeklyTrader =
    "commerçante qui fait le tour des sites chaque semaine / woman trader going round the sites "
    "every week";
const char* kSiblings = "frère et sœur / brother and sister";
const char* kNiece = "nièce venue rejoindre sa tante / niece joining her aunt";

std::size_t SingleMan(Generator& g) {
  Random& r = g.random();
  PersonSpec spec;
  spec.nationality = DrawNationality(r);
  spec.sex = v1::SEX_MALE;
  spec.age_years = DrawAdultAge(r, false);
  const double o = r.Unit();
  double trips = 1.0;
  double moves = 0.15;
  if (o < 0.62) {
    spec.occupation = v1::OCCUPATION_MINER;
    spec.purpose = v1::PURPOSE_MINING;
    if (r.Chance(0.05)) {
      // Hired by a pit owner before coming.
      spec.purpose = v1::PURPOSE_PROMISED_JOB;
      spec.job = v1::PROMISED_JOB_MINING;
    }
  } else if (o < 0.71) {
    spec.occupation = v1::OCCUPATION_GOLD_TRADER;  // goes where the gold is
    spec.purpose = v1::PURPOSE_OWN_TRADE;
    trips = 2.5;
    moves = 0.5;
  } else if (o < 0.78) {
    spec.occupation = v1::OCCUPATION_MECHANIC;
    spec.purpose = v1::PURPOSE_OWN_TRADE;
  } else if (o < 0.86) {
    spec.occupation = v1::OCCUPATION_TRANSPORT;  // moto-taxi
    spec.purpose = v1::PURPOSE_OWN_TRADE;
    trips = 3.0;
  } else if (o < 0.94) {
    spec.occupation = v1::OCCUPATION_TRADER;
    spec.purpose = v1::PURPOSE_OWN_TRADE;
    trips = 2.0;
  } else {
    spec.occupation = v1::OCCUPATION_OTHER;
    spec.purpose = v1::PURPOSE_OTHER;
  }
  const std::size_t site = DrawSite(g);
  const std::size_t man =
      g.Register(spec, Truth::kOrdinary, kSingleMan, site, g.GateTime(DrawArrivalDay(g)));
  Settle(g, man, trips, moves);
  return 1;
}

std::size_t SingleWoman(Generator& g) {
  Random& r = g.random();
  PersonSpec spec;
  spec.nationality = DrawNationality(r);
  spec.sex = v1::SEX_FEMALE;
  spec.age_years = DrawAdultAge(r, true);
  const double o = r.Unit();
  if (o < 0.4) {
    spec.occupation = v1::OCCUPATION_MINER;  // washing and crushing ore
    spec.purpose = v1::PURPOSE_MINING;
  } else if (o < 0.7) {
    spec.occupation = v1::OCCUPATION_FOOD_SERVICE;  // a food stall of her own
    spec.purpose = v1::PURPOSE_OWN_TRADE;
  } else if (o < 0.9) {
    spec.occupation = v1::OCCUPATION_TRADER;
    spec.purpose = v1::PURPOSE_OWN_TRADE;
  } else {
    spec.occupation = v1::OCCUPATION_OTHER;  // hairdresser, tailor
    spec.purpose = v1::PURPOSE_OWN_TRADE;
  }
  // A relative sent the fare; a loan from a tontine or a supplier.
  if (r.Chance(0.04)) spec.travel_paid = v1::ANSWER_YES;
  if (r.Chance(0.03)) spec.debt = v1::ANSWER_YES;
  const std::size_t site = DrawSite(g);
  const std::size_t woman =
      g.Register(spec, Truth::kOrdinary, kSingleWoman, site, g.GateTime(DrawArrivalDay(g)));
  Settle(g, woman, 1.0, 0.08);
  return 1;
}

PersonSpec Husband(Random& r, const std::string& nationality) {
  PersonSpec spec;
  spec.nationality = nationality;
  spec.sex = v1::SEX_MALE;
  spec.age_years = r.Between(22, 52);
  const double o = r.Unit();
  spec.occupation = o < 0.6    ? v1::OCCUPATION_MINER
                    : o < 0.75 ? v1::OCCUPATION_TRADER
                    : o < 0.85 ? v1::OCCUPATION_MECHANIC
                               : v1::OCCUPATION_GOLD_TRADER;
  spec.purpose =
      spec.occupation == v1::OCCUPATION_MINER ? v1::PURPOSE_MINING : v1::PURPOSE_OWN_TRADE;
  return spec;
}

PersonSpec Wife(Random& r, const PersonSpec& husband) {
  PersonSpec spec;
  spec.nationality = r.Chance(0.9) ? husband.nationality : DrawNationality(r);
  spec.sex = v1::SEX_FEMALE;
  spec.family_name = "";
  spec.age_years = std::max(18, husband.age_years - r.Between(0, 12));
  const double o = r.Unit();
  if (o < 0.35) {
    spec.occupation = v1::OCCUPATION_FOOD_SERVICE;
    spec.purpose = v1::PURPOSE_OWN_TRADE;
  } else if (o < 0.6) {
    spec.occupation = v1::OCCUPATION_TRADER;
    spec.purpose = v1::PURPOSE_OWN_TRADE;
  } else if (o < 0.85) {
    spec.occupation = v1::OCCUPATION_MINER;
    spec.purpose = v1::PURPOSE_MINING;
  } else {
    spec.occupation = v1::OCCUPATION_NONE;
    spec.purpose = v1::PURPOSE_JOIN_FAMILY;
  }
  // Her husband paid her fare; now and then a debt for the journey.
  if (r.Chance(0.35)) spec.travel_paid = v1::ANSWER_YES;
  if (r.Chance(0.02)) spec.debt = v1::ANSWER_YES;
  return spec;
}

std::size_t Couple(Generator& g) {
  Random& r = g.random();
  const PersonSpec husband = Husband(r, DrawNationality(r));
  PersonSpec wife = Wife(r, husband);
  const std::size_t site = DrawSite(g);
  const int arrival = DrawArrivalDay(g);
  // Four in ten: he came first, she joins him later (he meets her at the gate).
  const bool joins_later = r.Chance(0.4) && arrival + 3 <= g.last_arrival_day();
  const std::int64_t his = g.GateTime(arrival);
  const std::int64_t hers =
      joins_later ? g.GateTime(r.Between(arrival + 1, g.last_arrival_day())) : his + 4 * 60'000;
  const std::size_t man = g.Register(husband, Truth::kOrdinary, kCouple, site, his);
  // She speaks only her own language, or is shy: he answered for her.
  const bool answered = r.Chance(0.06);
  const std::size_t woman =
      g.Register(wife, Truth::kOrdinary, kCouple, site, hers,
                 CompanionSpec{g.person(man).token, "", v1::COMPANION_RELATION_SPOUSE, answered});
  // Most couples stay; some move together (after she joined him).
  const std::vector<Stay> stays = DrawStays(g, site, hers, 0.1);
  g.Live(man, stays, 1.0, LeavesBefore(g, stays));
  g.Live(woman, stays, 0.8, LeavesBefore(g, stays));
  return 2;
}

std::size_t Family(Generator& g) {
  Random& r = g.random();
  const PersonSpec father_spec = Husband(r, DrawNationality(r));
  PersonSpec mother_spec = Wife(r, father_spec);
  mother_spec.nationality = father_spec.nationality;
  mother_spec.age_years = std::max(24, mother_spec.age_years);
  const std::size_t site = DrawSite(g);
  const int arrival = DrawArrivalDay(g);
  const std::int64_t at = g.GateTime(arrival);
  const std::size_t father = g.Register(father_spec, Truth::kOrdinary, kFamily, site, at);
  const std::size_t mother =
      g.Register(mother_spec, Truth::kOrdinary, kFamily, site, at + 3 * 60'000,
                 CompanionSpec{g.person(father).token, "", v1::COMPANION_RELATION_SPOUSE, false});
  const int children = r.Between(1, 4);
  const int oldest = std::min(17, mother_spec.age_years - 16);
  std::vector<std::size_t> members = {father, mother};
  for (int i = 0; i < children && oldest >= 6; ++i) {
    PersonSpec child;
    child.nationality = father_spec.nationality;
    child.sex = r.Chance(0.5) ? v1::SEX_FEMALE : v1::SEX_MALE;
    child.age_years = r.Between(6, oldest);
    child.family_name = g.person(father).family_name;
    child.occupation = v1::OCCUPATION_NONE;
    child.purpose = v1::PURPOSE_JOIN_FAMILY;
    child.guardian_consent = true;
    // A parent present answers the questions, when asked, for a child.
    const std::size_t parent = r.Chance(0.6) ? mother : father;
    members.push_back(g.Register(
        child, Truth::kOrdinary, kFamily, site, at + (6 + i) * 60'000,
        CompanionSpec{g.person(parent).token, "", v1::COMPANION_RELATION_PARENT, false}));
  }
  // A family stays together; children rarely go out of the site.
  const std::vector<Stay> stays = DrawStays(g, site, at, 0.05);
  for (std::size_t i = 0; i < members.size(); ++i) {
    g.Live(members[i], stays, i < 2 ? 0.8 : 0.3, LeavesBefore(g, stays));
  }
  return members.size();
}

std::size_t MotherWithDaughters(Generator& g) {
  Random& r = g.random();
  PersonSpec mother;
  mother.nationality = DrawNationality(r);
  mother.sex = v1::SEX_FEMALE;
  mother.age_years = r.Between(42, 56);
  mother.occupation = r.Chance(0.6) ? v1::OCCUPATION_FOOD_SERVICE : v1::OCCUPATION_TRADER;
  mother.purpose = v1::PURPOSE_OWN_TRADE;
  const std::size_t site = DrawSite(g);
  const std::int64_t at = g.GateTime(DrawArrivalDay(g));
  const std::size_t mum = g.Register(mother, Truth::kOrdinary, kMotherDaughters, site, at);
  g.person(mum).hard_negative = true;
  std::vector<std::size_t> members = {mum};
  const int daughters = r.Between(2, 3);
  for (int i = 0; i < daughters; ++i) {
    PersonSpec daughter;
    daughter.nationality = mother.nationality;
    daughter.sex = v1::SEX_FEMALE;
    daughter.age_years = r.Between(18, 26);
    daughter.family_name = g.person(mum).family_name;
    daughter.occupation = mother.occupation;
    daughter.purpose = r.Chance(0.5) ? v1::PURPOSE_OWN_TRADE : v1::PURPOSE_JOIN_FAMILY;
    // Their mother paid their fares.
    if (r.Chance(0.5)) daughter.travel_paid = v1::ANSWER_YES;
    const std::size_t index =
        g.Register(daughter, Truth::kOrdinary, kMotherDaughters, site, at + (2 + i) * 60'000,
                   CompanionSpec{g.person(mum).token, "", v1::COMPANION_RELATION_PARENT, false});
    g.person(index).hard_negative = true;
    members.push_back(index);
  }
  const std::vector<Stay> stays = DrawStays(g, site, at, 0.05);
  for (std::size_t member : members) g.Live(member, stays, 1.0, LeavesBefore(g, stays));
  return members.size();
}

std::size_t Friends(Generator& g) {
  Random& r = g.random();
  const std::string nationality = DrawNationality(r);
  const std::size_t site = DrawSite(g);
  const std::int64_t at = g.GateTime(DrawArrivalDay(g));
  const int count = r.Between(2, 3);
  std::vector<std::size_t> members;
  for (int i = 0; i < count; ++i) {
    PersonSpec friend_spec;
    friend_spec.nationality = nationality;
    friend_spec.sex = v1::SEX_FEMALE;
    friend_spec.age_years = r.Between(18, 32);
    const double o = r.Unit();
    friend_spec.occupation = o < 0.4   ? v1::OCCUPATION_MINER
                             : o < 0.7 ? v1::OCCUPATION_FOOD_SERVICE
                                       : v1::OCCUPATION_TRADER;
    friend_spec.purpose =
        friend_spec.occupation == v1::OCCUPATION_MINER ? v1::PURPOSE_MINING : v1::PURPOSE_OWN_TRADE;
    if (r.Chance(0.05)) friend_spec.travel_paid = v1::ANSWER_YES;
    std::optional<CompanionSpec> companion;
    if (i > 0) {
      companion =
          CompanionSpec{g.person(members[0]).token, "", v1::COMPANION_RELATION_FRIEND, false};
    }
    members.push_back(
        g.Register(friend_spec, Truth::kOrdinary, kFriends, site, at + i * 5 * 60'000, companion));
  }
  for (std::size_t member : members) Settle(g, member, 1.0, 0.08);
  return members.size();
}

std::size_t Men(Generator& g) {
  Random& r = g.random();
  const std::string nationality = DrawNationality(r);
  const std::size_t site = DrawSite(g);
  const std::int64_t at = g.GateTime(DrawArrivalDay(g));
  const int count = r.Between(2, 4);
  std::vector<std::size_t> members;
  for (int i = 0; i < count; ++i) {
    PersonSpec man;
    man.nationality = nationality;
    man.sex = v1::SEX_MALE;
    man.age_years = r.Between(18, 40);
    man.occupation = v1::OCCUPATION_MINER;
    man.purpose = v1::PURPOSE_MINING;
    std::optional<CompanionSpec> companion;
    if (i > 0) {
      const bool brother = r.Chance(0.4);
      if (brother) man.family_name = g.person(members[0]).family_name;
      companion = CompanionSpec{
          g.person(members[0]).token, "",
          brother ? v1::COMPANION_RELATION_SIBLING : v1::COMPANION_RELATION_FRIEND, false};
    }
    members.push_back(
        g.Register(man, Truth::kOrdinary, kMen, site, at + i * 4 * 60'000, companion));
  }
  const std::vector<Stay> stays = DrawStays(g, site, at, 0.2);
  for (std::size_t member : members) g.Live(member, stays, 1.0, LeavesBefore(g, stays));
  return members.size();
}

std::size_t NigerianMiner(Generator& g) {
  Random& r = g.random();
  PersonSpec spec;
  spec.nationality = "NGA";
  spec.sex = v1::SEX_FEMALE;
  spec.age_years = r.Chance(0.6) ? r.Between(18, 25) : r.Between(26, 34);
  spec.occupation = v1::OCCUPATION_MINER;
  spec.purpose = v1::PURPOSE_MINING;
  spec.has_document = r.Chance(0.8);
  spec.entered_days_ago = r.Chance(0.7) ? r.Between(5, 85) : r.Between(120, 900);
  const std::size_t site = DrawSite(g);
  const std::size_t woman =
      g.Register(spec, Truth::kOrdinary, kNigerianMiner, site, g.GateTime(DrawArrivalDay(g)));
  g.person(woman).hard_negative = true;
  Settle(g, woman, 1.0, 0.08);
  return 1;
}

std::size_t WeeklyTrader(Generator& g) {
  Random& r = g.random();
  PersonSpec spec;
  spec.nationality = DrawNationality(r);
  spec.sex = v1::SEX_FEMALE;
  spec.age_years = r.Between(22, 50);
  spec.occupation = r.Chance(0.3) ? v1::OCCUPATION_GOLD_TRADER : v1::OCCUPATION_TRADER;
  spec.purpose = v1::PURPOSE_OWN_TRADE;
  const std::size_t site = DrawSite(g);
  const int arrival = r.Between(0, 6);
  const std::size_t woman =
      g.Register(spec, Truth::kOrdinary, kWeeklyTrader, site, g.GateTime(arrival));
  g.person(woman).hard_negative = true;
  // Round the weekly markets: a day or three at each of four or five sites, every week.
  std::vector<std::size_t> round = {site};
  const std::size_t round_size = static_cast<std::size_t>(r.Between(4, 5));
  while (round.size() < std::min(round_size, g.site_count())) {
    const std::size_t next = DrawSite(g);
    if (std::find(round.begin(), round.end(), next) == round.end()) round.push_back(next);
  }
  std::vector<Stay> stays;
  int day = arrival;
  for (std::size_t i = 0;; ++i) {
    day += r.Between(1, 3);
    if (g.At(day, 7) >= g.end_ms() - kDayMs) break;
    stays.push_back({round[i % round.size()], g.At(day, 6, r.Between(0, 59))});
  }
  stays.push_back({round[stays.size() % round.size()], g.end_ms()});
  g.Live(woman, stays, 0.0);
  return 1;
}

std::size_t Siblings(Generator& g) {
  Random& r = g.random();
  PersonSpec brother;
  brother.nationality = DrawNationality(r);
  brother.sex = v1::SEX_MALE;
  brother.age_years = r.Between(20, 35);
  brother.occupation = v1::OCCUPATION_MINER;
  brother.purpose = v1::PURPOSE_MINING;
  const std::size_t site = DrawSite(g);
  const std::int64_t at = g.GateTime(DrawArrivalDay(g));
  const std::size_t him = g.Register(brother, Truth::kOrdinary, kSiblings, site, at);
  PersonSpec sister;
  sister.nationality = brother.nationality;
  sister.sex = v1::SEX_FEMALE;
  sister.age_years = r.Between(18, 28);
  sister.family_name = g.person(him).family_name;
  sister.occupation = r.Chance(0.5) ? v1::OCCUPATION_MINER : v1::OCCUPATION_FOOD_SERVICE;
  sister.purpose =
      sister.occupation == v1::OCCUPATION_MINER ? v1::PURPOSE_MINING : v1::PURPOSE_OWN_TRADE;
  if (r.Chance(0.4)) sister.travel_paid = v1::ANSWER_YES;  // her brother paid
  const std::size_t her =
      g.Register(sister, Truth::kOrdinary, kSiblings, site, at + 3 * 60'000,
                 CompanionSpec{g.person(him).token, "", v1::COMPANION_RELATION_SIBLING, false});
  const std::vector<Stay> stays = DrawStays(g, site, at, 0.1);
  g.Live(him, stays, 1.0, LeavesBefore(g, stays));
  g.Live(her, stays, 1.0, LeavesBefore(g, stays));
  return 2;
}

std::size_t Niece(Generator& g) {
  Random& r = g.random();
  PersonSpec aunt;
  aunt.nationality = DrawNationality(r);
  aunt.sex = v1::SEX_FEMALE;
  aunt.age_years = r.Between(35, 55);
  aunt.occupation = v1::OCCUPATION_FOOD_SERVICE;  // she runs an eating-house at the site
  aunt.purpose = v1::PURPOSE_OWN_TRADE;
  const std::size_t site = DrawSite(g);
  const int arrival = r.Between(0, 2);
  const std::size_t her_aunt =
      g.Register(aunt, Truth::kOrdinary, kNiece, site, g.GateTime(arrival));
  g.Live(her_aunt, {{site, g.end_ms()}}, 1.0);
  PersonSpec niece;
  niece.nationality = aunt.nationality;
  niece.sex = v1::SEX_FEMALE;
  niece.age_years = r.Between(18, 24);
  niece.occupation = v1::OCCUPATION_FOOD_SERVICE;
  // She comes to work in her aunt's eating-house, and her aunt paid the fare half the time.
  if (r.Chance(0.3)) {
    niece.purpose = v1::PURPOSE_PROMISED_JOB;
    niece.job = v1::PROMISED_JOB_RESTAURANT;
  } else {
    niece.purpose = v1::PURPOSE_JOIN_FAMILY;
  }
  if (r.Chance(0.5)) niece.travel_paid = v1::ANSWER_YES;
  const std::size_t her = g.Register(
      niece, Truth::kOrdinary, kNiece, site,
      g.GateTime(r.Between(arrival + 1, g.last_arrival_day())),
      CompanionSpec{g.person(her_aunt).token, "", v1::COMPANION_RELATION_OTHER_FAMILY, false});
  Settle(g, her, 1.0, 0.05);
  return 2;
}

}  // namespace

std::size_t AddOrdinaryHousehold(Generator& g) {
  // Weights of household kinds (see the README for the persons each gives).
  struct Kind {
    double weight;
    std::size_t (*add)(Generator&);
  };
  static constexpr Kind kKinds[] = {
      {46.0, SingleMan},          {12.0, SingleWoman}, {9.0, Couple}, {5.0, Family},
      {1.0, MotherWithDaughters}, {3.0, Friends},      {5.0, Men},    {8.0, NigerianMiner},
      {0.6, WeeklyTrader},        {2.0, Siblings},     {2.0, Niece},
  };
  double total = 0.0;
  for (const Kind& kind : kKinds) total += kind.weight;
  double draw = g.random().Unit() * total;
  for (const Kind& kind : kKinds) {
    if (draw < kind.weight) return kind.add(g);
    draw -= kind.weight;
  }
  return SingleMan(g);
}

}  // namespace minegate::test::population::internal
