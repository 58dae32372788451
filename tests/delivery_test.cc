// The turn's transport problem (docs/model.md §3.6) on hand-solved networks.
//
// Every place sits on the equator, so the distance between longitudes a and b
// is kEarthRadiusKm * |a - b| in radians, and with a reach of 45 degrees' worth
// of km an actor 90 degrees from a theater keeps exp(-2) of each unit sent
// from home, one 45 degrees away exp(-1), a base on the theater itself 1.
#include "engine/delivery.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <string>
#include <vector>

#include "engine/geo.h"

namespace overstretch {
namespace {

constexpr double kKmPerDegree = kEarthRadiusKm * std::numbers::pi / 180.0;
constexpr double kReach45 = 45.0 * kKmPerDegree;
constexpr double kTol = 1e-9;

struct BaseSpec {
  double lon_deg;
  double capacity;
};

// A scenario with actors, bases and theaters at the given longitudes on the
// equator; ids are zero-padded so the sorted order is the given order.
Scenario MakeScenario(const std::vector<double>& actor_lon, const std::vector<BaseSpec>& bases,
                      const std::vector<double>& theater_lon) {
  Scenario scenario;
  scenario.name = "delivery_test";
  for (std::size_t i = 0; i < actor_lon.size(); ++i) {
    ActorDef actor;
    actor.id = std::string("A").append(std::to_string(i));
    actor.attrs.home = LatLon{0.0, actor_lon[i]};
    actor.attrs.reach_km = kReach45;
    scenario.actors.push_back(actor);
  }
  for (std::size_t b = 0; b < bases.size(); ++b) {
    BaseDef base;
    base.id = std::string("B").append(std::to_string(b));
    base.location = LatLon{0.0, bases[b].lon_deg};
    base.capacity = bases[b].capacity;
    scenario.bases.push_back(base);
  }
  for (std::size_t k = 0; k < theater_lon.size(); ++k) {
    TheaterDef theater;
    theater.id = std::string("T").append(std::to_string(k));
    theater.location = LatLon{0.0, theater_lon[k]};
    scenario.theaters.push_back(theater);
  }
  return scenario;
}

std::vector<double> Capacities(const Scenario& scenario) {
  std::vector<double> capacity;
  for (const BaseDef& base : scenario.bases) capacity.push_back(base.capacity);
  return capacity;
}

DeliverySource Source(int actor, int theater, double amount) {
  return DeliverySource{ActorIndex(actor), TheaterIndex(theater), amount};
}

// Two actors, one theater at longitude 0 with a base on it: "far" (home at
// 90, keeps e^-2 from home) and "near" (home at 45, keeps e^-1).
Scenario TwoActorsOneBase(double capacity) {
  return MakeScenario({90.0, 45.0}, {{0.0, capacity}}, {0.0});
}

TEST(DeliveryTest, PrecomputesGreatCircleDistancesAndShares) {
  const Scenario scenario = TwoActorsOneBase(3.0);
  const DeliveryPlanner planner(scenario);
  EXPECT_EQ(planner.base_count(), 1u);
  EXPECT_NEAR(planner.HomeDistanceKm(ActorIndex(0), TheaterIndex(0)), 90.0 * kKmPerDegree, 1e-6);
  EXPECT_NEAR(planner.HomeDistanceKm(ActorIndex(1), TheaterIndex(0)), 45.0 * kKmPerDegree, 1e-6);
  EXPECT_NEAR(planner.BaseDistanceKm(BaseIndex(0), TheaterIndex(0)), 0.0, 1e-9);
  EXPECT_NEAR(planner.HomeShare(ActorIndex(0), TheaterIndex(0), kReach45), std::exp(-2.0), kTol);
  EXPECT_NEAR(planner.HomeShare(ActorIndex(1), TheaterIndex(0), kReach45), std::exp(-1.0), kTol);
  EXPECT_EQ(planner.BaseShare(BaseIndex(0), TheaterIndex(0), kReach45), 1.0);
}

TEST(DeliveryTest, ScarceBaseGoesToTheLargerMarginalGain) {
  // Both want 4 through a base of capacity 3. A unit moved from home to the
  // base gains 1 - e^-2 = 0.8647 for far and 1 - e^-1 = 0.6321 for near, so
  // far takes all 3 slots:
  //   far:  3 * 1 + 1 * e^-2 = 3.135335,  near: 4 * e^-1 = 1.471518,
  //   total 4.606853 (the other way round: 3 + e^-1 + 4 e^-2 = 3.909).
  const Scenario scenario = TwoActorsOneBase(3.0);
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 4.0), Source(1, 0, 4.0)};
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<std::uint8_t> usable = {1, 1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);

