// End-of-turn updates (docs/model.md §3.7): regeneration and the trust dynamics of
// Snyder's alliance security dilemma.
#pragma once

#include <span>
#include <vector>

#include "engine/contest.h"
#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// F_i <- F_i + gamma_i (F_i(0) - F_i), for every actor.
void Regenerate(WorldState& state);

// Trust after the turn's deeds (docs/model.md §3.7). For every theater k
// adjudicated this turn with escalation >= 2 at decision time, every defender
// j of k and every actor i != j with m_ij > 0: the defenders needed
// N = ForceForSuccess(phi_C, stretch_target, beta); of i they needed the gap
// G = max(0, N - (phi_D - d_i)), d_i its delivered force (0 unless it stood
// with j). If G = 0, deploying raises tau_ji by trust_gain (1 - tau_ji) and
// support leaves it. Otherwise q = min(1, d_i / G) (0 if it abstained or
// stood with the challengers) and tau_ji changes by
//   trust_gain q (1 - tau_ji) - trust_loss m_ij (1 - q) tau_ji,
// an abandonment event when q < abandon_share and m_ij >= abandon_min.
// Each change also moves tau_xi by reputation times the change for every
// x != j with m_ix > 0. All changes are computed from the trust before the
// update and applied together, in tie order, so listing order changes
// nothing. `delivered` is [actor * theater_count + theater]; `fought` is
// this turn's record of every theater; `stretch_need` is the run's (N above).
// Returns the number of abandonment events; reports each to `recorder` if
// non-null.
int UpdateTrust(const Scenario& scenario, WorldState& state, Turn turn,
                std::span<const TheaterIndex> adjudicated,
                std::span<const int> escalation_at_decision, std::span<const TheaterChoice> choices,
                std::span<const Side> sides, std::span<const double> delivered,
                std::span<const TheaterTurn> fought, const SuccessForce& stretch_need,
                std::vector<double>& scratch, Recorder* recorder);

struct Cohesion {
  double value = 0.0;
  bool defined = false;  // some tie carries a commitment
};

// Alliance cohesion (docs/model.md §3.9): the commitment-weighted share of
// pledged trust that survives, sum m_ij min(1, tau_ji / tau0_ji) / sum m_ij
// over pledges m_ij > 0 whose reverse tie j -> i exists, tau0 the trust when
// the pledge was made (TieState::trust_pledged; a ratio of 1 when it was 0).
// A new pledge enters at 1, the maximum, so pledging never lowers it.
Cohesion CohesionOf(const WorldState& state);

struct TurnWorkspace;

// Turn phase (docs/model.md §3.7): the turn's attrition (w.losses) taken
// from forces, regeneration, trust (w.abandonments counts the abandonment
// events), optional mobilisation, then this turn's choices, sides and
// delivered forces made the public record the next turn observes.
void ApplyUpdates(const Scenario& scenario, WorldState& state, Turn turn, Recorder* recorder,
                  TurnWorkspace& w);

}  // namespace overstretch
