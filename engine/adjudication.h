// Adjudication rules of one theater (MODEL.md §6), as pure functions on
// numbers so that each can be tested against hand-computed cases.
#pragma once

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

}  // namespace overstretch
