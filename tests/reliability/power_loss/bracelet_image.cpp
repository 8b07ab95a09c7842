#include "tests/reliability/power_loss/bracelet_image.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "base/hex.hpp"
#include "firmware-bridge/ndef/credential_record.hpp"
#include "proto/credential/signing_key.hpp"
#include "proto/credential/verifier.hpp"

namespace minegate::test {
namespace {

constexpr std::size_t kPageSize = 4;
constexpr std::size_t kFirstUserPage = 4;
constexpr std::size_t kUserBytes = 144;  // NTAG213

bool PageEmpty(const std::vector<std::uint8_t>& user, std::size_t page) {
  const auto begin = user.begin() + static_cast<std::ptrdiff_t>(page * kPageSize);
  return std::all_of(begin, begin + kPageSize, [](std::uint8_t b) { return b == 0; });
}

WriteStage StageOf(const std::vector<std::uint8_t>& user, int body_pages) {
  const bool first_page_blank = user[0] == 0x03 && user[1] == 0x00 && user[2] == 0xFE;
  if (first_page_blank && body_pages == 0) return WriteStage::kBlank;
  // 03 L <L bytes> FE with a one-byte length: what the bridge writes for a bracelet, the
  // length page last. A length of 0 is the write's first step, not a whole area.
  const std::size_t length = user[1];
  if (user[0] == 0x03 && length > 0 && length < 0xFF && 2 + length < user.size() &&
      user[2 + length] == 0xFE) {
    return WriteStage::kWhole;
  }
  return WriteStage::kHalfWritten;
}

}  // namespace

const char* StageName(WriteStage stage) {
  switch (stage) {
    case WriteStage::kBlank:
      return "blank";
    case WriteStage::kHalfWritten:
      return "half-written";
    case WriteStage::kWhole:
      return "whole";
  }
  return "?";
}

std::optional<BraceletImage> ReadBraceletImage(const std::string& dump_reply,
                                               const std::vector<std::uint8_t>& uid,
                                               const credential::KeySet& keys,
                                               std::int64_t now_ms) {
  if (dump_reply.rfind("ok ", 0) != 0) return std::nullopt;
  auto memory = base::FromHex(dump_reply.substr(3));
  if (!memory || memory->size() < (kFirstUserPage * kPageSize) + kUserBytes) return std::nullopt;
  const std::vector<std::uint8_t> user(
      memory->begin() + static_cast<std::ptrdiff_t>(kFirstUserPage * kPageSize),
      memory->begin() + static_cast<std::ptrdiff_t>(kFirstUserPage * kPageSize + kUserBytes));
  BraceletImage image;
  for (std::size_t page = 1; page < kUserBytes / kPageSize && !PageEmpty(user, page); ++page) {
    ++image.body_pages;
  }
  image.stage = StageOf(user, image.body_pages);
  // The kiosk's own path: the bridge extracts the record from the TLV area, the kiosk
  // decodes the credential and checks its signature over this UID.
  auto record = ndef::CredentialFromType2Area(user);
  if (!record) {
    image.why_not = "ndef: " + record.error().message();
    return image;
  }
  image.credential = record.value();
  auto verified = credential::DecodeAndVerify(image.credential, uid, keys, now_ms);
  if (!verified) {
    image.why_not = "credential: " + verified.error().message();
    return image;
  }
  image.verifies = true;
  return image;
}

std::optional<credential::KeySet> KioskKeySet(const std::string& data_dir) {
  std::ifstream file(data_dir + "/keys/device.key", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  credential::Seed seed{};
  if (bytes.size() != seed.size()) return std::nullopt;
  std::copy(bytes.begin(), bytes.end(), seed.begin());
  auto key = credential::SigningKey::FromSeed(seed);
  if (!key) return std::nullopt;
  credential::KeySet keys;
  keys.Upsert({.public_key = key.value().public_key()});
  return keys;
}

}  // namespace minegate::test
