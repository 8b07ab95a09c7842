// An honest kiosk streaming at a steady pace while the attacks go on: a batch every `interval`,
// each waited for, the time from send to acknowledgement kept with when it was sent. A batch
// that fails is resent as it was (same event ids) on a new connection from the Welcome, as the
// real kiosk's outbox does, and the failure is counted: an honest kiosk should see none.
// One thread per kiosk (SimulatedKiosk is not thread-safe).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/reliability/hostile/phase_board.hpp"
#include "tests/support/sim_kiosk.hpp"

namespace minegate::test::hostile {

struct AckSample {
  SteadyClock::time_point sent;
  SteadyClock::time_point acked;
  double ms() const { return std::chrono::duration<double, std::milli>(acked - sent).count(); }
};

struct HonestRun {
  std::vector<AckSample> samples;
  std::uint64_t acked_seq = 0;  ///< the last sequence the server acknowledged
  int failures = 0;
  std::string first_failure;
};

/// Streams until `stop`, then finishes the batch in flight. `kiosk` is enrolled, not connected.
HonestRun StreamHonestly(SimulatedKiosk& kiosk, const std::atomic<bool>& stop,
                         std::chrono::milliseconds interval, std::size_t batch);

}  // namespace minegate::test::hostile
