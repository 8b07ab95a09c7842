#pragma once
/// The controller's short answers, shared by its request, tap and bracelet files.

#include <boost/system/error_code.hpp>

#include "db/error.hpp"
#include "minegate/v1/kiosk_ui.pb.h"

namespace minegate::kiosk::gate::internal {

inline v1::UiReply Ok() {
  v1::UiReply reply;
  reply.set_ok(true);
  return reply;
}

inline v1::UiReply Refused(v1::UiErrorCode code) {
  v1::UiReply reply;
  reply.set_ok(false);
  reply.set_error(code);
  return reply;
}

/// A request refused because the kiosk's database refused a read or write: the agent is told
/// whether the storage is full (a technician must free space) or failed otherwise.
inline v1::UiReply StorageRefused(const boost::system::error_code& error) {
  return Refused(error == db::Errc::disk_full ? v1::UI_ERROR_CODE_STORAGE_FULL
                                              : v1::UI_ERROR_CODE_STORAGE_FAILED);
}

inline v1::TapOutcome Rejected(v1::TapProblem problem) {
  v1::TapOutcome outcome;
  outcome.set_result(v1::TAP_RESULT_REJECTED);
  outcome.set_problem(problem);
  return outcome;
}

}  // namespace minegate::kiosk::gate::internal
