#include "tests/support/kiosk_seal.hpp"

#include <sodium.h>

#include <string>
#include <utility>

namespace minegate::test {

bool SealBody(v1::Event& event, std::string_view public_key, std::string_view key_id) {
  if (public_key.size() != crypto_box_PUBLICKEYBYTES) return false;
  // As a kiosk seals: the inner event repeats the event id and holds only the body.
  v1::Event inner = event;
  inner.clear_device_id();
  inner.clear_device_seq();
  inner.clear_occurred_at_ms();
  inner.clear_site_id();
  inner.clear_gate_id();
  inner.clear_agent_id();
  const std::string plain = inner.SerializeAsString();
  std::string box(plain.size() + crypto_box_SEALBYTES, '\0');
  // reinterpret_cast: libsodium takes bytes as unsigned char.
  if (crypto_box_seal(reinterpret_cast<unsigned char*>(box.data()),
                      reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
                      reinterpret_cast<const unsigned char*>(public_key.data())) != 0) {
    return false;
  }
  // Setting the oneof's sealed member clears the clear body.
  v1::SealedBody* sealed = event.mutable_sealed();
  sealed->set_recipient_key_id(std::string(key_id));
  sealed->set_ciphertext(std::move(box));
  return true;
}

}  // namespace minegate::test
