#include "server/ingest/event_validator.hpp"

#include <algorithm>
#include <cstdint>

namespace minegate::server {
namespace {

// 2020-01-01T00:00:00Z: no minegate event can be older.
constexpr std::int64_t kEarliestEventMs = 1'577'836'800'000;
constexpr std::size_t kTokenSize = 16;

/// A check that failed, described in both languages.
struct Problem {
  IngestErrc code;
  std::string fr;
  std::string en;
};

std::optional<Problem> Missing(const std::string& field) {
  return Problem{IngestErrc::invalid_event, "champ " + field + " manquant ou invalide",
                 field + " missing or invalid"};
}

std::optional<Problem> TooLong(const std::string& field) {
  return Problem{IngestErrc::invalid_event, "champ " + field + " trop long", field + " too long"};
}

bool IsUid(const std::string& uid) {
  return uid.size() == 4 || uid.size() == 7 || uid.size() == 10;
}

std::optional<Problem> CheckText(const std::string& value, const std::string& field,
                                 std::size_t max_bytes, bool required) {
  if (required && value.empty()) return Missing(field);
  if (value.size() > max_bytes) return TooLong(field);
  return std::nullopt;
}

std::optional<Problem> CheckPerson(const v1::PersonRegistered& p) {
  if (p.person_token().size() != kTokenSize) return Missing("person_token");
  // Names are at most 80 characters: up to 4 UTF-8 bytes each.
  if (auto problem = CheckText(p.given_name(), "given_name", 320, true)) return problem;
  if (auto problem = CheckText(p.family_name(), "family_name", 320, true)) return problem;
  if (p.sex() == v1::SEX_UNSPECIFIED || !v1::Sex_IsValid(p.sex())) return Missing("sex");
  if (!p.has_birth() || p.birth().year() < 1900 || p.birth().year() > 2100 ||
      p.birth().month() > 12 || p.birth().day() > 31 ||
      (p.birth().month() == 0 && p.birth().day() != 0)) {
    return Missing("birth");
  }
  if (!p.nationality().empty() && p.nationality().size() != 3) return Missing("nationality");
  if (auto problem = CheckText(p.place_of_origin(), "place_of_origin", 480, false)) return problem;
  if (auto problem = CheckText(p.phone(), "phone", 20, false)) return problem;
  if (auto problem = CheckText(p.occupation_detail(), "occupation_detail", 480, false)) {
    return problem;
  }
  if (p.languages_size() > 16) return TooLong("languages");
  if (!v1::Occupation_IsValid(p.occupation())) return Missing("occupation");
  if (!v1::Purpose_IsValid(p.purpose()) || !v1::PromisedJob_IsValid(p.promised_job())) {
    return Missing("purpose");
  }
  if (!v1::Answer_IsValid(p.travel_paid_by_third_party()) ||
      !v1::Answer_IsValid(p.debt_declared())) {
    return Missing("protection answers");
  }
  const auto& document = p.identity_document();
  if (!v1::DocumentType_IsValid(document.type()) ||
      !v1::DocumentHolder_IsValid(document.holder())) {
    return Missing("identity_document");
  }
  if (auto problem = CheckText(document.number(), "identity_document.number", 32, false)) {
    return problem;
  }
  // Protection questions declined: none of them may carry an answer.
  if (!p.consent().protection_questions_accepted() &&
      (p.travel_paid_by_third_party() != v1::ANSWER_NOT_ASKED ||
       p.debt_declared() != v1::ANSWER_NOT_ASKED ||
       document.holder() != v1::DOCUMENT_HOLDER_NOT_ASKED)) {
    return Problem{IngestErrc::invalid_event, "réponses de protection sans consentement",
                   "protection answers recorded without consent"};
  }
  return std::nullopt;
}

std::optional<Problem> CheckBody(const v1::Event& event, const DeviceContext& device) {
  switch (event.body_case()) {
    case v1::Event::kPersonRegistered:
      return CheckPerson(event.person_registered());
    case v1::Event::kBraceletIssued: {
      const auto& b = event.bracelet_issued();
      if (b.person_token().size() != kTokenSize) return Missing("person_token");
      if (!IsUid(b.tag_uid())) return Missing("tag_uid");
      if (b.credential().empty() || b.credential().size() > 256) return Missing("credential");
      if (!b.replaces_tag_uid().empty() && !IsUid(b.replaces_tag_uid())) {
        return Missing("replaces_tag_uid");
      }
      return std::nullopt;
    }
    case v1::Event::kBraceletRevoked: {
      const auto& r = event.bracelet_revoked();
      if (!IsUid(r.tag_uid())) return Missing("tag_uid");
      if (r.reason() == v1::REVOCATION_REASON_UNSPECIFIED ||
          !v1::RevocationReason_IsValid(r.reason())) {
        return Missing("reason");
      }
      return CheckText(r.note(), "note", 800, false);
    }
    case v1::Event::kGatePassed: {
      const auto& g = event.gate_passed();
      if (g.direction() == v1::DIRECTION_UNSPECIFIED || !v1::Direction_IsValid(g.direction())) {
        return Missing("direction");
      }
      if (!IsUid(g.tag_uid())) return Missing("tag_uid");
      if (g.verification() == v1::VERIFICATION_UNSPECIFIED ||
          !v1::Verification_IsValid(g.verification())) {
        return Missing("verification");
      }
      if (!g.person_token().empty() && g.person_token().size() != kTokenSize) {
        return Missing("person_token");
      }
      return std::nullopt;
    }
    case v1::Event::kCompanionRecorded: {
      const auto& c = event.companion_recorded();
      if (c.person_token().size() != kTokenSize) return Missing("person_token");
      if (c.companion_case() == v1::CompanionRecorded::kCompanionPersonToken &&
          c.companion_person_token().size() != kTokenSize) {
        return Missing("companion_person_token");
      }
      if (c.companion_case() == v1::CompanionRecorded::kCompanionDescription &&
          (c.companion_description().empty() || c.companion_description().size() > 800)) {
        return Missing("companion_description");
      }
      if (c.companion_case() == v1::CompanionRecorded::COMPANION_NOT_SET) {
        return Missing("companion");
      }
      if (!v1::CompanionRelation_IsValid(c.relation())) return Missing("relation");
      return std::nullopt;
    }
    case v1::Event::kMinerCardLinked: {
      const auto& m = event.miner_card_linked();
      if (m.person_token().size() != kTokenSize) return Missing("person_token");
      if (!IsUid(m.card_uid())) return Missing("card_uid");
      if (m.card_number().empty() || m.card_number().size() > 16) return Missing("card_number");
      return std::nullopt;
    }
    case v1::Event::kCensusObserved: {
      const auto& c = event.census_observed();
      if (auto problem = CheckText(c.campaign_id(), "campaign_id", 64, true)) return problem;
      if (std::find(device.census_campaign_ids.begin(), device.census_campaign_ids.end(),
                    c.campaign_id()) == device.census_campaign_ids.end()) {
        return Problem{IngestErrc::invalid_event,
                       "champ campaign_id : pas une campagne de recensement de ce site",
                       "campaign_id: not a census campaign of this site"};
      }
      if (c.person_token().size() != kTokenSize) return Missing("person_token");
      if (!IsUid(c.tag_uid())) return Missing("tag_uid");
      return std::nullopt;
    }
    case v1::Event::kSealed:
    case v1::Event::BODY_NOT_SET:
      return Missing("body");
  }
  return Missing("body");
}

std::optional<Problem> OpenSealedBody(v1::Event& event, const OpenSealed& open_sealed) {
  if (!event.has_sealed()) return std::nullopt;
  const Problem invalid{IngestErrc::sealed_body_invalid, "contenu scellé illisible",
                        "sealed body cannot be opened"};
  auto plaintext = open_sealed(event.sealed().recipient_key_id(), event.sealed().ciphertext());
  if (!plaintext || plaintext->size() > kMaxEventBytes) return invalid;
  v1::Event inner;
  if (!inner.ParseFromString(*plaintext)) return invalid;
  // The inner event must repeat this envelope's id: a sealed body cannot be
  // lifted into another envelope.
  if (inner.event_id() != event.event_id() || inner.has_sealed() ||
      inner.body_case() == v1::Event::BODY_NOT_SET) {
    return invalid;
  }
  switch (inner.body_case()) {
    case v1::Event::kPersonRegistered:
      *event.mutable_person_registered() = inner.person_registered();
      break;
    case v1::Event::kBraceletIssued:
      *event.mutable_bracelet_issued() = inner.bracelet_issued();
      break;
    case v1::Event::kBraceletRevoked:
      *event.mutable_bracelet_revoked() = inner.bracelet_revoked();
      break;
    case v1::Event::kGatePassed:
      *event.mutable_gate_passed() = inner.gate_passed();
      break;
    case v1::Event::kCompanionRecorded:
      *event.mutable_companion_recorded() = inner.companion_recorded();
      break;
    case v1::Event::kMinerCardLinked:
      *event.mutable_miner_card_linked() = inner.miner_card_linked();
      break;
    case v1::Event::kCensusObserved:
      *event.mutable_census_observed() = inner.census_observed();
      break;
    default:
      return invalid;
  }
  return std::nullopt;
}

/// UUIDv7: version nibble 7, RFC 4122 variant (10xx).
bool IsUuidV7(const std::string& id) {
  return id.size() == 16 && (static_cast<std::uint8_t>(id[6]) >> 4) == 7 &&
         (static_cast<std::uint8_t>(id[8]) >> 6) == 2;
}

std::optional<Problem> CheckEnvelope(const v1::Event& event, const DeviceContext& device) {
  if (!IsUuidV7(event.event_id())) return Missing("event_id");
  if (event.device_id() != device.device_id) {
    return Problem{IngestErrc::wrong_device, "device_id différent de l'appareil connecté",
                   "device_id differs from the connected device"};
  }
  // SQLite stores signed 64-bit integers.
  if (event.device_seq() == 0 || event.device_seq() > static_cast<std::uint64_t>(INT64_MAX)) {
    return Missing("device_seq");
  }
  if (event.occurred_at_ms() < kEarliestEventMs) return Missing("occurred_at_ms");
  if (event.site_id() != device.site_id) {
    return Problem{IngestErrc::wrong_site, "site différent de celui de l'appareil",
                   "site differs from the device's"};
  }
  if (event.gate_id() == 0) return Missing("gate_id");
  if (auto problem = CheckText(event.agent_id(), "agent_id", 64, true)) return problem;
  return std::nullopt;
}

Refusal ToRefusal(const Problem& problem, std::uint64_t seq) {
  return Refusal{make_error_code(problem.code), seq,
                 "événement " + std::to_string(seq) + " : " + problem.fr,
                 "event " + std::to_string(seq) + ": " + problem.en};
}

}  // namespace

std::string BodyKind(const v1::Event& event) {
  const auto* field = v1::Event::descriptor()->FindFieldByNumber(event.body_case());
  return field != nullptr ? field->name() : "none";
}

std::optional<Refusal> ValidateBatch(std::vector<v1::Event>& events, const DeviceContext& device,
                                     const OpenSealed& open_sealed) {
  if (events.empty()) {
    return Refusal{make_error_code(IngestErrc::invalid_event), 0, "lot vide", "empty batch"};
  }
  if (events.size() > kMaxBatchEvents) {
    return Refusal{make_error_code(IngestErrc::batch_too_large), 0,
                   "plus de 256 événements dans le lot", "more than 256 events in the batch"};
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    v1::Event& event = events[i];
    const std::uint64_t seq = event.device_seq();
    if (event.ByteSizeLong() > kMaxEventBytes) {
      return ToRefusal({IngestErrc::invalid_event, "événement trop grand", "event too large"}, seq);
    }
    if (i > 0 && seq != events[i - 1].device_seq() + 1) {
      return ToRefusal(
          {IngestErrc::not_consecutive,
           "séquence non consécutive après " + std::to_string(events[i - 1].device_seq()),
           "sequence not consecutive after " + std::to_string(events[i - 1].device_seq())},
          seq);
    }
    if (auto problem = CheckEnvelope(event, device)) return ToRefusal(*problem, seq);
    if (auto problem = OpenSealedBody(event, open_sealed)) return ToRefusal(*problem, seq);
    if (auto problem = CheckBody(event, device)) return ToRefusal(*problem, seq);
  }
  return std::nullopt;
}

}  // namespace minegate::server
