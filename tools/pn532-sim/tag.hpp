// A contactless tag as the PN532 sees it over the air.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <utility>

#include "tools/pn532-sim/bytes.hpp"
#include "tools/pn532-sim/status.hpp"
#include "tools/pn532-sim/tag_model.hpp"

namespace minegate::pn532sim {

/// How a frame reaches the tag. For InDataExchange ("easy framing") the PN532 runs
/// ISO 14443-4 itself, so a card sees bare APDUs; InCommunicateThru hands over raw frames
/// (ISO-DEP blocks for a card). CRC handling is the chip's business, not the tag's.
enum class Link { kChipManaged, kRaw };

/// What the tag did with one frame.
struct TagReply {
  enum class Kind {
    kData,    ///< a byte-oriented answer
    kAck,     ///< the 4-bit ACK (0xA), e.g. after an NTAG WRITE
    kNak,     ///< a 4-bit NAK; the tag has fallen back to IDLE and must be selected again
    kSilent,  ///< no answer at all: the reader times out
  };
  Kind kind = Kind::kSilent;
  Bytes data;                 ///< kData: the answer; kNak: one byte, the NAK code
  bool wrote_memory = false;  ///< a write was committed (counted by remove-after-writes)

  static TagReply Data(Bytes bytes, bool wrote = false) {
    return {Kind::kData, std::move(bytes), wrote};
  }
  static TagReply Ack(bool wrote) { return {Kind::kAck, {}, wrote}; }
  static TagReply Nak(std::uint8_t code) { return {Kind::kNak, {code}, false}; }
  static TagReply Silent() { return {}; }
};

/// One physical tag: its identity, its memory and its protocol state. Memory outlives a
/// removal (the RF field keeps the object), protocol state does not (Deactivate).
class Tag {
 public:
  virtual ~Tag() = default;

  virtual TagModel Model() const = 0;
  virtual const Bytes& Uid() const = 0;
  /// ATQA in wire order: 00 44 for NTAG21x, 03 44 for DESFire.
  virtual std::array<std::uint8_t, 2> Atqa() const = 0;
  virtual std::uint8_t Sak() const = 0;
  /// ATS including its length byte; empty for tags without ISO 14443-4.
  virtual Bytes Ats() const = 0;

  /// Anticollision (and RATS, for a card) succeeded: the tag is ACTIVE.
  virtual void Activate() = 0;
  /// Power lost, halted or deselected: authentication and selection are forgotten.
  virtual void Deactivate() = 0;
  virtual bool IsActive() const = 0;

  virtual TagReply Exchange(std::span<const std::uint8_t> frame, Link link) = 0;

  /// What a reader can read (secrets such as PWD read back as zeros): the control "dump".
  virtual Bytes ReadableImage() const = 0;
  /// Everything, secrets included: the control "dump raw".
  virtual Bytes RawImage() const = 0;
  /// Replaces the whole memory with `image`, as RawImage gives it: the control "place MODEL UID
  /// IMAGE", a copy of another tag. Refused when the image is not this tag's size or names
  /// another UID (a copy keeps the original's UID), and for tags that cannot be copied.
  virtual Status LoadRawImage(const Bytes& image) = 0;
};

}  // namespace minegate::pn532sim
