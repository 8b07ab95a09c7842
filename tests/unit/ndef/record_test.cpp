#include "firmware-bridge/ndef/record.hpp"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace minegate::ndef {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes Ascii(std::string_view text) { return {text.begin(), text.end()}; }

Errc ErrorOf(const Result<std::vector<Record>>& result) {
  EXPECT_FALSE(result) << "expected an error";
  return result ? Errc{} : static_cast<Errc>(result.error().value());
}

void ExpectRoundTrip(const std::vector<Record>& records) {
  const Bytes encoded = EncodeMessage(records);
  ASSERT_FALSE(encoded.empty());
  const auto decoded = DecodeMessage(encoded);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value(), records);
}

// NFC Forum URI RTD: "http://www.nfc.com" is prefix code 0x01 followed by "nfc.com".
const Bytes kUriMessage = {0xD1, 0x01, 0x08, 0x55, 0x01, 0x6E, 0x66, 0x63, 0x2E, 0x63, 0x6F, 0x6D};
const Record kUriRecord{Tnf::well_known, Ascii("U"), {}, {0x01, 'n', 'f', 'c', '.', 'c', 'o', 'm'}};

TEST(NdefMessageTest, UriRecordMatchesHandComputedBytes) {
  EXPECT_EQ(EncodeMessage(std::vector{kUriRecord}), kUriMessage);
  const auto decoded = DecodeMessage(kUriMessage);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded.value(), std::vector{kUriRecord});
}

TEST(NdefMessageTest, TextRecordMatchesHandComputedBytes) {
  // NFC Forum Text RTD: status byte 0x02 (UTF-8, language code of 2 bytes), "en", text.
  Bytes payload = {0x02, 'e', 'n'};
  const Bytes text = Ascii("Hello, world!");
  payload.insert(payload.end(), text.begin(), text.end());
  const std::vector records{Record{Tnf::well_known, Ascii("T"), {}, payload}};
  const Bytes expected = {0xD1, 0x01, 0x10, 0x54, 0x02, 0x65, 0x6E, 0x48, 0x65, 0x6C,
                          0x6C, 0x6F, 0x2C, 0x20, 0x77, 0x6F, 0x72, 0x6C, 0x64, 0x21};
  EXPECT_EQ(EncodeMessage(records), expected);
}

TEST(NdefMessageTest, RecordWithIdSetsIlAndWritesIdLength) {
  const std::vector records{Record{Tnf::media, Ascii("a/b"), Ascii("7"), Ascii("x")}};
  // MB|ME|SR|IL|TNF media = 0x80|0x40|0x10|0x08|0x02.
  const Bytes expected = {0xDA, 0x03, 0x01, 0x01, 'a', '/', 'b', '7', 'x'};
  EXPECT_EQ(EncodeMessage(records), expected);
  ExpectRoundTrip(records);
}

TEST(NdefMessageTest, EmptyRecordIsThreeBytes) {
  const std::vector records{Record{}};
  EXPECT_EQ(EncodeMessage(records), (Bytes{0xD0, 0x00, 0x00}));
  ExpectRoundTrip(records);
}

TEST(NdefMessageTest, SeveralRecordsCarryMbOnFirstAndMeOnLast) {
  const std::vector records{
      Record{Tnf::well_known, Ascii("U"), {}, Ascii("\x01one")},
      Record{Tnf::external, Ascii("minegate.sn:cred"), Ascii("id"), Ascii("secret")},
      Record{Tnf::absolute_uri, Ascii("urn:x"), {}, {}},
  };
  const Bytes encoded = EncodeMessage(records);
  ASSERT_EQ(encoded.size(), 3u + 1 + 4 + 4u + 16 + 2 + 6 + 3u + 5);
  EXPECT_EQ(encoded[0], 0x91);   // MB|SR|well-known
  EXPECT_EQ(encoded[8], 0x1C);   // SR|IL|external
  EXPECT_EQ(encoded[36], 0x53);  // ME|SR|absolute URI
  ExpectRoundTrip(records);
}

TEST(NdefMessageTest, PayloadOf255UsesShortRecordAnd256UsesLongRecord) {
  const std::vector short_records{Record{Tnf::media, Ascii("t/x"), {}, Bytes(255, 0xAB)}};
  const Bytes short_encoded = EncodeMessage(short_records);
  EXPECT_EQ(short_encoded[0], 0xD2);
  EXPECT_EQ(short_encoded[2], 0xFF);
  EXPECT_EQ(short_encoded.size(), 3u + 3 + 255);
  ExpectRoundTrip(short_records);

  const std::vector long_records{Record{Tnf::media, Ascii("t/x"), Ascii("i"), Bytes(256, 0xCD)}};
  const Bytes long_encoded = EncodeMessage(long_records);
  EXPECT_EQ(long_encoded[0], 0xCA);  // MB|ME|IL|media, no SR
  EXPECT_EQ((Bytes{long_encoded.begin() + 2, long_encoded.begin() + 6}),
            (Bytes{0x00, 0x00, 0x01, 0x00}));
  EXPECT_EQ(long_encoded.size(), 7u + 3 + 1 + 256);
  ExpectRoundTrip(long_records);
}

