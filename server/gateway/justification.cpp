#include "server/gateway/justification.hpp"

#include <string>

#include "base/text.hpp"

namespace minegate::server::gateway {
namespace {

/// The header's value percent-decoded and trimmed of spaces; empty when absent.
std::optional<std::string> HeaderText(const net::HttpRequest& request, std::string_view name) {
  const std::string* raw = request.Header(name);
  if (raw == nullptr) return std::string();
  std::optional<std::string> decoded = net::PercentDecode(*raw);
  if (!decoded) return std::nullopt;
  const std::size_t first = decoded->find_first_not_of(' ');
  if (first == std::string::npos) return std::string();
  const std::size_t last = decoded->find_last_not_of(' ');
  return decoded->substr(first, last - first + 1);
}

}  // namespace

std::optional<api::ApiProblem> TakeJustification(const api::RouteRule& rule,
                                                 const net::HttpRequest& request,
                                                 audit::AuditEntry& entry) {
  if (rule.justification == api::Justification::kNone) return std::nullopt;
  const std::optional<std::string> reason = HeaderText(request, kReasonHeader);
  if (reason && reason->empty()) {
    return api::Problem(400, "reason_required",
                        "Indiquez le motif de cette consultation avant de l'ouvrir",
                        "State the reason for this read before opening it", "reason");
  }
  if (!reason || !base::TextWithin(*reason, kMinReasonChars, kMaxReasonChars)) {
    return api::Problem(400, "bad_reason",
                        "Le motif doit compter de 3 à 500 caractères, sans caractère de contrôle",
                        "The reason must be 3 to 500 characters, with no control character",
                        "reason");
  }
  const std::optional<std::string> reference = HeaderText(request, kCaseReferenceHeader);
  if (reference && reference->empty() &&
      rule.justification == api::Justification::kReasonAndCaseReference) {
    return api::Problem(400, "case_reference_required",
                        "Indiquez la référence du dossier avant cette consultation",
                        "State the case reference before this read", "caseReference");
  }
  if (!reference ||
      (!reference->empty() && !base::TextWithin(*reference, 1, kMaxCaseReferenceChars))) {
    return api::Problem(400, "bad_case_reference",
                        "La référence du dossier doit compter au plus 64 caractères, sans "
                        "caractère de contrôle",
                        "The case reference must be at most 64 characters, with no control "
                        "character",
                        "caseReference");
  }
  entry.reason = *reason;
  entry.case_reference = *reference;
  return std::nullopt;
}

}  // namespace minegate::server::gateway
