#include "tests/unit/rules/event_rule_cases.hpp"

#include <utility>

namespace minegate::test {
namespace {

using Change = std::function<void(v1::Event&, const RuleCaseContext&)>;
using Body = v1::Event::BodyCase;

/// 2025-06-15T12:00:00Z: registrations whose dates are tested happen then.
constexpr std::int64_t kRegisteredAt = 1'749'988'800'000;
const std::string kUid("\x04\x51\x52\x53\x54\x55\x56", 7);
const std::string kCardUid("\x04\x61\x62\x63\x64\x65\x66", 7);
const std::string kToken(16, '\x2a');

std::string Repeat(const std::string& piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

credential::CredentialFields Fields(credential::Kind kind, const RuleCaseContext& context,
                                    const std::string& card_number = "") {
  credential::CredentialFields fields;
  fields.kind = kind;
  std::copy(kToken.begin(), kToken.end(), fields.person_token.begin());
  fields.site_id = context.site_id;
  fields.issued_at_ms = context.now_ms;
  fields.card_number = card_number;
  return fields;
}

class Cases {
 public:
  /// A pair: `inside` accepted, `outside` refused naming `field`.
  void Pair(const std::string& rule, Body kind, const std::string& field, Change inside,
            Change outside, RuleLevel level = RuleLevel::kLibrary,
            v1::ErrorCode code = v1::ERROR_CODE_INVALID_EVENT) {
    In(rule, kind, std::move(inside), level);
    Out(rule, kind, field, std::move(outside), level, code);
  }
  void In(const std::string& rule, Body kind, Change change,
          RuleLevel level = RuleLevel::kLibrary) {
    RuleCase c;
    c.rule = rule + " (inside)";
    c.inside = true;
    c.level = level;
    c.kind = kind;
    c.change = std::move(change);
    out_.push_back(std::move(c));
  }
  void Out(const std::string& rule, Body kind, const std::string& field, Change change,
           RuleLevel level = RuleLevel::kLibrary, v1::ErrorCode code = v1::ERROR_CODE_INVALID_EVENT,
           bool clear = false) {
    RuleCase c;
    c.rule = rule + " (outside)";
    c.inside = false;
    c.level = level;
    c.field = field;
    c.code = code;
    c.send_clear = clear;
    c.kind = kind;
    c.change = std::move(change);
    out_.push_back(std::move(c));
  }
  /// The case added last is sent sealed.
  void SealLast() { out_.back().send_sealed = true; }
  std::vector<RuleCase> Take() { return std::move(out_); }

 private:
  std::vector<RuleCase> out_;
};

v1::PersonRegistered& P(v1::Event& e) { return *e.mutable_person_registered(); }
v1::BraceletIssued& B(v1::Event& e) { return *e.mutable_bracelet_issued(); }
v1::BraceletRevoked& R(v1::Event& e) { return *e.mutable_bracelet_revoked(); }
v1::GatePassed& G(v1::Event& e) { return *e.mutable_gate_passed(); }
v1::CompanionRecorded& C(v1::Event& e) { return *e.mutable_companion_recorded(); }
v1::MinerCardLinked& M(v1::Event& e) { return *e.mutable_miner_card_linked(); }
v1::CensusObserved& O(v1::Event& e) { return *e.mutable_census_observed(); }

void SetBirth(v1::Event& e, std::uint32_t year, std::uint32_t month, std::uint32_t day) {
  e.set_occurred_at_ms(kRegisteredAt);
  P(e).mutable_birth()->set_year(year);
  P(e).mutable_birth()->set_month(month);
  P(e).mutable_birth()->set_day(day);
}

void Envelope(Cases& cases) {
  const Body g = v1::Event::kGatePassed;
  cases.Pair(
      "event_id required", g, "event_id", [](v1::Event&, const RuleCaseContext&) {},
      [](v1::Event& e, const RuleCaseContext&) { e.clear_event_id(); });
  cases.Out("event_id is a UUIDv7", g, "event_id", [](v1::Event& e, const RuleCaseContext&) {
    std::string id = e.event_id();
    id[6] = static_cast<char>(0x40 | (id[6] & 0x0F));  // version 4
    e.set_event_id(id);
  });
  cases.Out("device_id required", g, "device_id",
            [](v1::Event& e, const RuleCaseContext&) { e.clear_device_id(); });
  cases.Out("device_id [a-z0-9-]", g, "device_id",
            [](v1::Event& e, const RuleCaseContext&) { e.set_device_id("K-1-1"); });
  cases.Out("device_id at most 64 characters", g, "device_id",
            [](v1::Event& e, const RuleCaseContext&) { e.set_device_id(std::string(65, 'k')); });
  cases.Out(
      "device_id is the connected device", g, "device_id",
      [](v1::Event& e, const RuleCaseContext&) { e.set_device_id("k-999-9"); }, RuleLevel::kServer);
  cases.Out("device_seq required", g, "device_seq",
            [](v1::Event& e, const RuleCaseContext&) { e.set_device_seq(0); });
  cases.Out("device_seq at most 2^63-1", g, "device_seq",
            [](v1::Event& e, const RuleCaseContext&) { e.set_device_seq(1ULL << 63); });
  cases.Pair(
      "occurred_at_ms not before 2020-01-01", g, "occurred_at_ms",
      [](v1::Event& e, const RuleCaseContext&) { e.set_occurred_at_ms(1'577'836'800'000); },
      [](v1::Event& e, const RuleCaseContext&) { e.set_occurred_at_ms(1'577'836'799'999); });
  cases.Out("occurred_at_ms required", g, "occurred_at_ms",
            [](v1::Event& e, const RuleCaseContext&) { e.clear_occurred_at_ms(); });
  cases.Out("site_id required", g, "site_id",
            [](v1::Event& e, const RuleCaseContext&) { e.clear_site_id(); });
  cases.Out(
      "site_id is the device's", g, "site_id",
      [](v1::Event& e, const RuleCaseContext& c) { e.set_site_id(c.site_id + 1); },
      RuleLevel::kServer);
  cases.Out("gate_id required", g, "gate_id",
            [](v1::Event& e, const RuleCaseContext&) { e.clear_gate_id(); });
  cases.Out(
      "gate_id exists", g, "gate_id",
      [](v1::Event& e, const RuleCaseContext&) { e.set_gate_id(999); }, RuleLevel::kServer);
  cases.Out(
      "gate_id of the device's site", g, "gate_id",
      [](v1::Event& e, const RuleCaseContext& c) { e.set_gate_id(c.other_site_gate_id); },
      RuleLevel::kServer);
  cases.Out("agent_id required", g, "agent_id",
            [](v1::Event& e, const RuleCaseContext&) { e.clear_agent_id(); });
  cases.Pair(
      "agent_id at least 3 characters", g, "agent_id",
      [](v1::Event& e, const RuleCaseContext& c) { e.set_agent_id(c.short_agent_id); },
      [](v1::Event& e, const RuleCaseContext&) { e.set_agent_id("aw"); });
  cases.Pair(
      "agent_id at most 64 characters", g, "agent_id",
      [](v1::Event& e, const RuleCaseContext& c) { e.set_agent_id(c.long_agent_id); },
      [](v1::Event& e, const RuleCaseContext&) { e.set_agent_id(std::string(65, 'a')); });
  cases.Out("agent_id [a-z0-9._-]", g, "agent_id",
            [](v1::Event& e, const RuleCaseContext&) { e.set_agent_id("Agent.Sim"); });
  cases.Out(
      "agent_id is a user", g, "agent_id",
      [](v1::Event& e, const RuleCaseContext&) { e.set_agent_id("no.such.user"); },
      RuleLevel::kServer);
  cases.Out(
      "agent_id is not border police", g, "agent_id",
      [](v1::Event& e, const RuleCaseContext& c) { e.set_agent_id(c.police_agent_id); },
      RuleLevel::kServer);
  cases.Out(
      "agent_id not disabled when the event occurred", g, "agent_id",
      [](v1::Event& e, const RuleCaseContext& c) { e.set_agent_id(c.disabled_agent_id); },
      RuleLevel::kServer);
  cases.Pair(
      "an EMAPE official records census observations only", v1::Event::kCensusObserved, "agent_id",
      [](v1::Event& e, const RuleCaseContext& c) { e.set_agent_id(c.emape_agent_id); },
      [](v1::Event& e, const RuleCaseContext& c) {
        e.set_agent_id(c.emape_agent_id);
        *e.mutable_gate_passed() = BaseEvent(v1::Event::kGatePassed, c).gate_passed();
      },
      RuleLevel::kServer);
  cases.Out("body required", g, "body",
            [](v1::Event& e, const RuleCaseContext&) { e.clear_gate_passed(); });
  cases.In(
      "any body kind may be sealed", g, [](v1::Event&, const RuleCaseContext&) {},
      RuleLevel::kServer);
  cases.SealLast();
  cases.In(
      "any body kind may be sealed", v1::Event::kBraceletIssued,
      [](v1::Event&, const RuleCaseContext&) {}, RuleLevel::kServer);
  cases.SealLast();
}

void PersonText(Cases& cases, const std::string& name,
                std::function<void(v1::PersonRegistered&, const std::string&)> set, int max_chars,
                bool required) {
  const Body p = v1::Event::kPersonRegistered;
  const std::string field = "person_registered." + name;
  // Two-byte characters: the bound counts characters, not bytes.
  cases.Pair(
      name + " at most " + std::to_string(max_chars) + " characters", p, field,
      [set, max_chars](v1::Event& e, const RuleCaseContext&) { set(P(e), Repeat("é", max_chars)); },
      [set, max_chars](v1::Event& e, const RuleCaseContext&) {
        set(P(e), Repeat("é", max_chars + 1));
      });
  if (required) {
    cases.Out(name + " required", p, field,
              [set](v1::Event& e, const RuleCaseContext&) { set(P(e), ""); });
  }
  cases.Out(name + " no control characters", p, field,
            [set](v1::Event& e, const RuleCaseContext&) { set(P(e), "Awa\tDiallo"); });
  // Protobuf itself refuses to parse a proto3 string that is not UTF-8: the server cannot open
  // such a sealed body (in clear, the whole frame would not parse: MALFORMED_FRAME).
  cases.Out(
      name + " valid UTF-8", p, field,
      [set](v1::Event& e, const RuleCaseContext&) { set(P(e), "Aw\xff"); }, RuleLevel::kLibrary,
      v1::ERROR_CODE_SEALED_BODY_INVALID);
}

void Person(Cases& cases) {
  const Body p = v1::Event::kPersonRegistered;
  const std::string f = "person_registered.";
  cases.Pair(
      "person_token 16 bytes", p, f + "person_token", [](v1::Event&, const RuleCaseContext&) {},
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_person_token(std::string(15, 'x')); });
  cases.Out("person_token required", p, f + "person_token",
            [](v1::Event& e, const RuleCaseContext&) { P(e).clear_person_token(); });
  PersonText(
      cases, "given_name",
      [](v1::PersonRegistered& x, const std::string& v) { x.set_given_name(v); }, 80, true);
  PersonText(
      cases, "family_name",
      [](v1::PersonRegistered& x, const std::string& v) { x.set_family_name(v); }, 80, true);
  cases.Pair(
      "sex required", p, f + "sex",
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_sex(v1::SEX_MALE); },
      [](v1::Event& e, const RuleCaseContext&) { P(e).clear_sex(); });
  cases.Out("sex a defined value", p, f + "sex",
            [](v1::Event& e, const RuleCaseContext&) { P(e).set_sex(static_cast<v1::Sex>(3)); });
  cases.Out("birth required", p, f + "birth.year",
            [](v1::Event& e, const RuleCaseContext&) { P(e).clear_birth(); });
  cases.Pair(
      "birth.year from 1900", p, f + "birth.year",
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 1900, 0, 0); },
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 1899, 0, 0); });
  cases.Pair(
      "birth.year up to the event's year", p, f + "birth.year",
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2025, 0, 0); },
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2026, 0, 0); });
  cases.Pair(
      "birth.month 0..12", p, f + "birth.month",
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2004, 12, 0); },
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2004, 13, 0); });
  cases.Pair(
      "birth.day a day the month has", p, f + "birth.day",
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2004, 2, 29); },
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2005, 2, 29); });
  cases.Out("birth.day needs a month", p, f + "birth.month",
            [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2004, 0, 12); });
  cases.Pair(
      "birth not after the event", p, f + "birth.day",
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2025, 6, 15); },
      [](v1::Event& e, const RuleCaseContext&) { SetBirth(e, 2025, 6, 16); });
  cases.Pair(
      "nationality ISO 3166-1 alpha-3 upper case", p, f + "nationality",
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_nationality("MLI"); },
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_nationality("mli"); });
  cases.Pair(
      "nationality three letters", p, f + "nationality",
      [](v1::Event& e, const RuleCaseContext&) { P(e).clear_nationality(); },
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_nationality("ML"); });
  PersonText(
      cases, "place_of_origin",
      [](v1::PersonRegistered& x, const std::string& v) { x.set_place_of_origin(v); }, 120, false);
  cases.Out(
      "identity_document.type required", p, f + "identity_document.type",
      [](v1::Event& e, const RuleCaseContext&) { P(e).mutable_identity_document()->clear_type(); });
  cases.Pair(
      "identity_document.number at most 32 characters", p, f + "identity_document.number",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_identity_document()->set_number(std::string(32, 'A'));
      },
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_identity_document()->set_number(std::string(33, 'A'));
      });
  cases.Pair(
      "identity_document.number upper case A-Z 0-9 space / -", p, f + "identity_document.number",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_identity_document()->set_number("A12/34-5 6");
      },
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_identity_document()->set_number("a1234");
      });
  cases.Out("identity_document.number empty for NONE", p, f + "identity_document.number",
            [](v1::Event& e, const RuleCaseContext&) {
              P(e).mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_NONE);
            });
  cases.Pair(
      "identity_document.issuing_country ISO 3166-1 alpha-3", p,
      f + "identity_document.issuing_country",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_identity_document()->set_issuing_country("SEN");
      },
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_identity_document()->set_issuing_country("Sen");
      });
  cases.Pair(
      "identity_document.holder only with consent", p, f + "identity_document.holder",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_consent()->set_protection_questions_accepted(true);
        P(e).mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_COMPANION);
      },
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_identity_document()->set_holder(v1::DOCUMENT_HOLDER_COMPANION);
      });
  cases.Pair(
      "phone E.164, shortest", p, f + "phone",
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_phone("+22177123"); },
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_phone("+2217712"); });
  cases.Pair(
      "phone E.164, longest", p, f + "phone",
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_phone("+221771234567890"); },
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_phone("+2217712345678901"); });
  cases.Pair(
      "phone E.164, digits", p, f + "phone",
      [](v1::Event& e, const RuleCaseContext&) { P(e).clear_phone(); },
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_phone("abc"); });
  cases.Out("phone E.164, no leading 0", p, f + "phone",
            [](v1::Event& e, const RuleCaseContext&) { P(e).set_phone("+0221771234"); });
  cases.Pair(
      "languages ISO 639-3 lower case", p, f + "languages",
      [](v1::Event& e, const RuleCaseContext&) { P(e).add_languages("wol"); },
      [](v1::Event& e, const RuleCaseContext&) { P(e).add_languages("fr"); });
  cases.Out("languages lower case", p, f + "languages",
            [](v1::Event& e, const RuleCaseContext&) { P(e).add_languages("FRA"); });
  cases.Pair(
      "languages at most 16", p, f + "languages",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).clear_languages();
        for (int i = 0; i < 16; ++i) P(e).add_languages("fra");
      },
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).clear_languages();
        for (int i = 0; i < 17; ++i) P(e).add_languages("fra");
      });
  cases.Out("occupation required", p, f + "occupation",
            [](v1::Event& e, const RuleCaseContext&) { P(e).clear_occupation(); });
  cases.Out("occupation a defined value", p, f + "occupation",
            [](v1::Event& e, const RuleCaseContext&) {
              P(e).set_occupation(static_cast<v1::Occupation>(12));
            });
  PersonText(
      cases, "occupation_detail",
      [](v1::PersonRegistered& x, const std::string& v) { x.set_occupation_detail(v); }, 120,
      false);
  cases.Out("purpose required", p, f + "purpose", [](v1::Event& e, const RuleCaseContext&) {
    P(e).clear_purpose();
    P(e).clear_promised_job();
  });
  cases.Pair(
      "promised_job required with PURPOSE_PROMISED_JOB", p, f + "promised_job",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).set_promised_job(v1::PROMISED_JOB_HAIRDRESSING);
      },
      [](v1::Event& e, const RuleCaseContext&) { P(e).clear_promised_job(); });
  cases.Pair(
      "promised_job only with PURPOSE_PROMISED_JOB", p, f + "promised_job",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).set_purpose(v1::PURPOSE_MINING);
        P(e).clear_promised_job();
      },
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_purpose(v1::PURPOSE_MINING); });
  cases.Pair(
      "travel_paid_by_third_party only with consent", p, f + "travel_paid_by_third_party",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_consent()->set_protection_questions_accepted(true);
        P(e).set_travel_paid_by_third_party(v1::ANSWER_YES);
      },
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).set_travel_paid_by_third_party(v1::ANSWER_YES);
      });
  cases.Pair(
      "debt_declared only with consent", p, f + "debt_declared",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_consent()->set_protection_questions_accepted(true);
        P(e).set_debt_declared(v1::ANSWER_DECLINED);
      },
      [](v1::Event& e, const RuleCaseContext&) { P(e).set_debt_declared(v1::ANSWER_NO); });
  cases.Out("debt_declared a defined value", p, f + "debt_declared",
            [](v1::Event& e, const RuleCaseContext&) {
              P(e).mutable_consent()->set_protection_questions_accepted(true);
              P(e).set_debt_declared(static_cast<v1::Answer>(4));
            });
  cases.Out("consent.information_given true", p, f + "consent.information_given",
            [](v1::Event& e, const RuleCaseContext&) {
              P(e).mutable_consent()->set_information_given(false);
            });
  cases.Pair(
      "consent.information_language ISO 639-3", p, f + "consent.information_language",
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_consent()->set_information_language("pcm");
      },
      [](v1::Event& e, const RuleCaseContext&) {
        P(e).mutable_consent()->set_information_language("en");
      });
  cases.Out("consent.information_language required", p, f + "consent.information_language",
            [](v1::Event& e, const RuleCaseContext&) {
              P(e).mutable_consent()->clear_information_language();
            });
  cases.Out("consent.method required", p, f + "consent.method",
            [](v1::Event& e, const RuleCaseContext&) { P(e).mutable_consent()->clear_method(); });
  cases.Pair(
      "entered_senegal optional, year with month", p, f + "entered_senegal.year",
      [](v1::Event& e, const RuleCaseContext&) {
        e.set_occurred_at_ms(kRegisteredAt);
        P(e).mutable_entered_senegal()->set_year(2025);
        P(e).mutable_entered_senegal()->set_month(6);
      },
      [](v1::Event& e, const RuleCaseContext&) { P(e).mutable_entered_senegal()->set_month(3); });
  cases.Out(
      "personal data only sealed", p, "person_registered",
      [](v1::Event&, const RuleCaseContext&) {}, RuleLevel::kServer,
      v1::ERROR_CODE_SEALED_BODY_REQUIRED, /*clear=*/true);
}

