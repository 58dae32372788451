#include "engine/updates.h"

#include <algorithm>
#include <cstdint>

#include "engine/contest.h"
#include "engine/mobilisation.h"
#include "engine/turn_workspace.h"

namespace overstretch {

void Regenerate(WorldState& state) {
  for (ActorState& a : state.actors) {
    a.attrs.forces += a.attrs.regeneration * (a.initial_forces - a.attrs.forces);
    a.attrs.forces = std::max(0.0, a.attrs.forces);
  }
}

namespace {

// Below this many force units nothing more was needed of an ally.
constexpr double kNothingNeeded = 1e-9;

std::size_t TieOffset(const WorldState& state, const TieState* tie) {
  return static_cast<std::size_t>(tie - state.ties.data());
}

}  // namespace

int UpdateTrust(const Scenario& scenario, WorldState& state, Turn turn,
                std::span<const TheaterIndex> adjudicated,
                std::span<const int> escalation_at_decision, std::span<const TheaterChoice> choices,
                std::span<const Side> sides, std::span<const double> delivered,
                std::span<const TheaterTurn> fought, const SuccessForce& stretch_need,
                std::vector<double>& delta, Recorder* recorder) {
  const RunSettings& run = scenario.run;
  const std::size_t theater_count = scenario.theaters.size();
  delta.assign(state.ties.size(), 0.0);
  int abandonments = 0;
  for (std::size_t a = 0; a < adjudicated.size(); ++a) {
    const TheaterIndex k = adjudicated[a];
    if (escalation_at_decision[a] < 2) continue;  // no test of commitment below crisis
    const TheaterTurn& t = fought[k.get()];
    // What the defenders needed this turn: the delivered force that would
    // have given them run.stretch_target against what the challengers brought.
    const double needed = stretch_need(t.phi_challengers);
    for (ActorIndex j : scenario.theaters[k.get()].defenders) {
      // Ties i -> j with commitment: scan the sorted tie list once per defender.
      for (const TieState& obligation : state.ties) {
        const ActorIndex i = obligation.from;
        if (obligation.to != j || i == j) continue;
        const double m = obligation.attrs.commitment;
        if (m <= 0.0) continue;
        const TieState* belief = state.FindTie(j, i);  // tau_ji lives on j -> i
        if (belief == nullptr) continue;
        const std::size_t slot = i.get() * theater_count + k.get();
        const Posture posture = choices[slot].posture;
        const bool with_j = sides[slot] == Side::kDefenders && posture != Posture::kAbstain;
        const double d = with_j ? delivered[slot] : 0.0;
        // The gap only i could fill: the need less what the rest delivered.
        const double gap = std::max(0.0, needed - (t.phi_defenders - d));
        const double tau = belief->attrs.trust;
        double q = 0.0;  // delivered share of what was needed of it
        double change = 0.0;
        if (with_j && gap <= kNothingNeeded) {
          q = 1.0;  // nothing more was needed: deploying earns trust, support keeps it
          if (posture == Posture::kDeploy) change = run.trust_gain * (1.0 - tau);
        } else {
          q = with_j ? std::min(1.0, d / gap) : 0.0;
          change = run.trust_gain * q * (1.0 - tau) - run.trust_loss * m * (1.0 - q) * tau;
          if (q < run.abandon_share && m >= run.abandon_min) {
            ++abandonments;
            if (recorder != nullptr) {
              recorder->OnAbandonment(
                  AbandonmentRecord{turn, i, j, k, m, tau, std::clamp(tau + change, 0.0, 1.0), q});
            }
          }
        }
        if (change == 0.0) continue;
        delta[TieOffset(state, belief)] += change;
        if (run.reputation <= 0.0) continue;
        // Reputation: i's other partners x (m_ix > 0) revise tau_xi too.
        for (const TieState& other : state.ties) {
          if (other.from != i || other.to == j || other.attrs.commitment <= 0.0) continue;
          const TieState* seen = state.FindTie(other.to, i);
          if (seen != nullptr) delta[TieOffset(state, seen)] += run.reputation * change;
        }
      }
    }
  }
  for (std::size_t t = 0; t < state.ties.size(); ++t) {
    if (delta[t] != 0.0) {
      state.ties[t].attrs.trust = std::clamp(state.ties[t].attrs.trust + delta[t], 0.0, 1.0);
    }
  }
  return abandonments;
}

Cohesion CohesionOf(const WorldState& state) {
  double weighted = 0.0, weights = 0.0;
  for (const TieState& tie : state.ties) {
    const double m = tie.attrs.commitment;
    if (m <= 0.0) continue;
    const TieState* belief = state.FindTie(tie.to, tie.from);
    if (belief == nullptr) continue;
    const double pledged = belief->trust_pledged;
    const double kept = pledged > 0.0 ? std::min(1.0, belief->attrs.trust / pledged) : 1.0;
    weighted += m * kept;
    weights += m;
  }
  Cohesion c;
  c.defined = weights > 0.0;
  c.value = c.defined ? weighted / weights : 0.0;
  return c;
}

namespace {

// One Richardson step of every actor's forces (docs/model.md §3.7).
void Mobilise(const Scenario& scenario, WorldState& state, TurnWorkspace& w) {
  const Mobilisation& m = scenario.run.mobilisation;
  const std::size_t n = scenario.actors.size();
  w.reactions.clear();
  for (const TieState& tie : state.ties) {
    const double k = m.reaction * tie.attrs.hostility;
    if (k != 0.0) {
      w.reactions.push_back({static_cast<std::uint32_t>(tie.from.get()),
                             static_cast<std::uint32_t>(tie.to.get()), k});
    }
  }
  w.reaction_matrix.Assign(n, w.reactions);
  for (std::size_t i = 0; i < n; ++i) {
    w.forces[i] = state.actors[i].attrs.forces;
    // Without hostility an actor's forces stay where it started: the
    // grievance offsets fatigue at the initial level.
    w.grievance[i] = state.actors[i].attrs.grievance + m.fatigue * state.actors[i].initial_forces;
  }
  RichardsonStep(w.reaction_matrix, w.fatigue, w.grievance, m.step, w.forces, w.next_forces);
  for (std::size_t i = 0; i < n; ++i) state.actors[i].attrs.forces = w.next_forces[i];
}

}  // namespace

void ApplyUpdates(const Scenario& scenario, WorldState& state, Turn turn, Recorder* recorder,
                  TurnWorkspace& w) {
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    ActorState& a = state.actors[i];
    a.attrs.forces = std::max(0.0, a.attrs.forces - w.losses[i]);
    a.losses_total += w.losses[i];
  }
  Regenerate(state);
  w.abandonments =
      UpdateTrust(scenario, state, turn, w.active, w.escalation_at_decision, w.choices, w.side,
                  w.delivered, w.theater_turns, w.stretch_need, w.trust_delta, recorder);
  if (scenario.run.mobilisation.enabled) Mobilise(scenario, state, w);
  // Public record for next turn's observations and decisions.
  state.last_choice = w.choices;
  state.last_side = w.side;
  state.last_delivered = w.delivered;
}

}  // namespace overstretch
