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
// - Milli-units. successive_shortest_path_nonnegative_weights augments by the
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
//   doubles a reduced cost of 0 can come out as -1e-17 and Boost's Dijkstra
//   then throws negative_edge. Costs are therefore rounded to multiples of
//   2^-30 (error < 1e-9, far below any force that matters): sums and
//   differences of such numbers below 2^23 are exact in a double, so the
//   potentials and reduced costs are computed without rounding at all.
//   Doubles rather than int64 costs because Boost marks unreachable nodes
//   with the maximum distance and adds it to the potentials, which is
//   harmless for doubles and signed overflow for integers.
// - Reused storage. The network has a fixed shape for a given source count:
//   one slot per source with arcs to every base; arcs a source may not use get
//   capacity 0 and so never appear in the residual graph. Solve only rewrites
//   capacities and costs; the graph is rebuilt only when more sources arrive
//   than ever before. (Boost's Dijkstra inside the algorithm still allocates
//   its colour map and heap on each augmentation; avoiding that would mean
//   re-implementing the algorithm.)
#include "engine/delivery.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

// GCC 12 at -O3 reports a false -Wmaybe-uninitialized inside Boost's
// adjacency_list edge iterator (a boost::optional it never reads unset),
// instantiated by the edge loops of successive_shortest_path.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <boost/property_map/property_map.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "engine/geo.h"
#include "engine/options.h"
#include "engine/turn_workspace.h"

namespace overstretch {
namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Edge = Traits::edge_descriptor;
using Vertex = Traits::vertex_descriptor;

struct Arc {
  std::int64_t capacity = 0;  // milli-units
  std::int64_t residual = 0;  // milli-units, written by the algorithm
  double cost = 0.0;          // per milli-unit; the reverse arc has -cost
  Edge reverse;
};

using FlowGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Arc>;
static_assert(std::is_same_v<boost::graph_traits<FlowGraph>::edge_descriptor, Edge>);

constexpr Vertex kSuperSource = 0;
constexpr Vertex kSink = 1;
constexpr Vertex kFirstSourceNode = 2;

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
double DyadicCost(double cost) {
  return std::ldexp(std::round(std::ldexp(cost, kCostBits)), -kCostBits);
}

}  // namespace

struct DeliveryPlanner::Impl {
  std::size_t actor_count = 0;
  std::size_t theater_count = 0;
  std::size_t base_count = 0;
  std::vector<double> home_km;  // [actor * theater_count + theater]
  std::vector<double> base_km;  // [base * theater_count + theater]

  // Flow network for `slot_count` sources; see the file comment.
  std::size_t slot_count = 0;
  FlowGraph graph;
  std::vector<Edge> supply_arc;     // [slot]
  std::vector<Edge> home_arc;       // [slot]
  std::vector<Edge> base_arc;       // [slot * base_count + base]
  std::vector<Edge> base_sink_arc;  // [base]
  std::vector<Edge> predecessor;    // [vertex], algorithm storage
  std::vector<double> distance;     // [vertex]
  std::vector<double> potential;    // [vertex]

  // Per-solve scratch.
  std::vector<double> home_share;  // [source]
  std::vector<double> base_share;  // [source * base_count + base]
  std::vector<std::uint8_t> in_network;
  std::vector<std::int64_t> capacity_milli;  // [base]
  std::vector<std::int64_t> load_milli;      // [base]

  Vertex SourceNode(std::size_t slot) const { return kFirstSourceNode + slot; }
  Vertex BaseNode(std::size_t b) const { return kFirstSourceNode + slot_count + b; }

  Edge AddArc(Vertex from, Vertex to) {
    const Edge forward = boost::add_edge(from, to, graph).first;
    const Edge backward = boost::add_edge(to, from, graph).first;
    graph[forward].reverse = backward;
    graph[backward].reverse = forward;
    return forward;
  }

  void SetArc(Edge e, std::int64_t capacity, double cost) {
    Arc& forward = graph[e];
    forward.capacity = capacity;
    forward.cost = cost;
    Arc& backward = graph[forward.reverse];
    backward.capacity = 0;
    backward.cost = -cost;
  }

