// The alliance graph on Boost.Graph (docs/model.md §1.2, §3.5, §3.9).
//
// Layout. An adjacency_list<vecS, vecS, directedS> whose edges carry a bundled
// TieEdge (commitment, trust and the Dijkstra weight derived from them), one
// edge per tie, added in the ties' (from, to) order so that every vertex's
// out-edge list is sorted by target and traversals are the same in every run.
// `edges` maps a tie's position to its edge, so UpdateWeights writes the
// bundles in place without any lookup. `reversed` holds every tie backwards
// (to -> from, same bundle values, `reversed_edges` by tie position): the
// chains toward a target are one search over it from the target.
//
// Allocation. For a directedS adjacency_list Boost keeps each edge's bundle on
// the heap (stored_edge_property owns it through a unique_ptr), so adding
// edges allocates whatever we do. Rebuild therefore keeps the topology when
// the (from, to) list is the one it already holds and only rewrites the
// bundles; a real change of ties (an inject) rebuilds it and allocates once
// per tie.
//
// Dijkstra. boost::dijkstra_shortest_paths builds a fresh colour map, a fresh
// index-in-heap array and a fresh d-ary heap on every call: several
// allocations per source and turn. We keep all of them in Impl and run the
// very same pieces Boost's dijkstra_shortest_paths_no_init runs
// (d_ary_heap_indirect + detail::dijkstra_bfs_visitor + breadth_first_visit),
// so the algorithm is Boost's own; only the storage outlives the call.
//
// Search direction. A search forward from i adds the path's weights from i
// outward, one over the reversed graph from j adds them from j back: the same
// real sums, but the floating-point sums of paths of three or more edges can
// differ in the last bits (tests/alliance_graph_test.cc bounds the difference
// by 1e-12). Whatever the heap's order, a search's distances are the minimum
// of those sums over all paths, since adding a nonnegative weight is monotone.
//
// Reuse. SetValues counts a change whenever a weight changes; chains toward
// the same targets after no change are the last ones (trust often stands
// still once a theater has settled).
//
// Weights. w = -log(m * tau). A tie with m * tau == 0 gets w = +inf: the
// closed_plus combine keeps inf + x == inf and inf < inf is false, so such an
// edge never relaxes anything, exactly as if it were absent. That lets
// UpdateWeights switch a tie off (trust or commitment dropping to 0) and on
// again without touching the topology. m * tau == 1 gives w = -0.0, which the
// negative-edge check (w < 0) accepts.
#include "engine/alliance_graph.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/detail/d_ary_heap.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/property_map.hpp>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <utility>

namespace overstretch {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct TieEdge {
  double commitment = 0.0;  // m
  double trust = 0.0;       // tau
  double weight = kInf;     // -log(m * tau), +inf when m * tau == 0
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, TieEdge>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;
using VertexIndexMap = boost::property_map<Graph, boost::vertex_index_t>::const_type;
using WeightMap = boost::property_map<Graph, double TieEdge::*>::const_type;

// -log(m * tau), +inf when the product is 0. The product is clamped into
// [0, 1] so that a value a hair above 1 cannot produce a negative weight,
// which Boost's Dijkstra rejects with an exception.
double ChainWeight(double commitment, double trust) {
  const double product = std::clamp(commitment * trust, 0.0, 1.0);
  return product > 0.0 ? -std::log(product) : kInf;
}

// Keeps the commitment graph's edges (m > 0) for Brandes.
struct CommittedEdge {
  const Graph* graph = nullptr;
  bool operator()(const Edge& e) const { return (*graph)[e].commitment > 0.0; }
};

}  // namespace

struct AllianceGraph::Impl {
  using DistanceMap = boost::iterator_property_map<std::vector<double>::iterator, VertexIndexMap>;
  using PredecessorMap =
      boost::iterator_property_map<std::vector<Vertex>::iterator, VertexIndexMap>;
  using ColorMap = boost::iterator_property_map<std::vector<boost::default_color_type>::iterator,
                                                VertexIndexMap>;
  using IndexInHeapMap =
      boost::iterator_property_map<std::vector<std::size_t>::iterator, VertexIndexMap>;
  using Heap =
      boost::d_ary_heap_indirect<Vertex, 4, IndexInHeapMap, DistanceMap, std::less<double>>;

