// Delivered force as a min-cost max-flow (docs/model.md §3.6).
//
// Network (node numbers in brackets):
//   super source [0] -> source node s      capacity x_s, cost 0
//   source node s    -> sink [1]           capacity x_s, cost 1 - share_home   (home route)
//   source node s    -> base node b        capacity x_s, cost 1 - share_b      (usable bases)
//   base node b      -> sink               capacity cap_b, cost 0
// The home arc can take a source's whole supply, so the maximum flow is the
// total supply and the minimum cost decides who gets the scarce base slots.
//
// Why these choices:
// - Presolve. A source with no usable base strictly better than home has home
//   as its optimum whatever the others do, so it never enters the network. In
//   a typical turn most sources are like that, and the flow problem shrinks.
// - Successive shortest paths (engine/min_cost_flow.h, the algorithm of
//   Boost.Graph's successive_shortest_path_nonnegative_weights on flat
//   arrays). The network is small (a few sources and bases after presolve).
// - Milli-units. The algorithm augments by the
//   bottleneck residual capacity; with int64 milli-units every augmentation is
//   exact and the residuals hit 0 exactly. Amounts and capacities are floored
//   (after a slack that absorbs representation error, e.g. 4.35 * 1000 ==
//   4349.999...) so the plan never exceeds a capacity or a supply. The
//   sub-milli remainder of a source goes home, so via_home + its base loads ==
//   x exactly. Amounts and capacities are capped at kMaxMilli before the
//   conversion (a double beyond int64 is undefined behaviour, and the
//   algorithm sums capacities); validation keeps real inputs far below the
//   cap, and anything above it would simply depart from home.
// - Dyadic costs. The algorithm runs Dijkstra on reduced costs
//   w + p(u) - p(v). In exact arithmetic those are >= 0, but with arbitrary
//   doubles a reduced cost of 0 can come out as -1e-17, and Dijkstra is
//   only correct without negative costs. Costs are therefore rounded to multiples of
//   2^-30 (error < 1e-9, far below any force that matters): sums and
//   differences of such numbers below 2^23 are exact in a double, so the
//   potentials and reduced costs are computed without rounding at all.
//   Doubles rather than int64 costs because the search marks unreachable
//   nodes with the maximum distance and adds it to the potentials, which is
//   harmless for doubles and signed overflow for integers.
// - Reused storage. The network holds only the sources that need it (and
//   only the arcs that can carry flow) and is built afresh for each solve in
//   MinCostFlow's storage, which keeps its arrays across turns and runs: a
//   solve allocates nothing once they have grown to the largest network seen.
//   Arcs are added in node order (each source's supply, home and base arcs in
//   source order, then the bases' arcs to the sink), so the traversal order,
//   and with it the choice among equal-cost optima, depends on nothing but
//   the inputs. Arcs of capacity 0 are left out: they never enter the
//   residual graph, so leaving them out changes no choice.
#include "engine/delivery.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "engine/geo.h"
#include "engine/min_cost_flow.h"
#include "engine/options.h"
#include "engine/turn_workspace.h"

namespace overstretch {
namespace {

constexpr MinCostFlow::Vertex kSuperSource = 0;
constexpr MinCostFlow::Vertex kSink = 1;
constexpr MinCostFlow::Vertex kFirstSourceNode = 2;
constexpr MinCostFlow::ArcId kNoArc = ~MinCostFlow::ArcId{0};

constexpr double kMilliPerUnit = 1000.0;
constexpr double kMilliSlack = 1e-6;  // milli-units; see the file comment
constexpr int kCostBits = 30;
// 2^48 milli-units (2.8e11 force units): sums over 2^14 sources stay in int64.
constexpr double kMaxMilli = 281474976710656.0;

std::int64_t ToMilli(double units) {
  if (!(units > 0.0)) return 0;  // also NaN
  const double milli = std::floor(units * kMilliPerUnit + kMilliSlack);
  return static_cast<std::int64_t>(std::min(milli, kMaxMilli));
}

double FromMilli(std::int64_t milli) { return static_cast<double>(milli) / kMilliPerUnit; }

// Rounds a cost to a multiple of 2^-kCostBits; see the file comment.
// Multiplying by a power of two is correctly rounded, like ldexp, and cheaper.
double DyadicCost(double cost) {
  constexpr double kScale = static_cast<double>(std::int64_t{1} << kCostBits);
  return std::round(cost * kScale) * (1.0 / kScale);
}

}  // namespace

struct DeliveryPlanner::Impl {
  std::size_t actor_count = 0;
  std::size_t theater_count = 0;
  std::size_t base_count = 0;
  std::vector<double> home_km;  // [actor * theater_count + theater]
  std::vector<double> base_km;  // [base * theater_count + theater]

