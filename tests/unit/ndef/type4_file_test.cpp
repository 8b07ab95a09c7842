#include "firmware-bridge/ndef/type4_file.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minegate::ndef {
namespace {

using Bytes = std::vector<std::uint8_t>;

const Bytes kType4Message = {0xD0, 0x00, 0x00};

template <class T>
Errc ErrorOf(const Result<T>& result) {
  EXPECT_FALSE(result) << "expected an error";
  return result ? Errc{} : static_cast<Errc>(result.error().value());
}

TEST(NdefType4FileTest, NlenIsBigEndianBeforeTheMessage) {
  EXPECT_EQ(EncodeType4File(kType4Message), (Bytes{0x00, 0x03, 0xD0, 0x00, 0x00}));
  const Bytes message(0x1234, 0x77);
  const Bytes file = EncodeType4File(message);
  EXPECT_EQ(file[0], 0x12);
  EXPECT_EQ(file[1], 0x34);
  const auto decoded = DecodeType4File(file);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), message);
}

TEST(NdefType4FileTest, WholeFileWithPaddingDecodes) {
  Bytes file = EncodeType4File(kType4Message);
  file.resize(2048, 0x00);
  const auto decoded = DecodeType4File(file);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), kType4Message);
}

TEST(NdefType4FileTest, ZeroNlenIsAnEmptyMessage) {
  EXPECT_EQ(EncodeType4File(Bytes{}), (Bytes{0x00, 0x00}));
  const auto decoded = DecodeType4File(Bytes{0x00, 0x00, 0xD0});
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded.value().empty());
}

TEST(NdefType4FileTest, MessageSizeLimit) {
  EXPECT_EQ(EncodeType4File(Bytes(kMaxType4Message, 0)).size(), 0xFFFEu);
  EXPECT_TRUE(EncodeType4File(Bytes(kMaxType4Message + 1, 0)).empty());
}

TEST(NdefType4FileTest, Errors) {
  EXPECT_EQ(ErrorOf(DecodeType4File(Bytes{})), Errc::truncated);
  EXPECT_EQ(ErrorOf(DecodeType4File(Bytes{0x00})), Errc::truncated);
  EXPECT_EQ(ErrorOf(DecodeType4File(Bytes{0x00, 0x04, 0xD0, 0x00, 0x00})), Errc::nlen_beyond_file);
  EXPECT_EQ(ErrorOf(DecodeType4File(Bytes{0xFF, 0xFF})), Errc::too_large);

  const Bytes file = EncodeType4File(Bytes(16, 0x01));
  EXPECT_TRUE(DecodeType4File(file, 16));
  EXPECT_EQ(ErrorOf(DecodeType4File(file, 15)), Errc::too_large);
}

// A DESFire EV1 NDEF application's CC: 2 KiB NDEF file E104, free read and write.
const Bytes kCc = {0x00, 0x0F, 0x20, 0x00, 0x3B, 0x00, 0x34, 0x04,
                   0x06, 0xE1, 0x04, 0x08, 0x00, 0x00, 0x00};

TEST(NdefType4CcTest, DefaultsEncodeToKnownBytes) {
  const auto encoded = EncodeType4Cc(Type4Cc{});
  EXPECT_EQ(Bytes(encoded.begin(), encoded.end()), kCc);
  const auto decoded = DecodeType4Cc(kCc);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value(), Type4Cc{});
}

TEST(NdefType4CcTest, RoundTripsEveryField) {
  const Type4Cc cc{0x0011, 0x21, 0x00FF, 0x00FE, 0x0405, 0xFFFE, 0x80, 0xFF};
  const auto encoded = EncodeType4Cc(cc);
  EXPECT_EQ(Bytes(encoded.begin(), encoded.end()),
            (Bytes{0x00, 0x11, 0x21, 0x00, 0xFF, 0x00, 0xFE, 0x04, 0x06, 0x04, 0x05, 0xFF, 0xFE,
                   0x80, 0xFF}));
  const auto decoded = DecodeType4Cc(encoded);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), cc);
}

TEST(NdefType4CcTest, LongerCcFileIsReadFromItsFirst15Bytes) {
  Bytes file = kCc;
  file.insert(file.end(), {0x05, 0x00});
  EXPECT_TRUE(DecodeType4Cc(file));
}

TEST(NdefType4CcTest, ShortCcIsTruncated) {
  EXPECT_EQ(ErrorOf(DecodeType4Cc(Bytes(kCc.begin(), kCc.end() - 1))), Errc::truncated);
}

struct CcMutation {
  std::size_t offset;
  std::uint8_t value;
  Errc expected;  ///< Errc{} when the mutated CC must still be accepted
};

class ndefType4CcMutation : public testing::TestWithParam<CcMutation> {};

TEST_P(ndefType4CcMutation, IsValidated) {
  Bytes cc = kCc;
  cc[GetParam().offset] = GetParam().value;
  const auto decoded = DecodeType4Cc(cc);
  if (GetParam().expected == Errc{}) {
    EXPECT_TRUE(decoded) << decoded.error().message();
  } else {
    EXPECT_EQ(ErrorOf(decoded), GetParam().expected);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fields, ndefType4CcMutation,
    testing::Values(CcMutation{2, 0x10, Errc::unsupported_mapping_version},
                    CcMutation{2, 0x30, Errc::unsupported_mapping_version},
                    CcMutation{2, 0x2F, Errc{}},                           // minor is free
                    CcMutation{1, 0x0E, Errc::bad_capability_container},   // CCLEN 14
                    CcMutation{4, 0x0E, Errc::bad_capability_container},   // MLe 14
                    CcMutation{4, 0x0F, Errc{}},                           // MLe 15
                    CcMutation{6, 0x00, Errc::bad_capability_container},   // MLc 0
                    CcMutation{7, 0x05, Errc::bad_capability_container},   // extended TLV
                    CcMutation{8, 0x08, Errc::bad_capability_container},   // L != 6
                    CcMutation{10, 0x03, Errc::bad_capability_container},  // file id E103
                    CcMutation{10, 0x02, Errc::bad_capability_container},  // file id E102
                    CcMutation{13, 0xFF, Errc{}},   // read access is the caller's policy
                    CcMutation{14, 0x80, Errc{}}),  // so is write access
    [](const testing::TestParamInfo<CcMutation>& param_info) {
      return "Byte" + std::to_string(param_info.param.offset) + "To" +
             std::to_string(param_info.param.value);
    });

TEST(NdefType4CcTest, FileSizeBounds) {
  Bytes size = kCc;
  size[11] = 0x00;
  size[12] = 0x05;
  EXPECT_TRUE(DecodeType4Cc(size));
  size[12] = 0x04;
  EXPECT_EQ(ErrorOf(DecodeType4Cc(size)), Errc::bad_capability_container);
}

TEST(NdefType4CcTest, ReservedValuesAreRefused) {
  Bytes max_size = kCc;
  max_size[11] = 0xFF;
  max_size[12] = 0xFF;
  EXPECT_EQ(ErrorOf(DecodeType4Cc(max_size)), Errc::bad_capability_container);
  Bytes cclen = kCc;
  cclen[0] = 0xFF;
  cclen[1] = 0xFF;
  EXPECT_EQ(ErrorOf(DecodeType4Cc(cclen)), Errc::bad_capability_container);
  Bytes file_id = kCc;
  file_id[9] = 0x00;
  file_id[10] = 0x00;
  EXPECT_EQ(ErrorOf(DecodeType4Cc(file_id)), Errc::bad_capability_container);
}

}  // namespace
}  // namespace minegate::ndef