  void BuildNetwork(std::size_t slots) {
    slot_count = slots;
    const std::size_t vertex_count = kFirstSourceNode + slots + base_count;
    graph = FlowGraph(vertex_count);
    supply_arc.resize(slots);
    home_arc.resize(slots);
    base_arc.resize(slots * base_count);
    base_sink_arc.resize(base_count);
    // Arcs in node order, so the traversal order (and with it the choice
    // among equal-cost optima) depends on nothing but the inputs.
    for (std::size_t s = 0; s < slots; ++s) {
      supply_arc[s] = AddArc(kSuperSource, SourceNode(s));
      home_arc[s] = AddArc(SourceNode(s), kSink);
      for (std::size_t b = 0; b < base_count; ++b) {
        base_arc[s * base_count + b] = AddArc(SourceNode(s), BaseNode(b));
      }
    }
    for (std::size_t b = 0; b < base_count; ++b) base_sink_arc[b] = AddArc(BaseNode(b), kSink);
    predecessor.resize(vertex_count);
    distance.resize(vertex_count);
    potential.resize(vertex_count);
  }
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
  impl.BuildNetwork(0);
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
  if (source_count > impl.slot_count) impl.BuildNetwork(source_count);

  impl.home_share.resize(source_count);
  impl.base_share.resize(source_count * base_count);
  impl.in_network.assign(source_count, 0);
  for (std::size_t b = 0; b < base_count; ++b) {
    impl.capacity_milli[b] = ToMilli(base_capacity[b]);
    impl.load_milli[b] = 0;
  }

  // Presolve, and the capacities and costs of the network for the rest.
  bool any_in_network = false;
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
    impl.in_network[s] = 1;
    any_in_network = true;
    impl.SetArc(impl.supply_arc[s], supply, 0.0);
    impl.SetArc(impl.home_arc[s], supply, DyadicCost(1.0 - home));
    for (std::size_t b = 0; b < base_count; ++b) {
      const double share = impl.base_share[s * base_count + b];
      // A base no better than home is never worth a scarce slot: leave it out.
      impl.SetArc(impl.base_arc[s * base_count + b], share > home ? supply : 0,
                  DyadicCost(1.0 - share));
    }
  }
  if (!any_in_network) return;

  // Slots not in the network this turn carry nothing.
  for (std::size_t s = 0; s < impl.slot_count; ++s) {
    if (s < source_count && impl.in_network[s] != 0) continue;
    impl.SetArc(impl.supply_arc[s], 0, 0.0);
    impl.SetArc(impl.home_arc[s], 0, 0.0);
    for (std::size_t b = 0; b < base_count; ++b)
      impl.SetArc(impl.base_arc[s * base_count + b], 0, 0.0);
  }
  for (std::size_t b = 0; b < base_count; ++b) {
    impl.SetArc(impl.base_sink_arc[b], impl.capacity_milli[b], 0.0);
  }

  const auto index = get(boost::vertex_index, impl.graph);
  boost::successive_shortest_path_nonnegative_weights(
      impl.graph, kSuperSource, kSink, get(&Arc::capacity, impl.graph),
      get(&Arc::residual, impl.graph), get(&Arc::cost, impl.graph), get(&Arc::reverse, impl.graph),
      index, boost::make_iterator_property_map(impl.predecessor.begin(), index),
      boost::make_iterator_property_map(impl.distance.begin(), index),
      boost::make_iterator_property_map(impl.potential.begin(), index));

  // Read the plan off the arcs: flow = capacity - residual.
  for (std::size_t s = 0; s < source_count; ++s) {
    if (impl.in_network[s] == 0) continue;
    const double amount = sources[s].amount;
    std::int64_t through_bases = 0;
    double delivered_via_bases = 0.0;
    for (std::size_t b = 0; b < base_count; ++b) {
      const Arc& arc = impl.graph[impl.base_arc[s * base_count + b]];
      const std::int64_t flow = arc.capacity - arc.residual;
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
