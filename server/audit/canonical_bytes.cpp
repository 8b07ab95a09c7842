#include "server/audit/canonical_bytes.hpp"

#include <string_view>

namespace minegate::server::audit {
namespace {

/// Separates this hash input from any other BLAKE2b input of the system.
constexpr std::string_view kDomain = "minegate.audit";

/// Appends big-endian bytes: the order a person reading a hex dump expects.
class Writer {
 public:
  explicit Writer(std::vector<std::uint8_t>& out) : out_(out) {}

  void U32(std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      out_.push_back(static_cast<std::uint8_t>(value >> shift));
    }
  }
  void I32(std::int32_t value) { U32(static_cast<std::uint32_t>(value)); }
  void I64(std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);  // Two's complement, by C++20.
    for (int shift = 56; shift >= 0; shift -= 8) {
      out_.push_back(static_cast<std::uint8_t>(bits >> shift));
    }
  }
  /// Length (u32) then the bytes. Fields are bounded far below 4 GiB (NormaliseEntry).
  void Text(std::string_view text) {
    U32(static_cast<std::uint32_t>(text.size()));
    out_.insert(out_.end(), text.begin(), text.end());
  }
  /// Item count (u32) then each item as Text.
  void List(const std::vector<std::string>& items) {
    U32(static_cast<std::uint32_t>(items.size()));
    for (const std::string& item : items) Text(item);
  }

 private:
  std::vector<std::uint8_t>& out_;
};

}  // namespace

std::vector<std::uint8_t> CanonicalBytes(std::int64_t seq, const AuditEntry& entry) {
  std::vector<std::uint8_t> bytes;
  bytes.reserve(256 + entry.query.size() + entry.user_agent.size());
  Writer out(bytes);
  out.Text(kDomain);
  out.U32(kCanonicalFormat);
  out.I64(seq);
  out.I64(entry.at_ms);
  out.Text(ActorKindName(entry.actor_kind));
  out.Text(entry.actor_id);
  out.Text(entry.actor_role);
  out.Text(entry.client_address);
  out.Text(entry.user_agent);
  out.Text(entry.action);
  out.List(entry.targets);
  out.List(entry.person_tokens);
  out.Text(entry.query);
  out.I64(entry.result_count);
  out.Text(entry.outcome);
  out.I32(entry.http_status);
  out.Text(entry.reason);
  out.Text(entry.case_reference);
  return bytes;
}

}  // namespace minegate::server::audit
