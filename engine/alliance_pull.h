// Sides and alliance pull (docs/model.md §3.5). Listed challengers and defenders of
// a theater stand on their side. Every other actor i pulls toward the
// defenders with max(s_ik, max_{j in D} P_ij) and toward the challengers with
// max(-s_ik, zeta * max_{j in C} P_ij), P being the strongest chains of
// commitment; it joins the side it pulls to more strongly if that pull
// reaches its join_threshold, and stays out otherwise (also on a tie).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "engine/choice.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// Strongest chains toward some targets, a row of `width` per actor
// (AllianceGraph::StrongestChainsTo): P_ij = values[i * width + column[j]]
// for every actor i and every target j.
struct ChainsToward {
  std::span<const double> values;
  std::span<const std::int32_t> column;  // per actor: its column, -1 if not a target
  std::size_t width = 0;

  double operator()(std::size_t i, ActorIndex j) const {
    return values[i * width + static_cast<std::size_t>(column[j.get()])];
  }
};

// chains: toward (at least) every listed party of the active theaters. Writes
// side and pull at [actor * theater_count + theater] for the active
// theaters and clears them for the others.
void ComputeSides(const Scenario& scenario, const WorldState& state,
                  std::span<const TheaterIndex> active, const ChainsToward& chains,
                  std::span<Side> side, std::span<double> pull);

}  // namespace overstretch
