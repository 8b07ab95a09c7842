// The police's person search through the real projector and SQLite file: names with accents,
// hyphens, apostrophes and swapped order, partial words and initials, document numbers in any
// form, nationality and arrival, site and date, bracelet UIDs (current and replaced), paging,
// and the name index after a rebuild and on a database from before it existed.
#include "server/police/person_search.hpp"

#include <gtest/gtest.h>

#include <set>

#include "base/hex.hpp"
#include "tests/unit/server_police/police_fixture.hpp"

namespace minegate::server {
namespace {

using police::Errc;
using police::PersonSearch;
using police::SearchQuery;

/// The search's people as "Given Family", in the order answered.
class PersonSearchTest : public PoliceTest {
 protected:
  police::Result<std::vector<std::string>> Names(SearchQuery query) {
    std::string next;
    auto page = PersonSearch(*connection_).Find(query, next);
    if (!page) return page.error();
    std::vector<std::string> names;
    for (const auto& person : page.value().persons()) {
      names.push_back(person.given_name() + " " + person.family_name());
    }
    return names;
  }

  std::vector<std::string> ByName(const std::string& typed) {
    SearchQuery query;
    query.kind = SearchQuery::Kind::kName;
    query.text = typed;
    auto names = Names(query);
    EXPECT_TRUE(names) << typed << ": " << names.error().message();
    return names ? names.value() : std::vector<std::string>{"<error>"};
  }

