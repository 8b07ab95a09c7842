#include "server/ingest/event_validator.hpp"

#include <algorithm>
#include <map>
#include <span>

#include "proto/credential/codec.hpp"
#include "proto/credential/verifier.hpp"
#include "proto/rules/event_rules.hpp"

namespace minegate::server {
namespace {

/// A check that failed, described in both languages (without the event's number).
struct Problem {
  IngestErrc code;
  std::string fr;
  std::string en;
};

Problem FromRule(const rules::FieldProblem& problem) {
  const rules::Wording words = rules::Describe(problem);
  return {IngestErrc::invalid_event, words.fr, words.en};
}

Problem Field(const std::string& field, const std::string& fr, const std::string& en) {
  return {IngestErrc::invalid_event, field + " : " + fr, field + ": " + en};
}

std::span<const std::uint8_t> Bytes(const std::string& bytes) {
  return {reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()};
}

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

/// The one call into credential::Verify, so that a change of its signature is
/// adapted here only. A kiosk dates a credential by its own clock: the event's
/// occurred_at_ms is that clock too, so a kiosk running a little fast is judged
/// by its own time and its batch is not held up.
credential::Result<void> VerifyCredential(const credential::Credential& credential,
                                          const std::string& tag_uid,
                                          const credential::KeySet& keys, std::int64_t now_ms,
                                          std::int64_t occurred_at_ms) {
  return credential::Verify(credential, Bytes(tag_uid), keys, std::max(now_ms, occurred_at_ms));
}

std::string VerifyFailureFr(const boost::system::error_code& ec) {
  if (ec == credential::Errc::unknown_key) return "pas signé par la clé de cet appareil";
  if (ec == credential::Errc::bad_signature) {
    return "signature invalide, ou liée à un autre UID de bracelet";
  }
  if (ec == credential::Errc::key_revoked) return "signé par une clé révoquée";
  if (ec == credential::Errc::issued_in_future) return "daté dans le futur";
  return "non vérifiable";
}

std::string VerifyFailureEn(const boost::system::error_code& ec) {
  if (ec == credential::Errc::unknown_key) return "not signed by this device's key";
  if (ec == credential::Errc::bad_signature)
    return "signature invalid, or bound to another tag UID";
  if (ec == credential::Errc::key_revoked) return "signed by a revoked key";
  if (ec == credential::Errc::issued_in_future) return "dated in the future";
  return "cannot be verified";
}

/// Decodes a credential and checks what the event says against it.
std::optional<Problem> DecodeFor(const std::string& field, const std::string& bytes,
                                 credential::Kind kind, const std::string& person_token,
                                 credential::Credential& out) {
  auto decoded = credential::Decode(Bytes(bytes));
  if (!decoded) {
    return Field(field, "illisible (" + decoded.error().message() + ")",
                 "unreadable (" + decoded.error().message() + ")");
  }
  out = std::move(decoded).value();
  if (out.fields.kind != kind) {
    return kind == credential::Kind::bracelet
               ? Field(field, "pas une attestation de bracelet", "not a bracelet credential")
               : Field(field, "pas une attestation de carte d'orpailleur",
                       "not a miner's card credential");
  }
  if (std::string(out.fields.person_token.begin(), out.fields.person_token.end()) != person_token) {
    return Field(field, "jeton de personne différent de person_token",
                 "person token differs from person_token");
  }
  return std::nullopt;
}

/// BraceletIssued: the credential as written, signed by this device's own key for
/// this tag UID, for this person, at this device's site.
std::optional<Problem> CheckBraceletCredential(const v1::Event& event, const DeviceContext& device,
                                               std::int64_t now_ms) {
  const v1::BraceletIssued& issued = event.bracelet_issued();
  const std::string field = "bracelet_issued.credential";
  credential::Credential decoded;
  if (auto problem = DecodeFor(field, issued.credential(), credential::Kind::bracelet,
                               issued.person_token(), decoded)) {
    return problem;
  }
  if (decoded.fields.site_id != device.site_id) {
    return Field(field,
                 "émis pour le site " + std::to_string(decoded.fields.site_id) +
                     ", l'appareil est du site " + std::to_string(device.site_id),
                 "issued for site " + std::to_string(decoded.fields.site_id) +
                     ", the device's site is " + std::to_string(device.site_id));
  }
  credential::KeySet own;
  own.Upsert(credential::TrustedKey{device.public_key, std::nullopt, {}});
  if (auto verified =
          VerifyCredential(decoded, issued.tag_uid(), own, now_ms, event.occurred_at_ms());
      !verified) {
    return Field(field, VerifyFailureFr(verified.error()), VerifyFailureEn(verified.error()));
  }
  return std::nullopt;
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

std::optional<Problem> CheckEvent(v1::Event& event, const DeviceContext& device,
                                  const OpenSealed& open_sealed, std::int64_t now_ms) {
  if (auto problems = rules::CheckEnvelope(event); !problems.empty()) {
    return FromRule(problems.front());
  }
  if (event.device_id() != device.device_id) {
    return Problem{IngestErrc::wrong_device,
                   "device_id : " + Quoted(event.device_id()) + " n'est pas l'appareil connecté",
                   "device_id: " + Quoted(event.device_id()) + " is not the connected device"};
  }
  if (event.site_id() != device.site_id) {
    return Problem{IngestErrc::wrong_site,
                   "site_id : " + std::to_string(event.site_id()) +
                       " n'est pas le site de l'appareil (" + std::to_string(device.site_id) + ")",
                   "site_id: " + std::to_string(event.site_id()) + " is not the device's site (" +
                       std::to_string(device.site_id) + ")"};
  }
  // Personal data travels sealed to the server, never in clear.
  if (rules::MustBeSealed(event.body_case())) {
    const std::string kind = BodyKind(event);
    return Problem{IngestErrc::sealed_body_required,
                   kind + " : contient des données personnelles, à envoyer dans sealed",
                   kind + ": carries personal data, must be sent inside sealed"};
  }
  if (auto problem = OpenSealedBody(event, open_sealed)) return problem;
  if (auto problems = rules::CheckBody(event, event.occurred_at_ms()); !problems.empty()) {
    return FromRule(problems.front());
  }
  if (event.has_bracelet_issued()) return CheckBraceletCredential(event, device, now_ms);
  return std::nullopt;
}

Refusal ToRefusal(const Problem& problem, std::uint64_t seq) {
  return Refusal{make_error_code(problem.code), seq,
                 "événement " + std::to_string(seq) + " : " + problem.fr,
                 "event " + std::to_string(seq) + ": " + problem.en};
}

/// The registry could not answer: nothing stored, the kiosk resends after a backoff.
Refusal Unavailable(std::uint64_t seq) {
  return Refusal{make_error_code(IngestErrc::storage_failed), seq,
                 "registre indisponible, renvoyez plus tard", "registry unavailable, resend later"};
}

/// Stage 2 for one event; lookups are remembered for the rest of the batch.
class RegistryChecks {
 public:
  RegistryChecks(const DeviceContext& device, RegistryView& registry, std::int64_t now_ms)
      : device_(device), registry_(registry), now_ms_(now_ms) {}

  std::optional<Refusal> Check(const v1::Event& event) {
    const std::uint64_t seq = event.device_seq();
    auto site = GateSite(event.gate_id());
    if (!site) return Unavailable(seq);
    const std::string gate = std::to_string(event.gate_id());
    if (!site.value()) {
      return ToRefusal(Field("gate_id", "la porte " + gate + " n'existe pas",
                             "gate " + gate + " does not exist"),
                       seq);
    }
    if (*site.value() != device_.site_id) {
      return ToRefusal(Field("gate_id", "la porte " + gate + " est d'un autre site",
                             "gate " + gate + " belongs to another site"),
                       seq);
    }
    auto role = registry_.KioskAgentRole(event.agent_id(), device_.site_id, event.occurred_at_ms());
    if (!role) return Unavailable(seq);
    const std::string agent = Quoted(event.agent_id());
    if (!role.value()) {
      return ToRefusal(Field("agent_id", agent + " n'est pas un agent de borne actif de ce site",
                             agent + " is not an active kiosk agent of this site"),
                       seq);
    }
    // EMAPE officials use a kiosk for census campaigns and miners' cards only (as the kiosk
    // allows them).
    if (*role.value() == v1::AGENT_ROLE_EMAPE_OFFICIAL && !event.has_census_observed() &&
        !event.has_miner_card_linked()) {
      return ToRefusal(
          Field("agent_id", agent + " est un agent EMAPE : recensements et cartes seulement",
                agent + " is an EMAPE official: census observations and miners' cards only"),
          seq);
    }
    if (event.has_census_observed()) {
      auto ours = registry_.IsSiteCampaign(event.census_observed().campaign_id(), device_.site_id);
      if (!ours) return Unavailable(seq);
      if (!ours.value()) {
        return ToRefusal(
            Field("census_observed.campaign_id", "pas une campagne de recensement de ce site",
                  "not a census campaign of this site"),
            seq);
      }
    }
    if (event.has_miner_card_linked()) {
      if (auto refused = CheckMinerCard(event)) return refused;
      return CheckCardHolderAge(event, *role.value());
    }
    return std::nullopt;
  }

 private:
  IngestResult<std::optional<std::uint32_t>> GateSite(std::uint32_t gate_id) {
    if (auto found = gates_.find(gate_id); found != gates_.end()) return found->second;
    auto site = registry_.GateSite(gate_id);
    if (site) gates_[gate_id] = site.value();
    return site;
  }

  /// MinerCardLinked: a miner's card credential signed by a trusted device key for
  /// this card UID, for this person, with this card number.
  std::optional<Refusal> CheckMinerCard(const v1::Event& event) {
    const std::uint64_t seq = event.device_seq();
    const v1::MinerCardLinked& linked = event.miner_card_linked();
    const std::string field = "miner_card_linked.credential";
    credential::Credential decoded;
    if (auto problem = DecodeFor(field, linked.credential(), credential::Kind::miner_card,
                                 linked.person_token(), decoded)) {
      return ToRefusal(*problem, seq);
    }
    if (decoded.fields.card_number != linked.card_number()) {
      return ToRefusal(Field(field, "numéro de carte différent de card_number",
                             "card number differs from card_number"),
                       seq);
    }
    auto key = registry_.TrustedKey(decoded.key_id);
    if (!key) return Unavailable(seq);
    credential::KeySet keys;
    if (key.value()) {
      credential::TrustedKey trusted = *key.value();
      // The card's signer may have been revoked after this (authenticated, not revoked) kiosk
      // linked the card offline: judged by the linking kiosk's time, as it judged it, so that
      // its batch — and everything it recorded after — is not held up for ever. A card signed
      // by the stolen key and linked after the revocation is still refused.
      if (trusted.revoked_at_ms && event.occurred_at_ms() < *trusted.revoked_at_ms) {
        trusted.revoked_at_ms.reset();
      }
      keys.Upsert(trusted);
    }
    if (auto verified =
            VerifyCredential(decoded, linked.card_uid(), keys, now_ms_, event.occurred_at_ms());
        !verified) {
      const bool unknown = verified.error() == credential::Errc::unknown_key;
      return ToRefusal(Field(field,
                             unknown ? "signé par une clé absente de la liste de confiance"
                                     : VerifyFailureFr(verified.error()),
                             unknown ? "signed by a key not on the trust list"
                                     : VerifyFailureEn(verified.error())),
                       seq);
    }
    return std::nullopt;
  }

  /// Never a miner's card for a minor, nor for a holder whose birth was never declared, however
  /// the kiosk was changed: the age the server counts now (the youngest the declared birth
  /// allows), as when it answered the EMAPE official's request. A holder whose registration has
  /// not reached the server is refused only for an EMAPE official's card (the server answered
  /// that request from the registration, so it is there); a gate agent links a card written
  /// earlier, possibly for a person registered at a kiosk still offline, and an honest kiosk's
  /// batch refused for that would hold its outbox up for good.
  std::optional<Refusal> CheckCardHolderAge(const v1::Event& event, v1::AgentRole role) {
    const std::uint64_t seq = event.device_seq();
    auto age = registry_.CardHolderAge(event.miner_card_linked().person_token(), now_ms_);
    if (!age) return Unavailable(seq);
    const std::string field = "miner_card_linked.person_token";
    switch (age.value()) {
      case HolderAge::kAdult:
        return std::nullopt;
      case HolderAge::kMinor:
        return ToRefusal(Field(field, "titulaire mineur : pas de carte d'orpailleur",
                               "holder under 18: no gold miner's card"),
                         seq);
      case HolderAge::kUnknown:
        return ToRefusal(Field(field,
                               "titulaire sans année de naissance déclarée : pas de carte "
                               "d'orpailleur",
                               "holder without a declared birth year: no gold miner's card"),
                         seq);
      case HolderAge::kNotRegistered:
        if (role != v1::AGENT_ROLE_EMAPE_OFFICIAL) return std::nullopt;
        return ToRefusal(Field(field, "titulaire inconnu du serveur : pas de carte d'orpailleur",
                               "holder unknown to the server: no gold miner's card"),
                         seq);
    }
    return std::nullopt;
  }

  const DeviceContext& device_;
  RegistryView& registry_;
  std::int64_t now_ms_;
  std::map<std::uint32_t, std::optional<std::uint32_t>> gates_;
};

}  // namespace

std::string BodyKind(const v1::Event& event) {
  const auto* field = v1::Event::descriptor()->FindFieldByNumber(event.body_case());
  return field != nullptr ? field->name() : "none";
}

std::optional<Refusal> ValidateBatch(std::vector<v1::Event>& events, const DeviceContext& device,
                                     const OpenSealed& open_sealed, std::int64_t now_ms) {
  if (events.empty()) {
    return Refusal{make_error_code(IngestErrc::invalid_event), 0, "lot vide : events est vide",
                   "empty batch: events is empty"};
  }
  if (events.size() > kMaxBatchEvents) {
    return Refusal{make_error_code(IngestErrc::batch_too_large), events.front().device_seq(),
                   "events : " + std::to_string(events.size()) + " événements, au plus 256",
                   "events: " + std::to_string(events.size()) + " events, at most 256"};
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    v1::Event& event = events[i];
    const std::uint64_t seq = event.device_seq();
    if (const std::size_t size = event.ByteSizeLong(); size > kMaxEventBytes) {
      return ToRefusal({IngestErrc::invalid_event,
                        "événement de " + std::to_string(size) + " octets, au plus 65536",
                        "event of " + std::to_string(size) + " bytes, at most 65536"},
                       seq);
    }
    if (i > 0 && seq != events[i - 1].device_seq() + 1) {
      return ToRefusal({IngestErrc::not_consecutive,
                        "device_seq : séquence non consécutive après " +
                            std::to_string(events[i - 1].device_seq()),
                        "device_seq: sequence not consecutive after " +
                            std::to_string(events[i - 1].device_seq())},
                       seq);
    }
    if (auto problem = CheckEvent(event, device, open_sealed, now_ms)) {
      return ToRefusal(*problem, seq);
    }
  }
  return std::nullopt;
}

std::optional<Refusal> CheckAgainstRegistry(const std::vector<v1::Event>& events,
                                            const DeviceContext& device, RegistryView& registry,
                                            std::int64_t now_ms) {
  RegistryChecks checks(device, registry, now_ms);
  for (const v1::Event& event : events) {
    if (auto refusal = checks.Check(event)) return refusal;
  }
  return std::nullopt;
}

}  // namespace minegate::server