void Bracelets(Cases& cases) {
  const Body b = v1::Event::kBraceletIssued;
  const std::string f = "bracelet_issued.";
  cases.Pair(
      "person_token 16 bytes", b, f + "person_token", [](v1::Event&, const RuleCaseContext&) {},
      [](v1::Event& e, const RuleCaseContext&) { B(e).set_person_token(std::string(17, 'x')); });
  cases.Out("tag_uid 4, 7 or 10 bytes", b, f + "tag_uid",
            [](v1::Event& e, const RuleCaseContext&) { B(e).set_tag_uid("\x04\x01\x02\x03\x04"); });
  cases.Out("tag_uid required", b, f + "tag_uid",
            [](v1::Event& e, const RuleCaseContext&) { B(e).clear_tag_uid(); });
  cases.Out(
      "tag_type a defined value", b, f + "tag_type",
      [](v1::Event& e, const RuleCaseContext&) { B(e).set_tag_type(static_cast<v1::TagType>(6)); });
  cases.Out("credential required", b, f + "credential",
            [](v1::Event& e, const RuleCaseContext&) { B(e).clear_credential(); });
  cases.Out(
      "credential at most 256 bytes", b, f + "credential",
      [](v1::Event& e, const RuleCaseContext&) { B(e).set_credential(std::string(257, '\x01')); });
  cases.Pair(
      "replaces_tag_uid 4, 7 or 10 bytes", b, f + "replaces_tag_uid",
      [](v1::Event& e, const RuleCaseContext&) {
        B(e).set_replaces_tag_uid(std::string("\x04\x0a\x0b\x0c", 4));
      },
      [](v1::Event& e, const RuleCaseContext&) { B(e).set_replaces_tag_uid("\x04\x0a\x0b"); });
  cases.Out("replaces_tag_uid not tag_uid", b, f + "replaces_tag_uid",
            [](v1::Event& e, const RuleCaseContext&) { B(e).set_replaces_tag_uid(kUid); });
  const auto server_out = [&](const std::string& rule, Change change) {
    cases.Out(rule, b, f + "credential", std::move(change), RuleLevel::kServer);
  };
  server_out("credential well formed", [](v1::Event& e, const RuleCaseContext&) {
    B(e).set_credential(std::string("\x01\x01\x9c\x33\x10\xfe\x44\x00\x7a\x21", 10));
  });
  server_out("credential binds this tag UID", [](v1::Event& e, const RuleCaseContext& c) {
    B(e).set_credential(c.issue(Fields(credential::Kind::bracelet, c), kCardUid));
  });
  server_out("credential carries this person_token", [](v1::Event& e, const RuleCaseContext&) {
    B(e).set_person_token(std::string(16, '\x2b'));
  });
  server_out("credential of the device's site", [](v1::Event& e, const RuleCaseContext& c) {
    auto fields = Fields(credential::Kind::bracelet, c);
    fields.site_id = c.site_id + 1;
    B(e).set_credential(c.issue(fields, kUid));
  });
  server_out("credential signed by the device's own key",
             [](v1::Event& e, const RuleCaseContext& c) {
               B(e).set_credential(c.issue_foreign(Fields(credential::Kind::bracelet, c), kUid));
             });
  server_out("credential is a bracelet's", [](v1::Event& e, const RuleCaseContext& c) {
    B(e).set_credential(c.issue(Fields(credential::Kind::miner_card, c, "KDG-1"), kUid));
  });

  const Body r = v1::Event::kBraceletRevoked;
  const std::string fr = "bracelet_revoked.";
  cases.Pair(
      "tag_uid required", r, fr + "tag_uid",
      [](v1::Event& e, const RuleCaseContext&) {
        R(e).set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x06\x07\x08\x09", 10));
      },
      [](v1::Event& e, const RuleCaseContext&) { R(e).clear_tag_uid(); });
  cases.Pair(
      "person_token 16 bytes or empty", r, fr + "person_token",
      [](v1::Event& e, const RuleCaseContext&) { R(e).clear_person_token(); },
      [](v1::Event& e, const RuleCaseContext&) { R(e).set_person_token(std::string(8, 'x')); });
  cases.Out("reason required", r, fr + "reason",
            [](v1::Event& e, const RuleCaseContext&) { R(e).clear_reason(); });
  cases.Pair(
      "note at most 200 characters", r, fr + "note",
      [](v1::Event& e, const RuleCaseContext&) { R(e).set_note(Repeat("ü", 200)); },
      [](v1::Event& e, const RuleCaseContext&) { R(e).set_note(Repeat("ü", 201)); });
  cases.Out("note no control characters", r, fr + "note",
            [](v1::Event& e, const RuleCaseContext&) { R(e).set_note("coupé\x07"); });
}

