#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "server/risk/internal/kind_table.hpp"
#include "server/risk/internal/rule_checks.hpp"

namespace minegate::server::risk::internal {
namespace {

using google::protobuf::FieldDescriptor;
using ParseInfoTree = google::protobuf::TextFormat::ParseInfoTree;
using ParseLocation = google::protobuf::TextFormat::ParseLocation;

constexpr std::size_t kMaxRules = 200;
constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxLabelLength = 200;
constexpr std::size_t kMaxDescriptionLength = 2000;
constexpr std::int32_t kMaxPoints = 100;
constexpr std::uint32_t kMaxThreshold = 10000;
constexpr std::uint32_t kMaxAgeYears = 120;
constexpr std::uint32_t kMaxWindowDays = 3650;
constexpr std::uint32_t kMaxCount = 1000;
constexpr std::uint32_t kMaxSites = 100;
constexpr std::uint32_t kMaxStayDays = 365;
/// The decisive female-minor rule must cover every age under this.
constexpr std::uint32_t kAdultAge = 18;

/// Code points of `text` when it is valid UTF-8 without control characters (line breaks and
/// tabs allowed when `allow_breaks`); -1 otherwise.
long CountCharacters(std::string_view text, bool allow_breaks = false) {
  long count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t extra = 0;
    // Bounds of the second byte: they exclude overlong forms, surrogates and code points
    // above U+10FFFF.
    std::uint8_t low = 0x80;
    std::uint8_t high = 0xBF;
    if (lead < 0x80) {
      const bool allowed_break = allow_breaks && (lead == '\n' || lead == '\t');
      if ((lead < 0x20 && !allowed_break) || lead == 0x7F) return -1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return -1;
    }
    if (extra > text.size() - i - 1) return -1;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      const std::uint8_t first_low = k == 1 ? low : std::uint8_t{0x80};
      const std::uint8_t first_high = k == 1 ? high : std::uint8_t{0xBF};
      if (next < first_low || next > first_high) return -1;
    }
    i += extra + 1;
    ++count;
  }
  return count;
}

std::string Quote(std::string_view text) { return "« " + std::string(text) + " »"; }
std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }
std::string Num(std::int64_t value) { return std::to_string(value); }

/// Adds errors at the position of fields of one message of the parsed text.
class Reporter {
 public:
  Reporter(const google::protobuf::Descriptor* descriptor, const ParseInfoTree* tree,
           ParseLocation fallback, std::vector<RuleSetError>& errors)
      : descriptor_(descriptor), tree_(tree), fallback_(fallback), errors_(errors) {}

  /// Where `field` (its `index`-th value when repeated) starts; the message's own start when
  /// the field is absent from the text.
  ParseLocation At(std::string_view field, int index = -1) const {
    const FieldDescriptor* descriptor = descriptor_->FindFieldByName(std::string(field));
    if (tree_ != nullptr && descriptor != nullptr) {
      if (!descriptor->is_repeated()) {
        const ParseLocation location = tree_->GetLocation(descriptor, -1);
        if (location.line >= 0) return location;
      } else {
        // The values of a list ("jobs: [A, B]") share the location of its first one.
        for (int k = std::max(index, 0); k >= 0; --k) {
          const ParseLocation location = tree_->GetLocation(descriptor, k);
          if (location.line >= 0) return location;
        }
      }
    }
    return fallback_;
  }

  void Add(ParseLocation location, std::string fr, std::string en) {
    errors_.push_back({location.line < 0 ? 1 : location.line + 1,
                       location.column < 0 ? 1 : location.column + 1, std::move(fr),
                       std::move(en)});
  }
  void Add(std::string_view field, std::string fr, std::string en) {
    Add(At(field), std::move(fr), std::move(en));
  }
  void Add(std::string_view field, int index, std::string fr, std::string en) {
    Add(At(field, index), std::move(fr), std::move(en));
  }

 private:
  const google::protobuf::Descriptor* descriptor_;
  const ParseInfoTree* tree_;
  ParseLocation fallback_;
  std::vector<RuleSetError>& errors_;
};