  ASSERT_EQ(result.delivered.size(), 2u);
  ASSERT_EQ(result.base_load.size(), 1u);
  EXPECT_EQ(result.base_load[0], 3.0);
  EXPECT_NEAR(result.via_home[0], 1.0, kTol);
  EXPECT_NEAR(result.via_home[1], 4.0, kTol);
  EXPECT_NEAR(result.delivered[0], 3.0 + std::exp(-2.0), kTol);
  EXPECT_NEAR(result.delivered[1], 4.0 * std::exp(-1.0), kTol);
  EXPECT_NEAR(result.delivered[0] + result.delivered[1], 4.606853, 1e-6);
}

TEST(DeliveryTest, LeftoverBaseCapacityGoesToTheNextBestSource) {
  // Far wants 2, near 4, capacity 3: far fills 2 slots, near takes the last
  // one and sends 3 from home.
  //   far:  2 * 1 = 2,  near: 1 * 1 + 3 * e^-1 = 2.103638.
  const Scenario scenario = TwoActorsOneBase(3.0);
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 2.0), Source(1, 0, 4.0)};
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<std::uint8_t> usable = {1, 1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);

  EXPECT_EQ(result.base_load[0], 3.0);
  EXPECT_EQ(result.via_home[0], 0.0);
  EXPECT_NEAR(result.via_home[1], 3.0, kTol);
  EXPECT_NEAR(result.delivered[0], 2.0, kTol);
  EXPECT_NEAR(result.delivered[1], 1.0 + 3.0 * std::exp(-1.0), kTol);
  EXPECT_NEAR(result.delivered[1], 2.103638, 1e-6);
}

TEST(DeliveryTest, UnusableBaseSendsEverythingFromHome) {
  // Same network, but neither may use the base: 4 e^-2 and 4 e^-1.
  const Scenario scenario = TwoActorsOneBase(3.0);
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 4.0), Source(1, 0, 4.0)};
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<std::uint8_t> usable = {0, 0};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);

  EXPECT_EQ(result.base_load[0], 0.0);
  EXPECT_EQ(result.via_home, (std::vector<double>{4.0, 4.0}));
  EXPECT_NEAR(result.delivered[0], 4.0 * std::exp(-2.0), kTol);
  EXPECT_NEAR(result.delivered[1], 4.0 * std::exp(-1.0), kTol);

  // Only near may use it: near takes 3 slots although far would gain more.
  const std::vector<std::uint8_t> near_only = {0, 1};
  planner.Solve(sources, reach, Capacities(scenario), near_only, result);
  EXPECT_EQ(result.base_load[0], 3.0);
  EXPECT_NEAR(result.delivered[0], 4.0 * std::exp(-2.0), kTol);
  EXPECT_NEAR(result.delivered[1], 3.0 + std::exp(-1.0), kTol);
}

TEST(DeliveryTest, ZeroCapacityBaseIsUnusable) {
  const Scenario scenario = TwoActorsOneBase(0.0);
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 4.0)};
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<std::uint8_t> usable = {1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);
  EXPECT_EQ(result.base_load[0], 0.0);
  EXPECT_EQ(result.via_home[0], 4.0);
  EXPECT_NEAR(result.delivered[0], 4.0 * std::exp(-2.0), kTol);
}

