// Every police query is index-backed: EXPLAIN QUERY PLAN of each, on the real schema, uses the
// index it was written for and scans no table (server/police/README.md lists the plans).
#include <gtest/gtest.h>

#include "db/query.hpp"
#include "tests/unit/server_police/police_fixture.hpp"

namespace minegate::server {
namespace {

class PoliceQueryPlanTest : public PoliceTest {
 protected:
  /// The plan's lines, joined by " | ".
  std::string Plan(const std::string& sql) {
    auto rows = db::QueryAll(*connection_, "EXPLAIN QUERY PLAN " + sql,
                             [](const db::Statement& row) { return row.ColumnText(3); });
    EXPECT_TRUE(rows) << sql;
    std::string plan;
    if (!rows) return plan;
    for (const std::string& line : rows.value()) plan += (plan.empty() ? "" : " | ") + line;
    return plan;
  }
};

TEST_F(PoliceQueryPlanTest, EachSearchUsesItsIndex) {
  const std::string name = Plan(
      "SELECT p.rowid FROM person_names f JOIN persons p ON p.rowid = f.rowid "
      "WHERE person_names MATCH 'diallo' AND f.rowid > 0 ORDER BY f.rowid LIMIT 10");
  EXPECT_NE(name.find("VIRTUAL TABLE INDEX"), std::string::npos) << name;
  EXPECT_NE(name.find("SEARCH p USING INTEGER PRIMARY KEY"), std::string::npos) << name;

  const std::string document = Plan(
      "SELECT p.rowid FROM persons p WHERE replace(replace(replace(upper(p.document_number), "
      "' ', ''), '-', ''), '/', '') = 'SN1' AND p.document_number <> '' AND p.rowid > 0 "
      "ORDER BY p.rowid LIMIT 10");
  EXPECT_NE(document.find("persons_by_document_key"), std::string::npos) << document;

  const std::string arrival = Plan(
      "SELECT p.rowid FROM persons p WHERE p.nationality = 'MLI' AND p.registered_at_ms >= 0 "
      "AND p.registered_at_ms < 9 AND (p.registered_at_ms, p.rowid) > (0, 0) "
      "ORDER BY p.registered_at_ms, p.rowid LIMIT 10");
  EXPECT_NE(arrival.find("persons_by_nationality_arrival"), std::string::npos) << arrival;
  EXPECT_EQ(arrival.find("TEMP B-TREE"), std::string::npos) << arrival;

  const std::string site = Plan(
      "SELECT s.person_token FROM passages s JOIN persons p ON p.person_token = s.person_token "
      "WHERE s.site_id = 1 AND s.occurred_at_ms >= 0 AND s.occurred_at_ms < 9 "
      "AND s.verification = 1 AND (s.occurred_at_ms, s.log_position) > (0, 0) "
      "AND NOT EXISTS (SELECT 1 FROM passages e INDEXED BY passages_by_person "
      "WHERE e.person_token = s.person_token "
      "AND e.occurred_at_ms >= 0 AND e.occurred_at_ms <= s.occurred_at_ms "
      "AND e.site_id = s.site_id AND e.verification = 1 "
      "AND (e.occurred_at_ms, e.log_position) < (s.occurred_at_ms, s.log_position)) "
      "ORDER BY s.occurred_at_ms, s.log_position LIMIT 10");
  EXPECT_NE(site.find("SEARCH s USING INDEX passages_by_site_time"), std::string::npos) << site;
  EXPECT_NE(site.find("SEARCH e USING INDEX passages_by_person"), std::string::npos) << site;
  EXPECT_EQ(site.find("SCAN"), std::string::npos) << site;

  const std::string uid = Plan(
      "SELECT p.rowid FROM persons p WHERE p.person_token IN (SELECT person_token FROM "
      "bracelets WHERE tag_uid = x'01' UNION SELECT person_token FROM passages WHERE tag_uid "
      "= x'01' AND verification = 1 AND person_token IS NOT NULL)");
  EXPECT_NE(uid.find("passages_by_tag"), std::string::npos) << uid;
  EXPECT_EQ(uid.find("SCAN p"), std::string::npos) << uid;

  const std::string census = Plan(
      "SELECT observed_at_ms FROM census_observations WHERE person_token = x'01' "
      "ORDER BY observed_at_ms");
  EXPECT_NE(census.find("census_observations_by_person"), std::string::npos) << census;
  const std::string passages = Plan(
      "SELECT occurred_at_ms FROM passages WHERE person_token = x'01' "
      "ORDER BY occurred_at_ms DESC, log_position DESC LIMIT 10");
  EXPECT_NE(passages.find("passages_by_person"), std::string::npos) << passages;
  for (const std::string& line : {name, document, arrival, site, uid, census, passages}) {
    std::cout << "PLAN " << line << "\n";
  }
}

}  // namespace
}  // namespace minegate::server
