// The alliance graph on Boost.Graph (docs/model.md §1.2, §3.5, §3.9): actors as vertices,
// directed ties as edges with bundled properties. Boost stays behind this
// header; callers see our own types.
//
// Built once per run and refreshed each turn: Rebuild() when ties were added
// or cut, UpdateWeights() when only their values changed (trust moves every
// turn). Storage is reused across calls: after the first call, UpdateWeights,
// StrongestChains and a Rebuild with an unchanged (from, to) list do not
// allocate; a Rebuild that really changes the ties allocates once per tie.
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

  // Strongest chains of commitment (docs/model.md §3.5): out[i * n + j] is the
  // maximum over paths i -> ... -> j of the product of commitment * trust
  // along the path; 1 on the diagonal, 0 where no path with m * tau > 0
  // exists. Dijkstra on weights -log(m * tau), one source per actor.
  void StrongestChains(std::vector<double>& out) const;

  // The same for one source only: out[j] = P_source,j.
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
