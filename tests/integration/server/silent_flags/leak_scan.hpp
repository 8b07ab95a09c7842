// What counts as flag data in bytes a kiosk or a non-protection official received, and the
// search for it. The forbidden strings are built by the test from the active rule sets and
// from the scenario's stored flags (never written out by hand), so they follow the rules when
// the rules change; this file only says how they are matched and where a few may appear:
//  - the rule-set routes (administrators) show the rules themselves — ids, labels, the
//    version, the enum names of risk.proto — but nothing of a person, a case or a notice;
//  - the audit routes (auditors) name what an officer touched — `case:<id>`, `notice:<id>`,
//    `referral:<id>`, `service:<id>`, `rule_set:<version>` — never its content;
//  - the web application's static files are compiled into the server, the same bytes for
//    everyone: only the scenario's data is looked for there (the protection pages' code may
//    name the words the workspace shows).
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <string_view>
#include <vector>

namespace minegate::test {

/// Where bytes were received: decides which of the allowances above apply.
enum class Surface { kOfficialApi, kRuleSetApi, kAuditApi, kStaticAsset, kKiosk };

struct ForbiddenString {
  std::string text;
  /// "rule", "risk.proto", "flag", "case", "notice", "referral", "service" (forbidden_strings.hpp)
  std::string category;
  std::string what;  ///< why it is flag data, for the failure message
  /// Part of the rules themselves (an id, a label, the version, a risk.proto enum name): may
  /// appear on the rule-set routes.
  bool rule_text = false;
  /// An audit identifier (`case:3`): may appear on the audit routes.
  bool audit_identifier = false;
  /// May appear on the audit routes right after this prefix ("rule_set:" before a version).
  std::string audit_prefix;
  /// An identifier ending in a number: "case:3" is not found inside "case:31".
  bool ends_in_number = false;
};

struct Finding {
  std::string where;    ///< route, role and target, or kiosk and channel
  std::string what;     ///< the forbidden string's `what`, or "JSON key"
  std::string text;     ///< the forbidden string, or the key
  std::string excerpt;  ///< the bytes around it
};

/// Words that make a JSON key or a protobuf field name a flag's: flag, signal(ement), risque,
/// risk, score, priorit(y/é), indicat(or/eur), assessment, notice, referral, case, protection
/// (`caseReference`, the police's own case reference on justified reads, excepted).
bool IsFlagKey(std::string_view key);

/// A JSON key or protobuf field name of a registration's protection questions, which are
/// protection data, not police nor census data (police.proto): debt declared, travel paid by a
/// third party, who holds the identity document (`holder`), purpose and promised job, a
/// companion who answered for her, the consent to those questions.
bool IsProtectionQuestionKey(std::string_view key);

class LeakScanner {
 public:
  explicit LeakScanner(std::vector<ForbiddenString> forbidden) : forbidden_(std::move(forbidden)) {}

  /// Every forbidden string in `bytes` that `surface` does not allow.
  std::vector<Finding> ScanBytes(std::string_view bytes, Surface surface,
                                 const std::string& where) const;
  /// Every key of `json` (objects at any depth) that IsFlagKey or IsProtectionQuestionKey;
  /// nothing when it is not JSON.
  static std::vector<Finding> ScanJsonKeys(std::string_view json, const std::string& where);
  /// Every field set in `message` (at any depth) whose name IsFlagKey or
  /// IsProtectionQuestionKey.
  static std::vector<Finding> ScanFieldNames(const google::protobuf::Message& message,
                                             const std::string& where);
  /// Every Prometheus metric name of a text exposition that IsFlagKey.
  static std::vector<Finding> ScanMetricNames(std::string_view text, const std::string& where);

  /// Whether `bytes` hold `forbidden` anywhere (no allowance): the positive control.
  static bool Holds(std::string_view bytes, const ForbiddenString& forbidden);

  const std::vector<ForbiddenString>& forbidden() const { return forbidden_; }

 private:
  std::vector<ForbiddenString> forbidden_;
};

}  // namespace minegate::test
