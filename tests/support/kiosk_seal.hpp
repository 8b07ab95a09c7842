#pragma once
/// A kiosk's sealing of an event body (kiosk/gate/event_factory.cpp, docs/protocol.md), for the
/// test kiosks and the population driver that send events as a kiosk does: the inner event holds
/// the event id and the body only, sealed to the server's key (crypto_box_seal); the header
/// stays in clear beside it.

#include <string_view>

#include "minegate/v1/events.pb.h"

namespace minegate::test {

/// Replaces `event`'s body by its sealed form for the key `key_id` names. Seals whatever body
/// the event holds (a test may seal one the server must refuse sealed). False, `event`
/// unchanged, when `public_key` is not a Curve25519 public key or sealing fails.
bool SealBody(v1::Event& event, std::string_view public_key, std::string_view key_id);

}  // namespace minegate::test
