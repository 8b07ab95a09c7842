#include "tools/loadgen/scenario.hpp"

#include <memory>

#include "tests/support/population/fleet.hpp"
#include "tests/support/population/population.hpp"
#include "tools/loadgen/provision.hpp"

namespace minegate::loadgen {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

}  // namespace

std::vector<OutageSpec> DefaultOutages(std::size_t kiosks) {
  std::vector<OutageSpec> outages;
  for (std::size_t kiosk = 5; kiosk < kiosks; kiosk += 8) {
    outages.push_back({kiosk, 20.0 + static_cast<double>(kiosk / 8 % 20), 4.0});
  }
  return outages;
}

std::optional<Scenario> BuildScenario(const LoadOptions& options, const LoadState& state,
                                      std::int64_t now_ms, std::string& error) {
  namespace population = test::population;
  Scenario scenario;
  scenario.end_ms = now_ms / kDayMs * kDayMs;
  scenario.start_ms = scenario.end_ms - options.days * kDayMs;
  scenario.kiosks.resize(state.kiosks.size());
  std::size_t regions = 0;
  for (const KioskRecord& kiosk : state.kiosks) regions = std::max(regions, kiosk.region + 1);
  const auto layout = population::KedougouSites();
  for (std::size_t region = 0; region < regions; ++region) {
    population::Fleet fleet;
    std::vector<std::size_t> global;  // the region's kiosks' indexes in the state
    fleet.sites.resize(layout.size());
    for (std::size_t index = 0; index < state.kiosks.size(); ++index) {
      const KioskRecord& record = state.kiosks[index];
      if (record.region != region) continue;
      population::FleetSite& site = fleet.sites.at(record.site);
      site.site_id = record.site_id;
      site.name = layout[record.site].name;
      site.kiosks.push_back(fleet.kiosks.size());
      population::KioskIdentity identity;
      identity.device_id = record.device_id;
      identity.site_id = record.site_id;
      identity.gate_id = record.gate_id;
      identity.agent_id = record.agent_id;
      identity.key = std::make_shared<const credential::SigningKey>(KioskKey(state.seed, index));
      fleet.kiosks.push_back(std::move(identity));
      global.push_back(index);
    }
    for (const auto& site : fleet.sites) {
      if (site.kiosks.empty()) {
        error = "région / region " + std::to_string(region + 1) +
                " : un site sans borne dans l'état / a site without a kiosk in the state";
        return std::nullopt;
      }
    }
    population::PopulationOptions generate;
    // A new population each run (new persons, new bracelets), the same one for a given run.
    generate.seed = state.seed ^ (0x9E3779B97F4A7C15ULL * (state.runs * 4096 + region + 1));
    generate.ordinary_persons = options.persons;
    generate.start_ms = scenario.start_ms;
    generate.days = options.days;
    generate.shift_change_peaks = options.shift_change_peaks;
    population::Population people = population::GeneratePopulation(generate, fleet);
    if (!people.error.empty()) {
      error = "population : " + people.error;
      return std::nullopt;
    }
    scenario.persons += people.persons.size();
    for (std::size_t local = 0; local < global.size(); ++local) {
      KioskPlan& plan = scenario.kiosks[global[local]];
      plan.index = global[local];
      plan.events = std::move(people.streams[local]);
      scenario.events += plan.events.size();
    }
  }
  const std::vector<OutageSpec> outages =
      options.no_outages
          ? std::vector<OutageSpec>{}
          : (options.outages.empty() ? DefaultOutages(state.kiosks.size()) : options.outages);
  for (const OutageSpec& outage : outages) {
    if (outage.kiosk >= scenario.kiosks.size()) continue;
    const auto from = scenario.start_ms +
                      static_cast<std::int64_t>(outage.from_day * static_cast<double>(kDayMs));
    const auto until =
        std::min(scenario.end_ms,
                 from + static_cast<std::int64_t>(outage.days * static_cast<double>(kDayMs)));
    if (from < until) scenario.kiosks[outage.kiosk].offline.push_back({from, until});
  }
  return scenario;
}

}  // namespace minegate::loadgen
