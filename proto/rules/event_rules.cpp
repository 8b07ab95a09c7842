#include "proto/rules/event_rules.hpp"

#include <chrono>
#include <limits>
#include <string_view>

#include "proto/rules/internal/text.hpp"

namespace minegate::rules {
namespace {

using internal::CodePoints;

/// Collects problems under one path prefix.
class Problems {
 public:
  explicit Problems(std::string prefix) : prefix_(std::move(prefix)) {}

  void Add(const std::string& field, Problem problem, Expect expect = Expect::none,
           Unit unit = Unit::none, std::size_t actual = 0, std::size_t limit = 0) {
    out_.push_back(FieldProblem{prefix_ + field, problem, expect, unit, actual, limit});
  }

  /// Free text: valid UTF-8, at most `max_chars` code points, no control characters.
  void Text(const std::string& field, std::string_view value, std::size_t max_chars,
            bool required) {
    const auto chars = CodePoints(value);
    if (!chars) return Add(field, Problem::bad_format, Expect::utf8);
    if (value.empty()) {
      if (required) Add(field, Problem::required);
      return;
    }
    if (*chars > max_chars) {
      return Add(field, Problem::too_long, Expect::none, Unit::characters, *chars, max_chars);
    }
    if (internal::HasControl(value)) Add(field, Problem::bad_format, Expect::no_control);
  }

  /// A 16-byte person token.
  void Token(const std::string& field, std::string_view value, bool required) {
    if (value.empty()) {
      if (required) Add(field, Problem::required);
      return;
    }
    if (value.size() != kTokenBytes) {
      Add(field, Problem::wrong_size, Expect::token, Unit::bytes, value.size(), kTokenBytes);
    }
  }

  /// An ISO 14443-A UID: 4, 7 or 10 bytes.
  void Uid(const std::string& field, std::string_view value, bool required) {
    if (value.empty()) {
      if (required) Add(field, Problem::required);
      return;
    }
    if (value.size() != 4 && value.size() != 7 && value.size() != 10) {
      Add(field, Problem::wrong_size, Expect::tag_uid, Unit::bytes, value.size());
    }
  }

  /// Opaque bytes: required and bounded.
  void Bytes(const std::string& field, std::string_view value, std::size_t max_bytes) {
    if (value.empty()) return Add(field, Problem::required);
    if (value.size() > max_bytes) {
      Add(field, Problem::too_long, Expect::none, Unit::bytes, value.size(), max_bytes);
    }
  }

  /// An enum field: a defined value, and not the zero value when required.
  template <class IsValid>
  void Enum(const std::string& field, int value, IsValid is_valid, bool required) {
    if (!is_valid(value)) {
      return Add(field, Problem::out_of_range, Expect::enum_value, Unit::none,
                 static_cast<std::size_t>(static_cast<unsigned>(value)));
    }
    if (required && value == 0) Add(field, Problem::required);
  }

  std::vector<FieldProblem> Take() { return std::move(out_); }

 private:
  std::string prefix_;
  std::vector<FieldProblem> out_;
};

int YearOf(std::int64_t ms) {
  const auto day = std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms)));
  return static_cast<int>(std::chrono::year_month_day(day).year());
}

/// A declared date: year 1900..the year of `now_ms` (required when `required`; a
/// year of 0 means "not declared" and then month and day must be 0 too), month
/// 0..12, day 0..31 and only with a month, a day the month has, not after `now_ms`.
void CheckDate(Problems& out, const std::string& path, const v1::CalendarDate& date, bool required,
               std::int64_t now_ms) {
  const std::string year = path + ".year";
  if (date.year() == 0) {
    if (required || date.month() != 0 || date.day() != 0) out.Add(year, Problem::required);
    return;
  }
  const int this_year = YearOf(now_ms);
  if (date.year() < kMinYear || static_cast<int>(date.year()) > this_year) {
    return out.Add(year, Problem::out_of_range, Expect::year, Unit::none, date.year(),
                   static_cast<std::size_t>(this_year));
  }
  if (date.month() > 12) {
    return out.Add(path + ".month", Problem::out_of_range, Expect::month, Unit::none, date.month());
  }
  if (date.day() == 0) return;
  if (date.month() == 0)
    return out.Add(path + ".month", Problem::required, Expect::month_before_day);
  const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(date.year())),
                                        std::chrono::month(date.month()),
                                        std::chrono::day(date.day())};
  if (date.day() > 31 || !ymd.ok()) {
    return out.Add(path + ".day", Problem::out_of_range, Expect::day_of_month, Unit::none,
                   date.day());
  }
  const auto start = std::chrono::sys_days(ymd).time_since_epoch();
  if (std::chrono::duration_cast<std::chrono::milliseconds>(start).count() > now_ms) {
    out.Add(path + ".day", Problem::out_of_range, Expect::not_in_future);
  }
}

