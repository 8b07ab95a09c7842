// Fuzz target: an enrolment file, as carried on a USB stick from the server to
// a kiosk (protobuf text format). Properties: any bytes parse or are refused,
// never crash; a parsed file always has a device id and a code; and what was
// parsed, printed again as minegatectl prints it, reads back the same.
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "kiosk/sync/enrolment_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = minegate::kiosk::sync::ParseEnrolmentFile(text);
  if (!parsed) {
    if (parsed.error().detail.empty()) std::abort();
    return 0;
  }
  if (parsed.value().device_id().empty() || parsed.value().enrolment_code().empty()) {
    std::abort();
  }
  std::string printed;
  if (!google::protobuf::TextFormat::PrintToString(parsed.value(), &printed)) std::abort();
  auto again = minegate::kiosk::sync::ParseEnrolmentFile(printed);
  if (!again ||
      !google::protobuf::util::MessageDifferencer::Equals(parsed.value(), again.value())) {
    std::abort();
  }
  return 0;
}
