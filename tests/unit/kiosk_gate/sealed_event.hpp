#pragma once
// The personal body of a kiosk event, opened as the server would, for tests that hold the
// server's sealing key pair.

#include <sodium.h>

#include <optional>
#include <string>

#include "minegate/v1/events.pb.h"

namespace minegate::test {

/// The event sealed inside `event`; nullopt when the box does not open with this key pair or
/// does not hold an event.
inline std::optional<v1::Event> OpenSealedBody(const v1::Event& event,
                                               const unsigned char* public_key,
                                               const unsigned char* secret_key) {
  const std::string& box = event.sealed().ciphertext();
  if (box.size() < crypto_box_SEALBYTES) return std::nullopt;
  std::string plain(box.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(plain.data()),
                           reinterpret_cast<const unsigned char*>(box.data()), box.size(),
                           public_key, secret_key) != 0) {
    return std::nullopt;
  }
  v1::Event inner;
  if (!inner.ParseFromString(plain)) return std::nullopt;
  return inner;
}

}  // namespace minegate::test
