// The alliance graph on Boost.Graph (MODEL.md §1, §5, §8).
//
// Layout. The topology is an adjacency_list<vecS, vecS, directedS> without
// edge properties, and the tie values live in dense n x n matrices indexed by
// (from, to). Why not bundled edge properties: for a directedS adjacency_list
// Boost keeps each edge's property object on the heap (stored_edge_property
// owns a unique_ptr), so every Rebuild would allocate once per tie. Without
// properties an edge is just a target index in a per-vertex std::vector;
// clearing those vectors keeps their capacity, and we reserve n slots per
// vertex up front, so Rebuild never allocates after construction. The edge
// weight is then an exterior property map that looks the edge's (source,
// target) up in the matrix: O(1) and allocation free.
//
// Dijkstra. boost::dijkstra_shortest_paths builds a fresh colour map, a fresh
// index-in-heap array and a fresh d-ary heap on every call, which would cost
// several allocations per source and turn. We keep all four in Impl and run
// the very same pieces Boost's dijkstra_shortest_paths_no_init runs
// (d_ary_heap_indirect + detail::dijkstra_bfs_visitor + breadth_first_visit),
// so the algorithm is Boost's own; only the storage outlives the call.
//
// Weights. w = -log(m * tau). A tie with m * tau == 0 gets w = +inf: the
// closed_plus combine keeps inf + x == inf and inf < inf is false, so such an
// edge never relaxes anything, exactly as if it were absent. That lets
// UpdateWeights switch a tie off (trust or commitment dropping to 0) and on
// again without touching the topology. m * tau == 1 gives w = -0.0, which the
// negative-edge check (w < 0) accepts.
#include "engine/alliance_graph.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/detail/d_ary_heap.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <boost/property_map/property_map.hpp>

namespace overstretch {
namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;
using VertexIndexMap = boost::property_map<Graph, boost::vertex_index_t>::const_type;

constexpr double kInf = std::numeric_limits<double>::infinity();

// -log(m * tau), +inf when the product is 0. The product is clamped into
// [0, 1] so that a value a hair above 1 cannot produce a negative weight,
// which Boost's Dijkstra rejects with an exception.
double ChainWeight(const TieAttributes& attrs) {
  const double product = std::clamp(attrs.commitment * attrs.trust, 0.0, 1.0);
  return product > 0.0 ? -std::log(product) : kInf;
}

}  // namespace

struct AllianceGraph::Impl {
  explicit Impl(std::size_t n)
      : actor_count(n),
        graph(n),
        weight(n * n, kInf),
        commitment(n * n, 0.0),
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
    // Warm-up: at most one tie per ordered pair, so no vertex ever has more
    // than n out-edges. Adding n and clearing them leaves each out-edge vector
    // with that capacity (clear keeps it), so Rebuild never allocates.
    for (Vertex v = 0; v < n; ++v) {
      for (Vertex w = 0; w < n; ++w) boost::add_edge(v, w, graph);
      boost::clear_out_edges(v, graph);
      incoming[v].reserve(n);
    }
  }

  using DistanceMap = boost::iterator_property_map<std::vector<double>::iterator, VertexIndexMap>;
  using PredecessorMap =
      boost::iterator_property_map<std::vector<Vertex>::iterator, VertexIndexMap>;
  using ColorMap = boost::iterator_property_map<std::vector<boost::default_color_type>::iterator,
                                                VertexIndexMap>;
  using IndexInHeapMap =
      boost::iterator_property_map<std::vector<std::size_t>::iterator, VertexIndexMap>;
  using Heap = boost::d_ary_heap_indirect<Vertex, 4, IndexInHeapMap, DistanceMap,
                                          std::less<double>>;

  // Looks an edge's weight up in the dense matrix.
  struct WeightLookup {
    const Impl* impl = nullptr;
    double operator()(const Edge& e) const {
      return impl->weight[boost::source(e, impl->graph) * impl->actor_count +
                          boost::target(e, impl->graph)];
    }
  };
  using WeightMap = boost::function_property_map<WeightLookup, Edge, double>;

  // Keeps the commitment graph's edges (m > 0) for Brandes.
  struct CommittedEdge {
    const Impl* impl = nullptr;
    bool operator()(const Edge& e) const {
      return impl->commitment[boost::source(e, impl->graph) * impl->actor_count +
                              boost::target(e, impl->graph)] > 0.0;
    }
  };

  void SetValues(std::span<const TieState> ties) {
    for (const TieState& tie : ties) {
      const std::size_t cell = tie.from.get() * actor_count + tie.to.get();
      weight[cell] = ChainWeight(tie.attrs);
      commitment[cell] = tie.attrs.commitment;
    }
  }

  // Single-source Dijkstra into `distance`; see the file comment for why it
  // is spelled out instead of calling dijkstra_shortest_paths.
  void RunDijkstra(Vertex source) {
    const VertexIndexMap index = get(boost::vertex_index, graph);
    const DistanceMap distance_map(distance.begin(), index);
    const PredecessorMap predecessor_map(predecessor.begin(), index);
    const ColorMap color_map(color.begin(), index);
    // The initialisation dijkstra_shortest_paths performs before no_init.
    for (Vertex v = 0; v < actor_count; ++v) {
      distance[v] = kInf;
      predecessor[v] = v;
      color[v] = boost::white_color;
    }
    distance[source] = 0.0;
    assert(heap.empty());
    const boost::closed_plus<double> combine(kInf);
    boost::detail::dijkstra_bfs_visitor<boost::dijkstra_visitor<>, Heap, WeightMap,
                                        PredecessorMap, DistanceMap, boost::closed_plus<double>,
                                        std::less<double>>
        visitor(boost::dijkstra_visitor<>(), heap, WeightMap(WeightLookup{this}), predecessor_map,
                distance_map, combine, std::less<double>(), 0.0);
    boost::breadth_first_visit(graph, source, heap, visitor, color_map);
  }

  std::size_t actor_count;
  Graph graph;
  std::size_t edge_count = 0;
  std::vector<double> weight;      // [from * n + to], -log(m * tau) or +inf
  std::vector<double> commitment;  // [from * n + to], m; 0 where no tie
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
  Heap heap;
};