  explicit Impl(std::size_t n)
      : actor_count(n),
        graph(n),
        reversed(n),
        distance(n, kInf),
        predecessor(n),
        color(n, boost::white_color),
        index_in_heap(n, 0),
        incoming(n),
        bfs_distance(n, 0),
        dependency(n, 0.0),
        path_count(n, 0.0),
        heap(DistanceMap(distance.begin(), get(boost::vertex_index, graph)),
             IndexInHeapMap(index_in_heap.begin(), get(boost::vertex_index, graph))) {
    for (auto& in : incoming) in.reserve(n);
  }

  // True when `ties` has exactly the (from, to) list of the current edges.
  bool SameTopology(std::span<const TieState> ties) const {
    if (ties.size() != edges.size()) return false;
    for (std::size_t t = 0; t < ties.size(); ++t) {
      if (boost::source(edges[t], graph) != ties[t].from.get() ||
          boost::target(edges[t], graph) != ties[t].to.get()) {
        return false;
      }
    }
    return true;
  }

  void SetValues(std::span<const TieState> ties) {
    for (std::size_t t = 0; t < ties.size(); ++t) {
      TieEdge& edge = graph[edges[t]];
      edge.commitment = ties[t].attrs.commitment;
      edge.trust = ties[t].attrs.trust;
      const double weight = ChainWeight(edge.commitment, edge.trust);
      if (weight != edge.weight) chains_current = false;
      edge.weight = weight;
      reversed[reversed_edges[t]] = edge;
    }
  }

  // Single-source Dijkstra into `distance`; see the file comment for why it
  // is spelled out instead of calling dijkstra_shortest_paths.
  void RunDijkstra(const Graph& g, Vertex source) {
    const VertexIndexMap index = get(boost::vertex_index, g);
    // The initialisation dijkstra_shortest_paths performs before no_init.
    for (Vertex v = 0; v < actor_count; ++v) {
      distance[v] = kInf;
      predecessor[v] = v;
      color[v] = boost::white_color;
    }
    distance[source] = 0.0;
    assert(heap.empty());
    boost::detail::dijkstra_bfs_visitor<boost::dijkstra_visitor<>, Heap, WeightMap, PredecessorMap,
                                        DistanceMap, boost::closed_plus<double>, std::less<double>>
        visitor(boost::dijkstra_visitor<>(), heap, get(&TieEdge::weight, g),
                PredecessorMap(predecessor.begin(), index), DistanceMap(distance.begin(), index),
                boost::closed_plus<double>(kInf), std::less<double>(), 0.0);
    boost::breadth_first_visit(g, source, heap, visitor, ColorMap(color.begin(), index));
  }