/// A protection question: a defined answer, and none unless the person consented.
void CheckAnswer(Problems& out, const std::string& field, int answer, bool consented) {
  if (!v1::Answer_IsValid(answer)) {
    return out.Add(field, Problem::out_of_range, Expect::enum_value, Unit::none,
                   static_cast<std::size_t>(static_cast<unsigned>(answer)));
  }
  if (!consented && answer != v1::ANSWER_NOT_ASKED) out.Add(field, Problem::needs_consent);
}

void CheckConsent(Problems& out, const v1::Consent& consent) {
  if (!consent.information_given()) {
    out.Add("consent.information_given", Problem::required, Expect::information_given);
  }
  const std::string& language = consent.information_language();
  if (language.empty()) {
    out.Add("consent.information_language", Problem::required);
  } else if (!internal::IsLanguage639_3(language)) {
    out.Add("consent.information_language", Problem::bad_format, Expect::language_639_3);
  }
  out.Enum("consent.method", consent.method(), v1::ConsentMethod_IsValid, true);
}

void CheckDocument(Problems& out, const v1::IdentityDocument& document, bool consented) {
  out.Enum("identity_document.type", document.type(), v1::DocumentType_IsValid, true);
  const std::string& number = document.number();
  if (!number.empty()) {
    const std::size_t chars = CodePoints(number).value_or(number.size());
    if (document.type() == v1::DOCUMENT_TYPE_NONE) {
      out.Add("identity_document.number", Problem::inconsistent, Expect::no_number_without_doc);
    } else if (chars > kMaxDocumentNumberChars) {
      out.Add("identity_document.number", Problem::too_long, Expect::none, Unit::characters, chars,
              kMaxDocumentNumberChars);
    } else if (!internal::IsDocumentNumber(number)) {
      out.Add("identity_document.number", Problem::bad_format, Expect::document_number);
    }
  }
  if (!document.issuing_country().empty() &&
      !internal::IsCountryAlpha3(document.issuing_country())) {
    out.Add("identity_document.issuing_country", Problem::bad_format, Expect::country_alpha3);
  }
  if (!v1::DocumentHolder_IsValid(document.holder())) {
    out.Add("identity_document.holder", Problem::out_of_range, Expect::enum_value, Unit::none,
            static_cast<std::size_t>(static_cast<unsigned>(document.holder())));
  } else if (!consented && document.holder() != v1::DOCUMENT_HOLDER_NOT_ASKED) {
    out.Add("identity_document.holder", Problem::needs_consent);
  }
}

bool IsUuidV7(const std::string& id) {
  return id.size() == 16 && (static_cast<std::uint8_t>(id[6]) >> 4) == 7 &&
         (static_cast<std::uint8_t>(id[8]) >> 6) == 2;
}

}  // namespace

