// Phase 3 of a turn (docs/model.md §3.3): the strongest chains of commitment
// through the alliance graph toward the active theaters' parties, then every
// actor's side and pull in every active theater (ComputeSides,
// engine/alliance_pull.h).
#pragma once

#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

struct TurnWorkspace;

// Rebuilds the alliance graph when the ties' structure changed (clearing
// state.ties_structure_changed), else updates its weights; writes w.parties
// (the listed parties of the active theaters), w.party_column, w.chains (the
// strongest chains toward the parties only: sides need no others), w.side
// and w.pull.
void FormSides(const Scenario& scenario, WorldState& state, TurnWorkspace& w);

}  // namespace overstretch
