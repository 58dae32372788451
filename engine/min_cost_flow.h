// Min-cost maximum flow by successive shortest paths, for the turn's
// delivery problem (engine/delivery.h, docs/model.md §3.6).
//
// Contract: add arcs (each gets a paired reverse arc of capacity 0 and the
// opposite cost), then Solve from a source to a sink; Flow(arc) is what the
// solve sent along an arc. Capacities are integers, so every augmentation is
// exact. Costs must be >= 0 and such that sums and differences of them are
// exact in a double (the delivery costs are multiples of 2^-30 in [0, 1]):
// the reduced costs are then computed without rounding and never negative.
//
// The algorithm is Boost.Graph's successive_shortest_path_nonnegative_weights
// step for step (Dijkstra with a 4-ary heap on the residual arcs, scanned in
// the order they were added, strict improvements only, potentials updated
// from every search), so it picks the same optimum among equal-cost ones;
// tests/min_cost_flow_test.cc checks the flows against Boost's on random
// networks. What differs is the storage: flat arrays kept across problems,
// so a solve allocates nothing once they have grown to the largest network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace overstretch {

class MinCostFlow {
 public:
  using Vertex = std::uint32_t;
  using ArcId = std::uint32_t;

  // Starts a new network of `vertex_count` vertices and no arcs (storage is kept).
  void Reset(std::size_t vertex_count);

  // Adds the arc from -> to and its reverse; returns the forward arc.
  ArcId AddArc(Vertex from, Vertex to, std::int64_t capacity, double cost);

  // Sends the maximum flow from `source` to `sink` at minimum total cost.
  void Solve(Vertex source, Vertex sink);

  // Flow along a forward arc after Solve: capacity - residual.
  std::int64_t Flow(ArcId arc) const { return capacity_[arc] - residual_[arc]; }

 private:
  bool ShortestPaths(Vertex source, Vertex sink);  // false when the sink is unreachable
  void Augment(Vertex source, Vertex sink);
  void HeapPush(Vertex v);
  Vertex HeapPop();
  void SiftUp(std::size_t index);

  std::size_t vertex_count_ = 0;
  // Arcs: 2a forward, 2a + 1 its reverse.
  std::vector<Vertex> tail_, head_;
  std::vector<std::int64_t> capacity_, residual_;
  std::vector<double> cost_;
  // Each vertex's arcs in the order they were added: out_[out_begin_[v] ..
  // out_begin_[v + 1]).
  std::vector<std::uint32_t> out_begin_;
  std::vector<ArcId> out_;
  // Per vertex.
  std::vector<double> distance_, potential_;
  std::vector<ArcId> pred_arc_;
  std::vector<std::uint8_t> color_;
  std::vector<std::size_t> heap_index_;
  std::vector<Vertex> heap_;
};

}  // namespace overstretch
