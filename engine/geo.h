// Geography (docs/model.md §3.6): great-circle distance and Boulding's exponential
// loss-of-strength gradient.
#pragma once

#include "engine/scenario.h"

namespace overstretch {

inline constexpr double kEarthRadiusKm = 6371.0;

// Great-circle distance by the haversine formula, km.
double HaversineKm(LatLon a, LatLon b);

// Share of a unit that arrives after travelling distance_km: exp(-d / reach).
double ArrivalShare(double distance_km, double reach_km);

}  // namespace overstretch
