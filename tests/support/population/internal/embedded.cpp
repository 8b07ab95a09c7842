// The embedded cases: trafficking patterns a risk engine must flag (SYSTEM.md "Risk indicators";
// shared/reference/risk-indicators.md). Placed by hand, not drawn, on fixed days of the first
// seven weeks, so that each one is what it says; the sites they use are chosen so that the
// kiosks the tests deliver late (Khossanto for three weeks, Mako at the end) carry part of them.
// Sites: 0 Bantako, 1 Sabodala, 2 Khossanto, 3 Tenkoto, 4 Kharakhena, 5 Mako.
#include "tests/support/population/internal/generator.hpp"

namespace minegate::test::population::internal {
namespace {

constexpr std::size_t kBantako = 0;
constexpr std::size_t kSabodala = 1;
constexpr std::size_t kKhossanto = 2;
constexpr std::size_t kTenkoto = 3;
constexpr std::size_t kKharakhena = 4;
constexpr std::size_t kMako = 5;

PersonSpec Woman(const std::string& nationality, int age, const std::string& given,
                 const std::string& family) {
  PersonSpec spec;
  spec.nationality = nationality;
  spec.sex = v1::SEX_FEMALE;
  spec.age_years = age;
  spec.given_name = given;
  spec.family_name = family;
  spec.questions = true;
  return spec;
}

PersonSpec Man(const std::string& nationality, int age, const std::string& given,
               const std::string& family, v1::Occupation occupation, v1::Purpose purpose) {
  PersonSpec spec;
  spec.nationality = nationality;
  spec.sex = v1::SEX_MALE;
  spec.age_years = age;
  spec.given_name = given;
  spec.family_name = family;
  spec.occupation = occupation;
  spec.purpose = purpose;
  spec.has_document = true;
  return spec;
}

v1::CalendarDate Born(std::uint32_t year, std::uint32_t month = 0, std::uint32_t day = 0) {
  v1::CalendarDate date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  date.set_estimated(month == 0);
  return date;
}

CompanionSpec WithToken(const std::string& token, v1::CompanionRelation relation,
                        bool answered = false) {
  return CompanionSpec{token, "", relation, answered};
}

CompanionSpec Described(const std::string& description, v1::CompanionRelation relation,
                        bool answered = false) {
  return CompanionSpec{"", description, relation, answered};
}

/// An embedded case: registered, then living at her site (a trip out now and then).
std::size_t Case(Generator& g, const PersonSpec& spec, const std::string& group,
                 const std::string& indicator, std::size_t site, std::int64_t at,
                 const std::optional<CompanionSpec>& companion) {
  const std::size_t index = g.Register(spec, Truth::kEmbedded, group, site, at, companion);
  g.person(index).expected_indicator = indicator;
  g.Live(index, {{site, g.end_ms()}}, 1.0);
  return index;
}

/// A man with a bracelet (his token is read as her companion's) who brings young women to four
/// sites over six weeks, travelling with them.
void RecruiterWithBracelet(Generator& g) {
  const std::string group = "cas : recruteur avec bracelet / case: recruiter with a bracelet";
  const std::size_t recruiter = g.Register(
      Man("NGA", 38, "Godwin", "Osagie", v1::OCCUPATION_TRANSPORT, v1::PURPOSE_OWN_TRADE),
      Truth::kAccomplice, "recruteur (avec bracelet) / recruiter (bracelet)", kBantako,
      g.At(1, 9, 10));
  g.Live(recruiter,
         {{kBantako, g.At(17, 6, 30)},
          {kKhossanto, g.At(31, 6, 0)},
          {kKharakhena, g.At(45, 6, 0)},
          {kSabodala, g.end_ms()}},
         0.0);
  const std::string token = g.person(recruiter).token;

  // She declined the protection questions (he was beside her): the pattern is all there is.
  PersonSpec joy = Woman("NGA", 19, "Joy", "Ehigiator");
  joy.questions = false;
  joy.languages = "eng pcm";
  joy.entered_days_ago = 12;
  joy.has_document = false;
  Case(g, joy, group, "recruiter_pattern", kBantako, g.At(4, 10, 20),
       WithToken(token, v1::COMPANION_RELATION_FRIEND));

  PersonSpec favour = Woman("NGA", 22, "Favour", "Okoro");
  favour.occupation = v1::OCCUPATION_OTHER;
  favour.purpose = v1::PURPOSE_PROMISED_JOB;
  favour.job = v1::PROMISED_JOB_HAIRDRESSING;
  favour.travel_paid = v1::ANSWER_YES;
  favour.languages = "eng pcm";
  favour.entered_days_ago = 20;
  Case(g, favour, group, "recruiter_pattern", kKhossanto, g.At(17, 14, 40),
       WithToken(token, v1::COMPANION_RELATION_EMPLOYER));

  PersonSpec peace = Woman("NGA", 20, "Peace", "Aghedo");
  peace.languages = "bin pcm";
  peace.entered_days_ago = 8;
  Case(g, peace, group, "recruiter_pattern", kKharakhena, g.At(31, 15, 5),
       WithToken(token, v1::COMPANION_RELATION_FRIEND));

  PersonSpec mercy = Woman("NGA", 24, "Mercy", "Igbinedion");
  mercy.languages = "eng";
  mercy.has_document = true;
  Case(g, mercy, group, "recruiter_pattern", kSabodala, g.At(45, 13, 30),
       WithToken(token, v1::COMPANION_RELATION_UNKNOWN));
}

/// A "madam" without a bracelet, known only by what the agents wrote: the same words, with the
/// case, accents and punctuation each agent chose.
void RecruiterByDescription(Generator& g) {
  const std::string group =
      "cas : recruteuse décrite, sans bracelet / case: described recruiter, no bracelet";
  PersonSpec precious = Woman("NGA", 18, "Precious", "Omoregie");
  precious.birth = Born(2008, 3, 14);  // 18 by her passport: not a minor
  precious.has_document = true;
  precious.languages = "eng pcm";
  Case(g, precious, group, "recruiter_pattern", kSabodala, g.At(9, 11, 0),
       Described("Madam Rose, boutique de pagnes, Kédougou", v1::COMPANION_RELATION_UNKNOWN, true));

  PersonSpec esther = Woman("NGA", 21, "Esther", "Nwachukwu");
  esther.questions = false;
  esther.languages = "pcm";
  Case(g, esther, group, "recruiter_pattern", kTenkoto, g.At(23, 16, 10),
       Described("MADAM ROSE - boutique de pagnes - Kedougou", v1::COMPANION_RELATION_FRIEND));

  PersonSpec blessing = Woman("NGA", 20, "Blessing", "Uzor");
  blessing.occupation = v1::OCCUPATION_BAR_WORKER;
  blessing.purpose = v1::PURPOSE_PROMISED_JOB;
  blessing.job = v1::PROMISED_JOB_BAR;
  blessing.travel_paid = v1::ANSWER_YES;
  blessing.debt = v1::ANSWER_YES;
  blessing.languages = "eng pcm";
  Case(g, blessing, group, "recruiter_pattern", kMako, g.At(37, 10, 45),
       Described("madam rose boutique de pagnes kédougou", v1::COMPANION_RELATION_EMPLOYER));
}

/// Girls brought by an "employer": one described, one whose employer has a bracelet.
void MinorsWithEmployers(Generator& g) {
  const std::string group =
      "cas : mineure avec un « employeur » / case: minor with an \"employer\"";
  PersonSpec kadidia = Woman("MLI", 15, "Kadidia", "Samaké");
  kadidia.birth = Born(2011, 2, 20);
  kadidia.has_document = true;
  kadidia.questions = false;
  kadidia.occupation = v1::OCCUPATION_DOMESTIC_WORKER;
  kadidia.purpose = v1::PURPOSE_PROMISED_JOB;
  kadidia.job = v1::PROMISED_JOB_DOMESTIC_WORK;
  kadidia.languages = "bam";
  Case(g, kadidia, group, "female_minor", kTenkoto, g.At(15, 12, 0),
       Described("Tanti Awa, restaurant du carrefour de Tenkoto", v1::COMPANION_RELATION_EMPLOYER,
                 true));

  const std::size_t employer = g.Register(
      Man("GIN", 45, "Sékou", "Camara", v1::OCCUPATION_FOOD_SERVICE, v1::PURPOSE_OWN_TRADE),
      Truth::kAccomplice, "« employeur » d'une mineure / \"employer\" of a minor", kSabodala,
      g.At(2, 8, 50));
  g.Live(employer, {{kSabodala, g.end_ms()}}, 1.0);
  PersonSpec mabinty = Woman("GIN", 16, "Mabinty", "Soumah");
  mabinty.birth = Born(2010, 5, 3);
  mabinty.has_document = false;
  mabinty.occupation = v1::OCCUPATION_FOOD_SERVICE;
  mabinty.purpose = v1::PURPOSE_PROMISED_JOB;
  mabinty.job = v1::PROMISED_JOB_RESTAURANT;
  mabinty.travel_paid = v1::ANSWER_YES;
  mabinty.languages = "sus fra";
  Case(g, mabinty, group, "female_minor", kSabodala, g.At(26, 9, 40),
       WithToken(g.person(employer).token, v1::COMPANION_RELATION_EMPLOYER));
}

/// A young woman moved between four sites in under three weeks by the man she arrived with (he
/// says he is a friend); she makes no trip of her own.
void MovedBetweenSites(Generator& g) {
  const std::vector<Stay> stays = {{kBantako, g.At(25, 7, 0)},
                                   {kKhossanto, g.At(31, 7, 30)},
                                   {kKharakhena, g.At(36, 6, 45)},
                                   {kSabodala, g.end_ms()}};
  const std::size_t companion =
      g.Register(Man("BFA", 34, "Harouna", "Zongo", v1::OCCUPATION_MINER, v1::PURPOSE_MINING),
                 Truth::kAccomplice, "accompagnateur qui la déplace / companion who moves her",
                 kBantako, g.At(19, 16, 0));
  g.Live(companion, stays, 0.0);
  PersonSpec rasmata = Woman("BFA", 23, "Rasmata", "Sawadogo");
  rasmata.languages = "mos";
  rasmata.entered_days_ago = 40;
  const std::size_t woman =
      g.Register(rasmata, Truth::kEmbedded,
                 "cas : déplacée entre quatre sites en trois semaines / case: moved between four "
                 "sites in three weeks",
                 kBantako, g.At(19, 16, 12),
                 WithToken(g.person(companion).token, v1::COMPANION_RELATION_FRIEND));
  g.person(woman).expected_indicator = "moved_between_sites";
  g.Live(woman, stays, 0.0);
}

/// Search notices entered by protection officers, and the registrations that must match them:
/// names as another hand wrote them, a document number under another name. The matcher's
/// decision is server/risk's NameSimilarity (threshold 0.85), with sex, nationality and birth
/// year within two years.
void SearchNotices(Generator& g) {
  const std::string group = "cas : avis de recherche / case: search notice";
  g.Reserve("GIN", "Aïssatou", "Diallo");
  g.Reserve("MLI", "Djénéba", "Coulibaly");
  g.Reserve("NGA", "Grace", "Adebayo");
  g.Reserve("GIN", "Hadja", "Kourouma");
  g.Reserve("GIN", "Hawa", "Kourouma");

  // Notice first, registration three weeks later: the monitor matches her as she registers.
  PersonSpec asatou = Woman("GIN", 20, "Asatou", "Jallo");
  asatou.birth = Born(2006);
  asatou.languages = "fuf";
  asatou.entered_days_ago = 30;
  const std::size_t asatou_index =
      Case(g, asatou, group, "search_notice_match", kTenkoto, g.At(22, 10, 30),
           Described("Binta, une amie de Labé", v1::COMPANION_RELATION_FRIEND));
  NoticePlan missing;
  missing.created_at_ms = g.At(0, 10, 0);
  missing.kind = v1::SEARCH_NOTICE_KIND_MISSING;
  missing.given_name = "Aïssatou";
  missing.family_name = "Diallo";
  missing.sex = v1::SEX_FEMALE;
  missing.birth_year = 2007;
  missing.nationality = "GIN";
  missing.photo_description =
      "Teint clair, 1 m 60, cicatrice au menton ; partie de Labé en juin 2026.\n"
      "Light complexion, 1.60 m, scar on the chin; left Labé in June 2026.";
  missing.reporting_service = "Croix-Rouge guinéenne, Labé, pour la famille / for the family";
  missing.matches_token = g.person(asatou_index).token;
  missing.how =
      "« Asatou Jallo » : prénom mal écrit (un i perdu), nom translittéré (Diallo → Jallo), "
      "née en 2006 (avis : 2007) ; avis créé avant / given name misspelt (an i dropped), family "
      "name transliterated, born 2006 (notice: 2007); notice entered before";
  g.notices().push_back(missing);

  // Registration first, notice four weeks later: the notice is matched against the registry.
  PersonSpec jenaba = Woman("MLI", 22, "Jenaba", "Koulibaly");
  jenaba.birth = Born(2004, 6, 2);
  jenaba.has_document = true;
  jenaba.languages = "bam fra";
  jenaba.entered_days_ago = 150;
  const std::size_t jenaba_index =
      Case(g, jenaba, group, "search_notice_match", kKharakhena, g.At(12, 9, 15), std::nullopt);
  NoticePlan consulate;
  consulate.created_at_ms = g.At(40, 11, 0);
  consulate.kind = v1::SEARCH_NOTICE_KIND_MISSING;
  consulate.given_name = "Djénéba";
  consulate.family_name = "Coulibaly";
  consulate.sex = v1::SEX_FEMALE;
  consulate.birth_year = 2004;
  consulate.nationality = "MLI";
  consulate.reporting_service = "Consulat du Mali à Tambacounda / Consulate of Mali in Tambacounda";
  consulate.matches_token = g.person(jenaba_index).token;
  consulate.how =
      "« Jenaba Koulibaly » : prénom mal écrit (Djénéba → Jenaba), nom translittéré (C → K) ; "
      "avis créé après / given name misspelt, family name transliterated; notice entered after";
  g.notices().push_back(consulate);

  // A watch notice with a document number: she registered under another family name.
  PersonSpec grace = Woman("NGA", 23, "Grace", "Okon");
  grace.passport_number = "A07415926";
  grace.languages = "eng pcm";
  const std::size_t grace_index =
      Case(g, grace, group, "search_notice_match", kBantako, g.At(30, 11, 20), std::nullopt);
  NoticePlan watch;
  watch.created_at_ms = g.At(5, 15, 0);
  watch.kind = v1::SEARCH_NOTICE_KIND_WATCH;
  watch.given_name = "Grace";
  watch.family_name = "Adebayo";
  watch.sex = v1::SEX_FEMALE;
  watch.birth_year = 2003;
  watch.nationality = "NGA";
  watch.document_number = "A 0741-5926";
  watch.reporting_service = "NAPTIP, par l'ambassade du Nigeria à Dakar / through the embassy";
  watch.matches_token = g.person(grace_index).token;
  watch.how =
      "« Grace Okon » : même passeport (écrit A 0741-5926 sur l'avis), autre nom de famille / "
      "the same passport (written A 0741-5926 on the notice), another family name";
  g.notices().push_back(watch);

  // A notice no one registered matches.
  NoticePlan unmatched;
  unmatched.created_at_ms = g.At(3, 9, 0);
  unmatched.kind = v1::SEARCH_NOTICE_KIND_MISSING;
  unmatched.given_name = "Hadja";
  unmatched.family_name = "Kourouma";
  unmatched.sex = v1::SEX_FEMALE;
  unmatched.birth_year = 2009;
  unmatched.nationality = "GIN";
  unmatched.reporting_service = "Famille Kourouma, Kankan / the Kourouma family, Kankan";
  unmatched.how = "personne ne doit correspondre / no one must match";
  g.notices().push_back(unmatched);
}

/// The other signs of the rule set, each with what usually goes with it.
void OtherSigns(Generator& g) {
  PersonSpec akosua = Woman("GHA", 24, "Akosua", "Mensah");
  akosua.has_document = true;
  akosua.holder = v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER;
  akosua.occupation = v1::OCCUPATION_FOOD_SERVICE;
  akosua.purpose = v1::PURPOSE_PROMISED_JOB;
  akosua.job = v1::PROMISED_JOB_RESTAURANT;
  akosua.languages = "aka eng";
  Case(g, akosua, "cas : pièce gardée par l'employeur / case: document held by the employer",
       "document_held_by_other", kBantako, g.At(28, 14, 0),
       Described("Monsieur Bah, gérant du maquis de Bantako", v1::COMPANION_RELATION_EMPLOYER));

  PersonSpec ndeye = Woman("SEN", 21, "Ndèye", "Faye");
  ndeye.travel_paid = v1::ANSWER_YES;
  ndeye.debt = v1::ANSWER_YES;
  ndeye.languages = "wol fra";
  Case(g, ndeye, "cas : voyage payé et dette / case: travel paid and a debt",
       "travel_paid_and_debt", kKharakhena, g.At(18, 10, 0), std::nullopt);

  PersonSpec chiamaka = Woman("NGA", 20, "Chiamaka", "Nwosu");
  chiamaka.occupation = v1::OCCUPATION_BAR_WORKER;
  chiamaka.purpose = v1::PURPOSE_PROMISED_JOB;
  chiamaka.job = v1::PROMISED_JOB_BAR;
  chiamaka.travel_paid = v1::ANSWER_YES;
  chiamaka.languages = "ibo eng";
  chiamaka.entered_days_ago = 15;
  Case(g, chiamaka, "cas : emploi de bar promis / case: promised bar job", "job_promised",
       kSabodala, g.At(33, 17, 0), std::nullopt);

  PersonSpec hauwa = Woman("NGA", 19, "Hauwa", "Musa");
  hauwa.has_document = true;
  hauwa.holder = v1::DOCUMENT_HOLDER_COMPANION;
  hauwa.languages = "hau";
  Case(g, hauwa, "cas : l'accompagnateur répond à sa place / case: the companion answers for her",
       "companion_answered_for_her", kTenkoto, g.At(41, 8, 30),
       Described("Alhaji Sani, Toyota Corolla blanche", v1::COMPANION_RELATION_FRIEND, true));
}

}  // namespace

void AddEmbeddedCases(Generator& g) {
  RecruiterWithBracelet(g);
  RecruiterByDescription(g);
  MinorsWithEmployers(g);
  MovedBetweenSites(g);
  SearchNotices(g);
  OtherSigns(g);
}

void AddNoticeNamesakes(Generator& g) {
  // Women whose names are near a notice's, of its nationality and about its age: none of them
  // is the woman sought. (Hawa / Hadja Kourouma is one letter apart in a short given name.)
  struct Namesake {
    const char* nationality;
    const char* given;
    const char* family;
    std::uint32_t year;
    std::uint32_t month;
    std::uint32_t day;
    std::size_t site;
    int arrival_day;
  };
  const Namesake namesakes[] = {
      {"GIN", "Aminata", "Diallo", 2007, 4, 11, kKhossanto, 8},
      {"GIN", "Aïssatou", "Diallo", 1985, 0, 0, kBantako, 3},  // the same name, twice her age
      {"GIN", "Kadiatou", "Diallo", 2006, 9, 30, kSabodala, 11},
      {"MLI", "Djénéba", "Diarra", 2004, 1, 17, kKharakhena, 14},
      {"MLI", "Fatoumata", "Coulibaly", 2005, 0, 0, kTenkoto, 6},
      {"NGA", "Grace", "Adeyemi", 2003, 7, 2, kBantako, 24},
      {"GIN", "Hawa", "Kourouma", 2007, 8, 9, kMako, 10},
  };
  for (const Namesake& n : namesakes) {
    PersonSpec spec = Woman(n.nationality, 25, n.given, n.family);
    spec.birth = Born(n.year, n.month, n.day);
    spec.questions = std::nullopt;
    spec.occupation = v1::OCCUPATION_MINER;
    const std::size_t index =
        g.Register(spec, Truth::kOrdinary, "nom proche d'un avis / name close to a notice's",
                   n.site, g.GateTime(n.arrival_day));
    g.person(index).hard_negative = true;
    g.Live(index, {{n.site, g.end_ms()}}, 1.0);
  }
}

}  // namespace minegate::test::population::internal
