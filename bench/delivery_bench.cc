// The turn's transport problem (engine/delivery.h) on a scenario-like
// network: 8 actors at Indo-Pacific homes, the four default bases with their
// default capacities, 3 theaters, one source per (actor, theater).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/delivery.h"

namespace overstretch {
namespace {

struct Network {
  Scenario scenario;
  std::vector<DeliverySource> sources;
  std::vector<double> reach;
  std::vector<double> capacity;
  std::vector<std::uint8_t> usable;
};

// About `usable_share` of the (source, base) pairs are usable: 0 gives a turn
// the presolve settles alone, 1 one where every source may use every base.
Network MakeNetwork(double usable_share) {
  Network net;
  // US, ROK, JPN, AUS, NZL, PRC, DPRK, TWN (approximate capitals).
  const std::vector<LatLon> homes = {{38.9, -77.0},  {37.6, 127.0}, {35.7, 139.7}, {-35.3, 149.1},
                                     {-41.3, 174.8}, {39.9, 116.4}, {39.0, 125.7}, {25.0, 121.5}};
  const std::vector<double> reach = {6000, 800, 1500, 4000, 3000, 2500, 500, 1000};
  const std::vector<double> forces = {300, 45, 50, 30, 3, 290, 11, 17};
  // Guam, Okinawa, Korea, Darwin with the default scenario's capacities (docs/calibration.md).
  const std::vector<LatLon> bases = {{13.4, 144.8}, {26.3, 127.8}, {37.0, 127.0}, {-12.5, 130.8}};
  const std::vector<double> capacity = {30, 50, 25, 5};
  // Taiwan Strait, Korean Peninsula, South China Sea.
  const std::vector<LatLon> theaters = {{24.0, 120.0}, {38.0, 127.0}, {12.0, 114.0}};
  for (std::size_t i = 0; i < homes.size(); ++i) {
    ActorDef actor;
    actor.id = std::string("A").append(std::to_string(i));
    actor.attrs.home = homes[i];
    actor.attrs.reach_km = reach[i];
    net.scenario.actors.push_back(actor);
  }
  for (std::size_t b = 0; b < bases.size(); ++b) {
    BaseDef base;
    base.id = std::string("B").append(std::to_string(b));
    base.location = bases[b];
    base.capacity = capacity[b];
    net.scenario.bases.push_back(base);
  }
  for (std::size_t k = 0; k < theaters.size(); ++k) {
    TheaterDef theater;
    theater.id = std::string("T").append(std::to_string(k));
    theater.location = theaters[k];
    net.scenario.theaters.push_back(theater);
  }
  net.reach = reach;
  net.capacity = capacity;
  std::uint32_t lcg = 12345;  // fixed pattern, no <random> needed
  for (std::size_t i = 0; i < homes.size(); ++i) {
    for (std::size_t k = 0; k < theaters.size(); ++k) {
      net.sources.push_back(DeliverySource{ActorIndex(i), TheaterIndex(k), forces[i] * 0.3});
      for (std::size_t b = 0; b < bases.size(); ++b) {
        lcg = lcg * 1664525u + 1013904223u;
        net.usable.push_back((lcg >> 8) % 1000 < usable_share * 1000 ? 1 : 0);
      }
    }
  }
  return net;
}

void BM_DeliverySolve(benchmark::State& state) {
  const Network net = MakeNetwork(static_cast<double>(state.range(0)) / 100.0);
  DeliveryPlanner planner(net.scenario);
  DeliveryResult result;
  planner.Solve(net.sources, net.reach, net.capacity, net.usable, result);  // warm-up
  for (auto _ : state) {
    planner.Solve(net.sources, net.reach, net.capacity, net.usable, result);
    benchmark::DoNotOptimize(result.delivered.data());
    benchmark::ClobberMemory();
  }
  state.counters["sources"] = static_cast<double>(net.sources.size());
}
// Argument: percent of (source, base) pairs that are usable.
BENCHMARK(BM_DeliverySolve)->Arg(0)->Arg(30)->Arg(100);

}  // namespace
}  // namespace overstretch
