// The running emulator: pty link, chip, RF field and control socket in one poll(2) loop.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "tools/pn532-sim/control_server.hpp"
#include "tools/pn532-sim/emulator_control.hpp"
#include "tools/pn532-sim/fault_plan.hpp"
#include "tools/pn532-sim/host_protocol.hpp"
#include "tools/pn532-sim/logger.hpp"
#include "tools/pn532-sim/options.hpp"
#include "tools/pn532-sim/pn532_chip.hpp"
#include "tools/pn532-sim/pty_link.hpp"
#include "tools/pn532-sim/rf_field.hpp"

namespace minegate::pn532sim {

/// Owns every part and serves the host and the control socket on one thread, so chip state
/// is never shared: a control command takes effect between two host frames.
class Emulator final : public EmulatorControl {
 public:
  using Clock = std::chrono::steady_clock;
  /// Bytes queued for a host that does not read; beyond this the oldest are dropped, as a
  /// real UART would lose them.
  static constexpr std::size_t kMaxPendingHostOutput = 64 * 1024;

  /// Creates the pty, its symlink, the control socket and the initial tag.
  static std::unique_ptr<Emulator> Create(const Options& options, const Logger& log,
                                          Status& status);

  /// Serves until `stop_fd` becomes readable (the signal self-pipe).
  Status Run(int stop_fd);

  Status PlaceTag(TagModel model, std::optional<Bytes> uid,
                  const std::optional<Bytes>& image) override;
  bool RemoveTag() override;
  std::optional<Bytes> DumpTag(bool raw) const override;
  FaultPlan& faults() override { return faults_; }
  Status Unplug() override;
  Status Replug() override;
  std::string Describe() const override;

 private:
  Emulator(const Options& options, const Logger& log);

  void ReadHost(Clock::time_point now);
  void SendToHost(const Bytes& bytes);
  void FlushHostOutput();
  int PollTimeoutMs(Clock::time_point now) const;

  Options options_;
  const Logger& log_;
  RfField field_;
  FaultPlan faults_;
  Pn532Chip chip_;
  HostProtocol protocol_;
  std::unique_ptr<PtyLink> link_;
  std::unique_ptr<ControlServer> control_;
  Bytes host_output_;
};

}  // namespace minegate::pn532sim