TEST(DeliveryTest, ScenarioWithoutBases) {
  const Scenario scenario = MakeScenario({90.0}, {}, {0.0});
  DeliveryPlanner planner(scenario);
  EXPECT_EQ(planner.base_count(), 0u);
  const std::vector<DeliverySource> sources = {Source(0, 0, 2.0)};
  const std::vector<double> reach = {kReach45};
  DeliveryResult result;
  planner.Solve(sources, reach, {}, {}, result);
  EXPECT_TRUE(result.base_load.empty());
  EXPECT_EQ(result.via_home[0], 2.0);
  EXPECT_NEAR(result.delivered[0], 2.0 * std::exp(-2.0), kTol);
}

TEST(DeliveryTest, PresolveKeepsSourcesWithNoBetterBaseAtHome) {
  // Theater at 0; actor home at 45 (e^-1). Base 0 at 60 is farther than home
  // (e^-60/45 = 0.264 < 0.368); base 1 at -45 is exactly as far as home, and
  // "no better" means home. Everything goes home, both bases stay empty.
  const Scenario scenario = MakeScenario({45.0}, {{60.0, 10.0}, {-45.0, 10.0}}, {0.0});
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 5.0)};
  const std::vector<double> reach = {kReach45};
  const std::vector<std::uint8_t> usable = {1, 1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);
  EXPECT_EQ(result.base_load, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(result.via_home[0], 5.0);
  EXPECT_EQ(result.delivered[0], 5.0 * planner.HomeShare(ActorIndex(0), TheaterIndex(0), kReach45));
  EXPECT_NEAR(result.delivered[0], 5.0 * std::exp(-1.0), kTol);
}

TEST(DeliveryTest, ZeroAmountDeliversNothing) {
  const Scenario scenario = TwoActorsOneBase(3.0);
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 0.0), Source(1, 0, 2.0)};
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<std::uint8_t> usable = {1, 1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);
  EXPECT_EQ(result.delivered[0], 0.0);
  EXPECT_EQ(result.via_home[0], 0.0);
  // Near has the base to itself: 2 slots at share 1.
  EXPECT_EQ(result.base_load[0], 2.0);
  EXPECT_NEAR(result.delivered[1], 2.0, kTol);

  // No sources at all: empty results, zero loads.
  planner.Solve({}, reach, Capacities(scenario), {}, result);
  EXPECT_TRUE(result.delivered.empty());
  EXPECT_TRUE(result.via_home.empty());
  EXPECT_EQ(result.base_load, (std::vector<double>{0.0}));
}

TEST(DeliveryTest, TheatersShareOneBase) {
  // Theaters at 0 and 10, a base of capacity 3 at 5, one actor at 90 with
  // 2 units for each. Base share toward either theater: e^-5/45 = 0.894839.
  // Home shares: T0 e^-90/45 = 0.135335, T1 e^-80/45 = 0.169013. Gains per
  // base slot: T0 0.759504 > T1 0.725826, so T0 gets 2 slots, T1 the last:
  //   T0: 2 * 0.894839 = 1.789679,  T1: 0.894839 + 0.169013 = 1.063853.
  const Scenario scenario = MakeScenario({90.0}, {{5.0, 3.0}}, {0.0, 10.0});
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 2.0), Source(0, 1, 2.0)};
  const std::vector<double> reach = {kReach45};
  const std::vector<std::uint8_t> usable = {1, 1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);

  const double base_share = std::exp(-5.0 / 45.0);
  EXPECT_EQ(result.base_load[0], 3.0);
  EXPECT_NEAR(result.via_home[0], 0.0, kTol);
  EXPECT_NEAR(result.via_home[1], 1.0, kTol);
  EXPECT_NEAR(result.delivered[0], 2.0 * base_share, kTol);
  EXPECT_NEAR(result.delivered[1], base_share + std::exp(-80.0 / 45.0), kTol);
  EXPECT_NEAR(result.delivered[0], 1.789679, 1e-6);
  EXPECT_NEAR(result.delivered[1], 1.063853, 1e-6);
}

