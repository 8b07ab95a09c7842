#pragma once
/// One NFC reader opened through libnfc: the only class in minegate that calls
/// libnfc. Used by one thread at a time (the reader loop), except
/// AbortIfOverdue(), which a watchdog thread may call at any moment.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "firmware-bridge/reader/error.hpp"

// libnfc's types stay out of this header: only nfc_reader.cpp includes <nfc/nfc.h>.
struct nfc_context;
struct nfc_device;

namespace minegate::reader {

/// An ISO 14443-A target selected in the field.
struct Target {
  std::vector<std::uint8_t> uid;
  std::array<std::uint8_t, 2> atqa{};  ///< as on the wire: 00 44 for NTAG21x
  std::uint8_t sak = 0;
  std::vector<std::uint8_t> ats;  ///< empty unless the target speaks ISO 14443-4
};

class NfcReader {
 public:
  /// Opens the reader named by a libnfc connection string ("pn532_uart:/dev/ttyUSB0")
  /// and puts it in initiator mode with bounded, non-infinite selection.
  static Result<std::unique_ptr<NfcReader>> Open(const std::string& connstring);

  NfcReader(const NfcReader&) = delete;
  NfcReader& operator=(const NfcReader&) = delete;
  ~NfcReader();

  const std::string& name() const { return name_; }
  const std::string& connstring() const { return connstring_; }
  /// Chip and firmware as libnfc reports them, e.g. "PN532 v1.6".
  const std::string& firmware() const { return firmware_; }

  /// Looks once for an ISO 14443-A target at 106 kbps; nullopt when the field is empty.
  Result<std::optional<Target>> SelectIso14443a();

  /// Sends a command to the selected target and returns its answer (easy framing:
  /// CRC and ISO 14443-4 blocks are handled by the chip).
  Result<std::vector<std::uint8_t>> Transceive(std::span<const std::uint8_t> command,
                                               std::size_t max_answer_size,
                                               std::chrono::milliseconds timeout);

  /// Whether the selected target still answers. False (not an error) once it left.
  Result<bool> TargetPresent();

  /// Releases the selected target; safe to call when there is none.
  void Deselect();

  /// Called by the watchdog: aborts the libnfc call in progress when it has run past
  /// its deadline (a wedged serial link), so the reader loop gets Errc::aborted.
  /// Returns true when it aborted something.
  bool AbortIfOverdue(std::chrono::steady_clock::time_point now);

  /// Time spent inside libnfc calls since the reader was opened.
  std::chrono::nanoseconds libnfc_time() const {
    return std::chrono::nanoseconds(libnfc_nanos_.load(std::memory_order_relaxed));
  }

 private:
  class Call;
  NfcReader(nfc_context* context, nfc_device* device, std::string connstring);

  nfc_context* context_;
  nfc_device* device_;
  std::string connstring_;
  std::string name_;
  std::string firmware_;
  /// libnfc's nfc_target for the selected tag (defined in the .cpp; null when none).
  struct SelectedTarget;
  std::unique_ptr<SelectedTarget> selected_;

  /// Deadline of the call in progress (steady clock, ns), or 0 between calls.
  std::atomic<std::int64_t> call_deadline_ns_{0};
  std::atomic<std::int64_t> libnfc_nanos_{0};
  /// Held by the watchdog while aborting and by the destructor while closing.
  std::mutex abort_mutex_;
};

}  // namespace minegate::reader