  MinCostFlow flow;  // rebuilt by each solve in the same storage

  // Per-solve scratch.
  std::vector<double> home_share;            // [source]
  std::vector<double> base_share;            // [source * base_count + base]
  std::vector<std::int64_t> supply_milli;    // [source], 0 outside the network
  std::vector<MinCostFlow::ArcId> base_arc;  // [source * base_count + base], or kNoArc
  std::vector<std::int64_t> capacity_milli;  // [base]
  std::vector<std::int64_t> load_milli;      // [base]
};

DeliveryPlanner::DeliveryPlanner(const Scenario& scenario) : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.actor_count = scenario.actor_count();
  impl.theater_count = scenario.theater_count();
  impl.base_count = scenario.bases.size();
  impl.home_km.resize(impl.actor_count * impl.theater_count);
  impl.base_km.resize(impl.base_count * impl.theater_count);
  for (std::size_t k = 0; k < impl.theater_count; ++k) {
    const LatLon theater = scenario.theaters[k].location;
    for (std::size_t i = 0; i < impl.actor_count; ++i) {
      impl.home_km[i * impl.theater_count + k] =
          HaversineKm(scenario.actors[i].attrs.home, theater);
    }
    for (std::size_t b = 0; b < impl.base_count; ++b) {
      impl.base_km[b * impl.theater_count + k] = HaversineKm(scenario.bases[b].location, theater);
    }
  }
  impl.capacity_milli.resize(impl.base_count);
  impl.load_milli.resize(impl.base_count);
}

DeliveryPlanner::~DeliveryPlanner() = default;
DeliveryPlanner::DeliveryPlanner(DeliveryPlanner&&) noexcept = default;
DeliveryPlanner& DeliveryPlanner::operator=(DeliveryPlanner&&) noexcept = default;

