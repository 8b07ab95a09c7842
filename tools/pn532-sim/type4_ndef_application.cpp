#include "tools/pn532-sim/type4_ndef_application.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "tools/pn532-sim/command_apdu.hpp"

namespace minegate::pn532sim {
namespace {

constexpr std::uint8_t kInsSelect = 0xA4;
constexpr std::uint8_t kInsReadBinary = 0xB0;
constexpr std::uint8_t kInsUpdateBinary = 0xD6;
constexpr std::uint8_t kSelectByName = 0x04;
constexpr std::uint8_t kSelectByFileId = 0x00;

constexpr std::array<std::uint8_t, 7> kNdefApplicationName = {0xD2, 0x76, 0x00, 0x00,
                                                              0x85, 0x01, 0x01};
constexpr std::array<std::uint8_t, 2> kCapabilityContainerId = {0xE1, 0x03};
constexpr std::array<std::uint8_t, 2> kNdefFileId = {0xE1, 0x04};

Type4NdefApplication::Response WithStatus(Bytes data, std::uint16_t status_word,
                                          bool wrote = false) {
  AppendStatusWord(data, status_word);
  return {std::move(data), wrote};
}

Type4NdefApplication::Response OnlyStatus(std::uint16_t status_word) {
  return WithStatus({}, status_word);
}

/// CC file (Type 4 Tag specification 5.1): mapping version 2.0, MLe 0x3B and MLc 0x34 as
/// NXP ships DESFire EV1 NDEF cards, then the NDEF file control TLV: file E104, size 2048,
/// free read and write access.
Bytes MakeCapabilityContainer() {
  const auto size = Type4NdefApplication::kNdefFileSize;
  return {0x00,
          0x0F,
          0x20,
          0x00,
          0x3B,
          0x00,
          0x34,
          0x04,
          0x06,
          0xE1,
          0x04,
          static_cast<std::uint8_t>(size >> 8),
          static_cast<std::uint8_t>(size & 0xFF),
          0x00,
          0x00};
}

template <std::size_t N>
bool Equals(std::span<const std::uint8_t> data, const std::array<std::uint8_t, N>& expected) {
  return std::ranges::equal(data, expected);
}

}  // namespace

Type4NdefApplication::Type4NdefApplication()
    : capability_container_(MakeCapabilityContainer()), ndef_file_(kNdefFileSize, 0x00) {}

Type4NdefApplication::Response Type4NdefApplication::Process(std::span<const std::uint8_t> bytes) {
  const std::optional<CommandApdu> apdu = ParseCommandApdu(bytes);
  if (!apdu) return OnlyStatus(sw::kWrongLength);
  if (apdu->cla != 0x00) return OnlyStatus(sw::kClassNotSupported);
  const std::size_t offset = (static_cast<std::size_t>(apdu->p1) << 8) | apdu->p2;
  switch (apdu->ins) {
    case kInsSelect:
      return Select(apdu->p1, apdu->data);
    case kInsReadBinary:
      if (!apdu->le || !apdu->data.empty()) return OnlyStatus(sw::kWrongLength);
      if ((apdu->p1 & 0x80) != 0) return OnlyStatus(sw::kWrongParameters);  // short EF id form
      return ReadBinary(offset, *apdu->le);
    case kInsUpdateBinary:
      if (apdu->data.empty() || apdu->le) return OnlyStatus(sw::kWrongLength);
      if ((apdu->p1 & 0x80) != 0) return OnlyStatus(sw::kWrongParameters);
      return UpdateBinary(offset, apdu->data);
    default:
      return OnlyStatus(sw::kInstructionNotSupported);
  }
}

void Type4NdefApplication::ResetSelection() {
  application_selected_ = false;
  selected_file_ = File::kNone;
}

Bytes Type4NdefApplication::NdefMessage() const {
  const std::size_t nlen = (static_cast<std::size_t>(ndef_file_[0]) << 8) | ndef_file_[1];
  const std::size_t end = std::min(ndef_file_.size(), 2 + nlen);
  return Bytes(ndef_file_.begin(), ndef_file_.begin() + static_cast<long>(end));
}

Type4NdefApplication::Response Type4NdefApplication::Select(std::uint8_t p1,
                                                            std::span<const std::uint8_t> data) {
  if (p1 == kSelectByName) {
    if (!Equals(data, kNdefApplicationName)) return OnlyStatus(sw::kFileNotFound);
    application_selected_ = true;
    selected_file_ = File::kNone;
    return OnlyStatus(sw::kSuccess);
  }
  if (p1 == kSelectByFileId) {
    if (!application_selected_) return OnlyStatus(sw::kFileNotFound);
    if (Equals(data, kCapabilityContainerId)) {
      selected_file_ = File::kCapabilityContainer;
    } else if (Equals(data, kNdefFileId)) {
      selected_file_ = File::kNdef;
    } else {
      return OnlyStatus(sw::kFileNotFound);
    }
    return OnlyStatus(sw::kSuccess);
  }
  return OnlyStatus(sw::kWrongParameters);
}

Type4NdefApplication::Response Type4NdefApplication::ReadBinary(std::size_t offset,
                                                                std::size_t length) const {
  const Bytes* file = SelectedFile();
  if (file == nullptr) return OnlyStatus(sw::kNoCurrentFile);
  if (offset >= file->size()) return OnlyStatus(sw::kWrongParameters);
  const std::size_t available = std::min(length, file->size() - offset);
  const auto begin = file->begin() + static_cast<long>(offset);
  Bytes data(begin, begin + static_cast<long>(available));
  // Fewer bytes than asked for: ISO 7816-4 warns with 6282 rather than failing.
  return WithStatus(std::move(data), available < length ? sw::kEndOfFileReached : sw::kSuccess);
}

Type4NdefApplication::Response Type4NdefApplication::UpdateBinary(
    std::size_t offset, std::span<const std::uint8_t> data) {
  if (selected_file_ == File::kNone) return OnlyStatus(sw::kNoCurrentFile);
  // The capability container is read-only (its write access byte would say so anyway).
  if (selected_file_ == File::kCapabilityContainer) return OnlyStatus(sw::kSecurityNotSatisfied);
  if (offset >= ndef_file_.size()) return OnlyStatus(sw::kWrongParameters);
  if (data.size() > ndef_file_.size() - offset) return OnlyStatus(sw::kNotEnoughMemory);
  std::ranges::copy(data, ndef_file_.begin() + static_cast<long>(offset));
  return WithStatus({}, sw::kSuccess, /*wrote=*/true);
}

const Bytes* Type4NdefApplication::SelectedFile() const {
  switch (selected_file_) {
    case File::kCapabilityContainer:
      return &capability_container_;
    case File::kNdef:
      return &ndef_file_;
    case File::kNone:
      break;
  }
  return nullptr;
}

}  // namespace minegate::pn532sim