std::vector<FieldProblem> CheckPersonRegistered(const v1::PersonRegistered& p, std::int64_t now_ms,
                                                const std::string& prefix) {
  Problems out(prefix);
  const bool consented = p.consent().protection_questions_accepted();
  out.Token("person_token", p.person_token(), true);
  CheckConsent(out, p.consent());
  out.Text("given_name", p.given_name(), kMaxNameChars, true);
  out.Text("family_name", p.family_name(), kMaxNameChars, true);
  out.Enum("sex", p.sex(), v1::Sex_IsValid, true);
  CheckDate(out, "birth", p.birth(), true, now_ms);
  if (!p.nationality().empty() && !internal::IsCountryAlpha3(p.nationality())) {
    out.Add("nationality", Problem::bad_format, Expect::country_alpha3);
  }
  out.Text("place_of_origin", p.place_of_origin(), kMaxFreeTextChars, false);
  CheckDocument(out, p.identity_document(), consented);
  if (!p.phone().empty() && !internal::IsE164(p.phone())) {
    out.Add("phone", Problem::bad_format, Expect::e164);
  }
  if (static_cast<std::size_t>(p.languages_size()) > kMaxLanguages) {
    out.Add("languages", Problem::too_long, Expect::none, Unit::items,
            static_cast<std::size_t>(p.languages_size()), kMaxLanguages);
  }
  for (const std::string& language : p.languages()) {
    if (!internal::IsLanguage639_3(language)) {
      out.Add("languages", Problem::bad_format, Expect::language_639_3);
      break;
    }
  }
  out.Enum("occupation", p.occupation(), v1::Occupation_IsValid, true);
  out.Text("occupation_detail", p.occupation_detail(), kMaxFreeTextChars, false);
  out.Enum("purpose", p.purpose(), v1::Purpose_IsValid, true);
  if (!v1::PromisedJob_IsValid(p.promised_job())) {
    out.Add("promised_job", Problem::out_of_range, Expect::enum_value, Unit::none,
            static_cast<std::size_t>(static_cast<unsigned>(p.promised_job())));
  } else if (p.purpose() == v1::PURPOSE_PROMISED_JOB &&
             p.promised_job() == v1::PROMISED_JOB_UNSPECIFIED) {
    out.Add("promised_job", Problem::required, Expect::promised_job_purpose);
  } else if (p.purpose() != v1::PURPOSE_PROMISED_JOB &&
             p.promised_job() != v1::PROMISED_JOB_UNSPECIFIED) {
    out.Add("promised_job", Problem::inconsistent, Expect::promised_job_purpose);
  }
  CheckAnswer(out, "travel_paid_by_third_party", p.travel_paid_by_third_party(), consented);
  CheckAnswer(out, "debt_declared", p.debt_declared(), consented);
  if (p.has_entered_senegal()) {
    CheckDate(out, "entered_senegal", p.entered_senegal(), false, now_ms);
  }
  return out.Take();
}

std::vector<FieldProblem> CheckBraceletIssued(const v1::BraceletIssued& b,
                                              const std::string& prefix) {
  Problems out(prefix);
  out.Token("person_token", b.person_token(), true);
  out.Uid("tag_uid", b.tag_uid(), true);
  out.Enum("tag_type", b.tag_type(), v1::TagType_IsValid, false);
  out.Bytes("credential", b.credential(), kMaxCredentialBytes);
  out.Uid("replaces_tag_uid", b.replaces_tag_uid(), false);
  if (!b.replaces_tag_uid().empty() && b.replaces_tag_uid() == b.tag_uid()) {
    out.Add("replaces_tag_uid", Problem::inconsistent, Expect::other_tag);
  }
  return out.Take();
}

std::vector<FieldProblem> CheckBraceletRevoked(const v1::BraceletRevoked& r,
                                               const std::string& prefix) {
  Problems out(prefix);
  out.Uid("tag_uid", r.tag_uid(), true);
  out.Token("person_token", r.person_token(), false);
  out.Enum("reason", r.reason(), v1::RevocationReason_IsValid, true);
  out.Text("note", r.note(), kMaxDescriptionChars, false);
  return out.Take();
}

std::vector<FieldProblem> CheckGatePassed(const v1::GatePassed& g, const std::string& prefix) {
  Problems out(prefix);
  out.Enum("direction", g.direction(), v1::Direction_IsValid, true);
  out.Uid("tag_uid", g.tag_uid(), true);
  out.Enum("verification", g.verification(), v1::Verification_IsValid, true);
  out.Token("person_token", g.person_token(), false);
  return out.Take();
}

std::vector<FieldProblem> CheckCompanionRecorded(const v1::CompanionRecorded& c,
                                                 const std::string& prefix) {
  Problems out(prefix);
  out.Token("person_token", c.person_token(), true);
  switch (c.companion_case()) {
    case v1::CompanionRecorded::kCompanionPersonToken:
      out.Token("companion_person_token", c.companion_person_token(), true);
      break;
    case v1::CompanionRecorded::kCompanionDescription:
      out.Text("companion_description", c.companion_description(), kMaxDescriptionChars, true);
      break;
    case v1::CompanionRecorded::COMPANION_NOT_SET:
      out.Add("companion", Problem::required);
      break;
  }
  out.Enum("relation", c.relation(), v1::CompanionRelation_IsValid, true);
  return out.Take();
}

std::vector<FieldProblem> CheckMinerCardLinked(const v1::MinerCardLinked& m,
                                               const std::string& prefix) {
  Problems out(prefix);
  out.Token("person_token", m.person_token(), true);
  out.Uid("card_uid", m.card_uid(), true);
  const std::string& number = m.card_number();
  if (number.empty()) {
    out.Add("card_number", Problem::required);
  } else if (number.size() > kMaxCardNumberChars) {
    out.Add("card_number", Problem::too_long, Expect::none, Unit::characters,
            CodePoints(number).value_or(number.size()), kMaxCardNumberChars);
  } else if (!internal::IsCardNumber(number)) {
    out.Add("card_number", Problem::bad_format, Expect::card_number);
  }
  out.Bytes("credential", m.credential(), kMaxCredentialBytes);
  return out.Take();
}

