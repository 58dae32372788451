// Sides and alliance pull (docs/model.md §3.5). Listed challengers and defenders of
// a theater stand on their side. Every other actor i pulls toward the
// defenders with max(s_ik, max_{j in D} P_ij) and toward the challengers with
// max(-s_ik, zeta * max_{j in C} P_ij), P being the strongest chains of
// commitment; it joins the side it pulls to more strongly if that pull
// reaches its join_threshold, and stays out otherwise (also on a tie).
#pragma once

#include <span>

#include "engine/choice.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// chains: n * n strongest chains (AllianceGraph::StrongestChains). Writes
// side and pull at [actor * theater_count + theater] for the active
// theaters and clears them for the others.
void ComputeSides(const Scenario& scenario, const WorldState& state,
                  std::span<const TheaterIndex> active, std::span<const double> chains,
                  std::span<Side> side, std::span<double> pull);

}  // namespace overstretch
