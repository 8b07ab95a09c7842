#include "tools/pn532-sim/target_data.hpp"

namespace minegate::pn532sim {
namespace {

constexpr std::uint8_t kCascadeTag = 0x88;

}  // namespace

Bytes EncodeTypeATargetData(const Tag& tag, bool with_ats) {
  const auto atqa = tag.Atqa();
  Bytes data = {0x01, atqa[0], atqa[1], tag.Sak(), static_cast<std::uint8_t>(tag.Uid().size())};
  data.insert(data.end(), tag.Uid().begin(), tag.Uid().end());
  if (with_ats) {
    const Bytes ats = tag.Ats();
    data.insert(data.end(), ats.begin(), ats.end());
  }
  return data;
}

std::optional<PollMatch> MatchPollType(const Tag& tag, std::span<const std::uint8_t> requested,
                                       bool auto_rats) {
  const bool iso14443_4 = !tag.Ats().empty();
  for (std::uint8_t type : requested) {
    switch (type) {
      case poll_type::kGeneric106:
        return PollMatch{type, iso14443_4 && auto_rats};
      case poll_type::kMifare:
        return PollMatch{type, false};
      case poll_type::kIso14443_4A:
        if (iso14443_4) return PollMatch{type, true};
        break;
      default:
        break;  // FeliCa, type B, Jewel, DEP: no such tag here
    }
  }
  return std::nullopt;
}

Bytes UidFromInitiatorData(std::span<const std::uint8_t> data) {
  if (data.size() == 8 && data[0] == kCascadeTag) return Bytes(data.begin() + 1, data.end());
  if (data.size() == 12 && data[0] == kCascadeTag && data[4] == kCascadeTag) {
    Bytes uid(data.begin() + 1, data.begin() + 4);
    uid.insert(uid.end(), data.begin() + 5, data.end());
    return uid;
  }
  return Bytes(data.begin(), data.end());
}

}  // namespace minegate::pn532sim
