// This run's traffic: for each region of the fleet, a population generated over the scenario's
// days (a new seed each run, so a rerun brings new persons and events), its kiosks' events in
// device_seq order from 1 (the runner adds the sequence the server already holds), and the
// windows in which each kiosk is out of reach. The scenario ends today at 00:00 UTC: its days
// start at midnight as the generator's do, and every event is in the past (the server refuses
// events from the future).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "tools/loadgen/options.hpp"
#include "tools/loadgen/state.hpp"

namespace minegate::loadgen {

struct OfflineWindow {
  std::int64_t from_ms = 0;
  std::int64_t until_ms = 0;
};

struct KioskPlan {
  std::size_t index = 0;
  std::vector<v1::Event> events;
  std::vector<OfflineWindow> offline;
};

struct Scenario {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::size_t persons = 0;
  std::size_t events = 0;
  std::vector<KioskPlan> kiosks;
};

/// The default outages when none are given: one kiosk in eight (the sixth of each eight) is
/// offline for four days, from day 20 on (a day later for each further region).
std::vector<OutageSpec> DefaultOutages(std::size_t kiosks);

/// Generates the run's events; nullopt and `error` when the generator fails.
std::optional<Scenario> BuildScenario(const LoadOptions& options, const LoadState& state,
                                      std::int64_t now_ms, std::string& error);

}  // namespace minegate::loadgen
