// Fuzz target: a risk rule-set text (risk::ParseRuleSet), what an administrator uploads
// (POST /v1/risk/rule-sets, minegatectl rules upload): untrusted text, parsed by protobuf's text
// format and validated by our own rules. Properties:
//   - a refusal lists 1..kMaxRuleSetErrors errors, each at a line and column of the text
//     (1-based), with French and English words, in line and column order (protobuf's parser
//     reports some out of order and some twice: seed syntax_errors_out_of_order gave 109:29,
//     109:29, 109:42, 109:33 until ParseRuleSet sorted them);
//   - an accepted rule set evaluates: people of every kind the rules read (a girl of 15 brought
//     by a recruiter who brought others, moved between sites and matched by a search notice; an
//     adult man with nothing; a woman with every sign) give an assessment on its version, with
//     no negative points, the same twice; the girl is always flagged URGENT (validation demands
//     a DECISIVE female-minor rule for every age under 18);
//   - the accepted message printed back as text is accepted again, as the same message (what
//     GET /v1/risk/rule-sets/{version} gives back uploads again).
// A libFuzzer run (fuzz preset, built with -fsanitize=fuzzer-no-link,address,undefined):
//   build-fuzz/fuzz/fuzz_risk_rule_set -max_total_time=300 -dict=tests/fuzz/risk/rule_set.dict
//     CORPUS_COPY tests/fuzz/risk/rule_set_corpus
// (one command; CORPUS_COPY an empty folder that receives what it finds).
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/risk/risk_evaluator.hpp"
#include "server/risk/rule_set.hpp"
#include "tests/unit/server/risk/facts_builder.hpp"

namespace {

using namespace minegate;
using server::risk::testing::FactsBuilder;
using server::risk::testing::kDayMs;
using server::risk::testing::kRegisteredAtMs;

/// The people every accepted rule set is evaluated on, and whether each is the girl.
const std::vector<std::pair<server::risk::PersonFacts, bool>>& People() {
  static const auto people = [] {
    std::vector<std::pair<server::risk::PersonFacts, bool>> out;
    FactsBuilder girl;
    girl.Female()
        .BornAbout(2011)
        .Nationality("NGA")
        .Languages({"pcm"})
        .NoDocument()
        .TravelPaid()
        .Debt()
        .Promised(v1::PROMISED_JOB_BAR)
        .Entered(2026, 11, 20)
        .Companion(v1::COMPANION_RELATION_RECRUITER, "d:moussa moto rouge", true)
        .Brought(2, v1::SEX_FEMALE, 2005, kRegisteredAtMs - 3 * kDayMs)
        .Brought(3, v1::SEX_FEMALE, 2004, kRegisteredAtMs - 9 * kDayMs)
        .Brought(4, v1::SEX_FEMALE, 2006, kRegisteredAtMs - 20 * kDayMs)
        .NoticeMatch(7, v1::SEARCH_NOTICE_KIND_MISSING,
                     v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY, 0.9);
    for (std::uint32_t site = 1; site <= 4; ++site) {
      const std::int64_t at = kRegisteredAtMs + (site - 1) * 5 * kDayMs;
      girl.Passage(site, v1::DIRECTION_IN, at).Passage(site, v1::DIRECTION_OUT, at + kDayMs);
    }
    out.emplace_back(girl.Build(), true);
    out.emplace_back(FactsBuilder().Build(), false);
    FactsBuilder woman;
    woman.Female()
        .Born(2002, 3, 4)
        .DocumentHeldBy(v1::DOCUMENT_HOLDER_EMPLOYER_OR_RECRUITER)
        .Companion(v1::COMPANION_RELATION_EMPLOYER, "00112233445566778899aabbccddeeff", true)
        .Brought(5, v1::SEX_FEMALE, 2003, kRegisteredAtMs - kDayMs);
    out.emplace_back(woman.Build(), false);
    return out;
  }();
  return people;
}

void CheckRefusal(const std::vector<server::risk::RuleSetError>& errors, std::string_view text) {
  if (errors.empty() || errors.size() > server::risk::kMaxRuleSetErrors) std::abort();
  // Lines of the text: its newlines plus one (an error may name the line after a final newline).
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (const server::risk::RuleSetError& error : errors) {
    if (error.line < 1 || error.line > lines || error.column < 1) std::abort();
    if (error.fr.empty() || error.en.empty()) std::abort();
  }
  const auto place = [](const server::risk::RuleSetError& e) {
    return std::pair(e.line, e.column);
  };
  if (!std::is_sorted(errors.begin(), errors.end(),
                      [&](const auto& a, const auto& b) { return place(a) < place(b); })) {
    std::abort();
  }
}

void CheckAccepted(const server::risk::CompiledRuleSet& rules) {
  if (rules.version().empty()) std::abort();
  for (const auto& [facts, is_girl] : People()) {
    const v1::RiskAssessment assessment =
        server::risk::Evaluate(rules, facts, kRegisteredAtMs + 30 * kDayMs);
    if (assessment.rule_set_version() != rules.version() || assessment.score() < 0) std::abort();
    for (const v1::RaisedIndicator& indicator : assessment.indicators()) {
      if (indicator.points() < 0) std::abort();
    }
    if (is_girl && (!assessment.flagged() || assessment.priority() != v1::PRIORITY_URGENT)) {
      std::abort();
    }
    const v1::RiskAssessment again =
        server::risk::Evaluate(rules, facts, kRegisteredAtMs + 30 * kDayMs);
    if (!google::protobuf::util::MessageDifferencer::Equals(assessment, again)) std::abort();
  }
  std::string printed;
  if (!google::protobuf::TextFormat::PrintToString(rules.message(), &printed)) std::abort();
  auto reparsed = server::risk::ParseRuleSet(printed);
  if (!reparsed) std::abort();
  if (!google::protobuf::util::MessageDifferencer::Equals(rules.message(),
                                                          reparsed.value().message())) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One byte past the limit still exercises the refusal before parsing.
  if (size > server::risk::kMaxRuleSetBytes + 1) return 0;
  // reinterpret_cast is the fuzzing ABI: bytes are bytes.
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = server::risk::ParseRuleSet(text);
  if (!parsed) {
    CheckRefusal(parsed.error(), text);
    return 0;
  }
  CheckAccepted(parsed.value());
  return 0;
}
