#include "engine/min_cost_flow.h"

#include <algorithm>
#include <cassert>
#include <limits>

namespace overstretch {
namespace {

// Boost's Dijkstra marks an unreached vertex with the largest double (not
// infinity) and adds with "closed plus": anything plus that mark is the mark.
constexpr double kUnreached = std::numeric_limits<double>::max();
constexpr MinCostFlow::ArcId kNoArc = std::numeric_limits<MinCostFlow::ArcId>::max();
constexpr std::size_t kNotInHeap = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kArity = 4;  // Boost's Dijkstra heap
enum Color : std::uint8_t { kWhite, kGray, kBlack };

double ClosedPlus(double a, double b) {
  if (a == kUnreached || b == kUnreached) return kUnreached;
  return a + b;
}

}  // namespace

void MinCostFlow::Reset(std::size_t vertex_count) {
  vertex_count_ = vertex_count;
  tail_.clear();
  head_.clear();
  capacity_.clear();
  residual_.clear();
  cost_.clear();
}

MinCostFlow::ArcId MinCostFlow::AddArc(Vertex from, Vertex to, std::int64_t capacity, double cost) {
  assert(from < vertex_count_ && to < vertex_count_ && capacity >= 0 && cost >= 0.0);
  const auto forward = static_cast<ArcId>(tail_.size());
  tail_.insert(tail_.end(), {from, to});
  head_.insert(head_.end(), {to, from});
  capacity_.insert(capacity_.end(), {capacity, 0});
  cost_.insert(cost_.end(), {cost, -cost});
  return forward;
}

void MinCostFlow::Solve(Vertex source, Vertex sink) {
  const std::size_t n = vertex_count_;
  const std::size_t arcs = tail_.size();
  // Each vertex's arcs in the order they were added (a counting sort on the tail).
  out_begin_.assign(n + 1, 0);
  for (std::size_t a = 0; a < arcs; ++a) ++out_begin_[tail_[a] + 1];
  for (std::size_t v = 0; v < n; ++v) out_begin_[v + 1] += out_begin_[v];
  out_.resize(arcs);
  heap_index_.resize(n);  // heap_index_ doubles as the fill cursor here
  for (std::size_t v = 0; v < n; ++v) heap_index_[v] = out_begin_[v];
  for (std::size_t a = 0; a < arcs; ++a) out_[heap_index_[tail_[a]]++] = static_cast<ArcId>(a);

  residual_ = capacity_;
  potential_.assign(n, 0.0);
  distance_.resize(n);
  pred_arc_.resize(n);
  color_.resize(n);
  heap_.clear();
  while (ShortestPaths(source, sink)) {
    for (std::size_t v = 0; v < n; ++v) potential_[v] = potential_[v] + distance_[v];
    Augment(source, sink);
  }
}

bool MinCostFlow::ShortestPaths(Vertex source, Vertex sink) {
  std::fill(distance_.begin(), distance_.end(), kUnreached);
  std::fill(pred_arc_.begin(), pred_arc_.end(), kNoArc);
  std::fill(color_.begin(), color_.end(), kWhite);
  std::fill(heap_index_.begin(), heap_index_.end(), kNotInHeap);
  distance_[source] = 0.0;
  color_[source] = kGray;
  HeapPush(source);
  while (!heap_.empty()) {
    const Vertex u = HeapPop();
    for (std::uint32_t i = out_begin_[u]; i < out_begin_[u + 1]; ++i) {
      const ArcId a = out_[i];
      if (residual_[a] <= 0) continue;  // not in the residual graph
      const Vertex v = head_[a];
      if (color_[v] == kBlack) continue;
      // Reduced cost, grouped as Boost groups it; exact for dyadic costs.
      const double reduced = potential_[u] - potential_[v] + cost_[a];
      assert(!(reduced < 0.0));
      const double through = ClosedPlus(distance_[u], reduced);
      const bool improves = through < distance_[v];
      if (improves) {
        distance_[v] = through;
        pred_arc_[v] = a;
      }
      if (color_[v] == kWhite) {
        color_[v] = kGray;
        HeapPush(v);
      } else if (improves) {
        SiftUp(heap_index_[v]);
      }
    }
    color_[u] = kBlack;
  }
  return pred_arc_[sink] != kNoArc;
}

void MinCostFlow::Augment(Vertex source, Vertex sink) {
  std::int64_t delta = std::numeric_limits<std::int64_t>::max();
  Vertex u = sink;
  while (u != source) {
    const ArcId a = pred_arc_[u];
    delta = std::min(delta, residual_[a]);
    u = tail_[a];
  }
  for (u = sink; u != source; u = tail_[pred_arc_[u]]) {
    const ArcId a = pred_arc_[u];
    residual_[a] -= delta;
    residual_[a ^ 1U] += delta;
  }
}

void MinCostFlow::HeapPush(Vertex v) {
  heap_.push_back(v);
  SiftUp(heap_.size() - 1);
}

MinCostFlow::Vertex MinCostFlow::HeapPop() {
  const Vertex top = heap_.front();
  heap_index_[top] = kNotInHeap;
  const Vertex moving = heap_.back();
  heap_.pop_back();
  if (heap_.empty()) return top;
  // Sift `moving` down from the root: to the smallest of up to kArity
  // children (the first among equals) while that child is strictly smaller.
  const double moving_distance = distance_[moving];
  const std::size_t size = heap_.size();
  std::size_t index = 0;
  for (;;) {
    const std::size_t first = index * kArity + 1;
    if (first >= size) break;
    std::size_t smallest = first;
    const std::size_t end = std::min(first + kArity, size);
    for (std::size_t c = first + 1; c < end; ++c) {
      if (distance_[heap_[c]] < distance_[heap_[smallest]]) smallest = c;
    }
    if (!(distance_[heap_[smallest]] < moving_distance)) break;
    heap_[index] = heap_[smallest];
    heap_index_[heap_[index]] = index;
    index = smallest;
  }
  heap_[index] = moving;
  heap_index_[moving] = index;
  return top;
}

void MinCostFlow::SiftUp(std::size_t index) {
  const Vertex moving = heap_[index];
  const double moving_distance = distance_[moving];
  while (index > 0) {
    const std::size_t parent = (index - 1) / kArity;
    if (!(moving_distance < distance_[heap_[parent]])) break;
    heap_[index] = heap_[parent];
    heap_index_[heap_[index]] = index;
    index = parent;
  }
  heap_[index] = moving;
  heap_index_[moving] = index;
}

}  // namespace overstretch
