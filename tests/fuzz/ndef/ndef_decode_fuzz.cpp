// Fuzzes every NDEF decoder with the same bytes (they all face what a tag returns) and
// checks the round-trip property: whatever decodes re-encodes to something that decodes
// to the same value. A mismatch aborts, which libFuzzer and the replay test report.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

#include "firmware-bridge/ndef/record.hpp"
#include "firmware-bridge/ndef/type2_tlv.hpp"
#include "firmware-bridge/ndef/type4_file.hpp"

namespace {

namespace ndef = minegate::ndef;
using Bytes = std::vector<std::uint8_t>;

void Check(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "ndef round-trip property violated: %s\n", what);
  std::abort();
}

/// decode(bytes) == records  =>  decode(encode(records)) == records, within the same limits:
/// the encoder is canonical (SR whenever possible, IL only with an id), so never larger.
void CheckMessage(std::span<const std::uint8_t> bytes, const ndef::Limits& limits) {
  const auto records = ndef::DecodeMessage(bytes, limits);
  if (!records) return;
  Check(ndef::ValidateForEncoding(records.value()).has_value(), "decoded records not encodable");
  const Bytes encoded = ndef::EncodeMessage(records.value());
  Check(!encoded.empty() && encoded.size() <= bytes.size(), "encoding empty or larger");
  const auto again = ndef::DecodeMessage(encoded, limits);
  Check(again.has_value(), "re-encoded message does not decode");
  Check(again.value() == records.value(), "records differ after round trip");
  for (const auto& record : records.value()) {
    if (record.tnf != ndef::Tnf::external) continue;
    const std::string_view type(reinterpret_cast<const char*>(record.type.data()),
                                record.type.size());
    Check(ndef::FindExternal(records.value(), type).has_value(), "external record not found");
  }
}

void CheckType2(std::span<const std::uint8_t> bytes) {
  const auto message = ndef::ExtractNdefFromType2Area(bytes);
  if (!message) return;
  const Bytes area = ndef::EncodeType2Area(message.value());
  Check(area.size() == ndef::Type2AreaSize(message.value().size()), "type 2 area size");
  const auto again = ndef::ExtractNdefFromType2Area(area);
  Check(again.has_value() && again.value() == message.value(), "type 2 round trip");
  CheckMessage(message.value(), ndef::Limits{});
}

void CheckType4File(std::span<const std::uint8_t> bytes) {
  const auto message = ndef::DecodeType4File(bytes);
  if (!message) return;
  const Bytes file = ndef::EncodeType4File(message.value());
  Check(file.size() == message.value().size() + 2, "type 4 file size");
  const auto again = ndef::DecodeType4File(file);
  Check(again.has_value() && again.value() == message.value(), "type 4 file round trip");
  CheckMessage(message.value(), ndef::Limits{});
}

void CheckType4Cc(std::span<const std::uint8_t> bytes) {
  const auto cc = ndef::DecodeType4Cc(bytes);
  if (!cc) return;
  const auto encoded = ndef::EncodeType4Cc(cc.value());
  // Every CC field is kept verbatim and T/L are validated, so encoding is exact.
  Check(std::equal(encoded.begin(), encoded.end(), bytes.begin()), "CC bytes differ");
  const auto again = ndef::DecodeType4Cc(encoded);
  Check(again.has_value() && again.value() == cc.value(), "CC round trip");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> bytes(data, size);
  CheckType2(bytes);
  CheckMessage(bytes, ndef::Limits{});
  CheckMessage(bytes, ndef::Limits{64, 2});  // tight limits reach the limit paths
  CheckType4File(bytes);
  CheckType4Cc(bytes);
  return 0;
}
