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

// `what` names the quantity; it is called only on failure, so a finite turn
// (every turn of a valid run) formats no string.
template <class Describe>
void Check(Turn turn, double value, Describe&& what, const char* parameters) {
  if (!std::isfinite(value)) [[unlikely]] {
    Fail(turn, what(), value, parameters);
  }
}

}  // namespace

void CheckTurnFinite(const Scenario& sc, const TurnRecord& r) {
  const Turn turn = r.turn;
  for (const TheaterTurn& t : r.theaters) {
    const std::string& id = sc.theaters[t.theater.get()].id;
    const auto named = [&](const char* what) {
      return [&id, what] { return fmt::format("{} {}", what, id); };
    };
    Check(turn, t.control, named("control of theater"), kForceParameters);
    Check(turn, t.p_challengers, named("contest success in theater"), kForceParameters);
    Check(turn, t.phi_challengers + t.phi_defenders + t.phi_patron,
          named("delivered force in theater"), kForceParameters);
    Check(turn, t.losses_challengers + t.losses_defenders, named("losses in theater"),
          kForceParameters);
  }
  for (const ActorTurn& a : r.actors) {
    const std::string& id = sc.actors[a.actor.get()].id;
    const auto named = [&](const char* what) {
      return [&id, what] { return fmt::format("{} {}", what, id); };
    };
    Check(turn, a.forces, named("forces of actor"), kForceParameters);
    Check(turn, a.available + a.deployed + a.losses, named("available, deployed or lost force of"),
          kForceParameters);
    Check(turn, a.stretch, named("stretch of actor"), kForceParameters);
    Check(turn, a.trust_in + a.betweenness, named("trust in or betweenness of"), kForceParameters);
  }
  for (const double d : r.deployed) {
    Check(
        turn, d, [] { return std::string("a deployment"); }, kForceParameters);
  }
  for (const TieState& tie : r.ties) {
    const TieAttributes& t = tie.attrs;
    Check(
        turn, t.commitment + t.access + t.intel + t.trust + t.hostility,
        [&] {
          return fmt::format("the tie {}-{}", sc.actors[tie.from.get()].id,
                             sc.actors[tie.to.get()].id);
        },
        kForceParameters);
  }
  Check(
      turn, r.cohesion, [] { return std::string("cohesion"); }, kForceParameters);
}

void CheckDecisionFinite(const Scenario& sc, const DecisionRecord& r) {
  const auto who = [&] {
    return fmt::format("a utility of {} in theater {}", sc.actors[r.actor.get()].id,
                       sc.theaters[r.theater.get()].id);
  };
  for (const WeighedOption& o : r.options) {
    Check(r.turn, o.utility + o.probability, who, kUtilityParameters);
  }
  Check(
      r.turn, r.observed_own + r.observed_other + r.pull,
      [&] { return "an observation of " + who(); }, kForceParameters);
}

}  // namespace overstretch