AllianceGraph::AllianceGraph(std::size_t actor_count)
    : impl_(std::make_unique<Impl>(actor_count)) {}
AllianceGraph::~AllianceGraph() = default;
AllianceGraph::AllianceGraph(AllianceGraph&&) noexcept = default;
AllianceGraph& AllianceGraph::operator=(AllianceGraph&&) noexcept = default;

void AllianceGraph::Rebuild(std::span<const TieState> ties) {
  Impl& impl = *impl_;
  const std::size_t n = impl.actor_count;
  for (Vertex v = 0; v < n; ++v) boost::clear_out_edges(v, impl.graph);
  std::fill(impl.weight.begin(), impl.weight.end(), kInf);
  std::fill(impl.commitment.begin(), impl.commitment.end(), 0.0);
  // Edges go in in the ties' (from, to) order, so each vertex's out-edge list
  // is sorted by target and the traversal order is the same in every run.
  for (std::size_t t = 0; t < ties.size(); ++t) {
    const TieState& tie = ties[t];
    assert(tie.from.get() < n && tie.to.get() < n);
    assert(t == 0 || std::pair(ties[t - 1].from, ties[t - 1].to) < std::pair(tie.from, tie.to));
    boost::add_edge(tie.from.get(), tie.to.get(), impl.graph);
  }
  impl.edge_count = ties.size();
  impl.SetValues(ties);
}

void AllianceGraph::UpdateWeights(std::span<const TieState> ties) {
  assert(ties.size() == impl_->edge_count);
  impl_->SetValues(ties);
}

void AllianceGraph::StrongestChains(std::vector<double>& out) const {
  const std::size_t n = impl_->actor_count;
  out.resize(n * n);
  for (std::size_t i = 0; i < n; ++i) {
    StrongestChainsFrom(ActorIndex(i), std::span<double>(out.data() + i * n, n));
  }
}

void AllianceGraph::StrongestChainsFrom(ActorIndex source, std::span<double> out) const {
  Impl& impl = *impl_;
  assert(source.get() < impl.actor_count);
  assert(out.size() == impl.actor_count);
  impl.RunDijkstra(source.get());
  // exp(-inf) == 0 for unreachable actors; exp(-0) == 1 on the diagonal.
  for (std::size_t j = 0; j < impl.actor_count; ++j) out[j] = std::exp(-impl.distance[j]);
}

void AllianceGraph::Betweenness(std::vector<double>& out) const {
  Impl& impl = *impl_;
  const std::size_t n = impl.actor_count;
  out.assign(n, 0.0);
  const boost::filtered_graph<Graph, Impl::CommittedEdge> committed(impl.graph,
                                                                    Impl::CommittedEdge{&impl});
  const VertexIndexMap index = get(boost::vertex_index, impl.graph);
  // The overload with every map supplied, so the per-vertex storage is ours
  // and reused; Boost still allocates its own BFS queue and vertex stack.
  boost::brandes_betweenness_centrality(
      committed, boost::make_iterator_property_map(out.begin(), index),
      boost::dummy_property_map(), boost::make_iterator_property_map(impl.incoming.begin(), index),
      boost::make_iterator_property_map(impl.bfs_distance.begin(), index),
      boost::make_iterator_property_map(impl.dependency.begin(), index),
      boost::make_iterator_property_map(impl.path_count.begin(), index), index);
}

std::size_t AllianceGraph::actor_count() const { return impl_->actor_count; }

}  // namespace overstretch
