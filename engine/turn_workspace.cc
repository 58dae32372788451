#include "engine/turn_workspace.h"

#include "engine/random_stream.h"

namespace overstretch {

TurnWorkspace::TurnWorkspace(const Scenario& s)
    : theater_count(s.theaters.size()),
      stretch_need(s.run.stretch_target, s.run.decisiveness),
      graph(s.actors.size()),
      planner(s) {
  const std::size_t n = s.actors.size();
  const std::size_t t = s.theaters.size();
  actor_keys.reserve(n);
  for (const auto& a : s.actors) actor_keys.push_back(StableKey(a.id));
  theater_keys.reserve(t);
  for (const auto& th : s.theaters) theater_keys.push_back(StableKey(th.id));
  host_begin.assign(n + 1, 0);
  for (const BaseDef& b : s.bases) ++host_begin[b.host.get() + 1];
  for (std::size_t i = 0; i < n; ++i) host_begin[i + 1] += host_begin[i];
  host_bases.assign(s.bases.size(), BaseIndex(0));
  std::vector<std::size_t> fill(host_begin.begin(), host_begin.end() - 1);
  for (std::size_t b = 0; b < s.bases.size(); ++b) {
    host_bases[fill[s.bases[b].host.get()]++] = BaseIndex(b);
  }
  available.assign(n, 0.0);
  reach.assign(n, 0.0);
  active.reserve(t);
  parties.reserve(n);
  party_column.assign(n, -1);
  side.assign(n * t, Side::kNone);
  pull.assign(n * t, 0.0);
  pooled.assign(n, 0.0);
  summaries.assign(2 * t, SideSummary{});
  credibility.assign(t, 1.0);
  grant_begin.assign(n + 1, 0);
  grant_fill.assign(n, 0);
  views.assign(n * t, TheaterView{});
  demand.assign(n * t, 0.0);
  choices.assign(n * t, TheaterChoice{});
  sources.reserve(n * t);
  usable.reserve(n * t * s.bases.size());
  deployed.assign(n * t, 0.0);
  delivered.assign(n * t, 0.0);
  losses.assign(n, 0.0);
  escalation_at_decision.reserve(t);
  theater_turns.assign(t, TheaterTurn{});
  fatigue.assign(n, s.run.mobilisation.fatigue);
  grievance.assign(n, 0.0);
  forces.assign(n, 0.0);
  next_forces.assign(n, 0.0);
  actor_turns.assign(n, ActorTurn{});
  betweenness.assign(n, 0.0);
  trust_in.assign(2 * n, 0.0);
}

void TurnWorkspace::BeginTurn(const Scenario& scenario, const WorldState& state) {
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    available[i] = AvailableForce(state.actors[i].attrs);
    reach[i] = state.actors[i].attrs.reach_km;
  }
  active.clear();
  for (std::size_t k = 0; k < scenario.theaters.size(); ++k) {
    if (state.theaters[k].status == TheaterStatus::kActive) active.push_back(TheaterIndex(k));
  }
}

}  // namespace overstretch
