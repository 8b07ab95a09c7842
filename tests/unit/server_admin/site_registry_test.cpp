// Sites and gates: creation, uniqueness, validation, listing.
#include "server/admin/site_registry.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "server/admin/error.hpp"
#include "tests/unit/server_admin/admin_test_support.hpp"

namespace minegate::server::admin {
namespace {

class SiteRegistryTest : public test::AdminTest {
 protected:
  SiteRegistry sites_{connection(), clock()};
};

TEST_F(SiteRegistryTest, AddSiteReturnsItsIdAndListsIt) {
  auto bantako = sites_.AddSite("Bantako", Department::kKedougou);
  ASSERT_TRUE(bantako) << bantako.error().message();
  auto khossanto = sites_.AddSite("Khossanto", Department::kSaraya);
  ASSERT_TRUE(khossanto) << khossanto.error().message();
  EXPECT_NE(bantako.value(), khossanto.value());

  auto listed = sites_.ListSites();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed.value().size(), 2u);
  EXPECT_EQ(listed.value()[0].site_id, bantako.value());
  EXPECT_EQ(listed.value()[0].name, "Bantako");
  EXPECT_EQ(listed.value()[0].department, Department::kKedougou);
  EXPECT_EQ(listed.value()[0].created_at_ms, test::kStartMs);
  EXPECT_EQ(listed.value()[1].department, Department::kSaraya);

  auto found = sites_.FindSite(khossanto.value());
  ASSERT_TRUE(found);
  EXPECT_EQ(found.value().name, "Khossanto");
}

TEST_F(SiteRegistryTest, AccentedNamesAreKept) {
  auto site = sites_.AddSite("Kharakhéna – Diyabougou", Department::kSaraya);
  ASSERT_TRUE(site) << site.error().message();
  EXPECT_EQ(sites_.FindSite(site.value()).value().name, "Kharakhéna – Diyabougou");
}

TEST_F(SiteRegistryTest, DuplicateSiteNameIsRefusedAndNothingAdded) {
  ASSERT_TRUE(sites_.AddSite("Bantako", Department::kKedougou));
  auto again = sites_.AddSite("Bantako", Department::kSaraya);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), Errc::site_exists);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sites"), 1);
}

TEST_F(SiteRegistryTest, BadSiteNamesAreRefused) {
  for (const std::string& name :
       {std::string(), std::string("   "), std::string("a\nb"), std::string("tab\there"),
        std::string(129, 'x'), std::string("bad \xC3\x28 utf8"), std::string("over\xC0\xAFlong")}) {
    auto site = sites_.AddSite(name, Department::kKedougou);
    ASSERT_FALSE(site) << name;
    EXPECT_EQ(site.error(), Errc::bad_name) << name;
  }
  EXPECT_TRUE(sites_.AddSite(std::string(128, 'x'), Department::kKedougou));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM sites"), 1);
}

TEST_F(SiteRegistryTest, GateNeedsAnExistingSite) {
  auto gate = sites_.AddGate(42, "Nord");
  ASSERT_FALSE(gate);
  EXPECT_EQ(gate.error(), Errc::unknown_site);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM gates"), 0);
}

TEST_F(SiteRegistryTest, GateNamesAreUniquePerSite) {
  const std::int64_t bantako = sites_.AddSite("Bantako", Department::kKedougou).value();
  const std::int64_t tenkoto = sites_.AddSite("Tenkoto", Department::kKedougou).value();
  auto north = sites_.AddGate(bantako, "Porte nord");
  ASSERT_TRUE(north) << north.error().message();
  EXPECT_TRUE(sites_.AddGate(tenkoto, "Porte nord"));
  auto again = sites_.AddGate(bantako, "Porte nord");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), Errc::gate_exists);

  auto gate = sites_.FindGate(north.value());
  ASSERT_TRUE(gate);
  EXPECT_EQ(gate.value().site_id, bantako);
  EXPECT_EQ(gate.value().name, "Porte nord");
  EXPECT_EQ(gate.value().created_at_ms, test::kStartMs);
}

TEST_F(SiteRegistryTest, BadGateNameIsRefused) {
  const std::int64_t site = sites_.AddSite("Bantako", Department::kKedougou).value();
  auto gate = sites_.AddGate(site, std::string(65, 'g'));
  ASSERT_FALSE(gate);
  EXPECT_EQ(gate.error(), Errc::bad_name);
}