void Gate(Cases& cases) {
  const Body g = v1::Event::kGatePassed;
  const std::string f = "gate_passed.";
  cases.Out("direction required", g, f + "direction",
            [](v1::Event& e, const RuleCaseContext&) { G(e).clear_direction(); });
  cases.Pair(
      "tag_uid 4 bytes", g, f + "tag_uid",
      [](v1::Event& e, const RuleCaseContext&) { G(e).set_tag_uid("\x04\x01\x02\x03"); },
      [](v1::Event& e, const RuleCaseContext&) { G(e).set_tag_uid("\x04\x01\x02"); });
  cases.Pair(
      "tag_uid 10 bytes", g, f + "tag_uid",
      [](v1::Event& e, const RuleCaseContext&) {
        G(e).set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x06\x07\x08\x09", 10));
      },
      [](v1::Event& e, const RuleCaseContext&) {
        G(e).set_tag_uid(std::string("\x04\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a", 11));
      });
  cases.Pair(
      "verification required", g, f + "verification",
      [](v1::Event& e, const RuleCaseContext&) {
        G(e).set_verification(v1::VERIFICATION_BRACELET_REVOKED);
      },
      [](v1::Event& e, const RuleCaseContext&) { G(e).clear_verification(); });
  cases.Out("verification a defined value", g, f + "verification",
            [](v1::Event& e, const RuleCaseContext&) {
              G(e).set_verification(static_cast<v1::Verification>(99));
            });
  cases.Pair(
      "person_token 16 bytes or empty", g, f + "person_token",
      [](v1::Event& e, const RuleCaseContext&) { G(e).clear_person_token(); },
      [](v1::Event& e, const RuleCaseContext&) { G(e).set_person_token(std::string(15, 'x')); });
}

