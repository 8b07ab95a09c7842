#include "server/gateway/justification.hpp"

#include <gtest/gtest.h>

#include <string>

namespace minegate::server::gateway {
namespace {

api::RouteRule RuleNeeding(api::Justification justification) {
  api::RouteRule rule;
  rule.method = "GET";
  rule.pattern = "/v1/protection/cases/{id}";
  rule.caller = api::Caller::kOfficial;
  rule.justification = justification;
  return rule;
}

net::HttpRequest RequestWith(std::string reason, std::string reference = {}) {
  net::HttpRequest request;
  if (!reason.empty()) request.headers.emplace("minegate-reason", std::move(reason));
  if (!reference.empty()) request.headers.emplace("minegate-case-reference", std::move(reference));
  return request;
}

TEST(JustificationTest, ARouteThatAsksNothingTakesNothing) {
  audit::AuditEntry entry;
  EXPECT_FALSE(TakeJustification(RuleNeeding(api::Justification::kNone),
                                 RequestWith("visite%20de%20suivi"), entry));
  EXPECT_EQ(entry.reason, "");
}

TEST(JustificationTest, TheDecodedReasonGoesToTheAuditEntry) {
  audit::AuditEntry entry;
  // "Suivi de l'orientation vers le centre d'accueil" as a browser's encodeURIComponent sends it.
  const auto refused = TakeJustification(
      RuleNeeding(api::Justification::kReason),
      RequestWith("Suivi%20de%20l'orientation%20vers%20le%20centre%20d'accueil%20%C3%A0%20"
                  "K%C3%A9dougou"),
      entry);
  EXPECT_FALSE(refused);
  EXPECT_EQ(entry.reason, "Suivi de l'orientation vers le centre d'accueil à Kédougou");
  EXPECT_EQ(entry.case_reference, "");
}

TEST(JustificationTest, AMissingOrBlankReasonIsRequired) {
  for (const std::string reason : {"", "%20%20"}) {
    audit::AuditEntry entry;
    const auto refused =
        TakeJustification(RuleNeeding(api::Justification::kReason), RequestWith(reason), entry);
    ASSERT_TRUE(refused) << reason;
    EXPECT_EQ(refused->status, 400);
    EXPECT_EQ(refused->type, "reason_required");
    EXPECT_EQ(refused->field, "reason");
  }
}

TEST(JustificationTest, ABadReasonIsRefusedNamed) {
  for (const std::string& reason :
       {std::string("ok"), std::string("%C3"), std::string("deux%0Alignes"), std::string("%ZZ"),
        std::string(501, 'a')}) {
    audit::AuditEntry entry;
    const auto refused =
        TakeJustification(RuleNeeding(api::Justification::kReason), RequestWith(reason), entry);
    ASSERT_TRUE(refused) << reason;
    EXPECT_EQ(refused->type, "bad_reason") << reason;
    EXPECT_EQ(entry.reason, "");
  }
}

TEST(JustificationTest, PoliceReadsNeedACaseReferenceToo) {
  const api::RouteRule rule = RuleNeeding(api::Justification::kReasonAndCaseReference);
  audit::AuditEntry without;
  const auto refused =
      TakeJustification(rule, RequestWith("contr%C3%B4le%20fronti%C3%A8re"), without);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->type, "case_reference_required");
  EXPECT_EQ(refused->field, "caseReference");

  audit::AuditEntry with;
  EXPECT_FALSE(TakeJustification(
      rule, RequestWith("contr%C3%B4le%20fronti%C3%A8re", "PV-2026%2F118"), with));
  EXPECT_EQ(with.reason, "contrôle frontière");
  EXPECT_EQ(with.case_reference, "PV-2026/118");

  audit::AuditEntry too_long;
  const auto long_reference =
      TakeJustification(rule, RequestWith("contr%C3%B4le", std::string(65, 'R')), too_long);
  ASSERT_TRUE(long_reference);
  EXPECT_EQ(long_reference->type, "bad_case_reference");
}

}  // namespace
}  // namespace minegate::server::gateway
