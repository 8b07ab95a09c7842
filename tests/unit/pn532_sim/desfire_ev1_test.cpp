// DESFire EV1 Type 4 NDEF card: APDUs, native GetVersion, ISO-DEP blocks in raw mode.
#include "tools/pn532-sim/desfire_ev1.hpp"

#include <gtest/gtest.h>

namespace minegate::pn532sim {
namespace {

const Bytes kDesfireUid = {0x04, 0xDE, 0x5F, 0x1E, 0x7A, 0x2B, 0x80};
const Bytes kSelectApplication = {0x00, 0xA4, 0x04, 0x00, 0x07, 0xD2, 0x76,
                                  0x00, 0x00, 0x85, 0x01, 0x01, 0x00};
const Bytes kSelectCc = {0x00, 0xA4, 0x00, 0x0C, 0x02, 0xE1, 0x03};
const Bytes kSelectNdef = {0x00, 0xA4, 0x00, 0x0C, 0x02, 0xE1, 0x04};

Bytes Apdu(DesfireEv1& card, const Bytes& command) {
  const TagReply reply = card.Exchange(command, Link::kChipManaged);
  EXPECT_EQ(reply.kind, TagReply::Kind::kData);
  return reply.data;
}

Bytes Tail(const Bytes& response) { return Bytes(response.end() - 2, response.end()); }

DesfireEv1 ActiveCard() {
  DesfireEv1 card(kDesfireUid);
  card.Activate();
  return card;
}

TEST(Pn532SimDesfire, IdentifiesAsAnIso14443_4Card) {
  const DesfireEv1 card(kDesfireUid);
  EXPECT_EQ(card.Atqa(), (std::array<std::uint8_t, 2>{0x03, 0x44}));
  EXPECT_EQ(card.Sak(), 0x20);
  EXPECT_EQ(card.Ats(), (Bytes{0x06, 0x75, 0x77, 0x81, 0x02, 0x80}));
}

TEST(Pn532SimDesfire, ReadsTheCapabilityContainer) {
  DesfireEv1 card = ActiveCard();
  EXPECT_EQ(Apdu(card, kSelectApplication), (Bytes{0x90, 0x00}));
  EXPECT_EQ(Apdu(card, kSelectCc), (Bytes{0x90, 0x00}));
  const Bytes cc = Apdu(card, {0x00, 0xB0, 0x00, 0x00, 0x0F});
  EXPECT_EQ(cc, (Bytes{0x00, 0x0F, 0x20, 0x00, 0x3B, 0x00, 0x34, 0x04, 0x06, 0xE1, 0x04, 0x08, 0x00,
                       0x00, 0x00, 0x90, 0x00}));
}

TEST(Pn532SimDesfire, WritesAndReadsTheNdefFile) {
  DesfireEv1 card = ActiveCard();
  Apdu(card, kSelectApplication);
  Apdu(card, kSelectNdef);
  EXPECT_EQ(Apdu(card, {0x00, 0xB0, 0x00, 0x00, 0x02}), (Bytes{0x00, 0x00, 0x90, 0x00}));
  const TagReply update = card.Exchange(
      Bytes{0x00, 0xD6, 0x00, 0x00, 0x05, 0x00, 0x03, 0xD0, 0x00, 0x00}, Link::kChipManaged);
  EXPECT_EQ(update.data, (Bytes{0x90, 0x00}));
  EXPECT_TRUE(update.wrote_memory);
  EXPECT_EQ(Apdu(card, {0x00, 0xB0, 0x00, 0x02, 0x03}), (Bytes{0xD0, 0x00, 0x00, 0x90, 0x00}));
  EXPECT_EQ(card.ReadableImage(), (Bytes{0x00, 0x03, 0xD0, 0x00, 0x00}));
  EXPECT_EQ(card.RawImage().size(), 2048U);
}

TEST(Pn532SimDesfire, AnswersIso7816StatusWordsForMistakes) {
  DesfireEv1 card = ActiveCard();
  EXPECT_EQ(Tail(Apdu(card, {0x00, 0xB0, 0x00, 0x00, 0x02})), (Bytes{0x69, 0x86}));
  EXPECT_EQ(Tail(Apdu(card, kSelectCc)), (Bytes{0x6A, 0x82})) << "application not selected";
  EXPECT_EQ(
      Tail(Apdu(card, {0x00, 0xA4, 0x04, 0x00, 0x07, 0xD2, 0x76, 0x00, 0x00, 0x85, 0x01, 0x00})),
      (Bytes{0x6A, 0x82}));
  Apdu(card, kSelectApplication);
  EXPECT_EQ(Tail(Apdu(card, {0x00, 0xA4, 0x00, 0x0C, 0x02, 0xE1, 0x05})), (Bytes{0x6A, 0x82}));
  Apdu(card, kSelectCc);
  EXPECT_EQ(Tail(Apdu(card, {0x00, 0xD6, 0x00, 0x00, 0x01, 0x00})), (Bytes{0x69, 0x82}));
  EXPECT_EQ(Tail(Apdu(card, {0x00, 0xB0, 0x00, 0x10, 0x01})), (Bytes{0x6B, 0x00}));
  const Bytes short_read = Apdu(card, {0x00, 0xB0, 0x00, 0x0E, 0x04});
  EXPECT_EQ(short_read, (Bytes{0x00, 0x62, 0x82}));
  Apdu(card, kSelectNdef);
  Bytes too_long = {0x00, 0xD6, 0x07, 0xFF, 0x02, 0x01, 0x02};
  EXPECT_EQ(Tail(Apdu(card, too_long)), (Bytes{0x6A, 0x84}));
  EXPECT_EQ(Tail(Apdu(card, {0x00, 0x84, 0x00, 0x00, 0x08})), (Bytes{0x6D, 0x00}));
  EXPECT_EQ(Apdu(card, {0x80, 0xB0, 0x00, 0x00, 0x08}), Bytes{0x1C})
      << "CLA other than 00 and 90: a native command code, and an illegal one";
  EXPECT_EQ(Tail(Apdu(card, {0x00, 0xB0, 0x00})), (Bytes{0x67, 0x00}))
      << "three bytes after CLA 00 is no APDU";
}

TEST(Pn532SimDesfire, WrappedGetVersionAnswersInThreeParts) {
  DesfireEv1 card = ActiveCard();
  Bytes part = Apdu(card, {0x90, 0x60, 0x00, 0x00, 0x00});
  EXPECT_EQ(part, (Bytes{0x04, 0x01, 0x01, 0x01, 0x00, 0x18, 0x05, 0x91, 0xAF}));
  part = Apdu(card, {0x90, 0xAF, 0x00, 0x00, 0x00});
  EXPECT_EQ(part, (Bytes{0x04, 0x01, 0x01, 0x01, 0x04, 0x18, 0x05, 0x91, 0xAF}));
  part = Apdu(card, {0x90, 0xAF, 0x00, 0x00, 0x00});
  ASSERT_EQ(part.size(), 16U);
  EXPECT_EQ(Bytes(part.begin(), part.begin() + 7), kDesfireUid);
  EXPECT_EQ(Tail(part), (Bytes{0x91, 0x00}));
  EXPECT_EQ(Tail(Apdu(card, {0x90, 0xAF, 0x00, 0x00, 0x00})), (Bytes{0x91, 0x1C}));
}

TEST(Pn532SimDesfire, NativeFramingPutsTheStatusFirst) {
  DesfireEv1 card = ActiveCard();
  EXPECT_EQ(Apdu(card, {0x60})[0], 0xAF);
  EXPECT_EQ(Apdu(card, {0x30, 0x00}), Bytes{0x1C}) << "an Ultralight READ is no DESFire command";
}

TEST(Pn532SimDesfire, RawIsoDepBlocks) {
  DesfireEv1 card = ActiveCard();
  // libnfc's PN532 presence check: R(NAK) block 0 -> R(ACK) with the card's block number (1).
  TagReply reply = card.Exchange(Bytes{0xB2}, Link::kRaw);
  ASSERT_EQ(reply.kind, TagReply::Kind::kData);
  EXPECT_EQ(reply.data, Bytes{0xA3});
  Bytes block = {0x02};
  block.insert(block.end(), kSelectApplication.begin(), kSelectApplication.end());
  reply = card.Exchange(block, Link::kRaw);
  EXPECT_EQ(reply.data, (Bytes{0x02, 0x90, 0x00}));
  // R(NAK) with the card's current block number: the last I-block again.
  EXPECT_EQ(card.Exchange(Bytes{0xB2}, Link::kRaw).data, (Bytes{0x02, 0x90, 0x00}));
  // S(DESELECT) is echoed and the card stops answering.
  EXPECT_EQ(card.Exchange(Bytes{0xC2}, Link::kRaw).data, Bytes{0xC2});
  EXPECT_FALSE(card.IsActive());
  EXPECT_EQ(card.Exchange(Bytes{0xB2}, Link::kRaw).kind, TagReply::Kind::kSilent);
}

TEST(Pn532SimDesfire, ChainedIBlocksAreReassembled) {
  DesfireEv1 card = ActiveCard();
  Bytes first = {0x12};  // I-block, chaining, block 0
  first.insert(first.end(), kSelectApplication.begin(), kSelectApplication.begin() + 5);
  EXPECT_EQ(card.Exchange(first, Link::kRaw).data, Bytes{0xA2});
  Bytes second = {0x03};
  second.insert(second.end(), kSelectApplication.begin() + 5, kSelectApplication.end());
  EXPECT_EQ(card.Exchange(second, Link::kRaw).data, (Bytes{0x03, 0x90, 0x00}));
}

}  // namespace
}  // namespace minegate::pn532sim
