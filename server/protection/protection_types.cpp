#include "server/protection/protection_types.hpp"

#include <array>
#include <utility>

namespace minegate::server::protection {
namespace {

template <class Enum, std::size_t N>
std::string_view NameIn(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum e) {
  for (const auto& [value, name] : table) {
    if (value == e) return name;
  }
  return {};
}

template <class Enum, std::size_t N>
std::optional<Enum> ParseIn(const std::array<std::pair<Enum, std::string_view>, N>& table,
                            std::string_view name) {
  for (const auto& [value, known] : table) {
    if (known == name) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<CaseStatus, std::string_view>, 5> kCaseStatuses{{
    {CaseStatus::kNew, "new"},
    {CaseStatus::kOpen, "open"},
    {CaseStatus::kReferred, "referred"},
    {CaseStatus::kDismissed, "dismissed"},
    {CaseStatus::kClosed, "closed"},
}};

constexpr std::array<std::pair<ServiceKind, std::string_view>, 6> kServiceKinds{{
    {ServiceKind::kReceptionCentre, "reception_centre"},
    {ServiceKind::kHealthPost, "health_post"},
    {ServiceKind::kLegalAid, "legal_aid"},
    {ServiceKind::kCommunityGodmother, "community_godmother"},
    {ServiceKind::kConsularService, "consular_service"},
    {ServiceKind::kChildProtectionHotline, "child_protection_hotline"},
}};

constexpr std::array<std::pair<ReferralOutcome, std::string_view>, 4> kOutcomes{{
    {ReferralOutcome::kAccepted, "accepted"},
    {ReferralOutcome::kServicesGiven, "services_given"},
    {ReferralOutcome::kDeclined, "declined"},
    {ReferralOutcome::kClosed, "closed"},
}};

constexpr std::array<std::pair<v1::SearchNoticeKind, std::string_view>, 2> kNoticeKinds{{
    {v1::SEARCH_NOTICE_KIND_MISSING, "missing_person"},
    {v1::SEARCH_NOTICE_KIND_WATCH, "watch"},
}};

constexpr std::array<std::pair<v1::SearchNoticeMatchMethod, std::string_view>, 2> kMethods{{
    {v1::SEARCH_NOTICE_MATCH_METHOD_DOCUMENT_NUMBER, "document_number"},
    {v1::SEARCH_NOTICE_MATCH_METHOD_NAME_BIRTH_NATIONALITY, "name_birth_nationality"},
}};

}  // namespace

std::string_view Name(CaseStatus status) { return NameIn(kCaseStatuses, status); }
std::string_view Name(ServiceKind kind) { return NameIn(kServiceKinds, kind); }
std::string_view Name(ReferralOutcome outcome) { return NameIn(kOutcomes, outcome); }
std::string_view Name(v1::SearchNoticeKind kind) { return NameIn(kNoticeKinds, kind); }
std::string_view Name(v1::SearchNoticeMatchMethod method) { return NameIn(kMethods, method); }

std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  return ParseIn(kCaseStatuses, name);
}
std::optional<ServiceKind> ParseServiceKind(std::string_view name) {
  return ParseIn(kServiceKinds, name);
}
std::optional<ReferralOutcome> ParseReferralOutcome(std::string_view name) {
  return ParseIn(kOutcomes, name);
}
std::optional<v1::SearchNoticeKind> ParseSearchNoticeKind(std::string_view name) {
  return ParseIn(kNoticeKinds, name);
}
std::optional<v1::SearchNoticeMatchMethod> ParseMatchMethod(std::string_view name) {
  return ParseIn(kMethods, name);
}

}  // namespace minegate::server::protection
