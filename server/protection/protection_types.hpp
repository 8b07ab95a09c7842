#pragma once
/// The words the protection tables store for statuses and kinds, and their C++ enums. The
/// stored words are the API's too (docs/api.md), so they never change.

#include <optional>
#include <string_view>

#include "minegate/v1/risk.pb.h"

namespace minegate::server::protection {

/// new: flagged, nobody looked yet; open: an officer is on it; referred: sent to a service;
/// dismissed: an officer decided there is nothing to do (with a reason); closed: done.
enum class CaseStatus { kNew, kOpen, kReferred, kDismissed, kClosed };

enum class ServiceKind {
  kReceptionCentre,
  kHealthPost,
  kLegalAid,
  kCommunityGodmother,  ///< Bajenu Gox
  kConsularService,
  kChildProtectionHotline,  ///< 116
};

/// accepted: the service took her in charge; services_given: done; declined: she said no;
/// closed: ended without those (the service never answered, she left).
enum class ReferralOutcome { kAccepted, kServicesGiven, kDeclined, kClosed };

std::string_view Name(CaseStatus status);
std::string_view Name(ServiceKind kind);
std::string_view Name(ReferralOutcome outcome);
std::string_view Name(v1::SearchNoticeKind kind);
std::string_view Name(v1::SearchNoticeMatchMethod method);

std::optional<CaseStatus> ParseCaseStatus(std::string_view name);
std::optional<ServiceKind> ParseServiceKind(std::string_view name);
std::optional<ReferralOutcome> ParseReferralOutcome(std::string_view name);
std::optional<v1::SearchNoticeKind> ParseSearchNoticeKind(std::string_view name);
std::optional<v1::SearchNoticeMatchMethod> ParseMatchMethod(std::string_view name);

/// A case an officer still has to act on (the queue holds only these).
inline bool IsActive(CaseStatus status) {
  return status == CaseStatus::kNew || status == CaseStatus::kOpen ||
         status == CaseStatus::kReferred;
}

}  // namespace minegate::server::protection