TEST(DeliveryTest, OneSourceSplitsOverTwoBasesAndHome) {
  // One actor at 90 (home e^-2) with 5 units for the theater at 0; base 0 on
  // the theater (share 1, capacity 2), base 1 at 22.5 (share e^-0.5,
  // capacity 2). Best first: 2 via base 0, 2 via base 1, 1 from home:
  //   2 + 2 e^-0.5 + e^-2 = 2 + 1.213061 + 0.135335 = 3.348396.
  const Scenario scenario = MakeScenario({90.0}, {{0.0, 2.0}, {22.5, 2.0}}, {0.0});
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 5.0)};
  const std::vector<double> reach = {kReach45};
  const std::vector<std::uint8_t> usable = {1, 1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);
  EXPECT_EQ(result.base_load, (std::vector<double>{2.0, 2.0}));
  EXPECT_NEAR(result.via_home[0], 1.0, kTol);
  EXPECT_NEAR(result.delivered[0], 2.0 + 2.0 * std::exp(-0.5) + std::exp(-2.0), kTol);
  EXPECT_NEAR(result.delivered[0], 3.348396, 1e-6);
}

TEST(DeliveryTest, FractionalCapacityIsUsedToTheMilliUnit) {
  // 4.35 * 1000 is 4349.999... in binary; the base must still carry 4.35 and
  // the source's departures must add up to its amount exactly.
  const Scenario scenario = TwoActorsOneBase(4.35);
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 7.1234567)};
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<std::uint8_t> usable = {1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);
  EXPECT_EQ(result.base_load[0], 4.35);
  EXPECT_NEAR(result.via_home[0] + result.base_load[0], 7.1234567, 1e-12);
  EXPECT_NEAR(result.delivered[0], 4.35 + (7.1234567 - 4.35) * std::exp(-2.0), 1e-12);
}

TEST(DeliveryTest, SingleBaseMatchesGreedyByGain) {
  // With one base the optimum is known in closed form: rank the sources by
  // their gain per unit moved from home to the base (share_b - share_home)
  // and fill the capacity in that order. Amounts and capacity are whole
  // milli-units, so the flow solution must match to rounding.
  const std::vector<double> actor_lon = {100.0, 60.0, 75.0, 20.0, 130.0, 95.0};
  const std::vector<double> theater_lon = {0.0, 15.0, 40.0};
  const Scenario scenario = MakeScenario(actor_lon, {{10.0, 7.5}}, theater_lon);
  DeliveryPlanner planner(scenario);
  std::vector<DeliverySource> sources;
  std::vector<std::uint8_t> usable;
  for (std::size_t i = 0; i < actor_lon.size(); ++i) {
    for (std::size_t k = 0; k < theater_lon.size(); ++k) {
      sources.push_back(Source(static_cast<int>(i), static_cast<int>(k),
                               0.25 * static_cast<double>((i * 5 + k * 3) % 9)));
      usable.push_back((i + k) % 4 != 1);
    }
  }
  const std::vector<double> reach(actor_lon.size(), kReach45);
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);

  struct Candidate {
    double gain;
    double amount;
  };
  std::vector<Candidate> candidates;
  double expected = 0.0;
  for (std::size_t s = 0; s < sources.size(); ++s) {
    const double home = planner.HomeShare(sources[s].actor, sources[s].theater, kReach45);
    const double base = planner.BaseShare(BaseIndex(0), sources[s].theater, kReach45);
    expected += sources[s].amount * home;
    if (usable[s] != 0 && base > home) candidates.push_back({base - home, sources[s].amount});
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.gain > b.gain; });
  double left = 7.5;
  for (const Candidate& c : candidates) {
    const double moved = std::min(left, c.amount);
    expected += moved * c.gain;
    left -= moved;
  }
  ASSERT_EQ(left, 0.0) << "the base should be contested";
  double delivered = 0.0;
  for (double d : result.delivered) delivered += d;
  EXPECT_NEAR(delivered, expected, 1e-9);
  EXPECT_EQ(result.base_load[0], 7.5);
}

// A scenario-like network: 8 actors spread over the Pacific-ish longitudes,
// 4 bases, 3 theaters, sources for every (actor, theater).
struct Network {
  Scenario scenario;
  std::vector<DeliverySource> sources;
  std::vector<double> reach;
  std::vector<double> capacity;
  std::vector<std::uint8_t> usable;
};