TEST(NdefMessageTest, DecoderAcceptsLongFormForSmallPayloadAndIlWithEmptyId) {
  // Legal but not canonical: another writer's tag must still read.
  const Bytes bytes = {0xC9, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x55, 0x07};
  const auto decoded = DecodeMessage(bytes);
  ASSERT_TRUE(decoded) << decoded.error().message();
  EXPECT_EQ(decoded.value(), (std::vector{Record{Tnf::well_known, Ascii("U"), {}, {0x07}}}));
}

TEST(NdefMessageTest, EmptyInputIsEmptyMessage) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{})), Errc::empty_message);
  EXPECT_EQ(ValidateForEncoding({}).error(), Errc::empty_message);
  EXPECT_TRUE(EncodeMessage({}).empty());
}

TEST(NdefMessageTest, TruncatedHeaderIsRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD1})), Errc::truncated);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD1, 0x01})), Errc::truncated);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xC1, 0x01, 0x00, 0x00})), Errc::truncated);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD9, 0x01, 0x00})), Errc::truncated);
}

TEST(NdefMessageTest, PayloadLengthBeyondBufferIsRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD1, 0x01, 0x05, 0x55, 0x01})),
            Errc::length_beyond_buffer);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD9, 0x01, 0x00, 0x02, 0x55, 0x01})),
            Errc::length_beyond_buffer);  // id runs past the end
  // One byte short of the declared lengths: the check is exact, not approximate.
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD1, 0x01, 0x02, 0x55, 0x01})),
            Errc::length_beyond_buffer);
}

TEST(NdefMessageTest, MaximalPayloadLengthDoesNotOverflow) {
  const Bytes bytes = {0xC1, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x55, 0x01};
  EXPECT_EQ(ErrorOf(DecodeMessage(bytes)), Errc::length_beyond_buffer);
  const Bytes with_id = {0xC9, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
  EXPECT_EQ(ErrorOf(DecodeMessage(with_id)), Errc::length_beyond_buffer);
}

TEST(NdefMessageTest, ChunkedRecordIsRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xB1, 0x01, 0x01, 0x55, 0x01, 0x56, 0x00, 0x00})),
            Errc::chunked_record_unsupported);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xF1, 0x01, 0x01, 0x55, 0x01})),
            Errc::chunked_record_unsupported);
}

TEST(NdefMessageTest, FirstRecordWithoutMbIsRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0x51, 0x01, 0x01, 0x55, 0x01})),
            Errc::missing_message_begin);
}

TEST(NdefMessageTest, MbOnLaterRecordIsRefused) {
  const Bytes bytes = {0x91, 0x01, 0x01, 0x55, 0x01, 0xD1, 0x01, 0x01, 0x55, 0x02};
  EXPECT_EQ(ErrorOf(DecodeMessage(bytes)), Errc::unexpected_message_begin);
}

TEST(NdefMessageTest, MissingMeIsRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0x91, 0x01, 0x01, 0x55, 0x01})), Errc::missing_message_end);
  const Bytes two = {0x91, 0x01, 0x01, 0x55, 0x01, 0x11, 0x01, 0x01, 0x55, 0x02};
  EXPECT_EQ(ErrorOf(DecodeMessage(two)), Errc::missing_message_end);
}

TEST(NdefMessageTest, BytesAfterMeAreRefused) {
  Bytes bytes = kUriMessage;
  bytes.push_back(0x00);
  EXPECT_EQ(ErrorOf(DecodeMessage(bytes)), Errc::trailing_bytes);
  // ME on the first of two records: the second is trailing.
  Bytes early_end = kUriMessage;
  early_end.insert(early_end.end(), {0x51, 0x01, 0x01, 0x55, 0x01});
  EXPECT_EQ(ErrorOf(DecodeMessage(early_end)), Errc::trailing_bytes);
}

TEST(NdefMessageTest, RecordCountIsLimited) {
  const std::vector records(3, Record{Tnf::well_known, Ascii("U"), {}, {0x00}});
  const Bytes encoded = EncodeMessage(records);
  Limits limits;
  limits.max_records = 3;
  EXPECT_TRUE(DecodeMessage(encoded, limits));
  limits.max_records = 2;
  EXPECT_EQ(ErrorOf(DecodeMessage(encoded, limits)), Errc::too_many_records);

  const std::vector seventeen(17, Record{});
  EXPECT_EQ(ErrorOf(DecodeMessage(EncodeMessage(seventeen))), Errc::too_many_records);
  const std::vector sixteen(16, Record{});
  EXPECT_TRUE(DecodeMessage(EncodeMessage(sixteen)));
}