void DeliveryPlanner::Solve(std::span<const DeliverySource> sources,
                            std::span<const double> reach_km, std::span<const double> base_capacity,
                            std::span<const std::uint8_t> usable, DeliveryResult& result) {
  Impl& impl = *impl_;
  const std::size_t source_count = sources.size();
  const std::size_t base_count = impl.base_count;
  assert(reach_km.size() >= impl.actor_count);
  assert(base_capacity.size() == base_count);
  assert(usable.size() == source_count * base_count);

  result.delivered.assign(source_count, 0.0);
  result.via_home.assign(source_count, 0.0);
  result.base_load.assign(base_count, 0.0);

  impl.home_share.resize(source_count);
  impl.base_share.resize(source_count * base_count);
  impl.supply_milli.assign(source_count, 0);
  for (std::size_t b = 0; b < base_count; ++b) {
    impl.capacity_milli[b] = ToMilli(base_capacity[b]);
    impl.load_milli[b] = 0;
  }

  // Presolve: a source without a usable base better than home stays home.
  std::size_t network_sources = 0;
  for (std::size_t s = 0; s < source_count; ++s) {
    const DeliverySource& src = sources[s];
    assert(src.actor.get() < impl.actor_count && src.theater.get() < impl.theater_count);
    assert(src.amount >= 0.0);
    const double reach = reach_km[src.actor.get()];
    const double home = HomeShare(src.actor, src.theater, reach);
    impl.home_share[s] = home;
    bool better_base = false;
    for (std::size_t b = 0; b < base_count; ++b) {
      double share = 0.0;
      if (usable[s * base_count + b] != 0 && impl.capacity_milli[b] > 0) {
        share = BaseShare(BaseIndex(b), src.theater, reach);
        better_base = better_base || share > home;
      }
      impl.base_share[s * base_count + b] = share;
    }
    const std::int64_t supply = ToMilli(src.amount);
    if (!better_base || supply == 0) {
      result.via_home[s] = src.amount;
      result.delivered[s] = src.amount * home;
      continue;
    }
    impl.supply_milli[s] = supply;
    ++network_sources;
  }
  if (network_sources == 0) return;

  // The network of the rest, arcs in node order; see the file comment.
  const auto base_node = [&](std::size_t b) {
    return static_cast<MinCostFlow::Vertex>(kFirstSourceNode + network_sources + b);
  };
  impl.flow.Reset(kFirstSourceNode + network_sources + base_count);
  impl.base_arc.assign(source_count * base_count, kNoArc);
  auto node = kFirstSourceNode;
  for (std::size_t s = 0; s < source_count; ++s) {
    const std::int64_t supply = impl.supply_milli[s];
    if (supply == 0) continue;
    const double home = impl.home_share[s];
    impl.flow.AddArc(kSuperSource, node, supply, 0.0);
    impl.flow.AddArc(node, kSink, supply, DyadicCost(1.0 - home));
    for (std::size_t b = 0; b < base_count; ++b) {
      const double share = impl.base_share[s * base_count + b];
      // A base no better than home is never worth a scarce slot: leave it out.
      if (share > home) {
        impl.base_arc[s * base_count + b] =
            impl.flow.AddArc(node, base_node(b), supply, DyadicCost(1.0 - share));
      }
    }
    ++node;
  }
  for (std::size_t b = 0; b < base_count; ++b) {
    if (impl.capacity_milli[b] > 0) {
      impl.flow.AddArc(base_node(b), kSink, impl.capacity_milli[b], 0.0);
    }
  }
  impl.flow.Solve(kSuperSource, kSink);

  // Read the plan off the base arcs.
  for (std::size_t s = 0; s < source_count; ++s) {
    if (impl.supply_milli[s] == 0) continue;
    const double amount = sources[s].amount;
    std::int64_t through_bases = 0;
    double delivered_via_bases = 0.0;
    for (std::size_t b = 0; b < base_count; ++b) {
      const MinCostFlow::ArcId arc = impl.base_arc[s * base_count + b];
      if (arc == kNoArc) continue;
      const std::int64_t flow = impl.flow.Flow(arc);
      if (flow <= 0) continue;
      through_bases += flow;
      impl.load_milli[b] += flow;
      delivered_via_bases += FromMilli(flow) * impl.base_share[s * base_count + b];
    }
    const double via_home = std::max(0.0, amount - FromMilli(through_bases));
    result.via_home[s] = via_home;
    result.delivered[s] = via_home * impl.home_share[s] + delivered_via_bases;
  }
  for (std::size_t b = 0; b < base_count; ++b) result.base_load[b] = FromMilli(impl.load_milli[b]);
}

double DeliveryPlanner::HomeShare(ActorIndex i, TheaterIndex k, double reach_km) const {
  return ArrivalShare(HomeDistanceKm(i, k), reach_km);
}

double DeliveryPlanner::BaseShare(BaseIndex b, TheaterIndex k, double reach_km) const {
  return ArrivalShare(BaseDistanceKm(b, k), reach_km);
}

double DeliveryPlanner::HomeDistanceKm(ActorIndex i, TheaterIndex k) const {
  assert(i.get() < impl_->actor_count && k.get() < impl_->theater_count);
  return impl_->home_km[i.get() * impl_->theater_count + k.get()];
}