Network MakeNetwork(double amount_scale) {
  Network net;
  net.scenario = MakeScenario({-77.0, 127.0, 139.7, 149.1, 174.8, 116.4, 125.7, 121.5},
                              {{144.8, 30.0}, {127.8, 50.0}, {127.0, 25.0}, {130.8, 5.0}},
                              {121.0, 126.0, 114.0});
  const std::size_t n = net.scenario.actor_count();
  const std::size_t b_count = net.scenario.bases.size();
  net.reach = {6000.0, 800.0, 1500.0, 4000.0, 3000.0, 2500.0, 500.0, 1000.0};
  net.capacity = Capacities(net.scenario);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < net.scenario.theater_count(); ++k) {
      const double amount = amount_scale * static_cast<double>((i * 7 + k * 13) % 11);
      net.sources.push_back(Source(static_cast<int>(i), static_cast<int>(k), amount));
      for (std::size_t b = 0; b < b_count; ++b) net.usable.push_back((i + b + k) % 3 != 0);
    }
  }
  return net;
}

TEST(DeliveryTest, DeterministicAndStatelessAcrossCalls) {
  const Network net = MakeNetwork(10.0);
  const Network other = MakeNetwork(3.7);
  DeliveryPlanner planner(net.scenario);
  DeliveryResult first;
  planner.Solve(net.sources, net.reach, net.capacity, net.usable, first);
  // Some base must be contested for this test to mean anything.
  double load = 0.0;
  for (double l : first.base_load) load += l;
  EXPECT_GT(load, 0.0);

  DeliveryResult again;
  planner.Solve(other.sources, other.reach, other.capacity, other.usable, again);
  planner.Solve(net.sources, net.reach, net.capacity, net.usable, again);
  EXPECT_EQ(first.delivered, again.delivered);
  EXPECT_EQ(first.via_home, again.via_home);
  EXPECT_EQ(first.base_load, again.base_load);

  DeliveryPlanner fresh(net.scenario);
  DeliveryResult third;
  fresh.Solve(net.sources, net.reach, net.capacity, net.usable, third);
  EXPECT_EQ(first.delivered, third.delivered);
  EXPECT_EQ(first.via_home, third.via_home);
  EXPECT_EQ(first.base_load, third.base_load);

  // Fewer sources after more: the idle slots of the larger network carry nothing.
  const std::span<const DeliverySource> two(net.sources.data(), 2);
  const std::span<const std::uint8_t> two_usable(net.usable.data(), 2 * net.capacity.size());
  DeliveryResult small;
  planner.Solve(two, net.reach, net.capacity, two_usable, small);
  DeliveryPlanner small_fresh(net.scenario);
  DeliveryResult small_expected;
  small_fresh.Solve(two, net.reach, net.capacity, two_usable, small_expected);
  EXPECT_EQ(small.delivered, small_expected.delivered);
  EXPECT_EQ(small.base_load, small_expected.base_load);
}

TEST(DeliveryTest, TiesBetweenEqualSourcesBreakTheSameWayAfterLargerSolves) {
  // Two identical actors want 4 each through a base of capacity 3: any split
  // is optimal. Which one the solver picks must not depend on what the
  // planner solved before (its network keeps idle slots from larger turns).
  const Scenario scenario = MakeScenario({90.0, 90.0}, {{0.0, 3.0}}, {0.0});
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<DeliverySource> pair = {Source(0, 0, 4.0), Source(1, 0, 4.0)};
  const std::vector<std::uint8_t> pair_usable = {1, 1};
  DeliveryPlanner fresh(scenario);
  DeliveryResult expected;
  fresh.Solve(pair, reach, Capacities(scenario), pair_usable, expected);
  EXPECT_EQ(expected.base_load[0], 3.0);
  EXPECT_NEAR(expected.via_home[0] + expected.via_home[1], 5.0, kTol);

  DeliveryPlanner used(scenario);
  std::vector<DeliverySource> many;
  for (int r = 0; r < 5; ++r) {
    many.push_back(Source(1, 0, 1.0));
    many.push_back(Source(0, 0, 2.0));
  }
  const std::vector<std::uint8_t> many_usable(many.size(), 1);
  DeliveryResult result;
  used.Solve(many, reach, Capacities(scenario), many_usable, result);
  used.Solve(pair, reach, Capacities(scenario), pair_usable, result);
  EXPECT_EQ(result.delivered, expected.delivered);
  EXPECT_EQ(result.via_home, expected.via_home);
  EXPECT_EQ(result.base_load, expected.base_load);
}

