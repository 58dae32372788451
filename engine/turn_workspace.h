// The scratch space of one turn, shared by its phases (docs/model.md §1.3).
// Sized once per Simulation so that a turn does not allocate (sweeps play
// millions of them). Per-(actor, theater) vectors are indexed
// [actor * theater_count + theater]; `views` is packed per actor by position
// in `active` instead. Everything here is rewritten by the phase that owns
// it before it is read, so nothing carries over from one turn to the next
// except the alliance graph (rebuilt when the ties' structure changes, and
// keeping its last chains for a turn whose weights and parties are the same)
// and party_column (FormSides clears last turn's entries), and the run's
// constants at the top, which hold for every turn.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/actor_model.h"
#include "engine/alliance_graph.h"
#include "engine/contest.h"
#include "engine/delivery.h"
#include "engine/observation.h"
#include "engine/reaction_matrix.h"
#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

struct TurnWorkspace {
  explicit TurnWorkspace(const Scenario& scenario);

  // Turn start: available force, reach and active theaters from the state.
  void BeginTurn(const Scenario& scenario, const WorldState& state);

  std::size_t slot(std::size_t actor, TheaterIndex k) const {
    return actor * theater_count + k.get();
  }

  std::size_t theater_count = 0;
  // run.stretch_target and run.decisiveness as the force they call for:
  // observation, the models and the trust update ask it for every actor and
  // theater, and the run's settings do not change during a run.
  SuccessForce stretch_need;
  AllianceGraph graph;
  DeliveryPlanner planner;
  std::vector<std::uint64_t> actor_keys, theater_keys;  // random stream keys
  // The bases each actor hosts: host_bases[host_begin[i] .. host_begin[i + 1]).
  std::vector<std::size_t> host_begin;
  std::vector<BaseIndex> host_bases;

  // Turn start.
  std::vector<double> available, reach;  // per actor: A_i, R_i
  std::vector<TheaterIndex> active;      // active theaters, ascending
  // Sides.
  std::vector<ActorIndex> parties;         // listed parties of the active theaters, ascending
  std::vector<std::int32_t> party_column;  // per actor: position in `parties`, or -1
  std::span<const double> chains;          // [actor * parties.size() + column], in `graph`
  std::vector<Side> side;
  std::vector<double> pull;
  // Observation.
  std::vector<double> pooled;          // per actor: pooled intelligence
  std::vector<SideSummary> summaries;  // [position in active * 2 + side - 1]
  std::vector<double> credibility;     // per position in active: kappa_k
  // Hosts of bases granting each actor access (access > 0 on host -> actor):
  // grant_hosts[grant_begin[i] .. grant_begin[i + 1]), ascending.
  std::vector<std::size_t> grant_begin, grant_fill;
  std::vector<ActorIndex> grant_hosts;
  std::vector<TheaterView> views;
  std::vector<double> demand;
  // Decisions.
  std::vector<TheaterChoice> choices;
  std::vector<DecisionOutput::Logged> log;
  std::vector<WeighedOption> log_options;
  // Delivery and adjudication.
  std::vector<DeliverySource> sources;
  std::vector<std::uint8_t> usable;  // [source * base_count + base]
  DeliveryResult delivery;
  std::vector<double> deployed, delivered;
  std::vector<double> losses;               // per actor, this turn
  std::vector<int> escalation_at_decision;  // per active theater
  std::vector<TheaterTurn> theater_turns;
  // Updates.
  std::vector<double> trust_delta;
  std::vector<double> fatigue, grievance, forces, next_forces;
  std::vector<Reaction> reactions;  // this turn's hostile ties
  ReactionMatrix reaction_matrix;
  int abandonments = 0;
  // Record.
  std::vector<ActorTurn> actor_turns;
  std::vector<double> betweenness, trust_in;
};

}  // namespace overstretch