TEST(NdefMessageTest, TotalSizeIsLimited) {
  Limits limits;
  limits.max_message_size = kUriMessage.size();
  EXPECT_TRUE(DecodeMessage(kUriMessage, limits));
  limits.max_message_size = kUriMessage.size() - 1;
  EXPECT_EQ(ErrorOf(DecodeMessage(kUriMessage, limits)), Errc::too_large);

  // Default limit 8 KiB: a valid message just over it is refused before parsing.
  const std::vector big{Record{Tnf::media, Ascii("t/x"), {}, Bytes(8193 - 9, 0)}};
  const Bytes encoded = EncodeMessage(big);
  ASSERT_EQ(encoded.size(), 8193u);
  EXPECT_EQ(ErrorOf(DecodeMessage(encoded)), Errc::too_large);
}

TEST(NdefMessageTest, ReservedAndUnchangedTnfAreRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD7, 0x00, 0x00})), Errc::bad_tnf);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD6, 0x00, 0x00})), Errc::bad_tnf);
  const std::vector unchanged{Record{Tnf::unchanged, {}, {}, {}}};
  EXPECT_EQ(ValidateForEncoding(unchanged).error(), Errc::bad_tnf);
  EXPECT_TRUE(EncodeMessage(unchanged).empty());
  const std::vector out_of_range{Record{static_cast<Tnf>(9), Ascii("U"), {}, {}}};
  EXPECT_EQ(ValidateForEncoding(out_of_range).error(), Errc::bad_tnf);
}

TEST(NdefMessageTest, EmptyTnfWithContentIsRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD0, 0x01, 0x00, 0x55})), Errc::bad_empty_record);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD0, 0x00, 0x01, 0x55})), Errc::bad_empty_record);
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD8, 0x00, 0x00, 0x01, 0x55})), Errc::bad_empty_record);
  const std::vector records{Record{Tnf::empty, {}, {}, {0x01}}};
  EXPECT_EQ(ValidateForEncoding(records).error(), Errc::bad_empty_record);
}

TEST(NdefMessageTest, UnknownTnfWithTypeIsRefused) {
  EXPECT_EQ(ErrorOf(DecodeMessage(Bytes{0xD5, 0x01, 0x00, 0x55})), Errc::type_not_allowed);
  const std::vector records{Record{Tnf::unknown, Ascii("x"), {}, {}}};
  EXPECT_EQ(ValidateForEncoding(records).error(), Errc::type_not_allowed);
  EXPECT_TRUE(ValidateForEncoding(std::vector{Record{Tnf::unknown, {}, {}, {0x01}}}));
}

TEST(NdefMessageTest, TypeAndIdOver255BytesCannotBeEncoded) {
  const std::vector max_type{Record{Tnf::media, Bytes(255, 'a'), Bytes(255, 'i'), {}}};
  EXPECT_TRUE(ValidateForEncoding(max_type));
  ExpectRoundTrip(max_type);

  const std::vector long_type{Record{Tnf::media, Bytes(256, 'a'), {}, {}}};
  EXPECT_EQ(ValidateForEncoding(long_type).error(), Errc::type_too_long);
  EXPECT_TRUE(EncodeMessage(long_type).empty());

  const std::vector long_id{Record{Tnf::media, Ascii("a"), Bytes(256, 'i'), {}}};
  EXPECT_EQ(ValidateForEncoding(long_id).error(), Errc::id_too_long);
  EXPECT_TRUE(EncodeMessage(long_id).empty());
}

TEST(NdefFindExternalTest, ReturnsFirstMatchingExternalPayload) {
  const std::vector records{
      Record{Tnf::well_known, Ascii("minegate.sn:cred"), {}, Ascii("not external")},
      MakeExternalRecord("other.org:x", Ascii("other")),
      MakeExternalRecord("Minegate.SN:Cred", Ascii("first")),
      MakeExternalRecord("minegate.sn:cred", Ascii("second")),
  };
  const auto found = FindExternal(records, "minegate.sn:cred");
  ASSERT_TRUE(found);
  EXPECT_EQ(Bytes(found.value().begin(), found.value().end()), Ascii("first"));
  EXPECT_EQ(FindExternal(records, "minegate.sn:cre").error(), Errc::record_not_found);
  EXPECT_EQ(FindExternal({}, "minegate.sn:cred").error(), Errc::record_not_found);
}

TEST(NdefFindExternalTest, MakeExternalRecordBuildsTnf4) {
  const Record record = MakeExternalRecord("minegate.sn:cred", Ascii("p"));
  EXPECT_EQ(record.tnf, Tnf::external);
  EXPECT_EQ(record.type, Ascii("minegate.sn:cred"));
  EXPECT_TRUE(record.id.empty());
  EXPECT_EQ(record.payload, Ascii("p"));
}

}  // namespace
}  // namespace minegate::ndef
