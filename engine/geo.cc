#include "engine/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace overstretch {
namespace {

constexpr double kRadiansPerDegree = std::numbers::pi / 180.0;

}  // namespace

double HaversineKm(LatLon a, LatLon b) {
  const double lat_a = a.lat_deg * kRadiansPerDegree;
  const double lat_b = b.lat_deg * kRadiansPerDegree;
  const double half_dlat = 0.5 * (lat_b - lat_a);
  const double half_dlon = 0.5 * (b.lon_deg - a.lon_deg) * kRadiansPerDegree;
  const double sin_dlat = std::sin(half_dlat);
  const double sin_dlon = std::sin(half_dlon);
  double h = sin_dlat * sin_dlat + std::cos(lat_a) * std::cos(lat_b) * sin_dlon * sin_dlon;
  // Rounding can push h a hair above 1 for antipodal points, and asin(sqrt(h))
  // would then be NaN; the true value is at most 1.
  h = std::clamp(h, 0.0, 1.0);
  return 2.0 * kEarthRadiusKm * std::asin(std::sqrt(h));
}

double ArrivalShare(double distance_km, double reach_km) {
  // A zero reach means the unit cannot project force at all: nothing arrives
  // unless it does not travel (d / 0 would give NaN at d = 0).
  if (reach_km <= 0.0) return distance_km <= 0.0 ? 1.0 : 0.0;
  return std::exp(-distance_km / reach_km);
}

}  // namespace overstretch
