#include "tools/pn532-sim/tag_model.hpp"

namespace minegate::pn532sim {

std::optional<TagModel> ParseTagModel(std::string_view name) {
  if (name == "ntag213") return TagModel::kNtag213;
  if (name == "ntag215") return TagModel::kNtag215;
  if (name == "ntag216") return TagModel::kNtag216;
  if (name == "desfire") return TagModel::kDesfireEv1;
  return std::nullopt;
}

std::string_view TagModelName(TagModel model) {
  switch (model) {
    case TagModel::kNtag213:
      return "ntag213";
    case TagModel::kNtag215:
      return "ntag215";
    case TagModel::kNtag216:
      return "ntag216";
    case TagModel::kDesfireEv1:
      return "desfire";
  }
  return "unknown";
}

Bytes DefaultUid(TagModel model) {
  if (model == TagModel::kDesfireEv1) return {0x04, 0xDE, 0x5F, 0x1E, 0x7A, 0x2B, 0x80};
  return {0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};
}

}  // namespace minegate::pn532sim