void Companion(Cases& cases) {
  const Body c = v1::Event::kCompanionRecorded;
  const std::string f = "companion_recorded.";
  cases.Out("person_token required", c, f + "person_token",
            [](v1::Event& e, const RuleCaseContext&) { C(e).clear_person_token(); });
  cases.Pair(
      "companion_description at most 200 characters", c, f + "companion_description",
      [](v1::Event& e, const RuleCaseContext&) {
        C(e).set_companion_description(Repeat("à", 200));
      },
      [](v1::Event& e, const RuleCaseContext&) {
        C(e).set_companion_description(Repeat("à", 201));
      });
  cases.Out("companion_description not empty", c, f + "companion_description",
            [](v1::Event& e, const RuleCaseContext&) { C(e).set_companion_description(""); });
  cases.Pair(
      "companion_person_token 16 bytes", c, f + "companion_person_token",
      [](v1::Event& e, const RuleCaseContext&) {
        C(e).set_companion_person_token(std::string(16, '\x07'));
      },
      [](v1::Event& e, const RuleCaseContext&) {
        C(e).set_companion_person_token(std::string(12, '\x07'));
      });
  cases.Out("companion required", c, f + "companion",
            [](v1::Event& e, const RuleCaseContext&) { C(e).clear_companion(); });
  cases.Out("relation required", c, f + "relation",
            [](v1::Event& e, const RuleCaseContext&) { C(e).clear_relation(); });
  cases.Out(
      "personal data only sealed", c, "companion_recorded",
      [](v1::Event&, const RuleCaseContext&) {}, RuleLevel::kServer,
      v1::ERROR_CODE_SEALED_BODY_REQUIRED, /*clear=*/true);
}