TEST_F(SiteRegistryTest, ListGatesAllOrOfOneSite) {
  const std::int64_t bantako = sites_.AddSite("Bantako", Department::kKedougou).value();
  const std::int64_t tenkoto = sites_.AddSite("Tenkoto", Department::kKedougou).value();
  ASSERT_TRUE(sites_.AddGate(bantako, "Nord"));
  ASSERT_TRUE(sites_.AddGate(tenkoto, "Sud"));
  ASSERT_TRUE(sites_.AddGate(bantako, "Est"));

  EXPECT_EQ(sites_.ListGates().value().size(), 3u);
  auto of_bantako = sites_.ListGates(bantako);
  ASSERT_TRUE(of_bantako);
  ASSERT_EQ(of_bantako.value().size(), 2u);
  EXPECT_EQ(of_bantako.value()[0].name, "Nord");
  EXPECT_EQ(of_bantako.value()[1].name, "Est");

  auto of_unknown = sites_.ListGates(999);
  ASSERT_FALSE(of_unknown);
  EXPECT_EQ(of_unknown.error(), Errc::unknown_site);
}

TEST_F(SiteRegistryTest, FindUnknownSiteAndGate) {
  EXPECT_EQ(sites_.FindSite(7).error(), Errc::unknown_site);
  EXPECT_EQ(sites_.FindGate(7).error(), Errc::unknown_gate);
}

TEST_F(SiteRegistryTest, ASiteHasNoLocationUntilBothCoordinatesAreSet) {
  auto site = sites_.AddSite("Bantako", Department::kKedougou);
  ASSERT_TRUE(site);
  auto found = sites_.FindSite(site.value());
  ASSERT_TRUE(found);
  EXPECT_FALSE(found.value().latitude);
  EXPECT_FALSE(found.value().longitude);

  ASSERT_TRUE(sites_.SetLocation(site.value(), 12.5556, -12.1743));
  found = sites_.FindSite(site.value());
  ASSERT_TRUE(found);
  EXPECT_EQ(found.value().latitude, 12.5556);
  EXPECT_EQ(found.value().longitude, -12.1743);
  EXPECT_EQ(sites_.ListSites().value()[0].longitude, -12.1743);
  // Moved (a position entered wrongly, then corrected); the edges of the ranges are places too.
  ASSERT_TRUE(sites_.SetLocation(site.value(), -90, 180));
  EXPECT_EQ(sites_.FindSite(site.value()).value().latitude, -90);
}

TEST_F(SiteRegistryTest, CoordinatesOutOfRangeOrUnknownSitesAreRefusedAndNothingChanges) {
  auto site = sites_.AddSite("Bantako", Department::kKedougou);
  ASSERT_TRUE(site);
  ASSERT_TRUE(sites_.SetLocation(site.value(), 12.5, -12.2));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const auto& [latitude, longitude] : std::vector<std::pair<double, double>>{{90.0001, 0},
                                                                                  {-90.5, 0},
                                                                                  {0, 180.01},
                                                                                  {0, -181},
                                                                                  {nan, 0},
                                                                                  {0, nan},
                                                                                  {inf, 0},
                                                                                  {0, -inf},
                                                                                  {-12.2, 372.5}}) {
    auto set = sites_.SetLocation(site.value(), latitude, longitude);
    ASSERT_FALSE(set) << latitude << " " << longitude;
    EXPECT_EQ(set.error(), Errc::bad_coordinates);
  }
  EXPECT_EQ(sites_.SetLocation(site.value() + 1, 12, -12).error(), Errc::unknown_site);
  EXPECT_EQ(sites_.FindSite(site.value()).value().latitude, 12.5);
  EXPECT_EQ(sites_.FindSite(site.value()).value().longitude, -12.2);
}

TEST(DepartmentTest, ParsesOnlyTheThreeDepartments) {
  EXPECT_EQ(ParseDepartment("kedougou"), Department::kKedougou);
  EXPECT_EQ(ParseDepartment("saraya"), Department::kSaraya);
  EXPECT_EQ(ParseDepartment("salemata"), Department::kSalemata);
  EXPECT_FALSE(ParseDepartment("dakar"));
  EXPECT_FALSE(ParseDepartment("Kedougou"));
  EXPECT_FALSE(ParseDepartment(""));
  for (Department d : {Department::kKedougou, Department::kSaraya, Department::kSalemata}) {
    EXPECT_EQ(ParseDepartment(DepartmentName(d)), d);
    EXPECT_EQ(DevicePrefix(d).size(), 3u);
  }
}

}  // namespace
}  // namespace minegate::server::admin
