#include "engine/turn_record.h"

#include <algorithm>

#include "engine/turn_workspace.h"

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
    double demand = 0.0;
    for (TheaterIndex k : w.active) {
      rec.deployed += w.deployed[w.slot(i, k)];
      if (w.side[w.slot(i, k)] != Side::kNone) demand += w.demand[w.slot(i, k)];
    }
    rec.stretch = demand > 0.0 ? demand / std::max(w.available[i], 1e-9) : 0.0;
    rec.betweenness = network ? w.betweenness[i] : 0.0;
  }
}

// Trust placed in each actor i (tau_ji on ties j -> i for every j that i is
// committed to), and the alliance's cohesion: the mean over all such pairs.
void RecordTrust(const WorldState& state, TurnWorkspace& w, TurnRecord& record) {
  const std::size_t n = state.actors.size();
  std::vector<double>& sum = w.trust_in;  // [0, n): trust sums; [n, 2n): counts
  std::fill(sum.begin(), sum.end(), 0.0);
  double cohesion_sum = 0.0;
  int cohesion_count = 0;
  for (const TieState& tie : state.ties) {
    if (tie.attrs.commitment <= 0.0) continue;
    const TieState* belief = state.FindTie(tie.to, tie.from);
    if (belief == nullptr) continue;
    sum[tie.from.get()] += belief->attrs.trust;
    sum[n + tie.from.get()] += 1.0;
    cohesion_sum += belief->attrs.trust;
    ++cohesion_count;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (sum[n + i] > 0.0) {
      w.actor_turns[i].trust_in = sum[i] / sum[n + i];
      w.actor_turns[i].trust_in_defined = true;
    }
  }
  record.cohesion_defined = cohesion_count > 0;
  record.cohesion = cohesion_count > 0 ? cohesion_sum / cohesion_count : 0.0;
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
