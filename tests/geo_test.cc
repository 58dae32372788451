// Great-circle distance and Boulding's loss-of-strength gradient (docs/model.md §3.6).
#include "engine/geo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace overstretch {
namespace {

// Gazetteer coordinates as used to build data/theaters.csv (values copied here:
// tests must not read the shared data folder).
constexpr LatLon kWashington{38.9072, -77.0369};
constexpr LatLon kBeijing{39.9042, 116.4074};
constexpr LatLon kSeoul{37.5665, 126.978};
constexpr LatLon kPyongyang{39.0392, 125.7625};
constexpr LatLon kPanmunjom{37.9556, 126.6772};  // KOR theater representative point

TEST(Geo, QuarterMeridianIsPiROverTwo) {
  // Worked example: (0,0)-(0,90) = 10007.543 km = pi R / 2.
  const double d = HaversineKm({0.0, 0.0}, {0.0, 90.0});
  EXPECT_NEAR(d, 10007.543, 1e-3);
  EXPECT_NEAR(d, std::numbers::pi * kEarthRadiusKm / 2.0, 1e-9);
}

TEST(Geo, KnownCityDistances) {
  // Worked example, quoted to 0.1 km: tolerance half a unit of the last digit.
  EXPECT_NEAR(HaversineKm(kWashington, kBeijing), 11145.6, 0.05);
  EXPECT_NEAR(HaversineKm(kSeoul, kPyongyang), 195.1, 0.05);
}

TEST(Geo, TheaterTableDistances) {
  // data/theaters.csv great_circle_km, rounded to whole km: tolerance 0.5 km.
  EXPECT_NEAR(HaversineKm(kSeoul, kPanmunjom), 51.0, 0.5);
  EXPECT_NEAR(HaversineKm(kWashington, kPanmunjom), 11131.0, 0.5);
  EXPECT_NEAR(HaversineKm(kPyongyang, kPanmunjom), 144.0, 0.5);
  EXPECT_NEAR(HaversineKm(kBeijing, kPanmunjom), 914.0, 0.5);
}

TEST(Geo, SymmetricZeroAndAntipodal) {
  EXPECT_DOUBLE_EQ(HaversineKm(kSeoul, kBeijing), HaversineKm(kBeijing, kSeoul));
  EXPECT_DOUBLE_EQ(HaversineKm(kSeoul, kSeoul), 0.0);
  // Antipodes: h rounds to about 1, where asin(sqrt(h)) must not turn NaN. The
  // formula is ill-conditioned there (an error of 1e-16 in h moves d by about
  // 2R * 1e-8 = 1.3e-4 km), hence the 1 m tolerance.
  const double half_circumference = std::numbers::pi * kEarthRadiusKm;
  EXPECT_NEAR(HaversineKm({10.0, 20.0}, {-10.0, -160.0}), half_circumference, 1e-3);
  EXPECT_NEAR(HaversineKm({90.0, 0.0}, {-90.0, 0.0}), half_circumference, 1e-3);
  // Crossing the date line takes the short way round.
  EXPECT_NEAR(HaversineKm({0.0, 179.0}, {0.0, -179.0}), 2.0 * half_circumference / 180.0, 1e-9);
}

TEST(Geo, ArrivalShareExponentialVector) {
  // Worked example, exponential LSG: S0 = 100, L = 5000 km, d = 3000 km -> 54.881164.
  EXPECT_NEAR(100.0 * ArrivalShare(3000.0, 5000.0), 54.881164, 1e-6);
  EXPECT_DOUBLE_EQ(ArrivalShare(0.0, 5000.0), 1.0);
  // One reach away, a unit arrives at 1/e strength.
  EXPECT_NEAR(ArrivalShare(5000.0, 5000.0), std::exp(-1.0), 1e-15);
  // Longer trips lose more.
  EXPECT_LT(ArrivalShare(11131.0, 5000.0), ArrivalShare(3255.0, 5000.0));
}

TEST(Geo, ArrivalShareZeroReachIsNotNan) {
  // A unit without reach delivers nothing away from home, all of itself at home.
  EXPECT_DOUBLE_EQ(ArrivalShare(100.0, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(ArrivalShare(0.0, 0.0), 1.0);
}

}  // namespace
}  // namespace overstretch
