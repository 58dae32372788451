#include "engine/sides.h"

#include "engine/alliance_pull.h"
#include "engine/turn_workspace.h"

namespace overstretch {

void FormSides(const Scenario& scenario, WorldState& state, TurnWorkspace& w) {
  if (state.ties_structure_changed) {
    w.graph.Rebuild(state.ties);
    state.ties_structure_changed = false;
  } else {
    w.graph.UpdateWeights(state.ties);
  }
  w.graph.StrongestChains(w.chains);
  ComputeSides(scenario, state, w.active, w.chains, w.side, w.pull);
}

}  // namespace overstretch
