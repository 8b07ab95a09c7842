// Fuzz target: an enrolment file, as carried on a USB stick from the server to
// a kiosk. Property: any bytes parse or are refused, never crash; a parsed file
// always has a device id and a code.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/sync/enrolment_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = minegate::kiosk::sync::ParseEnrolmentFile(text);
  if (parsed && (parsed.value().device_id.empty() || parsed.value().enrolment_code.empty())) {
    std::abort();
  }
  return 0;
}