  using Names_ = std::vector<std::string>;
};

TEST_F(PersonSearchTest, NamesWhateverTheAccentsCaseAndOrder) {
  EXPECT_EQ(ByName("aissatou"), Names_{"Aïssatou Diallo"});
  EXPECT_EQ(ByName("AÏSSATOU"), Names_{"Aïssatou Diallo"});
  EXPECT_EQ(ByName("aissa"), Names_{"Aïssatou Diallo"});  // partial
  EXPECT_EQ(ByName("diallo aissatou"), Names_{"Aïssatou Diallo"});
  EXPECT_EQ(ByName("ndeye diop"), Names_{"Ndèye DIOP"});
  EXPECT_EQ(ByName("Diop Ndèye"), Names_{"Ndèye DIOP"});
  EXPECT_EQ(ByName("NDEYE"), Names_{"Ndèye DIOP"});
}

TEST_F(PersonSearchTest, ApostrophesAndHyphensSeparateAndJoin) {
  for (const char* typed : {"ndiaye", "n diaye", "N'Diaye", "N’DIAYE", "diaye", "fatou n"}) {
    EXPECT_EQ(ByName(typed), Names_{"Fatou N'Diaye"}) << typed;
  }
  for (const char* typed : {"ba toure", "batoure", "Ba-Touré", "toure", "BA TOURÉ aminata"}) {
    EXPECT_EQ(ByName(typed), Names_{"Aminata Ba-Touré"}) << typed;
  }
}

TEST_F(PersonSearchTest, ShortWordsStartAWord) {
  // Two letters: the start of a word (Ba, not the end of Diaba).
  EXPECT_EQ(ByName("ba"), Names_{"Aminata Ba-Touré"});
  // "di" starts Diallo, DIOP, Diaye (of N'Diaye), Diaba: registration order.
  EXPECT_EQ(ByName("di"),
            (Names_{"Aïssatou Diallo", "Ndèye DIOP", "Fatou N'Diaye", "Mariama Diaba"}));
  // One letter: an initial, checked on what the longer words found.
  EXPECT_EQ(ByName("a diallo"), Names_{"Aïssatou Diallo"});
  EXPECT_TRUE(ByName("z diallo").empty());
  EXPECT_TRUE(ByName("keita aissatou").empty());
  SearchQuery initials;
  initials.kind = SearchQuery::Kind::kName;
  initials.text = "A. D.";
  EXPECT_EQ(Names(initials).error(), Errc::name_too_short);
  initials.text = "  ";
  EXPECT_EQ(Names(initials).error(), Errc::name_too_short);
}

TEST_F(PersonSearchTest, PagesFollowEachOtherWithoutRepeats) {
  for (const std::string& typed :
       {std::string("di"), std::string("di n")}) {  // the second filters initials page by page
    SearchQuery query;
    query.kind = SearchQuery::Kind::kName;
    query.text = typed;
    query.limit = 1;
    std::vector<std::string> all;
    for (int page = 0; page < 10; ++page) {
      std::string next;
      auto found = PersonSearch(*connection_).Find(query, next);
      ASSERT_TRUE(found) << found.error().message();
      for (const auto& person : found.value().persons()) all.push_back(person.family_name());
      if (next.empty()) break;
      query.after = next;
    }
    const Names_ expected =
        typed == "di" ? Names_{"Diallo", "DIOP", "N'Diaye", "Diaba"} : Names_{"DIOP", "N'Diaye"};
    EXPECT_EQ(all, expected) << typed;
  }
  SearchQuery forged;
  forged.kind = SearchQuery::Kind::kName;
  forged.text = "diallo";
  forged.after = "d:1";  // another search's position
  EXPECT_EQ(Names(forged).error(), Errc::bad_cursor);
}

TEST_F(PersonSearchTest, DocumentNumbersInAnyForm) {
  SearchQuery query;
  query.kind = SearchQuery::Kind::kDocument;
  for (const char* typed : {"SN-123 456", "sn123456", "SN/123/456"}) {
    query.text = typed;
    EXPECT_EQ(Names(query).value(), Names_{"Ndèye DIOP"}) << typed;
  }
  query.text = "SN12345";
  EXPECT_TRUE(Names(query).value().empty());
  query.text = " - / ";
  EXPECT_EQ(Names(query).error(), Errc::bad_document);
}

TEST_F(PersonSearchTest, DocumentNumbersWithOtherSignsFoundAsTyped) {
  // The index keeps every character but spaces, dashes and slashes (schema 0012): a number
  // stored with a dot is found when typed with it, in any case and with spaces or dashes.
  Register(7, "Kadiatou", "Camara", v1::SEX_FEMALE, 2003, "GIN", 5, "GN.789 012");
  Receive();
  SearchQuery query;
  query.kind = SearchQuery::Kind::kDocument;
  for (const char* typed : {"GN.789 012", "gn.789-012", "GN.789012"}) {
    query.text = typed;
    auto names = Names(query);
    ASSERT_TRUE(names) << typed << ": " << names.error().message();
    EXPECT_EQ(names.value(), Names_{"Kadiatou Camara"}) << typed;
  }
  // The dot is part of the number, as the index has it.
  query.text = "GN789012";
  EXPECT_TRUE(Names(query).value().empty());
  // The route's rule stays: at least one letter or digit, at most 32 of them.
  query.text = ". - /";
  EXPECT_EQ(Names(query).error(), Errc::bad_document);
  query.text = std::string(32, '7') + ".";
  EXPECT_TRUE(Names(query));
  query.text = std::string(33, '7');
  EXPECT_EQ(Names(query).error(), Errc::bad_document);
}

TEST_F(PersonSearchTest, ReadsInItsOwnSnapshotOrAsASavepointOfTheCallers) {
  SearchQuery query;
  query.kind = SearchQuery::Kind::kName;
  query.text = "di";
  query.limit = 1;
  std::string next;
  ASSERT_TRUE(PersonSearch(*connection_).Find(query, next));
  EXPECT_FALSE(connection_->InTransaction());  // its snapshot ended with the page
  auto outer = db::Transaction::Begin(*connection_, db::Transaction::Mode::kDeferred);
  ASSERT_TRUE(outer);
  auto found = PersonSearch(*connection_).Find(query, next);
  ASSERT_TRUE(found) << found.error().message();
  EXPECT_EQ(found.value().persons(0).family_name(), "Diallo");
  EXPECT_TRUE(connection_->InTransaction());  // the caller's is still open
  EXPECT_TRUE(outer.value().Commit());
}

TEST_F(PersonSearchTest, NationalityAndArrival) {
  SearchQuery query;
  query.kind = SearchQuery::Kind::kNationality;
  query.nationality = "MLI";
  query.from_ms = kNow;
  query.to_ms = kNow + 10 * kDay;
  // Registration order: Keita (day 0), N'Diaye (day 2), Diaba (day 4).
  EXPECT_EQ(Names(query).value(), (Names_{"Moussa Keita", "Fatou N'Diaye", "Mariama Diaba"}));
  query.from_ms = kNow + 1 * kDay;
  query.to_ms = kNow + 4 * kDay;  // the end is excluded
  EXPECT_EQ(Names(query).value(), Names_{"Fatou N'Diaye"});
  query.nationality = "mli";
  EXPECT_EQ(Names(query).error(), Errc::bad_nationality);
  query.nationality = "MLI";
  query.to_ms = query.from_ms;
  EXPECT_EQ(Names(query).error(), Errc::bad_date_range);
}

TEST_F(PersonSearchTest, SiteAndDateEachPersonOnce) {
  SearchQuery query;
  query.kind = SearchQuery::Kind::kSite;
  query.site_id = kSite;
  query.from_ms = kNow;
  query.to_ms = kNow + 30 * kDay;
  query.limit = 1;
  std::vector<std::string> all;
  std::vector<std::int64_t> matched;
  for (int page = 0; page < 10; ++page) {
    std::string next;
    auto found = PersonSearch(*connection_).Find(query, next);
    ASSERT_TRUE(found) << found.error().message();
    for (const auto& person : found.value().persons()) {
      all.push_back(person.given_name());
      matched.push_back(person.matched_at_ms());
    }
    if (next.empty()) break;
    query.after = next;
  }
  // Aïssatou passed three times, Fatou once: each once, at her first passage in the range.
  EXPECT_EQ(all, (Names_{"Aïssatou", "Fatou"}));
  EXPECT_EQ(matched, (std::vector<std::int64_t>{kNow + 100, kNow + 2 * kDay + 100}));
  query.after.clear();
  query.limit = 50;
  query.from_ms = kNow + 1 * kDay;  // her first passage is before: the next one counts
  EXPECT_EQ(Names(query).value(), (Names_{"Aïssatou Diallo", "Fatou N'Diaye"}));
  query.site_id = kOtherSite;
  EXPECT_EQ(Names(query).value(), Names_{"Fatou N'Diaye"});
  query.site_id = 99;
  EXPECT_EQ(Names(query).error(), Errc::unknown_site);
}

TEST_F(PersonSearchTest, FirstAndLastSiteSeen) {
  SearchQuery query;
  query.kind = SearchQuery::Kind::kName;
  query.text = "ndiaye";
  std::string next;
  auto found = PersonSearch(*connection_).Find(query, next);
  ASSERT_TRUE(found);
  ASSERT_EQ(found.value().persons_size(), 1);
  const auto& fatou = found.value().persons(0);
  EXPECT_EQ(fatou.person_id(), base::ToHex(Token(3)));
  EXPECT_EQ(fatou.sex(), v1::SEX_FEMALE);
  EXPECT_EQ(fatou.birth_year(), 2001);
  EXPECT_EQ(fatou.nationality(), "MLI");
  EXPECT_EQ(fatou.first_site_name(), "Bantako");
  EXPECT_EQ(fatou.first_seen_at_ms(), kNow + 2 * kDay);
  EXPECT_EQ(fatou.last_site_name(), "Sabodala");
  EXPECT_EQ(fatou.last_site_id(), kOtherSite);
  EXPECT_EQ(fatou.last_seen_at_ms(), kNow + 8 * kDay + 100);
}

TEST_F(PersonSearchTest, BraceletUidCurrentOrReplaced) {
  SearchQuery query;
  query.kind = SearchQuery::Kind::kTagUid;
  query.tag_uid = TagUid(1);  // her first bracelet, replaced
  EXPECT_EQ(Names(query).value(), Names_{"Aïssatou Diallo"});
  query.tag_uid = TagUid(2);
  EXPECT_EQ(Names(query).value(), Names_{"Aïssatou Diallo"});
  query.tag_uid = TagUid(9);
  EXPECT_TRUE(Names(query).value().empty());
  query.tag_uid = "abc";
  EXPECT_EQ(Names(query).error(), Errc::bad_tag_uid);
}

TEST_F(PersonSearchTest, NameIndexRebuiltAndFilledForOlderDatabases) {
  Rebuild();
  EXPECT_EQ(ByName("ndeye diop"), Names_{"Ndèye DIOP"});
  EXPECT_EQ(ByName("batoure"), Names_{"Aminata Ba-Touré"});
  EXPECT_EQ(Count("SELECT count(*) FROM person_names_pending"), 0);
  // A database from before schema 0012: persons, no index, every person pending (what the
  // migration leaves); the projector indexes them when it starts.
  store_.reset();
  ASSERT_TRUE(connection_->Execute(
      "INSERT INTO person_names (person_names) VALUES ('delete-all');"
      "INSERT INTO person_names_pending (person_rowid) SELECT rowid FROM persons;"));
  EXPECT_TRUE(ByName("aissatou").empty());
  OpenStore();
  EXPECT_EQ(ByName("aissatou"), Names_{"Aïssatou Diallo"});
  EXPECT_EQ(Count("SELECT count(*) FROM person_names_pending"), 0);
  // A registration repeated with the same token is ignored, its name too.
  Register(1, "Awa", "Sow", v1::SEX_FEMALE, 2000, "SEN", 9);
  Receive();
  EXPECT_TRUE(ByName("sow").empty());
  EXPECT_EQ(ByName("aissatou"), Names_{"Aïssatou Diallo"});
}

}  // namespace
}  // namespace minegate::server
