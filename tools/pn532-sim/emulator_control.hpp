// What the control socket can do to a running emulator.
#pragma once

#include <optional>
#include <string>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/fault_plan.hpp"
#include "tools/pn532-sim/status.hpp"
#include "tools/pn532-sim/tag_model.hpp"

namespace minegate::pn532sim {

/// The operations behind the control commands, separated from the socket and the event loop
/// so the command language can be tested against a fake.
class EmulatorControl {
 public:
  virtual ~EmulatorControl() = default;

  /// `image`: the tag's whole memory replaced first (a copy of another tag; RfField::Place).
  virtual Status PlaceTag(TagModel model, std::optional<Bytes> uid,
                          const std::optional<Bytes>& image) = 0;
  /// False if the field was already empty.
  virtual bool RemoveTag() = 0;
  /// The present tag's memory (`raw`: secrets included); nullopt if the field is empty.
  virtual std::optional<Bytes> DumpTag(bool raw) const = 0;
  virtual FaultPlan& faults() = 0;
  /// The reader vanishes: symlink removed, pty closed.
  virtual Status Unplug() = 0;
  /// The reader comes back at the same path, as a new pty.
  virtual Status Replug() = 0;
  /// "plugged=yes link=... tag=... ..." for the status command.
  virtual std::string Describe() const = 0;
};

}  // namespace minegate::pn532sim