std::vector<FieldProblem> CheckCensusObserved(const v1::CensusObserved& c,
                                              const std::string& prefix) {
  Problems out(prefix);
  const std::string& campaign = c.campaign_id();
  if (campaign.empty()) {
    out.Add("campaign_id", Problem::required);
  } else if (campaign.size() > kMaxIdChars) {
    out.Add("campaign_id", Problem::too_long, Expect::none, Unit::characters,
            CodePoints(campaign).value_or(campaign.size()), kMaxIdChars);
  } else if (campaign.size() < 3 || !internal::IsLowerIdentifier(campaign, "-")) {
    out.Add("campaign_id", Problem::bad_format, Expect::campaign_id);
  }
  out.Token("person_token", c.person_token(), true);
  out.Uid("tag_uid", c.tag_uid(), true);
  return out.Take();
}

std::vector<FieldProblem> CheckEnvelope(const v1::Event& event) {
  Problems out("");
  if (event.event_id().empty()) {
    out.Add("event_id", Problem::required);
  } else if (!IsUuidV7(event.event_id())) {
    out.Add("event_id", Problem::bad_format, Expect::uuid_v7);
  }
  const std::string& device = event.device_id();
  if (device.empty()) {
    out.Add("device_id", Problem::required);
  } else if (device.size() > kMaxIdChars) {
    out.Add("device_id", Problem::too_long, Expect::none, Unit::characters,
            CodePoints(device).value_or(device.size()), kMaxIdChars);
  } else if (!internal::IsLowerIdentifier(device, "-")) {
    out.Add("device_id", Problem::bad_format, Expect::device_id);
  }
  // SQLite stores signed 64-bit integers.
  if (event.device_seq() == 0) {
    out.Add("device_seq", Problem::required);
  } else if (event.device_seq() >
             static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    out.Add("device_seq", Problem::out_of_range, Expect::positive);
  }
  if (event.occurred_at_ms() == 0) {
    out.Add("occurred_at_ms", Problem::required);
  } else if (event.occurred_at_ms() < kEarliestEventMs) {
    out.Add("occurred_at_ms", Problem::out_of_range, Expect::after_2020);
  }
  if (event.site_id() == 0) out.Add("site_id", Problem::required);
  if (event.gate_id() == 0) out.Add("gate_id", Problem::required);
  const std::string& agent = event.agent_id();
  if (agent.empty()) {
    out.Add("agent_id", Problem::required);
  } else if (agent.size() > kMaxIdChars) {
    out.Add("agent_id", Problem::too_long, Expect::none, Unit::characters,
            CodePoints(agent).value_or(agent.size()), kMaxIdChars);
  } else if (agent.size() < 3 || !internal::IsLowerIdentifier(agent, "._-")) {
    out.Add("agent_id", Problem::bad_format, Expect::user_id);
  }
  if (event.body_case() == v1::Event::BODY_NOT_SET) out.Add("body", Problem::required);
  return out.Take();
}

std::vector<FieldProblem> CheckBody(const v1::Event& event, std::int64_t now_ms) {
  switch (event.body_case()) {
    case v1::Event::kPersonRegistered:
      return CheckPersonRegistered(event.person_registered(), now_ms);
    case v1::Event::kBraceletIssued:
      return CheckBraceletIssued(event.bracelet_issued());
    case v1::Event::kBraceletRevoked:
      return CheckBraceletRevoked(event.bracelet_revoked());
    case v1::Event::kGatePassed:
      return CheckGatePassed(event.gate_passed());
    case v1::Event::kCompanionRecorded:
      return CheckCompanionRecorded(event.companion_recorded());
    case v1::Event::kMinerCardLinked:
      return CheckMinerCardLinked(event.miner_card_linked());
    case v1::Event::kCensusObserved:
      return CheckCensusObserved(event.census_observed());
    case v1::Event::kSealed:
    case v1::Event::BODY_NOT_SET:
      break;
  }
  return {FieldProblem{"body", Problem::required}};
}

bool MustBeSealed(v1::Event::BodyCase body) {
  return body == v1::Event::kPersonRegistered || body == v1::Event::kCompanionRecorded ||
         body == v1::Event::kMinerCardLinked;
}

}  // namespace minegate::rules