TEST(DeliveryTest, InvariantsOnALargerNetwork) {
  const Network net = MakeNetwork(10.0);
  DeliveryPlanner planner(net.scenario);
  DeliveryResult result;
  planner.Solve(net.sources, net.reach, net.capacity, net.usable, result);
  const std::size_t b_count = net.capacity.size();
  double departed_via_bases = 0.0;
  for (std::size_t s = 0; s < net.sources.size(); ++s) {
    const DeliverySource& src = net.sources[s];
    EXPECT_GE(result.via_home[s], 0.0);
    EXPECT_LE(result.via_home[s], src.amount);
    departed_via_bases += src.amount - result.via_home[s];
    // Never below all-home, never above the best usable route for everything.
    const double home = planner.HomeShare(src.actor, src.theater, net.reach[src.actor.get()]);
    double best = home;
    for (std::size_t b = 0; b < b_count; ++b) {
      if (net.usable[s * b_count + b] != 0) {
        best = std::max(best,
                        planner.BaseShare(BaseIndex(b), src.theater, net.reach[src.actor.get()]));
      }
    }
    EXPECT_GE(result.delivered[s], src.amount * home - 1e-12);
    EXPECT_LE(result.delivered[s], src.amount * best + 1e-12);
  }
  double load = 0.0;
  for (std::size_t b = 0; b < b_count; ++b) {
    EXPECT_LE(result.base_load[b], net.capacity[b]);
    load += result.base_load[b];
  }
  EXPECT_NEAR(load, departed_via_bases, 1e-9);
}

// Issue 12, item 3: amounts and capacities beyond int64 milli-units used to
// be converted without a range check (undefined behaviour; on x86 a huge
// capacity became negative and the base unusable).
TEST(DeliveryTest, HugeCapacityIsStillUsable) {
  const Scenario scenario = TwoActorsOneBase(1e300);
  DeliveryPlanner planner(scenario);
  const std::vector<DeliverySource> sources = {Source(0, 0, 4.0)};
  const std::vector<double> reach = {kReach45, kReach45};
  const std::vector<std::uint8_t> usable = {1};
  DeliveryResult result;
  planner.Solve(sources, reach, Capacities(scenario), usable, result);
  EXPECT_EQ(result.base_load[0], 4.0);
  EXPECT_EQ(result.via_home[0], 0.0);
  EXPECT_NEAR(result.delivered[0], 4.0, kTol);
}

TEST(DeliveryTest, HugeAmountsStayFiniteAndAccounted) {
  for (const double amount : {1e16, 1e300}) {
    const Scenario scenario = TwoActorsOneBase(amount);
    DeliveryPlanner planner(scenario);
    const std::vector<DeliverySource> sources = {Source(0, 0, amount), Source(1, 0, amount)};
    const std::vector<double> reach = {kReach45, kReach45};
    const std::vector<std::uint8_t> usable = {1, 1};
    DeliveryResult result;
    planner.Solve(sources, reach, Capacities(scenario), usable, result);
    ASSERT_TRUE(std::isfinite(result.base_load[0]));
    EXPECT_GT(result.base_load[0], 0.0);
    EXPECT_LE(result.base_load[0], amount);
    for (std::size_t s = 0; s < 2; ++s) {
      EXPECT_GE(result.via_home[s], 0.0);
      EXPECT_LE(result.via_home[s], amount);
      ASSERT_TRUE(std::isfinite(result.delivered[s]));
      // Something arrives, never more than was sent.
      EXPECT_GT(result.delivered[s], 0.0);
      EXPECT_LE(result.delivered[s], amount);
    }
  }
}

}  // namespace
}  // namespace overstretch
