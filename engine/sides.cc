#include "engine/sides.h"

#include <algorithm>
#include <cstdint>

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
  for (ActorIndex j : w.parties) w.party_column[j.get()] = -1;
  w.parties.clear();
  for (TheaterIndex k : w.active) {
    const TheaterDef& def = scenario.theaters[k.get()];
    w.parties.insert(w.parties.end(), def.challengers.begin(), def.challengers.end());
    w.parties.insert(w.parties.end(), def.defenders.begin(), def.defenders.end());
  }
  std::sort(w.parties.begin(), w.parties.end());
  w.parties.erase(std::unique(w.parties.begin(), w.parties.end()), w.parties.end());
  for (std::size_t t = 0; t < w.parties.size(); ++t) {
    w.party_column[w.parties[t].get()] = static_cast<std::int32_t>(t);
  }
  w.chains = w.graph.StrongestChainsTo(w.parties);
  ComputeSides(scenario, state, w.active, ChainsToward{w.chains, w.party_column, w.parties.size()},
               w.side, w.pull);
}

}  // namespace overstretch