void MinerCard(Cases& cases) {
  const Body m = v1::Event::kMinerCardLinked;
  const std::string f = "miner_card_linked.";
  cases.Out("person_token required", m, f + "person_token",
            [](v1::Event& e, const RuleCaseContext&) { M(e).clear_person_token(); });
  cases.Out("card_uid 4, 7 or 10 bytes", m, f + "card_uid",
            [](v1::Event& e, const RuleCaseContext&) { M(e).set_card_uid("\x04\x01"); });
  cases.Pair(
      "card_number at most 16 characters", m, f + "card_number",
      [](v1::Event& e, const RuleCaseContext& c) {
        M(e).set_card_number("KDG-2025/0000001");
        M(e).set_credential(
            c.issue(Fields(credential::Kind::miner_card, c, "KDG-2025/0000001"), kCardUid));
      },
      [](v1::Event& e, const RuleCaseContext&) { M(e).set_card_number("KDG-2025/00000001"); });
  cases.Out("card_number 0-9 A-Z / -", m, f + "card_number",
            [](v1::Event& e, const RuleCaseContext&) { M(e).set_card_number("kdg-0001"); });
  cases.Out("card_number required", m, f + "card_number",
            [](v1::Event& e, const RuleCaseContext&) { M(e).clear_card_number(); });
  cases.Out("credential required", m, f + "credential",
            [](v1::Event& e, const RuleCaseContext&) { M(e).clear_credential(); });
  const auto server_out = [&](const std::string& rule, Change change) {
    cases.Out(rule, m, f + "credential", std::move(change), RuleLevel::kServer);
  };
  server_out("credential carries card_number",
             [](v1::Event& e, const RuleCaseContext&) { M(e).set_card_number("KDG-0002"); });
  server_out("credential binds card_uid",
             [](v1::Event& e, const RuleCaseContext&) { M(e).set_card_uid(kUid); });
  server_out("credential signed by a trusted key", [](v1::Event& e, const RuleCaseContext& c) {
    M(e).set_credential(
        c.issue_foreign(Fields(credential::Kind::miner_card, c, "KDG-0001"), kCardUid));
  });
  server_out("credential is a miner's card's", [](v1::Event& e, const RuleCaseContext& c) {
    M(e).set_credential(c.issue(Fields(credential::Kind::bracelet, c), kCardUid));
  });
  cases.Out(
      "personal data only sealed", m, "miner_card_linked",
      [](v1::Event&, const RuleCaseContext&) {}, RuleLevel::kServer,
      v1::ERROR_CODE_SEALED_BODY_REQUIRED, /*clear=*/true);
}

