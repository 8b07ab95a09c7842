#pragma once
/// An EMAPE official about to issue a gold miner's card at a kiosk asks whether the holder of
/// the bracelet tapped is an adult (docs/protocol.md §7.3). The server decides, not the kiosk:
/// the kiosk keeps birth years only for the people it registered in the last 30 days (its
/// roster cache), while a miner may have registered anywhere, years ago; the registry holds
/// every declared birth. Age is the youngest the declared birth allows (risk::AgeAt): an
/// estimated year counts at its last day, so a girl who may be 17 is a minor here too. A minor,
/// or a person whose birth was never declared, is never offered a card.
///
/// For an adult the answer also reserves the card's number in the EMAPE series (see
/// MinerCardHolderAnswer.card_number). Every request, answered or refused, is on the audit
/// log in the same transaction as the read: the official through the device, the person token
/// when the bracelet is known, the outcome.
///
/// Threading: uses its connection (the server's writer thread: it writes the audit entry).

#include <cstdint>
#include <span>
#include <string_view>

#include "db/connection.hpp"
#include "minegate/v1/sync.pb.h"
#include "server/ingest/event_validator.hpp"

namespace minegate::server {

inline constexpr std::string_view kMinerCardHolderAction = "WS /v1/kiosk/stream miner_card_holder";
/// The age from which a gold miner's card may be issued.
inline constexpr std::uint32_t kMinerCardMinAge = 18;

/// A holder's age as a card sees it: the years the registration's declared birth gives, and
/// the verdict (kUnknown, kMinor or kAdult; never kNotRegistered).
struct DeclaredAge {
  HolderAge verdict = HolderAge::kUnknown;
  std::uint32_t years = 0;  ///< 0 when kUnknown.
};

/// The age at `at_ms` that a registration record as stored (persons.record, a PersonRegistered)
/// declares; kUnknown when it does not parse or declares no birth year. The one age rule of the
/// card-holder question and of the check of a MinerCardLinked event (registry_view.hpp).
DeclaredAge CardHolderAgeOf(std::span<const std::uint8_t> record, std::int64_t at_ms);

v1::MinerCardHolderAnswer AnswerMinerCardHolder(db::Connection& connection,
                                                std::string_view device_id,
                                                const v1::MinerCardHolderRequest& request,
                                                std::int64_t now_ms);

}  // namespace minegate::server
