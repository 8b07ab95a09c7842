#pragma once
/// The field rules of minegate.v1 events, as stated in events.proto: one place,
/// used by the server's ingest validator (the trust boundary) and by the
/// kiosk's registration form, so that a registration the kiosk accepts is never
/// refused later. Each function returns every problem found, in field order;
/// an empty list means the message keeps every rule. Pure functions on the
/// generated messages: no I/O, no registry, no cryptography (the server checks
/// credentials, gates, agents and campaigns against its registry on top).
///
/// Field paths use the proto field names ("person_registered.birth.day").

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "proto/rules/field_problem.hpp"

namespace minegate::rules {

inline constexpr std::size_t kMaxNameChars = 80;
inline constexpr std::size_t kMaxFreeTextChars = 120;
inline constexpr std::size_t kMaxDescriptionChars = 200;
inline constexpr std::size_t kMaxDocumentNumberChars = 32;
inline constexpr std::size_t kMaxLanguages = 16;
inline constexpr std::size_t kMaxCardNumberChars = 16;
inline constexpr std::size_t kMaxCredentialBytes = 256;
inline constexpr std::size_t kMaxIdChars = 64;
inline constexpr std::size_t kTokenBytes = 16;
inline constexpr std::uint32_t kMinYear = 1900;
/// 2020-01-01T00:00:00Z: no minegate event can be older.
inline constexpr std::int64_t kEarliestEventMs = 1'577'836'800'000;

/// The envelope (event_id, device_id, device_seq, occurred_at_ms, site_id,
/// gate_id, agent_id, body present). Whether device and site are the sender's
/// own is the server's business.
std::vector<FieldProblem> CheckEnvelope(const v1::Event& event);

/// The body in clear, its paths prefixed with the body's field name
/// ("gate_passed.tag_uid"). `now_ms` bounds declared dates (the server passes
/// the event's occurred_at_ms, the kiosk its clock). A sealed or missing body
/// is reported as "body" (the server opens sealed bodies first).
std::vector<FieldProblem> CheckBody(const v1::Event& event, std::int64_t now_ms);

/// One body kind each; paths are prefixed with `prefix` (e.g. "person_registered.").
std::vector<FieldProblem> CheckPersonRegistered(const v1::PersonRegistered& person,
                                                std::int64_t now_ms,
                                                const std::string& prefix = "person_registered.");
std::vector<FieldProblem> CheckBraceletIssued(const v1::BraceletIssued& issued,
                                              const std::string& prefix = "bracelet_issued.");
std::vector<FieldProblem> CheckBraceletRevoked(const v1::BraceletRevoked& revoked,
                                               const std::string& prefix = "bracelet_revoked.");
std::vector<FieldProblem> CheckGatePassed(const v1::GatePassed& passed,
                                          const std::string& prefix = "gate_passed.");
std::vector<FieldProblem> CheckCompanionRecorded(const v1::CompanionRecorded& companion,
                                                 const std::string& prefix = "companion_recorded.");
std::vector<FieldProblem> CheckMinerCardLinked(const v1::MinerCardLinked& linked,
                                               const std::string& prefix = "miner_card_linked.");
std::vector<FieldProblem> CheckCensusObserved(const v1::CensusObserved& observed,
                                              const std::string& prefix = "census_observed.");

/// True for the body kinds that carry personal data and so travel only inside
/// SealedBody: PersonRegistered, CompanionRecorded, MinerCardLinked.
bool MustBeSealed(v1::Event::BodyCase body);

}  // namespace minegate::rules
