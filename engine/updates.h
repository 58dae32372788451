// End-of-turn updates (MODEL.md §7): regeneration and the trust dynamics of
// Snyder's alliance security dilemma.
#pragma once

#include <span>
#include <vector>

#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// F_i <- F_i + gamma_i (F_i(0) - F_i), for every actor.
void Regenerate(WorldState& state);

// Trust after the turn's choices. For every theater k adjudicated this turn
// with escalation >= 2 at decision time, every defender j of k and every
// actor i != j with m_ij > 0: deploying on j's side raises tau_ji by
// trust_gain (1 - tau_ji); supporting leaves it; anything else (abstaining,
// or standing with the challengers) lowers it by trust_loss m_ij tau_ji, an
// abandonment event when m_ij >= abandon_min. Each change also moves tau_xi
// by reputation times the change for every x != j with m_ix > 0.
// All changes are computed from the trust before the update and applied
// together, in tie order, so listing order changes nothing. Returns the
// number of abandonment events; reports each to `recorder` if non-null.
int UpdateTrust(const Scenario& scenario, WorldState& state, Turn turn,
                std::span<const TheaterIndex> adjudicated,
                std::span<const int> escalation_at_decision,
                std::span<const TheaterChoice> choices, std::span<const Side> sides,
                std::vector<double>& scratch, Recorder* recorder);

struct TurnWorkspace;

// Turn phase (docs/model.md §3.7): the turn's attrition (w.losses) taken
// from forces, regeneration, trust (w.abandonments counts the abandonment
// events), optional mobilisation, then this turn's choices, sides and
// delivered forces made the public record the next turn observes.
void ApplyUpdates(const Scenario& scenario, WorldState& state, Turn turn, Recorder* recorder,
                  TurnWorkspace& w);

}  // namespace overstretch