void Census(Cases& cases) {
  const Body o = v1::Event::kCensusObserved;
  const std::string f = "census_observed.";
  cases.Out("campaign_id required", o, f + "campaign_id",
            [](v1::Event& e, const RuleCaseContext&) { O(e).clear_campaign_id(); });
  cases.Out("campaign_id at least 3 characters", o, f + "campaign_id",
            [](v1::Event& e, const RuleCaseContext&) { O(e).set_campaign_id("q4"); });
  cases.Out(
      "campaign_id at most 64 characters", o, f + "campaign_id",
      [](v1::Event& e, const RuleCaseContext&) { O(e).set_campaign_id(std::string(65, 'q')); });
  cases.Out("campaign_id a-z 0-9 -", o, f + "campaign_id",
            [](v1::Event& e, const RuleCaseContext&) { O(e).set_campaign_id("Bantako-Q4"); });
  cases.Pair(
      "campaign_id of the device's site", o, f + "campaign_id",
      [](v1::Event&, const RuleCaseContext&) {},
      [](v1::Event& e, const RuleCaseContext& c) {
        O(e).set_campaign_id(c.other_site_campaign_id);
      },
      RuleLevel::kServer);
  cases.Out("person_token required", o, f + "person_token",
            [](v1::Event& e, const RuleCaseContext&) { O(e).clear_person_token(); });
  cases.Out("tag_uid required", o, f + "tag_uid",
            [](v1::Event& e, const RuleCaseContext&) { O(e).clear_tag_uid(); });
}

}  // namespace

