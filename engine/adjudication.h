// Adjudication (docs/model.md §3.6): the rules of one theater as pure
// functions on numbers, so that each can be tested against hand-computed
// cases; the setters every change of escalation and control goes through,
// a facilitator's override included; and the turn phase that applies them.
#pragma once

#include <cstdint>
#include <string>

#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// New escalation after the most escalatory challenger move, clamped to 0..5.
int ApplyMove(int escalation, int most_escalatory_move);

struct Attrition {
  double loss_share_challengers = 0.0;  // fraction of X lost, in [0,1]
  double loss_share_defenders = 0.0;    // fraction of Y lost
  double days_fought = 0.0;
};

// Lanchester square law over days_per_turn * intensity[escalation] days when
// escalation >= 3; none below. X = phi_c, Y = phi_d; a = lethality of the
// defenders (their mean, weighted by delivered force), b = the challengers'.
Attrition ResolveAttrition(const RunSettings& run, int escalation, double phi_c, double phi_d,
                           double lethality_d, double lethality_c);

// c <- clamp(c + control_rate[escalation] * (2p - 1), 0, 1).
double AdvanceControl(const RunSettings& run, int escalation, double control, double p_challengers);

// The theater's status after this turn's adjudication: won at full control,
// held when control returns to 0 after exceeding end_margin, defused when it
// de-escalated to 0 (end_at_zero), else still active.
TheaterStatus StatusAfter(const RunSettings& run, int escalation, double control,
                          bool exceeded_margin);

// Sets escalation, clamped to 0..5, and its running maximum.
void SetEscalation(TheaterState& theater, int escalation);

// Sets control, clamped to [0, 1], and remembers when it exceeded
// end_margin: the end rule (StatusAfter) needs that memory to tell a held
// theater from one never contested.
void SetControl(const RunSettings& run, TheaterState& theater, double control);

// A facilitator's override of a theater's adjudicated outcome (classroom
// play), set through SetEscalation / SetControl like any adjudication. The
// theater's status is left to the next adjudication, which applies the end
// rule to the overridden values. Throws std::invalid_argument without a
// reason (every override is logged with it) or for an unknown theater.
enum class OverrideField : std::uint8_t { kEscalation, kControl };
struct TheaterOverride {
  TheaterIndex theater;
  OverrideField field = OverrideField::kControl;
  double value = 0.0;  // escalation: truncated to a whole level
  std::string reason;
};
struct OverrideResult {
  double before = 0.0;
  double after = 0.0;
};
OverrideResult OverrideTheater(const Scenario& scenario, WorldState& state,
                               const TheaterOverride& change);

struct TurnWorkspace;

// Turn phase (docs/model.md §3.6): adjudicates every active theater from the
// delivered forces of this turn (w.delivered, w.deployed): contest success,
// the challengers' move, attrition (w.losses per actor), control, the hazard
// of inadvertent escalation (its stream keyed by `seed`) and end.
// Writes last_phi for the next observation, w.escalation_at_decision (per
// active theater) and w.theater_turns (every theater); reports each
// adjudication to `recorder` if non-null.
void Adjudicate(const Scenario& scenario, WorldState& state, std::uint64_t seed, Turn turn,
                Recorder* recorder, TurnWorkspace& w);

}  // namespace overstretch
