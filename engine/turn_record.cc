#include "engine/turn_record.h"

#include <algorithm>

#include "engine/inadvertent_escalation.h"
#include "engine/turn_workspace.h"
#include "engine/updates.h"

namespace overstretch {
namespace {

void RecordActors(const Scenario& scenario, const WorldState& state, bool network,
                  TurnWorkspace& w) {
  if (network) w.graph.Betweenness(w.betweenness);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    ActorTurn& rec = w.actor_turns[i];
    rec = ActorTurn{};
    rec.actor = ActorIndex(i);
    rec.forces = state.actors[i].attrs.forces;
    rec.available = w.available[i];
    rec.losses = w.losses[i];
    for (TheaterIndex k : w.active) rec.deployed += w.deployed[w.slot(i, k)];
    rec.stretch = ActorStretch(w.demand, w.side, w.active, i, w.theater_count, w.available[i]);
    rec.betweenness = network ? w.betweenness[i] : 0.0;
  }
}

// Trust placed in each actor i (tau_ji on ties j -> i for every j that i is
// committed to), and the alliance's cohesion (CohesionOf).
void RecordTrust(const WorldState& state, TurnWorkspace& w, TurnRecord& record) {
  const std::size_t n = state.actors.size();
  std::vector<double>& sum = w.trust_in;  // [0, n): trust sums; [n, 2n): counts
  std::fill(sum.begin(), sum.end(), 0.0);
  for (const TieState& tie : state.ties) {
    if (tie.attrs.commitment <= 0.0) continue;
    const TieState* belief = state.FindTie(tie.to, tie.from);
    if (belief == nullptr) continue;
    sum[tie.from.get()] += belief->attrs.trust;
    sum[n + tie.from.get()] += 1.0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (sum[n + i] > 0.0) {
      w.actor_turns[i].trust_in = sum[i] / sum[n + i];
      w.actor_turns[i].trust_in_defined = true;
    }
  }
  const Cohesion cohesion = CohesionOf(state);
  record.cohesion_defined = cohesion.defined;
  record.cohesion = cohesion.value;
}

}  // namespace

TurnRecord RecordTurn(const Scenario& scenario, const WorldState& state, Turn turn, bool network,
                      TurnWorkspace& w) {
  RecordActors(scenario, state, network, w);
  TurnRecord record;
  record.turn = turn;
  RecordTrust(state, w, record);
  record.theaters = w.theater_turns;
  record.actors = w.actor_turns;
  record.deployed = w.deployed;
  record.choices = w.choices;
  record.sides = w.side;
  record.ties = state.ties;
  record.abandonments = w.abandonments;
  return record;
}

}  // namespace overstretch
