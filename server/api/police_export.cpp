#include "server/api/police_export.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.hpp"
#include "db/transaction.hpp"
#include "server/api/csv_export.hpp"
#include "server/api/police_routes.hpp"
#include "server/census/categories.hpp"
#include "server/police/person_search.hpp"
#include "server/police/person_timeline.hpp"

namespace minegate::server::api {
// Named inside the anonymous namespace: the library builds as one unity file, where every
// file's anonymous namespace is the same one.
namespace {
namespace police_csv {

struct TwoWords {
  std::string_view fr;
  std::string_view en;
};

std::string_view In(const TwoWords& words, bool english) { return english ? words.en : words.fr; }

/// The page's words (police.* of the web catalogues), so the file says what the screen says.
TwoWords DirectionWords(v1::Direction direction) {
  switch (direction) {
    case v1::DIRECTION_IN:
      return {"entrée", "entry"};
    case v1::DIRECTION_OUT:
      return {"sortie", "exit"};
    default:
      return {"passage", "passage"};
  }
}

TwoWords VerificationWords(v1::Verification verification) {
  switch (verification) {
    case v1::VERIFICATION_VALID:
      return {"", ""};
    case v1::VERIFICATION_NO_CREDENTIAL:
      return {"refusé : bracelet sans identifiant minegate",
              "refused: bracelet without a minegate credential"};
    case v1::VERIFICATION_MALFORMED:
      return {"refusé : identifiant illisible", "refused: unreadable credential"};
    case v1::VERIFICATION_UNKNOWN_KEY:
      return {"refusé : signé par une borne inconnue", "refused: signed by an unknown kiosk"};
    case v1::VERIFICATION_BAD_SIGNATURE:
      return {"refusé : signature invalide (copie possible)",
              "refused: invalid signature (possible copy)"};
    case v1::VERIFICATION_KEY_REVOKED:
      return {"refusé : émis par une borne révoquée", "refused: issued by a revoked kiosk"};
    case v1::VERIFICATION_BRACELET_REVOKED:
      return {"refusé : bracelet révoqué", "refused: revoked bracelet"};
    case v1::VERIFICATION_ISSUED_IN_FUTURE:
      return {"refusé : daté dans le futur", "refused: dated in the future"};
    default:
      return {"refusé : motif non précisé", "refused: reason not stated"};
  }
}

TwoWords RelationWords(v1::CompanionRelation relation) {
  switch (relation) {
    case v1::COMPANION_RELATION_PARENT:
      return {"parent", "parent"};
    case v1::COMPANION_RELATION_SPOUSE:
      return {"conjoint(e)", "spouse"};
    case v1::COMPANION_RELATION_SIBLING:
      return {"frère ou sœur", "brother or sister"};
    case v1::COMPANION_RELATION_OTHER_FAMILY:
      return {"autre membre de la famille", "other family member"};
    case v1::COMPANION_RELATION_EMPLOYER:
      return {"employeur", "employer"};
    case v1::COMPANION_RELATION_RECRUITER:
      return {"recruteur", "recruiter"};
    case v1::COMPANION_RELATION_FRIEND:
      return {"ami(e)", "friend"};
    case v1::COMPANION_RELATION_UNKNOWN:
      return {"lien inconnu", "relation unknown"};
    default:
      return {"lien non précisé", "relation not stated"};
  }
}

TwoWords RevocationWords(v1::RevocationReason reason) {
  switch (reason) {
    case v1::REVOCATION_REASON_LOST:
      return {"perdu", "lost"};
    case v1::REVOCATION_REASON_DAMAGED:
      return {"abîmé", "damaged"};
    case v1::REVOCATION_REASON_SUSPECTED_CLONE:
      return {"copie suspectée", "suspected copy"};
    case v1::REVOCATION_REASON_LEFT_REGION:
      return {"départ de la région", "left the region"};
    default:
      return {"motif non précisé", "reason not stated"};
  }
}

/// A time as the audit export writes it (UTC); empty for none.
std::string Time(std::int64_t ms) { return ms == 0 ? std::string() : base::FormatUtcMs(ms); }
std::string Number(std::int64_t value) {
  return value == 0 ? std::string() : std::to_string(value);
}

/// A UID as readers print it (upper case), the JSON's lower-case hex otherwise unchanged.
std::string Uid(std::string_view hex) {
  std::string out(hex);
  for (char& c : out) {
    if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string FullName(const std::string& family, const std::string& given) {
  if (family.empty()) return given;
  if (given.empty()) return family;
  return family + " " + given;
}

// ---- search results ----

constexpr CsvColumn kSearchColumns[] = {
    {"n° de personne", "person id"},
    {"nom", "family name"},
    {"prénom", "given name"},
    {"sexe", "sex"},
    {"année de naissance", "birth year"},
    {"naissance estimée", "birth estimated"},
    {"nationalité", "nationality"},
    {"premier enregistrement (UTC)", "first seen (UTC)"},
    {"site n° (premier)", "first site id"},
    {"site (premier)", "first site"},
    {"dernier passage (UTC)", "last seen (UTC)"},
    {"site n° (dernier)", "last site id"},
    {"site (dernier)", "last site"},
    {"vu(e) au site le (UTC)", "seen at the site (UTC)"},
};

/// Every page of one search, in its order, each after the position where the previous ended
/// (PersonSearch's keyset position) and in its own read snapshot, as a JSON page is. The first
/// page is the handler's.
class SearchRows final : public RowSource {
 public:
  SearchRows(police::SearchQuery query, bool english, v1::PolicePersonSearch first,
             std::string after)
      : query_(std::move(query)), english_(english), first_(std::move(first)) {
    query_.after = std::move(after);
    query_.limit = police::kMaxPageSize;
  }

  base::Result<bool> ReadPage(db::Connection& connection, int, CsvRows& rows) override {
    if (first_) {
      Write(*first_, rows);
      first_.reset();
      return !query_.after.empty();
    }
    auto snapshot = db::Transaction::Begin(connection, db::Transaction::Mode::kDeferred);
    if (!snapshot) return snapshot.error();
    std::string next_after;
    auto found = police::PersonSearch(connection).Find(query_, next_after);
    if (!found) return found.error();
    Write(found.value(), rows);
    query_.after = std::move(next_after);
    return !query_.after.empty();
  }

  void NamePersons(std::int64_t rows, std::size_t room,
                   std::vector<std::string>& person_tokens) const override {
    persons_.NameFirst(rows, room, person_tokens);
  }

 private:
  void Write(const v1::PolicePersonSearch& page, CsvRows& rows) {
    for (const v1::PolicePersonRow& p : page.persons()) {
      const census::Words sex = census::WordsOf(p.sex());
      const std::string birth_year = Number(p.birth_year());
      const std::string first_seen = Time(p.first_seen_at_ms());
      const std::string first_site = Number(p.first_site_id());
      const std::string last_seen = Time(p.last_seen_at_ms());
      const std::string last_site = Number(p.last_site_id());
      const std::string matched = Time(p.matched_at_ms());
      rows.Add({p.person_id(), p.family_name(), p.given_name(), english_ ? sex.en : sex.fr,
                birth_year,
                p.birth_estimated() ? (english_ ? "yes" : "oui") : (english_ ? "no" : "non"),
                p.nationality(), first_seen, first_site, p.first_site_name(), last_seen, last_site,
                p.last_site_name(), matched});
      persons_.Add(p.person_id());
    }
  }

  police::SearchQuery query_;
  bool english_;
  std::optional<v1::PolicePersonSearch> first_;
  ExportedPersons persons_;
};

// ---- a person's history ----

constexpr CsvColumn kTimelineColumns[] = {
    {"date (UTC)", "time (UTC)"},
    {"événement", "event"},
    {"site n°", "site id"},
    {"site", "site"},
    {"porte", "gate"},
    {"bracelet (UID)", "bracelet (UID)"},
    {"personne liée (n°)", "related person (id)"},
    {"personne liée", "related person"},
    {"détail", "detail"},
};

/// One line of the history, as the page lists it (newest first).
struct TimelineLine {
  std::int64_t at_ms = 0;
  std::string event;
  std::int64_t site_id = 0;
  std::string site_name;
  std::string gate_name;
  std::string tag_uid;
  std::string person_id;
  std::string person_name;
  std::string detail;
};

/// Every item of the timeline as a line: the same rows as the JSON (its newest 1000 passages),
/// bounded by it, so read once by the handler.
std::vector<TimelineLine> LinesOf(const v1::PoliceTimeline& t, bool english) {
  std::vector<TimelineLine> lines;
  const auto say = [english](std::string_view fr, std::string_view en) {
    return std::string(english ? en : fr);
  };
  if (t.has_registration()) {
    const v1::PoliceRegistration& r = t.registration();
    TimelineLine& line = lines.emplace_back();
    line.at_ms = r.registered_at_ms();
    line.event = say("enregistrement", "registration");
    line.site_id = r.site_id();
    line.site_name = r.site_name();
    line.gate_name = r.gate_name();
    line.detail = FullName(r.family_name(), r.given_name());
    if (!r.nationality().empty()) line.detail += " — " + r.nationality();
    if (!r.document_number().empty()) {
      line.detail += say(" — pièce ", " — document ") + r.document_number();
    }
  }
  for (const v1::PolicePassage& p : t.passages()) {
    TimelineLine& line = lines.emplace_back();
    line.at_ms = p.at_ms();
    line.event = std::string(In(DirectionWords(p.direction()), english));
    line.site_id = p.site_id();
    line.site_name = p.site_name();
    line.gate_name = p.gate_name();
    line.tag_uid = Uid(p.tag_uid());
    line.detail = std::string(In(VerificationWords(p.verification()), english));
  }
  for (const v1::PoliceCensusObservation& c : t.census_observations()) {
    TimelineLine& line = lines.emplace_back();
    line.at_ms = c.observed_at_ms();
    line.event = say("recensement", "census");
    line.site_id = c.site_id();
    line.site_name = c.site_name();
    line.detail =
        (english ? c.campaign_name_en() : c.campaign_name_fr()) + " (" + c.campaign_id() + ")";
  }
  const auto companions = [&](const auto& list, std::string_view fr, std::string_view en) {
    for (const v1::PoliceCompanion& c : list) {
      TimelineLine& line = lines.emplace_back();
      line.at_ms = c.recorded_at_ms();
      line.event = say(fr, en);
      line.site_id = c.site_id();
      line.site_name = c.site_name();
      line.person_id = c.person_id();
      line.person_name =
          c.person_id().empty() ? c.description() : FullName(c.family_name(), c.given_name());
      line.detail = std::string(In(RelationWords(c.relation()), english));
    }
  };
  companions(t.came_with(), "arrivé(e) avec", "came with");
  companions(t.accompanied(), "accompagnait", "accompanied");
  for (const v1::PoliceBracelet& b : t.bracelets()) {
    TimelineLine& issued = lines.emplace_back();
    issued.at_ms = b.issued_at_ms();
    issued.event = say("bracelet remis", "bracelet issued");
    issued.site_id = b.issued_site_id();
    issued.site_name = b.issued_site_name();
    issued.tag_uid = Uid(b.tag_uid());
    if (!b.revoked()) continue;
    TimelineLine& revoked = lines.emplace_back();
    revoked.at_ms = b.revoked_at_ms();
    revoked.event = b.replaced() ? say("bracelet remplacé", "bracelet replaced")
                                 : say("bracelet révoqué", "bracelet revoked");
    revoked.tag_uid = Uid(b.tag_uid());
    revoked.detail = std::string(In(RevocationWords(b.revocation_reason()), english));
  }
  for (const v1::PoliceMinerCard& card : t.miner_cards()) {
    TimelineLine& line = lines.emplace_back();
    line.at_ms = card.linked_at_ms();
    line.event = say("carte d'orpailleur liée", "miner's card linked");
    line.detail =
        say("carte n° ", "card no. ") + card.card_number() + " (UID " + Uid(card.card_uid()) + ")";
  }
  // Newest first, as the page; items of the same moment keep the order above.
  std::stable_sort(lines.begin(), lines.end(),
                   [](const TimelineLine& a, const TimelineLine& b) { return a.at_ms > b.at_ms; });
  return lines;
}

class TimelineRows final : public RowSource {
 public:
  explicit TimelineRows(std::vector<TimelineLine> lines) : lines_(std::move(lines)) {}

  base::Result<bool> ReadPage(db::Connection&, int max_rows, CsvRows& rows) override {
    for (int n = 0; n < max_rows && next_ < lines_.size(); ++n) {
      const TimelineLine& l = lines_[next_++];
      rows.Add({Time(l.at_ms), l.event, Number(l.site_id), l.site_name, l.gate_name, l.tag_uid,
                l.person_id, l.person_name, l.detail});
    }
    return next_ < lines_.size();
  }

 private:
  std::vector<TimelineLine> lines_;
  std::size_t next_ = 0;
};

}  // namespace police_csv
}  // namespace

ApiHandler PoliceSearchExportHandler() {
  return [](ApiCall& call) {
    police::SearchQuery query;
    if (auto problem = ReadPoliceSearch(call, query)) return ProblemReply(*problem);
    query.limit = police::kMaxPageSize;
    // The first page here, in its snapshot: a search that cannot run (an unknown site) is an
    // ordinary problem answer before any byte.
    std::string next_after;
    std::optional<v1::PolicePersonSearch> first;
    {
      auto snapshot = db::Transaction::Begin(call.connection, db::Transaction::Mode::kDeferred);
      if (!snapshot) return ProblemReply(ProblemOf(snapshot.error()));
      auto found = police::PersonSearch(call.connection).Find(query, next_after);
      if (!found) return ProblemReply(ProblemOf(found.error()));
      first = std::move(found.value());
    }
    const CsvOptions options = ReadCsvOptions(call.request);
    std::vector<CsvColumn> columns(std::begin(police_csv::kSearchColumns),
                                   std::end(police_csv::kSearchColumns));
    return CsvReply(
        std::move(columns), options,
        std::make_unique<police_csv::SearchRows>(std::move(query), options.english,
                                                 std::move(*first), std::move(next_after)),
        "recherche-personnes.csv", "person-search.csv");
  };
}

ApiHandler PoliceTimelineExportHandler() {
  return [](ApiCall& call) {
    std::string token;
    if (auto problem = ReadTimelinePerson(call, token)) return ProblemReply(*problem);
    auto snapshot = db::Transaction::Begin(call.connection, db::Transaction::Mode::kDeferred);
    if (!snapshot) return ProblemReply(ProblemOf(snapshot.error()));
    auto timeline = police::PersonTimeline(call.connection).Read(token);
    if (!timeline) return ProblemReply(ProblemOf(timeline.error()));
    const CsvOptions options = ReadCsvOptions(call.request);
    const std::string id = timeline.value().person_id();
    std::vector<CsvColumn> columns(std::begin(police_csv::kTimelineColumns),
                                   std::end(police_csv::kTimelineColumns));
    return CsvReply(std::move(columns), options,
                    std::make_unique<police_csv::TimelineRows>(
                        police_csv::LinesOf(timeline.value(), options.english)),
                    "historique-" + id + ".csv", "history-" + id + ".csv");
  };
}

}  // namespace minegate::server::api
