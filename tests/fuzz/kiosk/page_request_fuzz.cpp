// Fuzz target: a WebSocket message from the kiosk's page (any local process
// can send one). Properties: JSON that is not a UiRequest is refused without
// crashing; a draft, however odd, is validated without crashing, and every
// problem found names a field and a known problem.
#include <google/protobuf/util/json_util.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "kiosk/gate/draft_validator.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace minegate;
  const std::string text(reinterpret_cast<const char*>(data), size);
  v1::UiRequest request;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (!google::protobuf::util::JsonStringToMessage(text, &request, options).ok()) return 0;
  if (!request.has_save_draft()) return 0;
  const auto& draft = request.save_draft().draft();
  for (const auto& error : kiosk::gate::ValidateDraft(draft, 1'790'000'000'000)) {
    if (error.field().empty() || error.problem() == v1::FIELD_PROBLEM_UNSPECIFIED ||
        !v1::FieldProblem_IsValid(error.problem())) {
      std::abort();
    }
  }
  (void)kiosk::gate::ValidateInformationStep(draft);
  return 0;
}