double DeliveryPlanner::BaseDistanceKm(BaseIndex b, TheaterIndex k) const {
  assert(b.get() < impl_->base_count && k.get() < impl_->theater_count);
  return impl_->base_km[b.get() * impl_->theater_count + k.get()];
}

std::size_t DeliveryPlanner::base_count() const { return impl_->base_count; }

bool MayUseBase(const WorldState& state, ActorIndex host, ActorIndex actor, bool host_beside) {
  if (host == actor) return true;
  const TieState* grant = state.FindTie(host, actor);
  return grant != nullptr && grant->attrs.access > 0.0 && host_beside;
}

void DeliverOpeningForces(const Scenario& scenario, WorldState& state, Turn turn,
                          TurnWorkspace& w) {
  const std::size_t tcount = scenario.theaters.size();
  w.sources.clear();
  w.usable.clear();
  for (std::size_t k = 0; k < tcount; ++k) {
    const TheaterState& th = state.theaters[k];
    if (th.status != TheaterStatus::kActive || th.opened != turn) continue;
    const TheaterDef& def = scenario.theaters[k];
    state.last_phi[LastPhiSlot(TheaterIndex(k), Side::kChallengers)] = 0.0;
    state.last_phi[LastPhiSlot(TheaterIndex(k), Side::kDefenders)] = 0.0;
    for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
      state.last_delivered[i * tcount + k] = 0.0;
    }
    for (const auto* group : {&def.challengers, &def.defenders}) {
      for (ActorIndex i : *group) {
        w.sources.push_back(DeliverySource{i, TheaterIndex(k), w.available[i.get()]});
        for (const BaseDef& base : scenario.bases) {
          const bool listed_beside = std::binary_search(group->begin(), group->end(), base.host);
          w.usable.push_back(MayUseBase(state, base.host, i, listed_beside) ? 1 : 0);
        }
      }
    }
  }
  if (w.sources.empty()) return;
  w.planner.Solve(w.sources, w.reach, state.base_capacity, w.usable, w.delivery);
  // Accumulate in source order (actor order within each group).
  for (std::size_t s = 0; s < w.sources.size(); ++s) {
    const DeliverySource& src = w.sources[s];
    const Side side =
        IsChallenger(scenario, src.actor, src.theater) ? Side::kChallengers : Side::kDefenders;
    state.last_phi[LastPhiSlot(src.theater, side)] += w.delivery.delivered[s];
    state.last_delivered[src.actor.get() * tcount + src.theater.get()] = w.delivery.delivered[s];
  }
}

void DeliverDeployments(const Scenario& scenario, const WorldState& state, TurnWorkspace& w) {
  w.sources.clear();
  w.usable.clear();
  std::fill(w.deployed.begin(), w.deployed.end(), 0.0);
  std::fill(w.delivered.begin(), w.delivered.end(), 0.0);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    for (TheaterIndex k : w.active) {
      const std::size_t slot = w.slot(i, k);
      const TheaterChoice& c = w.choices[slot];
      if (c.posture != Posture::kDeploy) continue;
      const double x = c.share * w.available[i];
      w.deployed[slot] = x;
      if (x <= 0.0) continue;
      w.sources.push_back(DeliverySource{ActorIndex(i), k, x});
      for (const BaseDef& base : scenario.bases) {
        const std::size_t hs = w.slot(base.host.get(), k);
        const bool backs_and_grants = w.choices[hs].posture != Posture::kAbstain &&
                                      w.choices[hs].grant_access && w.side[hs] == w.side[slot];
        w.usable.push_back(MayUseBase(state, base.host, ActorIndex(i), backs_and_grants) ? 1 : 0);
      }
    }
  }
  if (w.sources.empty()) return;
  w.planner.Solve(w.sources, w.reach, state.base_capacity, w.usable, w.delivery);
  for (std::size_t s = 0; s < w.sources.size(); ++s) {
    const DeliverySource& src = w.sources[s];
    w.delivered[w.slot(src.actor.get(), src.theater)] = w.delivery.delivered[s];
  }
}

}  // namespace overstretch
