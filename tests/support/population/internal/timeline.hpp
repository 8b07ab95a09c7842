// The events of every kiosk of a fleet, recorded as the generator tells what happens (in any
// order of persons), then numbered in time order per kiosk as the kiosks would have numbered
// them. Shapes follow the kiosk (kiosk/gate/registration_flow.cpp): a registration is
// PersonRegistered, BraceletIssued, CompanionRecorded when she came with someone, and her first
// GatePassed in, at one moment at one gate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "minegate/v1/events.pb.h"
#include "tests/support/population/fleet.hpp"
#include "tests/support/population/random.hpp"

namespace minegate::test::population::internal {

/// Who she or he came with, as the agent records it.
struct CompanionSpec {
  /// The companion's person token (read from the companion's bracelet), or empty and then
  std::string companion_token;
  /// a description of the companion who has no bracelet.
  std::string description;
  v1::CompanionRelation relation = v1::COMPANION_RELATION_UNSPECIFIED;
  bool answered_for_person = false;
};

class Timeline {
 public:
  Timeline(const Fleet& fleet, Random& random);

  /// Registers `record` (its person_token set) at a gate of site `site` at `at_ms`, issues her
  /// a bracelet and records her entry.
  void Register(std::size_t site, std::int64_t at_ms, const v1::PersonRegistered& record,
                const std::optional<CompanionSpec>& companion);
  /// A tap of her bracelet at a gate of site `site`.
  void Pass(const std::string& token, std::size_t site, v1::Direction direction,
            std::int64_t at_ms);

  /// The first thing that could not be recorded (a bug of the generator), or empty.
  const std::string& error() const { return error_; }

  /// Every kiosk's events, numbered 1.. in time order (ties kept in the order recorded).
  std::vector<std::vector<v1::Event>> Finish();

 private:
  struct Planned {
    std::int64_t at_ms = 0;
    std::uint64_t order = 0;
    v1::Event event;
  };

  std::size_t KioskAt(std::size_t site);
  v1::Event Envelope(std::size_t kiosk, std::int64_t at_ms);
  void Plan(std::size_t kiosk, v1::Event event);
  void Fail(const std::string& what);

  const Fleet& fleet_;
  Random& random_;
  std::vector<std::vector<Planned>> planned_;
  std::uint64_t order_ = 0;
  /// Each person's bracelet UID.
  std::map<std::string, std::string> tags_;
  std::string error_;
};

}  // namespace minegate::test::population::internal
