#include "tools/pn532-sim/rf_field.hpp"

#include "tools/pn532-sim/desfire_ev1.hpp"
#include "tools/pn532-sim/ntag21x.hpp"

namespace minegate::pn532sim {

std::unique_ptr<Tag> MakeTag(TagModel model, Bytes uid) {
  if (model == TagModel::kDesfireEv1) return std::make_unique<DesfireEv1>(std::move(uid));
  return std::make_unique<Ntag21x>(model, std::move(uid));
}

Status RfField::Place(TagModel model, std::optional<Bytes> uid, const std::optional<Bytes>& image) {
  Bytes chosen = uid ? std::move(*uid) : DefaultUid(model);
  if (chosen.size() != kUidLength) {
    return Status::Error("l'UID doit faire 7 octets / the UID must be 7 bytes");
  }
  auto key = std::make_pair(model, chosen);
  auto it = known_tags_.find(key);
  if (it == known_tags_.end()) {
    // A tag never seen here (a copy's image loaded before it is kept, so that a refused image
    // leaves no blank tag behind).
    std::unique_ptr<Tag> tag = MakeTag(model, std::move(chosen));
    if (image) {
      if (Status loaded = tag->LoadRawImage(*image); !loaded.ok()) return loaded;
    }
    it = known_tags_.emplace(std::move(key), std::move(tag)).first;
  } else if (image) {
    if (Status loaded = it->second->LoadRawImage(*image); !loaded.ok()) return loaded;
  }
  Remove();
  present_ = it->second.get();
  present_->Deactivate();  // freshly powered by the field: IDLE, nothing authenticated
  return Status::Ok();
}

bool RfField::Remove() {
  if (present_ == nullptr) return false;
  present_->Deactivate();
  present_ = nullptr;
  return true;
}

}  // namespace minegate::pn532sim