std::string CaseEventId(std::uint64_t n) {
  std::string id(16, '\0');
  for (int i = 0; i < 8; ++i) {
    id[static_cast<std::size_t>(15 - i)] = static_cast<char>(n >> (8 * i));
  }
  id[0] = '\x01';
  id[6] = static_cast<char>(0x70);
  id[8] = static_cast<char>(0x80);
  return id;
}

v1::Event BaseEvent(v1::Event::BodyCase kind, const RuleCaseContext& context) {
  v1::Event e;
  e.set_device_id(context.device_id);
  e.set_occurred_at_ms(context.now_ms);
  e.set_site_id(context.site_id);
  e.set_gate_id(context.gate_id);
  e.set_agent_id(context.agent_id);
  switch (kind) {
    case v1::Event::kPersonRegistered: {
      auto& p = P(e);
      p.set_person_token(kToken);
      p.set_given_name("Blessing");
      p.set_family_name("Okafor");
      p.set_sex(v1::SEX_FEMALE);
      p.mutable_birth()->set_year(2004);
      p.mutable_birth()->set_estimated(true);
      p.set_nationality("NGA");
      p.set_place_of_origin("Benin City");
      p.mutable_identity_document()->set_type(v1::DOCUMENT_TYPE_PASSPORT);
      p.mutable_identity_document()->set_number("A1234567");
      p.mutable_identity_document()->set_issuing_country("NGA");
      p.set_phone("+2348012345678");
      p.add_languages("pcm");
      p.add_languages("eng");
      p.set_occupation(v1::OCCUPATION_FOOD_SERVICE);
      p.set_purpose(v1::PURPOSE_PROMISED_JOB);
      p.set_promised_job(v1::PROMISED_JOB_RESTAURANT);
      p.mutable_consent()->set_information_given(true);
      p.mutable_consent()->set_information_language("eng");
      p.mutable_consent()->set_method(v1::CONSENT_METHOD_ORAL);
      break;
    }
    case v1::Event::kBraceletIssued:
      B(e).set_person_token(kToken);
      B(e).set_tag_uid(kUid);
      B(e).set_tag_type(v1::TAG_TYPE_NTAG213);
      if (context.issue) {
        B(e).set_credential(context.issue(Fields(credential::Kind::bracelet, context), kUid));
      } else {
        B(e).set_credential(std::string(102, '\x01'));
      }
      break;
    case v1::Event::kBraceletRevoked:
      R(e).set_tag_uid(kUid);
      R(e).set_person_token(kToken);
      R(e).set_reason(v1::REVOCATION_REASON_LOST);
      break;
    case v1::Event::kCompanionRecorded:
      C(e).set_person_token(kToken);
      C(e).set_companion_description("homme, moto rouge");
      C(e).set_relation(v1::COMPANION_RELATION_RECRUITER);
      break;
    case v1::Event::kMinerCardLinked:
      M(e).set_person_token(kToken);
      M(e).set_card_uid(kCardUid);
      M(e).set_card_number("KDG-0001");
      if (context.issue) {
        M(e).set_credential(
            context.issue(Fields(credential::Kind::miner_card, context, "KDG-0001"), kCardUid));
      } else {
        M(e).set_credential(std::string(111, '\x02'));
      }
      break;
    case v1::Event::kCensusObserved:
      O(e).set_campaign_id(context.campaign_id);
      O(e).set_person_token(kToken);
      O(e).set_tag_uid(kUid);
      break;
    case v1::Event::kGatePassed:
    default:
      G(e).set_direction(v1::DIRECTION_IN);
      G(e).set_tag_uid(kUid);
      G(e).set_verification(v1::VERIFICATION_VALID);
      G(e).set_person_token(kToken);
      break;
  }
  return e;
}

v1::Event CaseEvent(const RuleCase& rule_case, const RuleCaseContext& context,
                    const std::string& event_id, std::uint64_t seq) {
  v1::Event event = BaseEvent(rule_case.kind, context);
  event.set_event_id(event_id);
  event.set_device_seq(seq);
  if (rule_case.change) rule_case.change(event, context);
  return event;
}

std::vector<RuleCase> EventRuleCases() {
  Cases cases;
  Envelope(cases);
  Person(cases);
  Bracelets(cases);
  Gate(cases);
  Companion(cases);
  MinerCard(cases);
  Census(cases);
  return cases.Take();
}

}  // namespace minegate::test
