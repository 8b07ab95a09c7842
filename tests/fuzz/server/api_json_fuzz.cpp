// Fuzz target: the body of an officials' API request (docs/api.md) — anyone who reaches the
// HTTPS port can send one, signed in or not (POST /v1/session parses it before any password is
// checked). The first byte picks the request message of api.proto and the Content-Type; the
// rest is the body. Properties:
//   - a refusal is 415 unsupported_media_type exactly when the type is not application/json,
//     else 400 bad_json, with a bilingual title, and its problem+json body is JSON that reads
//     back as the same Problem (a detail quoting the client's bytes must not break it);
//   - an accepted body is a JSON object, and the message printed again (ToJson, what answers
//     echo) parses back to an equal message;
//   - a list cursor (?cursor=) is decoded or refused, and a decoded one encodes back to itself.
// A libFuzzer run (fuzz preset, built with -fsanitize=fuzzer-no-link,address,undefined):
//   build-fuzz/fuzz/fuzz_server_api_json -max_total_time=300
//     -dict=tests/fuzz/server/api_json.dict CORPUS_COPY tests/fuzz/server/api_json_corpus
// (one command; CORPUS_COPY an empty folder that receives what it finds).
#include <google/protobuf/util/field_comparator.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/message_differencer.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "minegate/v1/api.pb.h"
#include "server/api/json_body.hpp"
#include "server/api/problem.hpp"

namespace {

using namespace minegate;
using google::protobuf::Message;

/// Every request body of api.proto, one per selector value.
std::unique_ptr<Message> RequestMessage(std::size_t index) {
  switch (index) {
    case 0:
      return std::make_unique<v1::SignInRequest>();
    case 1:
      return std::make_unique<v1::ChangePasswordRequest>();
    case 2:
      return std::make_unique<v1::CreateApiTokenRequest>();
    case 3:
      return std::make_unique<v1::CreateUserRequest>();
    case 4:
      return std::make_unique<v1::PasswordResetRequest>();
    case 5:
      return std::make_unique<v1::SetPinRequest>();
    case 6:
      return std::make_unique<v1::SetStaffCardRequest>();
    case 7:
      return std::make_unique<v1::SetUserSitesRequest>();
    case 8:
      return std::make_unique<v1::CreateSiteRequest>();
    case 9:
      return std::make_unique<v1::CreateGateRequest>();
    case 10:
      return std::make_unique<v1::CreateDeviceRequest>();
    case 11:
      return std::make_unique<v1::SetSiteLocationRequest>();
    case 12:
      return std::make_unique<v1::SecuritySettings>();
    // The protection officers' and the rule-set routes (docs/api.md §10-§13).
    case 13:
      return std::make_unique<v1::AssignCaseRequest>();
    case 14:
      return std::make_unique<v1::CaseReasonRequest>();
    case 15:
      return std::make_unique<v1::ReferCaseRequest>();
    case 16:
      return std::make_unique<v1::ReferralOutcomeRequest>();
    case 17:
      return std::make_unique<v1::CareServiceRequest>();
    case 18:
      return std::make_unique<v1::SearchNoticeRequest>();
    default:
      return std::make_unique<v1::UploadRuleSetRequest>();
  }
}
/// A message added here takes the place before the cursor selector: every seed whose first
/// byte names the cursor or a Content-Type (a multiple of kSelectors) is re-encoded then.
constexpr std::size_t kRequestMessages = 20;
/// Selector values beyond the messages: the cursor of a list route.
constexpr std::size_t kCursorSelector = kRequestMessages;
constexpr std::size_t kSelectors = kRequestMessages + 1;

/// Content-Types a client may send; only the first three are JSON.
constexpr std::array<std::string_view, 6> kContentTypes = {"application/json",
                                                           "application/json; charset=utf-8",
                                                           "Application/JSON ;charset=UTF-8",
                                                           "text/plain",
                                                           "application/jsonp",
                                                           ""};
constexpr std::size_t kJsonContentTypes = 3;

void CheckProblem(const server::api::ApiProblem& problem, bool json_type) {
  const std::string_view expected = json_type ? "bad_json" : "unsupported_media_type";
  if (problem.type != expected || problem.status != (json_type ? 400 : 415)) std::abort();
  if (problem.title.find(" / ") == std::string::npos) std::abort();
  // What the client reads: one Problem, every field as we made it.
  v1::Problem body;
  google::protobuf::util::JsonParseOptions strict;
  const std::string text = server::api::ProblemBody(problem);
  if (!google::protobuf::util::JsonStringToMessage(text, &body, strict).ok()) std::abort();
  if (body.type() != std::string(server::api::kProblemTypePrefix) + problem.type ||
      body.status() != problem.status || body.title() != problem.title ||
      body.detail() != problem.detail) {
    std::abort();
  }
}

void CheckAccepted(const Message& parsed, std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || body[first] != '{') std::abort();
  const std::string printed = server::api::ToJson(parsed);
  std::unique_ptr<Message> again(parsed.New());
  if (server::api::ParseJsonBody("application/json", printed, *again)) std::abort();
  // The JSON form takes "NaN" for a double (coordinates): printed back as "NaN", it is the same
  // value, although NaN == NaN is false.
  google::protobuf::util::DefaultFieldComparator comparator;
  comparator.set_treat_nan_as_equal(true);
  google::protobuf::util::MessageDifferencer differencer;
  differencer.set_field_comparator(&comparator);
  if (!differencer.Compare(parsed, *again)) std::abort();
}

void CheckCursor(std::string_view cursor) {
  const auto position = server::api::DecodeCursor(cursor);
  if (!position) return;
  const auto again = server::api::DecodeCursor(server::api::EncodeCursor(*position));
  if (!again || *again != *position) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The server reads at most 64 KiB of body (docs/protocol.md, limits).
  if (size == 0 || size > 64 * 1024 + 1) return 0;
  const std::size_t selector = data[0] % kSelectors;
  const std::size_t type_index = (data[0] / kSelectors) % kContentTypes.size();
  // reinterpret_cast is the fuzzing ABI: bytes are bytes.
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  if (selector == kCursorSelector) {
    CheckCursor(body);
    return 0;
  }
  std::unique_ptr<Message> message = RequestMessage(selector);
  const bool json_type = type_index < kJsonContentTypes;
  if (auto problem = server::api::ParseJsonBody(kContentTypes[type_index], body, *message)) {
    CheckProblem(*problem, json_type);
    return 0;
  }
  if (!json_type) std::abort();  // another type must never be read
  CheckAccepted(*message, body);
  return 0;
}
