// A bracelet's memory as the PN532 emulator shows it (`dump`), judged two ways that do not
// lean on each other: by its bytes (blank, half-written, or a whole credential area) and by
// the kiosk's own verification (the NDEF record read as the bridge reads it, then the
// credential decoded and its signature over this UID checked against the kiosk's device key).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "proto/credential/key_set.hpp"

namespace minegate::test {

enum class WriteStage {
  kBlank,        ///< the emulator's fresh NTAG213 user memory (03 00 FE, zeros)
  kHalfWritten,  ///< anything between: some pages written, the area not whole
  kWhole,        ///< an NDEF TLV whose length covers a credential record, terminator after it
};

const char* StageName(WriteStage stage);

struct BraceletImage {
  WriteStage stage = WriteStage::kBlank;
  /// NTAG user pages (from page 5, the one after the TLV's first page) holding anything,
  /// counted from the start: how far the page-by-page write went.
  int body_pages = 0;
  /// The credential record's payload when the bytes hold one, whatever its validity.
  std::vector<std::uint8_t> credential;
  /// The kiosk's verdict: decoded and signed by the trusted key for this UID.
  bool verifies = false;
  std::string why_not;  ///< the verifier's or the NDEF reader's refusal
};

/// Parses the reply to `dump` ("ok HEX", the whole NTAG213) for the tag `uid`, verified
/// against `keys` at `now_ms`; nullopt when the reply is not a dump.
std::optional<BraceletImage> ReadBraceletImage(const std::string& dump_reply,
                                               const std::vector<std::uint8_t>& uid,
                                               const credential::KeySet& keys, std::int64_t now_ms);

/// The trust list of one kiosk: its device key, from DATA_DIR/keys/device.key (the seed).
std::optional<credential::KeySet> KioskKeySet(const std::string& data_dir);

}  // namespace minegate::test
