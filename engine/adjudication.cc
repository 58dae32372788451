#include "engine/adjudication.h"

#include <algorithm>

#include "engine/lanchester.h"

namespace overstretch {

int ApplyMove(int escalation, int most_escalatory_move) {
  const int step = std::clamp(most_escalatory_move, -1, 1);  // at most one step a turn
  return std::clamp(escalation + step, 0, kMaxEscalation);
}

Attrition ResolveAttrition(const RunSettings& run, int escalation, double phi_c, double phi_d,
                           double lethality_d, double lethality_c) {
  Attrition out;
  if (escalation < 3) return out;  // below limited conflict nobody fights
  const double days = run.days_per_turn * run.intensity[escalation];
  if (days <= 0.0 || phi_c <= 0.0 || phi_d <= 0.0) return out;
  const LanchesterOutcome r = LanchesterSquare(phi_c, phi_d, lethality_d, lethality_c, days);
  out.loss_share_challengers = std::clamp(1.0 - r.x / phi_c, 0.0, 1.0);
  out.loss_share_defenders = std::clamp(1.0 - r.y / phi_d, 0.0, 1.0);
  out.days_fought = r.fought;
  return out;
}

double AdvanceControl(const RunSettings& run, int escalation, double control, double p) {
  return std::clamp(control + run.control_rate[escalation] * (2.0 * p - 1.0), 0.0, 1.0);
}

TheaterStatus StatusAfter(const RunSettings& run, int escalation, double control,
                          bool exceeded_margin) {
  if (control >= 1.0) return TheaterStatus::kWon;
  if (exceeded_margin && control <= 0.0) return TheaterStatus::kHeld;
  if (run.end_at_zero && escalation == 0) return TheaterStatus::kDefused;
  return TheaterStatus::kActive;
}

}  // namespace overstretch
