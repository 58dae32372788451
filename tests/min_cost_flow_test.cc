// MinCostFlow (engine/min_cost_flow.h): a hand-checked optimum, and the same
// flows as Boost.Graph's successive_shortest_path_nonnegative_weights on
// random networks shaped like the delivery problem, with many equal costs so
// that the choice among equal-cost optima is exercised. The Boost network is
// built the way engine/delivery.cc built it before it used MinCostFlow: every
// (source, base) arc present, the unusable ones with capacity 0.
#include "engine/min_cost_flow.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

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

namespace overstretch {
namespace {

TEST(MinCostFlowTest, ScarceCapacityGoesToTheCheaperRoute) {
  // 0 -> 2 (supply 5), 0 -> 3 (supply 5); both may go direct to the sink 1
  // (cost 0.5 from 2, 0.25 from 3) or through vertex 4 (cost 0 from either),
  // which passes at most 4 units on. Through 4 saves 0.5 a unit for 2's
  // units and 0.25 for 3's: all 4 slots go to 2.
  MinCostFlow f;
  f.Reset(5);
  const auto s2 = f.AddArc(0, 2, 5, 0.0);
  const auto s3 = f.AddArc(0, 3, 5, 0.0);
  const auto d2 = f.AddArc(2, 1, 5, 0.5);
  const auto d3 = f.AddArc(3, 1, 5, 0.25);
  const auto v2 = f.AddArc(2, 4, 5, 0.0);
  const auto v3 = f.AddArc(3, 4, 5, 0.0);
  const auto out = f.AddArc(4, 1, 4, 0.0);
  f.Solve(0, 1);
  EXPECT_EQ(f.Flow(s2), 5);
  EXPECT_EQ(f.Flow(s3), 5);
  EXPECT_EQ(f.Flow(v2), 4);
  EXPECT_EQ(f.Flow(d2), 1);
  EXPECT_EQ(f.Flow(v3), 0);
  EXPECT_EQ(f.Flow(d3), 5);
  EXPECT_EQ(f.Flow(out), 4);
}

TEST(MinCostFlowTest, UnreachableSinkSendsNothing) {
  MinCostFlow f;
  f.Reset(3);
  const auto a = f.AddArc(0, 2, 7, 0.0);
  f.Solve(0, 1);
  EXPECT_EQ(f.Flow(a), 0);
}

// ------------------------------------------------ the same flows as Boost

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Edge = Traits::edge_descriptor;
struct Arc {
  std::int64_t capacity = 0;
  std::int64_t residual = 0;
  double cost = 0.0;
  Edge reverse;
};
using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, Arc>;

struct Problem {
  std::size_t sources = 0, bases = 0;
  std::vector<std::int64_t> supply;    // [source]
  std::vector<double> home_cost;       // [source]
  std::vector<std::int64_t> base_cap;  // [source * bases + base]: supply or 0
  std::vector<double> base_cost;       // [source * bases + base]
  std::vector<std::int64_t> sink_cap;  // [base]
};

Problem RandomProblem(std::mt19937& rng) {
  Problem p;
  p.sources = 1 + rng() % 12;
  p.bases = 1 + rng() % 5;
  // Costs from a few multiples of 1/16: many equal-cost alternatives.
  const auto cost = [&rng] { return static_cast<double>(rng() % 17) / 16.0; };
  for (std::size_t s = 0; s < p.sources; ++s) {
    const std::int64_t supply = rng() % 4 == 0 ? 0 : 1 + rng() % 60;
    p.supply.push_back(supply);
    p.home_cost.push_back(cost());
    for (std::size_t b = 0; b < p.bases; ++b) {
      p.base_cap.push_back(rng() % 3 == 0 ? 0 : supply);
      p.base_cost.push_back(cost());
    }
  }
  for (std::size_t b = 0; b < p.bases; ++b) {
    p.sink_cap.push_back(rng() % 4 == 0 ? 0 : static_cast<std::int64_t>(rng() % 80));
  }
  return p;
}

// Flows on the (source, base) arcs, solved by Boost on the full network.
std::vector<std::int64_t> SolveWithBoost(const Problem& p) {
  Graph g(2 + p.sources + p.bases);
  const auto add = [&g](std::size_t from, std::size_t to, std::int64_t cap, double cost) {
    const Edge f = boost::add_edge(from, to, g).first;
    const Edge r = boost::add_edge(to, from, g).first;
    g[f] = Arc{cap, 0, cost, r};
    g[r] = Arc{0, 0, -cost, f};
    return f;
  };
  std::vector<Edge> base_arcs;
  for (std::size_t s = 0; s < p.sources; ++s) {
    add(0, 2 + s, p.supply[s], 0.0);
    add(2 + s, 1, p.supply[s], p.home_cost[s]);
    for (std::size_t b = 0; b < p.bases; ++b) {
      base_arcs.push_back(
          add(2 + s, 2 + p.sources + b, p.base_cap[s * p.bases + b], p.base_cost[s * p.bases + b]));
    }
  }
  for (std::size_t b = 0; b < p.bases; ++b) add(2 + p.sources + b, 1, p.sink_cap[b], 0.0);
  const auto index = get(boost::vertex_index, g);
  std::vector<Edge> pred(num_vertices(g));
  std::vector<double> distance(num_vertices(g)), potential(num_vertices(g));
  boost::successive_shortest_path_nonnegative_weights(
      g, 0, 1, get(&Arc::capacity, g), get(&Arc::residual, g), get(&Arc::cost, g),
      get(&Arc::reverse, g), index, boost::make_iterator_property_map(pred.begin(), index),
      boost::make_iterator_property_map(distance.begin(), index),
      boost::make_iterator_property_map(potential.begin(), index));
  std::vector<std::int64_t> flows;
  for (const Edge& e : base_arcs) flows.push_back(g[e].capacity - g[e].residual);
  return flows;
}

// The same with MinCostFlow, leaving out sources without supply and arcs of
// capacity 0, as engine/delivery.cc does.
std::vector<std::int64_t> SolveCompact(const Problem& p, MinCostFlow& f) {
  std::size_t present = 0;
  for (std::int64_t supply : p.supply) present += supply > 0 ? 1 : 0;
  f.Reset(2 + present + p.bases);
  const auto base_node = [&](std::size_t b) {
    return static_cast<MinCostFlow::Vertex>(2 + present + b);
  };
  std::vector<std::int64_t> flows(p.sources * p.bases, 0);
  std::vector<std::pair<std::size_t, MinCostFlow::ArcId>> base_arcs;
  MinCostFlow::Vertex node = 2;
  for (std::size_t s = 0; s < p.sources; ++s) {
    if (p.supply[s] == 0) continue;
    f.AddArc(0, node, p.supply[s], 0.0);
    f.AddArc(node, 1, p.supply[s], p.home_cost[s]);
    for (std::size_t b = 0; b < p.bases; ++b) {
      const std::size_t sb = s * p.bases + b;
      if (p.base_cap[sb] > 0) {
        base_arcs.emplace_back(sb, f.AddArc(node, base_node(b), p.base_cap[sb], p.base_cost[sb]));
      }
    }
    ++node;
  }
  for (std::size_t b = 0; b < p.bases; ++b) {
    if (p.sink_cap[b] > 0) f.AddArc(base_node(b), 1, p.sink_cap[b], 0.0);
  }
  f.Solve(0, 1);
  for (const auto& [sb, arc] : base_arcs) flows[sb] = f.Flow(arc);
  return flows;
}

TEST(MinCostFlowTest, SameFlowsAsBoostOnRandomDeliveryNetworks) {
  std::mt19937 rng(13);
  MinCostFlow f;  // one solver for every problem: storage reused, results unaffected
  int with_flow = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    const Problem p = RandomProblem(rng);
    const std::vector<std::int64_t> expected = SolveWithBoost(p);
    const std::vector<std::int64_t> got = SolveCompact(p, f);
    ASSERT_EQ(got, expected) << "trial " << trial;
    for (std::int64_t x : got) with_flow += x > 0 ? 1 : 0;
  }
  EXPECT_GT(with_flow, 1000);  // the comparison saw real flows, not just empty plans
}

}  // namespace
}  // namespace overstretch
