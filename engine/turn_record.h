// Turn phase (docs/model.md §3.9): what a turn measured, as the TurnRecord
// the metrics accumulate and recorders write: every theater's adjudication,
// every actor's force, deployment, losses, stretch and the trust placed in
// it, and the alliance's cohesion.
#pragma once

#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

struct TurnWorkspace;

// The record of `turn` once its updates are applied. Its spans point into
// `w` and `state`, valid until the next turn. Betweenness is computed only
// when `network` is set (it costs more than the rest of the turn).
TurnRecord RecordTurn(const Scenario& scenario, const WorldState& state, Turn turn, bool network,
                      TurnWorkspace& w);

}  // namespace overstretch
