// The space in front of the reader's antenna: at most one tag, remembered after it leaves.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/status.hpp"
#include "tools/pn532-sim/tag.hpp"
#include "tools/pn532-sim/tag_model.hpp"

namespace minegate::pn532sim {

/// Every tag ever placed is kept by model and UID, so a tag written, removed and presented
/// again still holds what was written: the emulator's stand-in for a bracelet in someone's
/// pocket. (Model and UID together, so the default UID can be reused across models.)
/// Not thread-safe.
class RfField {
 public:
  /// Brings a tag into the field (taking out any other one first). Without `uid` the model's
  /// default UID is used. With `image` (as Tag::RawImage gives it) the tag's memory is replaced
  /// first: a copy of another tag, same UID and content. Fails if the UID is not 7 bytes or the
  /// tag refuses the image (the field is then left as it was).
  Status Place(TagModel model, std::optional<Bytes> uid, const std::optional<Bytes>& image = {});

  /// Takes the tag out of the field; false if the field was already empty.
  bool Remove();

  /// The tag in the field, or nullptr.
  Tag* present() const { return present_; }

 private:
  std::map<std::pair<TagModel, Bytes>, std::unique_ptr<Tag>> known_tags_;
  Tag* present_ = nullptr;
};

/// A factory-fresh tag of `model`.
std::unique_ptr<Tag> MakeTag(TagModel model, Bytes uid);

}  // namespace minegate::pn532sim
