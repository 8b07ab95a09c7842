// The arithmetic behind a suspected clone: the haversine distance and the travel decision.
#include "server/security/travel_rule.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "server/security/geo.hpp"

namespace minegate::server::security {
namespace {

constexpr GeoPoint kKedougou{12.5556, -12.1743};
constexpr GeoPoint kDakar{14.6937, -17.4441};
constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180;
constexpr std::int64_t kOneMinute = 60'000;
constexpr std::int64_t kOneHour = 60 * kOneMinute;

/// The point `km` due north of `from`.
GeoPoint North(GeoPoint from, double km) {
  return {from.latitude + km / kKmPerDegree, from.longitude};
}

TEST(HaversineTest, KnownDistances) {
  EXPECT_DOUBLE_EQ(HaversineKm(kKedougou, kKedougou), 0);
  // Along a meridian a degree is the same everywhere on the sphere.
  EXPECT_NEAR(HaversineKm({0, 0}, {1, 0}), kKmPerDegree, 1e-9);
  EXPECT_NEAR(HaversineKm(kKedougou, North(kKedougou, 300)), 300, 1e-6);
  // Equator to pole, and to the antipode (where rounding once pushed asin out of its domain).
  EXPECT_NEAR(HaversineKm({0, 0}, {90, 0}), std::numbers::pi * kEarthRadiusKm / 2, 1e-6);
  EXPECT_NEAR(HaversineKm({0, 0}, {0, 180}), std::numbers::pi * kEarthRadiusKm, 1e-6);
  EXPECT_NEAR(HaversineKm({12.5, -12.2}, {-12.5, 167.8}), std::numbers::pi * kEarthRadiusKm, 1e-6);
  // Kédougou to Dakar: 617 km as the crow flies (about 700 by the N7).
  EXPECT_NEAR(HaversineKm(kKedougou, kDakar), 617, 2);
  // Along a parallel a degree of longitude shrinks with the cosine of the latitude.
  EXPECT_NEAR(HaversineKm({60, 0}, {60, 1}), kKmPerDegree / 2, 0.01);
}

TEST(HaversineTest, IsSymmetricAndCrossesTheDateLine) {
  EXPECT_DOUBLE_EQ(HaversineKm(kKedougou, kDakar), HaversineKm(kDakar, kKedougou));
  EXPECT_NEAR(HaversineKm({0, 179.5}, {0, -179.5}), kKmPerDegree, 1e-6);
}

TEST(TravelRuleTest, ThreeHundredKilometresInTenMinutesIsImplausibleInThreeDaysIsNot) {
  const TravelRule rule;  // 60 km/h, 5 minutes for the clocks
  EXPECT_EQ(rule.max_speed_kmh, 60);
  EXPECT_TRUE(IsImplausible(rule, 300, 10 * kOneMinute));
  EXPECT_TRUE(IsImplausible(rule, 300, -10 * kOneMinute))
      << "the order of the taps does not matter";
  EXPECT_FALSE(IsImplausible(rule, 300, 3 * 24 * kOneHour));
  // 300 km at 60 km/h takes 5 h, less the 5 minutes the clocks may be off.
  EXPECT_TRUE(IsImplausible(rule, 300, 5 * kOneHour - 5 * kOneMinute - 1));
  EXPECT_FALSE(IsImplausible(rule, 300, 5 * kOneHour - 5 * kOneMinute));
  EXPECT_EQ(ImplausibleWithinMs(rule, 300), 5 * kOneHour - 5 * kOneMinute);
}

TEST(TravelRuleTest, SameInstantAtTwoSitesDependsOnlyOnTheDistance) {
  const TravelRule rule;
  EXPECT_TRUE(IsImplausible(rule, 300, 0));
  EXPECT_TRUE(IsImplausible(rule, 5.1, 0)) << "5.1 km in 5 minutes is 61 km/h";
  // Two neighbouring sites whose kiosks disagree by a few minutes: not a clone.
  EXPECT_FALSE(IsImplausible(rule, 3, 0));
  EXPECT_FALSE(IsImplausible(rule, 5, 0));
  EXPECT_EQ(ImplausibleWithinMs(rule, 4), -1) << "no pair of taps 4 km apart can be suspect";
  EXPECT_LE(ImplausibleWithinMs(rule, 5), 0) << "5 km is the edge";
  // Two sites at the same place never are.
  EXPECT_FALSE(IsImplausible(rule, 0, 0));
  EXPECT_EQ(ImplausibleWithinMs(rule, 0), -1);
}

TEST(TravelRuleTest, TheSpeedDecides) {
  TravelRule rule;
  rule.clock_allowance_ms = 0;
  rule.max_speed_kmh = 60;
  EXPECT_TRUE(IsImplausible(rule, 61, kOneHour));
  EXPECT_FALSE(IsImplausible(rule, 60, kOneHour));
  rule.max_speed_kmh = 100;
  EXPECT_FALSE(IsImplausible(rule, 61, kOneHour));
  EXPECT_TRUE(IsImplausible(rule, 101, kOneHour));
  // Without the allowance, any distance at the same instant is implausible.
  EXPECT_TRUE(IsImplausible(rule, 0.01, 0));
  EXPECT_EQ(ImplausibleWithinMs(rule, 100), kOneHour);
}

TEST(TravelRuleTest, ANonsenseRuleFlagsNothing) {
  TravelRule rule;
  rule.max_speed_kmh = 0;
  EXPECT_FALSE(IsImplausible(rule, 300, 0));
  EXPECT_EQ(ImplausibleWithinMs(rule, 300), -1);
  EXPECT_FALSE(IsImplausible(TravelRule{}, std::nan(""), 0));
}

TEST(TravelRuleTest, RequiredSpeedIsForPeopleToRead) {
  EXPECT_DOUBLE_EQ(RequiredSpeedKmh(300, 10 * kOneMinute), 1800);
  EXPECT_DOUBLE_EQ(RequiredSpeedKmh(300, -10 * kOneMinute), 1800);
  EXPECT_DOUBLE_EQ(RequiredSpeedKmh(300, 0), 0) << "same moment: the page says so";
}

}  // namespace
}  // namespace minegate::server::security