/// Moves (line, column), 0-based, back to the last whole-word occurrence of `name` at or
/// before it, when there is one within a few lines.
void Relocate(std::string_view text, const std::string& name, int& line, int& column) {
  std::size_t offset = 0;
  for (int l = 0; l < line; ++l) {
    const std::size_t next = text.find('\n', offset);
    if (next == std::string_view::npos) return;
    offset = next + 1;
  }
  offset = std::min(text.size(), offset + static_cast<std::size_t>(std::max(column, 0)));
  const auto is_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  std::size_t at = text.substr(0, offset).rfind(name);
  while (at != std::string_view::npos) {
    const bool starts = at == 0 || !is_word(text[at - 1]);
    const bool ends = at + name.size() >= text.size() || !is_word(text[at + name.size()]);
    if (starts && ends) break;
    at = at == 0 ? std::string_view::npos : text.substr(0, at).rfind(name);
  }
  if (at == std::string_view::npos || offset - at > 2000) return;
  const std::size_t line_end = text.substr(0, at).rfind('\n');
  const std::size_t first = line_end == std::string_view::npos ? 0 : line_end + 1;
  line = static_cast<int>(
      std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
  column = static_cast<int>(at - first);
}

std::string KindName(v1::IndicatorKind kind) { return std::string(v1::IndicatorKind_Name(kind)); }

/// Range check of a scalar parameter the kind reads (0 means unset and is checked apart).
void CheckRange(Reporter& report, std::string_view field, std::uint32_t value, std::uint32_t low,
                std::uint32_t high) {
  if (value == 0) return;
  if (value < low || value > high) {
    report.Add(
        field,
        std::string(field) + " : " + Num(value) + ", attendu de " + Num(low) + " à " + Num(high),
        std::string(field) + ": " + Num(value) + ", expected " + Num(low) + " to " + Num(high));
  }
}

/// Each value of a repeated enum parameter: known, not the zero value, not repeated.
template <class IsValid>
void CheckEnumList(Reporter& report, std::string_view field,
                   const google::protobuf::RepeatedField<int>& values, IsValid is_valid,
                   int lowest_allowed) {
  std::set<int> seen;
  for (int i = 0; i < values.size(); ++i) {
    const int value = values.Get(i);
    if (!is_valid(value) || value < lowest_allowed) {
      report.Add(field, i, std::string(field) + " : valeur " + Num(value) + " non admise ici",
                 std::string(field) + ": value " + Num(value) + " not allowed here");
    } else if (!seen.insert(value).second) {
      report.Add(field, i, std::string(field) + " : valeur répétée",
                 std::string(field) + ": value repeated");
    }
  }
}

/// A label: present, at most 200 characters of text, only the placeholders the kind knows,
/// "{value}" when the kind has a value.
void CheckLabel(Reporter& report, std::string_view field, const std::string& label,
                const KindSpec& spec) {
  const long length = CountCharacters(label);
  if (label.empty()) {
    report.Add(field, std::string(field) + " : libellé vide, obligatoire",
               std::string(field) + ": empty label, required");
    return;
  }
  if (length < 0) {
    report.Add(field, std::string(field) + " : UTF-8 invalide ou caractère de contrôle",
               std::string(field) + ": invalid UTF-8 or a control character");
    return;
  }
  if (static_cast<std::size_t>(length) > kMaxLabelLength) {
    report.Add(
        field,
        std::string(field) + " : " + Num(length) + " caractères, au plus " + Num(kMaxLabelLength),
        std::string(field) + ": " + Num(length) + " characters, at most " + Num(kMaxLabelLength));
  }
  bool has_value = false;
  std::size_t i = 0;
  while (i < label.size()) {
    if (label[i] == '}') {
      report.Add(field, std::string(field) + " : « } » sans « { »",
                 std::string(field) + ": \"}\" without \"{\"");
      return;
    }
    if (label[i] != '{') {
      ++i;
      continue;
    }
    const std::size_t close = label.find('}', i);
    if (close == std::string::npos) {
      report.Add(field, std::string(field) + " : « { » sans « } »",
                 std::string(field) + ": \"{\" without \"}\"");
      return;
    }
    const std::string_view name(label.data() + i + 1, close - i - 1);
    bool known = false;
    if (name == "value") {
      known = spec.has_value;
      has_value = true;
    } else {
      for (const ParamName& param : ParamNames()) {
        if (param.placeholder && param.field == name) known = (spec.reads & param.param) != 0;
      }
    }
    if (!known) {
      report.Add(field,
                 std::string(field) + " : " + Quote("{" + std::string(name) + "}") +
                     " n'est pas une valeur de " + KindName(spec.kind),
                 std::string(field) + ": " + Quoted("{" + std::string(name) + "}") +
                     " is not a value of " + KindName(spec.kind));
      return;
    }
    i = close + 1;
  }
  if (spec.has_value && !has_value) {
    report.Add(field, std::string(field) + " : le libellé doit citer la valeur, « {value} »",
               std::string(field) + ": the label must quote the value, \"{value}\"");
  }
}

bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > kMaxIdLength) return false;
  for (const char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool ValidVersion(const std::string& version) {
  // YYYY-MM-DD.N, N 1..9999.
  if (version.size() < 12 || version.size() > 15) return false;
  for (std::size_t i = 0; i < version.size(); ++i) {
    const char c = version[i];
    const bool digit = c >= '0' && c <= '9';
    if (i == 4 || i == 7) {
      if (c != '-') return false;
    } else if (i == 10) {
      if (c != '.') return false;
    } else if (!digit) {
      return false;
    }
  }
  const int month = std::stoi(version.substr(5, 2));
  const int day = std::stoi(version.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && version[11] != '0';
}

/// Every rule of one IndicatorRule; returns whether it is a decisive rule covering every girl
/// under 18.
bool CheckRule(const v1::IndicatorRule& rule, Reporter& report) {
  if (!ValidId(rule.id())) {
    report.Add("id", "id : 1 à 64 caractères parmi a-z, 0-9, « _ » et « - », obligatoire",
               "id: 1 to 64 characters of a-z, 0-9, \"_\" and \"-\", required");
  }
  const KindSpec* spec = SpecOf(rule.kind());
  if (spec == nullptr) {
    report.Add("kind", "kind : type d'indicateur obligatoire (INDICATOR_KIND_…)",
               "kind: indicator kind required (INDICATOR_KIND_...)");
    return false;
  }
  const std::string kind = KindName(rule.kind());

  if (rule.grade() == v1::GRADE_UNSPECIFIED || !v1::Grade_IsValid(rule.grade())) {
    report.Add("grade", "grade : obligatoire (GRADE_WEAK, _MEDIUM, _STRONG ou _DECISIVE)",
               "grade: required (GRADE_WEAK, _MEDIUM, _STRONG or _DECISIVE)");
  } else if (spec->weak_only && rule.grade() != v1::GRADE_WEAK) {
    report.Add(
        "grade",
        "grade : " + kind +
            " suit de trop près la nationalité ou le sexe pour peser plus que GRADE_WEAK",
        "grade: " + kind + " follows nationality or sex too closely to weigh more than GRADE_WEAK");
  }
  if (rule.points() < 0 || rule.points() > kMaxPoints) {
    report.Add("points",
               "points : " + Num(rule.points()) + ", attendu de 0 à " + Num(kMaxPoints) +
                   " (jamais négatif)",
               "points: " + Num(rule.points()) + ", expected 0 to " + Num(kMaxPoints) +
                   " (never negative)");
  }
  if (rule.elements().empty() && rule.grade() != v1::GRADE_DECISIVE) {
    report.Add("kind", "elements : au moins un élément (ELEMENT_…) pour un indicateur non décisif",
               "elements: at least one element (ELEMENT_...) for an indicator that is not "
               "decisive");
  }
  CheckEnumList(
      report, "elements", rule.elements(), [](int v) { return v1::Element_IsValid(v); }, 1);
  if (rule.applies_to() == v1::APPLIES_TO_UNSPECIFIED ||
      !v1::AppliesTo_IsValid(rule.applies_to())) {
    report.Add("applies_to", "applies_to : obligatoire (APPLIES_TO_FEMALES ou APPLIES_TO_EVERYONE)",
               "applies_to: required (APPLIES_TO_FEMALES or APPLIES_TO_EVERYONE)");
  } else if (spec->females_only && rule.applies_to() != v1::APPLIES_TO_FEMALES) {
    report.Add("applies_to", "applies_to : " + kind + " ne vise que les femmes et les filles",
               "applies_to: " + kind + " is about women and girls only");
  }
  if (rule.flags_with_any_other() && rule.grade() != v1::GRADE_STRONG) {
    report.Add("flags_with_any_other",
               "flags_with_any_other : réservé aux indicateurs GRADE_STRONG",
               "flags_with_any_other: for GRADE_STRONG indicators only");
  }
  CheckLabel(report, "label_fr", rule.label_fr(), *spec);
  CheckLabel(report, "label_en", rule.label_en(), *spec);

  // Parameters: those the kind does not read must be unset; those it needs, set and in range.
  const std::map<Param, bool> set = {
      {kMinAge, rule.min_age_years() != 0},
      {kMaxAge, rule.max_age_years() != 0},
      {kWindow, rule.window_days() != 0},
      {kMinCount, rule.min_count() != 0},
      {kMinSites, rule.min_sites() != 0},
      {kMaxStay, rule.max_stay_days() != 0},
      {kRelations, !rule.relations().empty()},
      {kHolders, !rule.holders().empty()},
      {kJobs, !rule.jobs().empty()},
      {kLanguages, !rule.languages().empty()},
      {kExemptPurposes, !rule.exempt_purposes().empty()},
      {kMinSimilarity, rule.min_similarity() != 0.0},
  };
  for (const ParamName& param : ParamNames()) {
    const bool present = set.at(param.param);
    if (present && (spec->reads & param.param) == 0) {
      report.Add(param.field,
                 std::string(param.field) + " : sans effet pour " + kind + ", à retirer",
                 std::string(param.field) + ": not read by " + kind + ", remove it");
    } else if (!present && (spec->required & param.param) != 0) {
      report.Add("kind", std::string(param.field) + " : obligatoire pour " + kind,
                 std::string(param.field) + ": required for " + kind);
    }
  }
  CheckRange(report, "min_age_years", rule.min_age_years(), 1, kMaxAgeYears);
  CheckRange(report, "max_age_years", rule.max_age_years(), 1, kMaxAgeYears);
  if (rule.max_age_years() != 0 && rule.min_age_years() > rule.max_age_years()) {
    report.Add("min_age_years", "min_age_years : plus grand que max_age_years",
               "min_age_years: greater than max_age_years");
  }
  CheckRange(report, "window_days", rule.window_days(), 1, kMaxWindowDays);
  CheckRange(report, "min_count", rule.min_count(), 2, kMaxCount);
  CheckRange(report, "min_sites", rule.min_sites(), 2, kMaxSites);
  CheckRange(report, "max_stay_days", rule.max_stay_days(), 1, kMaxStayDays);
  CheckEnumList(
      report, "relations", rule.relations(), [](int v) { return v1::CompanionRelation_IsValid(v); },
      1);
  CheckEnumList(
      report, "holders", rule.holders(),
      [](int v) {
        return v == v1::DOCUMENT_HOLDER_COMPANION ||
               v == v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER || v == v1::DOCUMENT_HOLDER_OTHER;
      },
      1);
  CheckEnumList(
      report, "jobs", rule.jobs(), [](int v) { return v1::PromisedJob_IsValid(v); }, 1);
  CheckEnumList(
      report, "exempt_purposes", rule.exempt_purposes(),
      [](int v) { return v1::Purpose_IsValid(v); }, 1);
  std::set<std::string> languages;
  for (int i = 0; i < rule.languages_size(); ++i) {
    const std::string& code = rule.languages(i);
    const bool ok = code.size() == 3 && std::all_of(code.begin(), code.end(),
                                                    [](char c) { return c >= 'a' && c <= 'z'; });
    if (!ok) {
      report.Add("languages", i,
                 "languages : " + Quote(code) + " n'est pas un code ISO 639-3 (trois lettres a-z)",
                 "languages: " + Quoted(code) + " is not an ISO 639-3 code (three letters a-z)");
    } else if (!languages.insert(code).second) {
      report.Add("languages", i, "languages : " + Quote(code) + " répété",
                 "languages: " + Quoted(code) + " repeated");
    }
  }
  // Written so that nan and inf are refused too.
  const double similarity = rule.min_similarity();
  if (similarity != 0.0 && !(similarity > 0.0 && similarity <= 1.0)) {
    report.Add("min_similarity", "min_similarity : attendu dans ]0, 1]",
               "min_similarity: expected in (0, 1]");
  }

  if (rule.kind() == v1::INDICATOR_KIND_FEMALE_MINOR) {
    if (rule.max_age_years() >= kAdultAge) {
      report.Add("max_age_years",
                 "max_age_years : " + Num(rule.max_age_years()) + ", une mineure a au plus 17 ans",
                 "max_age_years: " + Num(rule.max_age_years()) + ", a minor is at most 17");
    }
    return rule.grade() == v1::GRADE_DECISIVE && rule.min_age_years() == 0 &&
           rule.max_age_years() == kAdultAge - 1;
  }
  return false;
}

}  // namespace

RuleSetError SyntaxError(std::string_view text, int line, int column, const std::string& message) {
  // protobuf's messages are English: the common ones are said in French too, and pointed at
  // the name they quote (protobuf reports the token after it, often on the next line).
  std::string fr = "erreur de syntaxe : " + message;
  std::string name;
  const auto quoted_after = [&](std::string_view marker) {
    const auto at = message.find(marker);
    if (at == std::string::npos) return false;
    const auto start = at + marker.size();
    const auto end = message.find('"', start);
    if (end == std::string::npos) return false;
    name = message.substr(start, end - start);
    return true;
  };
  if (quoted_after("has no field named \"")) {
    fr = "champ inconnu " + Quote(name);
  } else if (quoted_after("Unknown enumeration value of \"")) {
    fr = "valeur inconnue " + Quote(name);
  } else if (quoted_after("Non-repeated field \"")) {
    fr = "champ " + Quote(name) + " donné plusieurs fois (il n'en admet qu'une)";
  }
  if (!name.empty()) Relocate(text, name, line, column);
  return {line + 1, column + 1, std::move(fr), "syntax error: " + message};
}

void ValidateRuleSet(const v1::RiskRuleSet& rule_set, const ParseInfoTree& tree,
                     std::vector<RuleSetError>& errors) {
  Reporter top(v1::RiskRuleSet::descriptor(), &tree, ParseLocation(0, 0), errors);
  if (!ValidVersion(rule_set.version())) {
    top.Add("version",
            "version : " + Quote(rule_set.version()) +
                ", attendu AAAA-MM-JJ.N (par exemple 2026-12-07.1), obligatoire",
            "version: " + Quoted(rule_set.version()) +
                ", expected YYYY-MM-DD.N (e.g. 2026-12-07.1), required");
  }
  const long description = CountCharacters(rule_set.description(), /*allow_breaks=*/true);
  if (description < 0) {
    top.Add("description", "description : UTF-8 invalide ou caractère de contrôle",
            "description: invalid UTF-8 or a control character");
  } else if (static_cast<std::size_t>(description) > kMaxDescriptionLength) {
    top.Add(
        "description",
        "description : " + Num(description) + " caractères, au plus " + Num(kMaxDescriptionLength),
        "description: " + Num(description) + " characters, at most " + Num(kMaxDescriptionLength));
  }

  const FieldDescriptor* indicators = v1::RiskRuleSet::descriptor()->FindFieldByName("indicators");
  if (rule_set.indicators().empty()) {
    top.Add("version", "indicators : aucun indicateur", "indicators: no indicator");
  }
  if (static_cast<std::size_t>(rule_set.indicators_size()) > kMaxRules) {
    top.Add("indicators", static_cast<int>(kMaxRules),
            "indicators : au plus " + Num(kMaxRules) + " indicateurs",
            "indicators: at most " + Num(kMaxRules) + " indicators");
  }
  std::map<std::string, int> first_line_of_id;
  bool has_minor_rule = false;
  std::int64_t max_weak_points = 0;
  std::int64_t all_weak_points = 0;
  // The heaviest MEDIUM rule, and per element (index 1..6) its heaviest MEDIUM rule and the
  // points of its WEAK rules together.
  std::int64_t max_medium_points = 0;
  std::array<std::int64_t, 7> element_medium_points{};
  std::array<std::int64_t, 7> element_weak_points{};
  for (int i = 0; i < rule_set.indicators_size(); ++i) {
    const v1::IndicatorRule& rule = rule_set.indicators(i);
    const ParseLocation start = tree.GetLocation(indicators, i);
    Reporter report(v1::IndicatorRule::descriptor(), tree.GetTreeForNested(indicators, i), start,
                    errors);
    if (CheckRule(rule, report)) has_minor_rule = true;
    if (!rule.id().empty()) {
      const int line = report.At("id").line + 1;
      const auto [it, inserted] = first_line_of_id.emplace(rule.id(), line);
      if (!inserted) {
        report.Add("id", "id : " + Quote(rule.id()) + " déjà employé ligne " + Num(it->second),
                   "id: " + Quoted(rule.id()) + " already used on line " + Num(it->second));
      }
    }
    // Points out of range are reported on their rule, not again on the thresholds.
    if (rule.points() <= 0 || rule.points() > kMaxPoints) continue;
    const bool weak = rule.grade() == v1::GRADE_WEAK;
    const bool medium = rule.grade() == v1::GRADE_MEDIUM;
    if (weak) {
      max_weak_points = std::max<std::int64_t>(max_weak_points, rule.points());
      all_weak_points += rule.points();
    } else if (medium) {
      max_medium_points = std::max<std::int64_t>(max_medium_points, rule.points());
    }
    std::set<int> elements(rule.elements().begin(), rule.elements().end());
    for (const int element : elements) {
      if (element < 1 || element > 6) continue;
      const auto e = static_cast<std::size_t>(element);
      if (weak) element_weak_points[e] += rule.points();
      if (medium)
        element_medium_points[e] = std::max<std::int64_t>(element_medium_points[e], rule.points());
    }
  }
  if (!has_minor_rule) {
    top.Add(rule_set.indicators().empty() ? "version" : "indicators",
            "indicators : il faut une règle INDICATOR_KIND_FEMALE_MINOR de grade GRADE_DECISIVE "
            "pour toute fille de moins de 18 ans (max_age_years: 17, sans min_age_years)",
            "indicators: a GRADE_DECISIVE INDICATOR_KIND_FEMALE_MINOR rule is required for every "
            "girl under 18 (max_age_years: 17, no min_age_years)");
  }

  // Weak points as Evaluate counts them: together at most the cap, when there is one.
  std::int64_t weak_cap = std::numeric_limits<std::int64_t>::max();
  if (rule_set.has_weak_points_cap()) {
    if (rule_set.weak_points_cap() > kMaxThreshold) {
      top.Add("weak_points_cap",
              "weak_points_cap : " + Num(rule_set.weak_points_cap()) + ", attendu de 0 à " +
                  Num(kMaxThreshold),
              "weak_points_cap: " + Num(rule_set.weak_points_cap()) + ", expected 0 to " +
                  Num(kMaxThreshold));
    }
    weak_cap = rule_set.weak_points_cap();
  }
  max_weak_points = std::min(max_weak_points, weak_cap);
  all_weak_points = std::min(all_weak_points, weak_cap);

  if (rule_set.element_threshold() == 0 || rule_set.element_threshold() > kMaxThreshold) {
    top.Add("element_threshold",
            "element_threshold : " + Num(rule_set.element_threshold()) + ", attendu de 1 à " +
                Num(kMaxThreshold),
            "element_threshold: " + Num(rule_set.element_threshold()) + ", expected 1 to " +
                Num(kMaxThreshold));
  } else if (rule_set.element_threshold() <= max_weak_points) {
    top.Add("element_threshold",
            "element_threshold : " + Num(rule_set.element_threshold()) +
                " ; un seul signe faible (" + Num(max_weak_points) +
                " points) ne doit jamais suffire à un élément",
            "element_threshold: " + Num(rule_set.element_threshold()) + "; one weak sign (" +
                Num(max_weak_points) + " points) must never make an element present");
  } else {
    // The ILO combinations are several strong signs, a strong one with others, or several
    // medium ones: never weak signs, nor one medium sign with weak ones. The first element
    // where they would reach the threshold is reported.
    for (int element = 1; element <= 6; ++element) {
      const auto e = static_cast<std::size_t>(element);
      const std::int64_t medium = element_medium_points[e];
      const std::int64_t weak = std::min(element_weak_points[e], weak_cap);
      if (medium + weak < rule_set.element_threshold()) continue;
      const std::string name = v1::Element_Name(static_cast<v1::Element>(element));
      const std::string threshold = Num(rule_set.element_threshold());
      if (medium == 0) {
        top.Add("element_threshold",
                "element_threshold : " + threshold + " ; dans " + name +
                    ", les signes faibles réunis (" + Num(weak) +
                    " points comptés) ne doivent jamais suffire à un élément",
                "element_threshold: " + threshold + "; in " + name + ", the weak signs together (" +
                    Num(weak) + " points counted) must never make an element present");
      } else {
        top.Add("element_threshold",
                "element_threshold : " + threshold + " ; dans " + name + ", un signe moyen (" +
                    Num(medium) + " points) avec les signes faibles (" + Num(weak) +
                    " points comptés, voir weak_points_cap) ne doit jamais suffire à un élément",
                "element_threshold: " + threshold + "; in " + name + ", one medium sign (" +
                    Num(medium) + " points) with the weak signs (" + Num(weak) +
                    " points counted, see weak_points_cap) must never make an element present");
      }
      break;
    }
  }
  if (rule_set.flag_threshold() == 0 || rule_set.flag_threshold() > kMaxThreshold) {
    top.Add("flag_threshold",
            "flag_threshold : " + Num(rule_set.flag_threshold()) + ", attendu de 1 à " +
                Num(kMaxThreshold),
            "flag_threshold: " + Num(rule_set.flag_threshold()) + ", expected 1 to " +
                Num(kMaxThreshold));
  } else if (rule_set.flag_threshold() <= all_weak_points) {
    top.Add("flag_threshold",
            "flag_threshold : " + Num(rule_set.flag_threshold()) +
                " ; les signes faibles réunis (" + Num(all_weak_points) +
                " points) ne doivent jamais suffire à signaler",
            "flag_threshold: " + Num(rule_set.flag_threshold()) + "; the weak signs together (" +
                Num(all_weak_points) + " points) must never flag");
  } else if (rule_set.flag_threshold() <= max_medium_points + all_weak_points) {
    // Weak signs follow nationality: with them, one medium sign would flag a young woman who
    // has just crossed the border and not a Senegalese woman with the same sign.
    top.Add("flag_threshold",
            "flag_threshold : " + Num(rule_set.flag_threshold()) + " ; un signe moyen (" +
                Num(max_medium_points) + " points) avec les signes faibles (" +
                Num(all_weak_points) +
                " points comptés, voir weak_points_cap) ne doit jamais suffire à signaler",
            "flag_threshold: " + Num(rule_set.flag_threshold()) + "; one medium sign (" +
                Num(max_medium_points) + " points) with the weak signs (" + Num(all_weak_points) +
                " points counted, see weak_points_cap) must never flag");
  }

  const FieldDescriptor* bands = v1::RiskRuleSet::descriptor()->FindFieldByName("priority_bands");
  std::map<int, std::uint32_t> min_score_of;
  for (int i = 0; i < rule_set.priority_bands_size(); ++i) {
    const v1::PriorityBand& band = rule_set.priority_bands(i);
    Reporter report(v1::PriorityBand::descriptor(), tree.GetTreeForNested(bands, i),
                    tree.GetLocation(bands, i), errors);
    if (band.priority() != v1::PRIORITY_LOW && band.priority() != v1::PRIORITY_MEDIUM &&
        band.priority() != v1::PRIORITY_HIGH) {
      report.Add("priority",
                 "priority : PRIORITY_LOW, PRIORITY_MEDIUM ou PRIORITY_HIGH (l'urgence est "
                 "réservée aux indicateurs décisifs)",
                 "priority: PRIORITY_LOW, PRIORITY_MEDIUM or PRIORITY_HIGH (urgent belongs to "
                 "decisive indicators)");
      continue;
    }
    if (band.min_score() > kMaxThreshold) {
      report.Add("min_score", "min_score : au plus " + Num(kMaxThreshold),
                 "min_score: at most " + Num(kMaxThreshold));
    }
    if (!min_score_of.emplace(band.priority(), band.min_score()).second) {
      report.Add("priority", "priority : bande répétée", "priority: band repeated");
      continue;
    }
    for (const auto& [priority, min_score] : min_score_of) {
      const bool higher = band.priority() > priority;
      if ((higher && band.min_score() <= min_score) ||
          (!higher && priority != band.priority() && band.min_score() >= min_score)) {
        report.Add("min_score", "min_score : une priorité plus haute demande un score plus haut",
                   "min_score: a higher priority needs a higher score");
        break;
      }
    }
  }
}

}  // namespace minegate::server::risk::internal
