// The alliance graph on Boost.Graph (docs/model.md §1.2, §3.5, §3.9): actors as vertices,
// directed ties as edges with bundled properties. Boost stays behind this
// header; callers see our own types.
//
// Built once per run and refreshed each turn: Rebuild() when ties were added
// or cut, UpdateWeights() when only their values changed (trust moves every
// turn). Storage is reused across calls: after the first call, UpdateWeights,
// StrongestChainsTo (with no more targets than before) and a Rebuild with an
// unchanged (from, to) list do not allocate; a Rebuild that really changes
// the ties allocates once per tie.
//
// The queries are const but share scratch storage: one object must not be
// queried from two threads at once (each run owns its graph).
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "engine/world_state.h"

namespace overstretch {

class AllianceGraph {
 public:
  explicit AllianceGraph(std::size_t actor_count);
  ~AllianceGraph();
  AllianceGraph(AllianceGraph&&) noexcept;
  AllianceGraph& operator=(AllianceGraph&&) noexcept;

  // Rebuilds the edge set from `ties` (sorted by (from, to)).
  void Rebuild(std::span<const TieState> ties);
  // Refreshes the edge weights from `ties`, which must have the same edges
  // as at the last Rebuild.
  void UpdateWeights(std::span<const TieState> ties);

  // Strongest chains of commitment toward `targets` (docs/model.md §3.3):
  // the result's [i * targets.size() + t] is P_i,targets[t], the maximum over
  // paths i -> ... -> targets[t] of the product of commitment * trust along
  // the path; 1 for i == targets[t], 0 where no path with m * tau > 0 exists.
  // One Dijkstra search over the reversed graph (weights -log(m * tau)) per
  // target, so each row holds one actor's chains toward every target. The
  // view is into the graph's own storage, which the next call overwrites; a
  // call with the same targets and no weight changed since the last one
  // returns the last result without searching.
  std::span<const double> StrongestChainsTo(std::span<const ActorIndex> targets);

  // The chains from one source, searched forward: out[j] = P_source,j. The
  // path sums are added from the source outward instead of from the target
  // back, so values can differ from StrongestChainsTo's in the last bits.
  void StrongestChainsFrom(ActorIndex source, std::span<double> out) const;

  // Brandes betweenness centrality (docs/model.md §3.9) of each actor on the
  // commitment graph: directed, unweighted, edges where commitment > 0;
  // unnormalised (a path count share, as Boost computes it for directed graphs).
  void Betweenness(std::vector<double>& out) const;

  std::size_t actor_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace overstretch
