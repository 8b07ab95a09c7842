// NTAG213/215/216: the bracelet's chip, with its memory, locks and password.
#pragma once

#include <cstdint>
#include <optional>

#include "tools/pn532-sim/ntag21x_layout.hpp"
#include "tools/pn532-sim/tag.hpp"

namespace minegate::pn532sim {

/// Implements the NTAG21x command set the datasheet defines and libnfc's tools use: READ
/// (16 bytes, rolls over), FAST_READ, WRITE, COMPATIBILITY_WRITE, GET_VERSION, READ_SIG,
/// READ_CNT, PWD_AUTH and HLTA. Refusals are NAKs, after which the tag is back in IDLE, as on
/// the real chip, so a reader must select it again. Not thread-safe.
class Ntag21x final : public Tag {
 public:
  /// `uid` must be 7 bytes; the memory starts factory-fresh.
  Ntag21x(TagModel model, Bytes uid);

  TagModel Model() const override { return layout_.model; }
  const Bytes& Uid() const override { return uid_; }
  std::array<std::uint8_t, 2> Atqa() const override { return {0x00, 0x44}; }
  std::uint8_t Sak() const override { return 0x00; }
  Bytes Ats() const override { return {}; }

  void Activate() override;
  void Deactivate() override;
  bool IsActive() const override { return active_; }

  TagReply Exchange(std::span<const std::uint8_t> frame, Link link) override;

  Bytes ReadableImage() const override;
  Bytes RawImage() const override { return memory_; }
  Status LoadRawImage(const Bytes& image) override;

 private:
  TagReply Read(std::span<const std::uint8_t> frame);
  TagReply FastRead(std::span<const std::uint8_t> frame);
  TagReply Write(std::span<const std::uint8_t> frame);
  TagReply CompatibilityWrite(std::span<const std::uint8_t> frame);
  TagReply CompatibilityWriteData(std::span<const std::uint8_t> frame);
  TagReply GetVersion(std::span<const std::uint8_t> frame) const;
  TagReply ReadSignature(std::span<const std::uint8_t> frame) const;
  TagReply ReadCounter(std::span<const std::uint8_t> frame);
  TagReply PasswordAuth(std::span<const std::uint8_t> frame);
  TagReply Halt();

  /// NAK and fall back to IDLE, as the chip does on any refused command.
  TagReply Refuse();
  /// Writes 4 bytes to `page` honouring lock bits, OTP and configuration rules.
  TagReply CommitPage(std::uint8_t page, std::span<const std::uint8_t> data);

  bool IsPasswordProtected(std::uint8_t page) const;
  bool IsReadProtected(std::uint8_t page) const;
  bool IsLocked(std::uint8_t page) const;
  /// Page content as the READ command returns it (PWD and PACK read as zeros).
  void AppendReadablePage(Bytes& out, std::uint8_t page) const;
  std::uint8_t ByteAt(std::uint8_t page, std::size_t index) const;

  const Ntag21xLayout& layout_;
  Bytes uid_;
  Bytes memory_;
  bool active_ = false;
  bool authenticated_ = false;
  /// Raw-mode COMPATIBILITY_WRITE: the page named by the first frame, awaiting its data.
  std::optional<std::uint8_t> pending_compatibility_page_;
};

}  // namespace minegate::pn532sim
