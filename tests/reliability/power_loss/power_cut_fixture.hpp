// The gate chain (emulator, bridge, server, kiosk, page) with a power switch: cut the kiosk
// (SIGKILL; with the reader too when the power cut takes the box: the bridge SIGKILLed and
// the emulated PN532 unplugged and plugged back), start it again on the same data directory,
// and look at what survived — the bracelet's memory in the emulator, the kiosk's outbox, what
// the page was told before the cut. The emulator stays up: it is the bracelet, whose
// memory outlives any power cut.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "tests/reliability/power_loss/bracelet_image.hpp"
#include "tests/support/kiosk_chain_fixture.hpp"

namespace minegate::test {

/// What the page was told was recorded, and where.
struct Promise {
  std::string uid;
  v1::TapResult result = v1::TAP_RESULT_UNSPECIFIED;
  std::uint64_t seq = 0;
};

/// The kiosk's outbox as its database holds it.
struct OutboxView {
  std::uint64_t highest_seq = 0;
  std::uint64_t rows = 0;
  std::uint64_t distinct_event_ids = 0;
  std::uint64_t first_seq = 0;
  std::uint64_t last_seq = 0;
};

class PowerCutFixture : public KioskChainFixture {
 protected:
  void SetUp() override;

  /// A blank NTAG213 UID of its own for registration `n`.
  static std::string UidOf(int n);

  std::string Control(const std::string& line);
  /// The bracelet `uid` as the emulator holds it; it must be in the field.
  std::optional<BraceletImage> Dump(const std::string& uid);
  /// Polls the bracelet in the field until `done` holds (bounded); the last image seen.
  std::optional<BraceletImage> WaitForImage(const std::string& uid,
                                            bool (*done)(const BraceletImage&, int), int arg);

  /// Opens (or continues) a registration with SimpleDraft(name) and submits it: the kiosk
  /// waits for the bracelet.
  bool OpenRegistration(const std::string& name);
  /// The power cut: the bridge first when `reader_too` (a write stops where it is), then the
  /// kiosk. Returns every tap outcome the page had been sent before it died.
  std::vector<v1::TapOutcome> Cut(bool reader_too);
  /// After a cut: the reader back (unplugged and plugged in, a new bridge) or, when it kept
  /// running, every write it had queued finished; then the bracelet's image, taken while it
  /// is still in the field.
  std::optional<BraceletImage> AfterCut(bool reader_too, const std::string& uid);
  /// The kiosk started again on its data directory, its page connected, the agent signed in.
  bool PowerOn();
  std::optional<OutboxView> Outbox();
  /// The page's tap outcomes that say something was recorded.
  void Keep(const std::vector<v1::TapOutcome>& taps, const std::string& uid);

  std::int64_t NowMs() const;

  std::mt19937 random_;
  std::optional<credential::KeySet> keys_;
  std::optional<Process> bridge_;  // the bridge started after the first power cut
  int bridge_starts_ = 0;
  std::vector<Promise> promised_;
};

}  // namespace minegate::test
