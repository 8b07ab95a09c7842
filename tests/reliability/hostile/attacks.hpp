// The hostile clients, one function per attacker, each run on its own thread: it waits for an
// attack phase (PhaseBoard), attacks at a bounded pace while the phase lasts, drops whatever it
// holds when the phase ends, and records in the Tally whether the server answered as it must.
// Paced, because attacker and server share this machine's two cores: an attacker spinning
// flat out would measure the machine, not the server.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "minegate/v1/sync.pb.h"
#include "tests/reliability/hostile/phase_board.hpp"
#include "tests/reliability/hostile/tally.hpp"
#include "tests/support/net/ws_test_client.hpp"
#include "tests/support/sim_kiosk.hpp"

namespace minegate::test::hostile {

struct AttackContext {
  PhaseBoard& board;
  Tally& tally;
  ClientOptions server;
  std::uint32_t seed = 0;
};

// ---- network_attacks.cpp: anyone who can reach the port

/// Garbage before the Hello (a KioskFrame that does not parse, a text frame), a WebSocket frame
/// that breaks RFC 6455 (unmasked from a client), and garbage where a TLS ClientHello belongs.
void MalformedFrames(const AttackContext& context);
/// `held` bare TCP connections opened at the start of each attack phase and held through it,
/// while fresh TLS connections come and go (a /healthz each) at a bounded rate.
void ConnectionFlood(const AttackContext& context, int held);
/// Slow-loris in each attack phase: HTTP requests whose headers come a byte at a time, TLS
/// handshakes a byte at a time, WebSocket streams upgraded and then silent, and WebSocket frames
/// left unfinished.
void SlowLoris(const AttackContext& context);
/// Bodies, headers and WebSocket messages over the limits (413, 431, close 1009).
void OversizeInput(const AttackContext& context);
struct BruteForceCounts {
  std::atomic<int> password_checks{0};        ///< 401: a wrong password checked
  std::atomic<int> locked{0};                 ///< 429 to a wrong password
  std::atomic<int> right_password_locked{0};  ///< 429 to the right password
};
/// Wrong passwords for `user_id` at a steady pace; once five were checked, one try in five is
/// `right_password`, which the lock must refuse as well.
void BruteForceSignIn(const AttackContext& context, const std::string& user_id,
                      const std::string& right_password, BruteForceCounts& counts);

/// One connection held across every phase from the first attack on, dribbling a byte a second:
/// the time the server took to drop it (handshake timeout for TLS, request timeout for HTTP).
struct LongSlowLoris {
  std::atomic<double> tls_dropped_after_s{-1};
  std::atomic<double> http_dropped_after_s{-1};
};
/// Runs until both are dropped or the run is over and `deadline` passed.
void LongSlowLorisWatch(const AttackContext& context, LongSlowLoris& out,
                        std::chrono::seconds deadline);

// ---- device_attacks.cpp: a kiosk's key in hostile hands

/// A bracelet genuinely issued at the first site and tapped there, whose copy the cloner taps.
struct IssuedBracelet {
  std::string tag_uid;
  std::string person_token;
  std::int64_t tapped_at_ms = 0;  ///< its genuine tap at the first site
};

/// An enrolled kiosk turned hostile (its key stolen): batches that do not parse, bracelet
/// credentials forged with another key, copied onto another tag or dated in the future, and
/// the revoked device's events replayed under its own connection. Every one refused, nothing
/// stored. `kiosk` is enrolled, not connected.
void RogueDevice(const AttackContext& context, SimulatedKiosk& kiosk,
                 const std::vector<v1::Event>& revoked_devices_events);
/// A kiosk at the distant site taps copies of `bracelets` ten minutes after their genuine taps:
/// accepted as valid taps, each must raise a suspected clone. The taps acknowledged.
std::uint64_t ClonedBracelets(const AttackContext& context, SimulatedKiosk& kiosk,
                              const std::vector<IssuedBracelet>& bracelets);
/// The revoked device connecting again and again with its own key: DEVICE_REVOKED each time.
void RevokedDeviceReplay(const AttackContext& context, SimulatedKiosk& revoked);

}  // namespace minegate::test::hostile
