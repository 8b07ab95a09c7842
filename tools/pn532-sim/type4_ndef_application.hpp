// The NFC Forum Type 4 Tag NDEF application (mapping version 2.0) a DESFire card carries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "tools/pn532-sim/bytes.hpp"

namespace minegate::pn532sim {

/// The ISO 7816-4 side of the card: SELECT by name (D2760000850101) and by file identifier
/// (E103 capability container, E104 NDEF file), READ BINARY and UPDATE BINARY, with the
/// status words the Type 4 Tag specification expects. Not thread-safe.
class Type4NdefApplication {
 public:
  /// NDEF file size, NLEN included; announced in the capability container.
  static constexpr std::size_t kNdefFileSize = 2048;

  struct Response {
    Bytes apdu;                 ///< response data followed by SW1 SW2
    bool wrote_memory = false;  ///< UPDATE BINARY succeeded
  };

  Type4NdefApplication();

  /// Handles one ISO command APDU (CLA 00).
  Response Process(std::span<const std::uint8_t> apdu);

  /// Forgets the selected application and file (deselection, loss of power).
  void ResetSelection();

  /// NLEN followed by the NDEF message, NLEN bounded by the file size: the control "dump".
  Bytes NdefMessage() const;
  /// The whole NDEF file: the control "dump raw".
  const Bytes& NdefFile() const { return ndef_file_; }

 private:
  enum class File { kNone, kCapabilityContainer, kNdef };

  Response Select(std::uint8_t p1, std::span<const std::uint8_t> data);
  Response ReadBinary(std::size_t offset, std::size_t length) const;
  Response UpdateBinary(std::size_t offset, std::span<const std::uint8_t> data);
  const Bytes* SelectedFile() const;

  bool application_selected_ = false;
  File selected_file_ = File::kNone;
  Bytes capability_container_;
  Bytes ndef_file_;
};

}  // namespace minegate::pn532sim
