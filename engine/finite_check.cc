#include "engine/finite_check.h"

#include <fmt/format.h>

#include <cmath>

namespace overstretch {
namespace {

// The parameters that can drive a quantity out of range, for the message.
constexpr const char* kForceParameters =
    "actors.*.forces, actors.*.grievance, bases.*.capacity, run.mobilisation, run.intensity, "
    "run.decisiveness, run.stretch_target";
constexpr const char* kUtilityParameters =
    "theaters.*.value, run.escalation_cost, doctrine weights, run.decisiveness, "
    "run.stretch_target";

[[noreturn]] void Fail(Turn turn, const std::string& what, double value, const char* parameters) {
  throw NonFiniteError(fmt::format(
      "turn {}: {} is {} (not a finite number); the run was stopped and nothing was written. "
      "Check the magnitudes of {}",
      turn, what, value, parameters));
}

void Check(Turn turn, double value, const std::string& what, const char* parameters) {
  if (!std::isfinite(value)) Fail(turn, what, value, parameters);
}

}  // namespace

void CheckTurnFinite(const Scenario& sc, const TurnRecord& r) {
  for (const TheaterTurn& t : r.theaters) {
    const std::string& id = sc.theaters[t.theater.get()].id;
    Check(r.turn, t.control, "control of theater " + id, kForceParameters);
    Check(r.turn, t.p_challengers, "contest success in theater " + id, kForceParameters);
    Check(r.turn, t.phi_challengers + t.phi_defenders + t.phi_patron,
          "delivered force in theater " + id, kForceParameters);
    Check(r.turn, t.losses_challengers + t.losses_defenders, "losses in theater " + id,
          kForceParameters);
  }
  for (const ActorTurn& a : r.actors) {
    const std::string& id = sc.actors[a.actor.get()].id;
    Check(r.turn, a.forces, "forces of actor " + id, kForceParameters);
    Check(r.turn, a.available + a.deployed + a.losses, "available, deployed or lost force of " + id,
          kForceParameters);
    Check(r.turn, a.stretch, "stretch of actor " + id, kForceParameters);
    Check(r.turn, a.trust_in + a.betweenness, "trust in or betweenness of " + id, kForceParameters);
  }
  for (const double d : r.deployed) Check(r.turn, d, "a deployment", kForceParameters);
  for (const TieState& tie : r.ties) {
    const TieAttributes& t = tie.attrs;
    Check(r.turn, t.commitment + t.access + t.intel + t.trust + t.hostility,
          fmt::format("the tie {}-{}", sc.actors[tie.from.get()].id, sc.actors[tie.to.get()].id),
          kForceParameters);
  }
  Check(r.turn, r.cohesion, "cohesion", kForceParameters);
}

void CheckDecisionFinite(const Scenario& sc, const DecisionRecord& r) {
  const std::string who = fmt::format("a utility of {} in theater {}", sc.actors[r.actor.get()].id,
                                      sc.theaters[r.theater.get()].id);
  for (const WeighedOption& o : r.options) {
    Check(r.turn, o.utility + o.probability, who, kUtilityParameters);
  }
  Check(r.turn, r.observed_own + r.observed_other + r.pull, "an observation of " + who,
        kForceParameters);
}

}  // namespace overstretch
