#include "tests/integration/server/silent_flags/leak_scan.hpp"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace minegate::test {
namespace {

/// The bytes around `at`, control and non-ASCII bytes shown as '.', for a failure message.
std::string ExcerptAround(std::string_view bytes, std::size_t at, std::size_t length) {
  const std::size_t from = at > 60 ? at - 60 : 0;
  const std::size_t to = std::min(bytes.size(), at + length + 60);
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    out.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '.');
  }
  return out;
}

bool EndsHere(std::string_view bytes, std::size_t end, const ForbiddenString& forbidden) {
  return !forbidden.ends_in_number || end >= bytes.size() ||
         std::isdigit(static_cast<unsigned char>(bytes[end])) == 0;
}

/// Positions of `forbidden` in `bytes` (every one, the identifier rule applied).
std::vector<std::size_t> Occurrences(std::string_view bytes, const ForbiddenString& forbidden) {
  std::vector<std::size_t> found;
  if (forbidden.text.empty()) return found;
  for (std::size_t at = bytes.find(forbidden.text); at != std::string_view::npos;
       at = bytes.find(forbidden.text, at + 1)) {
    if (EndsHere(bytes, at + forbidden.text.size(), forbidden)) found.push_back(at);
  }
  return found;
}

bool AllowedOccurrence(std::string_view bytes, std::size_t at, Surface surface,
                       const ForbiddenString& forbidden) {
  if (surface != Surface::kAuditApi) return false;
  if (forbidden.audit_identifier) return true;
  const std::string& prefix = forbidden.audit_prefix;
  return !prefix.empty() && at >= prefix.size() &&
         bytes.substr(at - prefix.size(), prefix.size()) == prefix;
}

void KeysOf(const google::protobuf::Value& value, const std::string& where,
            std::vector<Finding>& findings) {
  if (value.has_struct_value()) {
    for (const auto& [key, member] : value.struct_value().fields()) {
      if (IsFlagKey(key)) findings.push_back(Finding{where, "JSON key", key, key});
      if (IsProtectionQuestionKey(key)) {
        findings.push_back(Finding{where, "protection question JSON key", key, key});
      }
      KeysOf(member, where, findings);
    }
  } else if (value.has_list_value()) {
    for (const auto& item : value.list_value().values()) KeysOf(item, where, findings);
  }
}

}  // namespace

bool IsFlagKey(std::string_view key) {
  std::string lower;
  for (const char c : key)
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  lower.erase(std::remove(lower.begin(), lower.end(), '_'), lower.end());
  if (lower == "casereference") return false;
  static constexpr std::array kWords = {"flag",   "signal",   "risque",  "risk",
                                        "score",  "priorit",  "indicat", "assessment",
                                        "notice", "referral", "case",    "protection"};
  return std::any_of(kWords.begin(), kWords.end(),
                     [&lower](const char* word) { return lower.find(word) != std::string::npos; });
}

bool IsProtectionQuestionKey(std::string_view key) {
  std::string lower;
  for (const char c : key) {
    if (c != '_') lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower == "holder" || lower == "purpose") return true;
  static constexpr std::array kWords = {"debt", "travelpaid", "documentholder", "promisedjob",
                                        "answeredfor"};
  return std::any_of(kWords.begin(), kWords.end(),
                     [&lower](const char* word) { return lower.find(word) != std::string::npos; });
}

bool LeakScanner::Holds(std::string_view bytes, const ForbiddenString& forbidden) {
  return !Occurrences(bytes, forbidden).empty();
}

std::vector<Finding> LeakScanner::ScanBytes(std::string_view bytes, Surface surface,
                                            const std::string& where) const {
  std::vector<Finding> findings;
  for (const ForbiddenString& forbidden : forbidden_) {
    if (forbidden.rule_text &&
        (surface == Surface::kRuleSetApi || surface == Surface::kStaticAsset)) {
      continue;
    }
    for (const std::size_t at : Occurrences(bytes, forbidden)) {
      if (AllowedOccurrence(bytes, at, surface, forbidden)) continue;
      findings.push_back(Finding{where, forbidden.what, forbidden.text,
                                 ExcerptAround(bytes, at, forbidden.text.size())});
      break;  // one finding per string and message is enough to name it
    }
  }
  return findings;
}

std::vector<Finding> LeakScanner::ScanJsonKeys(std::string_view json, const std::string& where) {
  std::vector<Finding> findings;
  const auto start = json.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || (json[start] != '{' && json[start] != '[')) {
    return findings;
  }
  google::protobuf::Value value;
  if (!google::protobuf::util::JsonStringToMessage(std::string(json), &value).ok()) {
    return findings;
  }
  KeysOf(value, where, findings);
  return findings;
}

std::vector<Finding> LeakScanner::ScanFieldNames(const google::protobuf::Message& message,
                                                 const std::string& where) {
  std::vector<Finding> findings;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (IsFlagKey(field->name())) {
      findings.push_back(Finding{where, "protobuf field", field->full_name(), field->name()});
    }
    if (IsProtectionQuestionKey(field->name())) {
      findings.push_back(
          Finding{where, "protection question field", field->full_name(), field->name()});
    }
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        auto inner = ScanFieldNames(reflection->GetRepeatedMessage(message, field, i), where);
        findings.insert(findings.end(), inner.begin(), inner.end());
      }
    } else {
      auto inner = ScanFieldNames(reflection->GetMessage(message, field), where);
      findings.insert(findings.end(), inner.begin(), inner.end());
    }
  }
  return findings;
}

std::vector<Finding> LeakScanner::ScanMetricNames(std::string_view text, const std::string& where) {
  std::vector<Finding> findings;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::string_view line = text.substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    // "# HELP name ...", "# TYPE name ...", or "name{labels} value".
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE "))
      line.remove_prefix(7);
    else if (line.starts_with("#"))
      continue;
    const std::string_view name = line.substr(0, line.find_first_of("{ "));
    if (!name.empty() && IsFlagKey(name)) {
      findings.push_back(Finding{where, "metric name", std::string(name), std::string(line)});
    }
  }
  return findings;
}

}  // namespace minegate::test