  std::size_t actor_count;
  Graph graph;
  std::vector<Edge> edges;  // [tie position at the last Rebuild]
  Graph reversed;
  std::vector<Edge> reversed_edges;  // [tie position at the last Rebuild]
  // The last StrongestChainsTo: its targets and result, and whether no
  // weight has changed since.
  std::vector<ActorIndex> chain_targets;
  std::vector<double> chains;
  bool chains_current = false;
  // Dijkstra storage, reused by every call.
  std::vector<double> distance;
  std::vector<Vertex> predecessor;
  std::vector<boost::default_color_type> color;
  std::vector<std::size_t> index_in_heap;
  // Brandes storage.
  std::vector<std::vector<Edge>> incoming;
  std::vector<std::size_t> bfs_distance;
  std::vector<double> dependency;
  std::vector<double> path_count;
  // Declared last: holds property maps into `distance` and `index_in_heap`.
  // Its container grows to at most n entries on the first call and keeps
  // that capacity (the queue is empty again when a search ends).
  Heap heap;
};

AllianceGraph::AllianceGraph(std::size_t actor_count)
    : impl_(std::make_unique<Impl>(actor_count)) {}
AllianceGraph::~AllianceGraph() = default;
AllianceGraph::AllianceGraph(AllianceGraph&&) noexcept = default;
AllianceGraph& AllianceGraph::operator=(AllianceGraph&&) noexcept = default;

void AllianceGraph::Rebuild(std::span<const TieState> ties) {
  Impl& impl = *impl_;
  if (!impl.SameTopology(ties)) {
    const std::size_t n = impl.actor_count;
    for (Vertex v = 0; v < n; ++v) {
      boost::clear_out_edges(v, impl.graph);
      boost::clear_out_edges(v, impl.reversed);
    }
    impl.edges.clear();
    impl.reversed_edges.clear();
    impl.chains_current = false;
    for (std::size_t t = 0; t < ties.size(); ++t) {
      const TieState& tie = ties[t];
      assert(tie.from.get() < n && tie.to.get() < n);
      assert(t == 0 || std::pair(ties[t - 1].from, ties[t - 1].to) < std::pair(tie.from, tie.to));
      impl.edges.push_back(boost::add_edge(tie.from.get(), tie.to.get(), impl.graph).first);
      impl.reversed_edges.push_back(
          boost::add_edge(tie.to.get(), tie.from.get(), impl.reversed).first);
    }
  }
  impl.SetValues(ties);
}

void AllianceGraph::UpdateWeights(std::span<const TieState> ties) {
  assert(impl_->SameTopology(ties));
  impl_->SetValues(ties);
}

std::span<const double> AllianceGraph::StrongestChainsTo(std::span<const ActorIndex> targets) {
  Impl& impl = *impl_;
  const std::size_t n = impl.actor_count;
  const std::size_t width = targets.size();
  if (impl.chains_current && std::ranges::equal(targets, impl.chain_targets)) return impl.chains;
  impl.chain_targets.assign(targets.begin(), targets.end());
  impl.chains.resize(n * width);
  for (std::size_t t = 0; t < width; ++t) {
    assert(targets[t].get() < n);
    impl.RunDijkstra(impl.reversed, targets[t].get());
    // exp(-inf) == 0 for actors with no chain; exp(-0) == 1 for the target.
    for (std::size_t i = 0; i < n; ++i) impl.chains[i * width + t] = std::exp(-impl.distance[i]);
  }
  impl.chains_current = true;
  return impl.chains;
}

void AllianceGraph::StrongestChainsFrom(ActorIndex source, std::span<double> out) const {
  Impl& impl = *impl_;
  assert(source.get() < impl.actor_count);
  assert(out.size() == impl.actor_count);
  impl.RunDijkstra(impl.graph, source.get());
  // exp(-inf) == 0 for unreachable actors; exp(-0) == 1 on the diagonal.
  for (std::size_t j = 0; j < impl.actor_count; ++j) out[j] = std::exp(-impl.distance[j]);
}

void AllianceGraph::Betweenness(std::vector<double>& out) const {
  Impl& impl = *impl_;
  out.assign(impl.actor_count, 0.0);
  const boost::filtered_graph<Graph, CommittedEdge> committed(impl.graph,
                                                              CommittedEdge{&impl.graph});
  const VertexIndexMap index = get(boost::vertex_index, impl.graph);
  // The overload with every map supplied, so the per-vertex storage is ours
  // and reused; Boost still allocates its own BFS queue and vertex stack.
  boost::brandes_betweenness_centrality(
      committed, boost::make_iterator_property_map(out.begin(), index), boost::dummy_property_map(),
      boost::make_iterator_property_map(impl.incoming.begin(), index),
      boost::make_iterator_property_map(impl.bfs_distance.begin(), index),
      boost::make_iterator_property_map(impl.dependency.begin(), index),
      boost::make_iterator_property_map(impl.path_count.begin(), index), index);
}

std::size_t AllianceGraph::actor_count() const { return impl_->actor_count; }

}  // namespace overstretch
