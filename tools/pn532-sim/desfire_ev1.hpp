// MIFARE DESFire EV1 carrying an NFC Forum Type 4 NDEF application: the miner's card.
#pragma once

#include <cstdint>

#include "tools/pn532-sim/tag.hpp"
#include "tools/pn532-sim/type4_ndef_application.hpp"

namespace minegate::pn532sim {

/// An ISO 14443-4 card. Through InDataExchange it receives the information field itself:
/// an ISO 7816-4 APDU (CLA 00), a native command wrapped in an APDU (CLA 90), or a native
/// command (any other first byte). Through InCommunicateThru it receives ISO-DEP blocks and
/// unwraps them itself: I-blocks with chaining, R(ACK)/R(NAK) (libnfc's PN532 presence
/// check), S(DESELECT). Among native commands only GetVersion is implemented; the others
/// answer "illegal command". Not thread-safe.
class DesfireEv1 final : public Tag {
 public:
  explicit DesfireEv1(Bytes uid);

  TagModel Model() const override { return TagModel::kDesfireEv1; }
  const Bytes& Uid() const override { return uid_; }
  std::array<std::uint8_t, 2> Atqa() const override { return {0x03, 0x44}; }
  std::uint8_t Sak() const override { return 0x20; }
  /// TL 06, T0 75 (FSCI 5: 64 bytes), TA 77, TB 81, TC 02, historical byte 80.
  Bytes Ats() const override { return {0x06, 0x75, 0x77, 0x81, 0x02, 0x80}; }

  void Activate() override;
  void Deactivate() override;
  bool IsActive() const override { return active_; }

  TagReply Exchange(std::span<const std::uint8_t> frame, Link link) override;

  Bytes ReadableImage() const override { return application_.NdefMessage(); }
  Bytes RawImage() const override { return application_.NdefFile(); }
  /// Not offered: only bracelets (NTAG) are copied in tests.
  Status LoadRawImage(const Bytes&) override {
    return Status::Error(
        "copie d'une carte DESFire non prise en charge / copying a DESFire card is not "
        "supported");
  }

 private:
  /// Response to one command carried in an I-block's information field.
  Type4NdefApplication::Response ProcessInformation(std::span<const std::uint8_t> command);
  /// Native command `code` with `data`; returns the native status byte and response data.
  std::uint8_t ProcessNative(std::uint8_t code, Bytes& response);
  TagReply ProcessBlock(std::span<const std::uint8_t> block);

  Bytes uid_;
  Type4NdefApplication application_;
  bool active_ = false;
  /// ISO 14443-4 PICC block number: 1 after activation, follows the PCD's I-blocks.
  std::uint8_t block_number_ = 1;
  Bytes last_block_;      ///< for re-transmission on R(NAK) with our block number
  Bytes chained_input_;   ///< PCD chaining (I-blocks with the chaining bit)
  int version_part_ = 0;  ///< GetVersion answers in three frames, chained by AF
};

}  // namespace minegate::pn532sim
