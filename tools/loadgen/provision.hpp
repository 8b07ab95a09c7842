// The first run's set-up on a server whose data directory is on this machine: the sites, gates
// and gate agents of the layout, and one device per kiosk, made through the real minegatectl
// (as an administrator would, audited), then each kiosk enrolled over HTTPS with its one-time
// code and its device key from the seed (so that the bracelets the population signs with it
// verify). The result is the state a later run starts from.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "tests/support/net/ws_test_client.hpp"
#include "tools/loadgen/options.hpp"
#include "tools/loadgen/state.hpp"

namespace minegate::loadgen {

/// Fills `state` (seed, kiosks) from scratch; false and `error` on the first failure (the data
/// directory then holds part of the fleet: start again with a fresh one). Says what it does on
/// `log`.
bool ProvisionFleet(const LoadOptions& options, const test::ClientOptions& client, LoadState& state,
                    std::ostream& log, std::string& error);

/// The device key of kiosk `index` for `seed` (population::KioskKeySeed).
credential::SigningKey KioskKey(std::uint64_t seed, std::size_t index);

}  // namespace minegate::loadgen
