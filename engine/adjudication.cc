#include "engine/adjudication.h"

#include <algorithm>
#include <stdexcept>

#include "engine/contest.h"
#include "engine/inadvertent_escalation.h"
#include "engine/lanchester.h"
#include "engine/turn_workspace.h"

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

void SetEscalation(TheaterState& theater, int escalation) {
  theater.escalation = std::clamp(escalation, 0, kMaxEscalation);
  theater.max_escalation = std::max(theater.max_escalation, theater.escalation);
}

void SetControl(const RunSettings& run, TheaterState& theater, double control) {
  theater.control = std::clamp(control, 0.0, 1.0);
  if (theater.control > run.end_margin) theater.exceeded_margin = true;
}

OverrideResult OverrideTheater(const Scenario& scenario, WorldState& state,
                               const TheaterOverride& change) {
  if (change.reason.empty()) throw std::invalid_argument("a theater override needs a reason");
  if (change.theater.get() >= state.theaters.size()) {
    throw std::invalid_argument("a theater override names no theater of the scenario");
  }
  TheaterState& th = state.theaters[change.theater.get()];
  if (change.field == OverrideField::kEscalation) {
    const double before = th.escalation;
    SetEscalation(th, static_cast<int>(change.value));
    return {before, static_cast<double>(th.escalation)};
  }
  const double before = th.control;
  SetControl(scenario.run, th, change.value);
  return {before, th.control};
}

namespace {

// Delivered force, its lethality and the backers of each side in theater k.
struct SideTotals {
  double phi_c = 0.0, phi_d = 0.0, lethal_c = 0.0, lethal_d = 0.0, phi_patron = 0.0;
  int coalition_c = 0, coalition_d = 0;
};

SideTotals SumSides(const Scenario& scenario, const WorldState& state, const TurnWorkspace& w,
                    TheaterIndex k) {
  SideTotals t;
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {  // sorted-id order: reproducible
    const std::size_t slot = w.slot(i, k);
    const double d = w.delivered[slot];
    const bool backs = w.choices[slot].posture != Posture::kAbstain;
    if (w.side[slot] == Side::kChallengers) {
      t.phi_c += d;
      t.lethal_c += d * state.actors[i].attrs.lethality;
      t.coalition_c += backs ? 1 : 0;
    } else if (w.side[slot] == Side::kDefenders) {
      t.phi_d += d;
      t.lethal_d += d * state.actors[i].attrs.lethality;
      t.coalition_d += backs ? 1 : 0;
      if (scenario.has_patron && scenario.patron.get() == i) t.phi_patron += d;
    }
  }
  return t;
}

// Attrition of every deployed allocation in theater k, added to w.losses;
// rec gets each side's total.
void ApplyAttrition(const Scenario& scenario, const Attrition& att, TheaterIndex k,
                    TurnWorkspace& w, TheaterTurn& rec) {
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const std::size_t slot = w.slot(i, k);
    const double x = w.deployed[slot];
    if (x <= 0.0) continue;
    const bool challenger = w.side[slot] == Side::kChallengers;
    const double lost = x * (challenger ? att.loss_share_challengers : att.loss_share_defenders);
    w.losses[i] += lost;
    (challenger ? rec.losses_challengers : rec.losses_defenders) += lost;
  }
}

void AdjudicateTheater(const Scenario& scenario, WorldState& state, Turn turn, TheaterIndex k,
                       double patron_stretch, std::uint64_t seed, Recorder* recorder,
                       TurnWorkspace& w) {
  const RunSettings& run = scenario.run;
  TheaterState& th = state.theaters[k.get()];
  TheaterTurn& rec = w.theater_turns[k.get()];
  w.escalation_at_decision.push_back(th.escalation);
  const SideTotals s = SumSides(scenario, state, w, k);
  const double p = ContestSuccess(s.phi_c, s.phi_d, run.decisiveness);
  int move = -1;
  for (ActorIndex c : scenario.theaters[k.get()].challengers) {
    move = std::max(move, static_cast<int>(w.choices[w.slot(c.get(), k)].move));
  }
  const int before = th.escalation;
  const double control_before = th.control;
  SetEscalation(th, ApplyMove(th.escalation, move));
  const Attrition att = ResolveAttrition(run, th.escalation, s.phi_c, s.phi_d,
                                         s.phi_d > 0 ? s.lethal_d / s.phi_d : 0.0,
                                         s.phi_c > 0 ? s.lethal_c / s.phi_c : 0.0);
  ApplyAttrition(scenario, att, k, w, rec);
  SetControl(run, th, AdvanceControl(run, th.escalation, th.control, p));
  const Inadvertence accident =
      InadvertentStep(run, seed, turn, w.theater_keys[k.get()], th.escalation, att, patron_stretch);
  if (accident.happened) SetEscalation(th, th.escalation + 1);
  th.status = StatusAfter(run, th.escalation, th.control, th.exceeded_margin);
  state.last_phi[LastPhiSlot(k, Side::kChallengers)] = s.phi_c;
  state.last_phi[LastPhiSlot(k, Side::kDefenders)] = s.phi_d;

  rec.status = th.status;
  rec.adjudicated = true;
  rec.escalation_at_start = before;
  rec.escalation = th.escalation;
  rec.control = th.control;
  rec.p_challengers = p;
  rec.phi_challengers = s.phi_c;
  rec.phi_defenders = s.phi_d;
  rec.coalition_challengers = s.coalition_c;
  rec.coalition_defenders = s.coalition_d;
  rec.phi_patron = s.phi_patron;
  if (recorder != nullptr) {
    recorder->OnAdjudication(AdjudicationRecord{
        turn, k, before, th.escalation, move, s.phi_c, s.phi_d, p, control_before, th.control,
        att.days_fought, att.loss_share_challengers, att.loss_share_defenders, th.status,
        accident.hazard, accident.happened});
    if (th.escalation == kMaxEscalation && before < kMaxEscalation) {
      recorder->OnNuclearThreshold(NuclearRecordOf(scenario.theaters[k.get()], turn, k, accident,
                                                   w.choices, w.theater_count, patron_stretch));
    }
  }
}

}  // namespace

void Adjudicate(const Scenario& scenario, WorldState& state, std::uint64_t seed, Turn turn,
                Recorder* recorder, TurnWorkspace& w) {
  std::fill(w.losses.begin(), w.losses.end(), 0.0);
  w.escalation_at_decision.clear();
  for (std::size_t k = 0; k < scenario.theaters.size(); ++k) {
    w.theater_turns[k] = TheaterTurn{};
    w.theater_turns[k].theater = TheaterIndex(k);
  }
  // The patron's stretch this turn, bounded to [0, 1): it drives the hazard
  // of inadvertent escalation (docs/model.md §3.6).
  const double patron_stretch =
      scenario.has_patron
          ? BoundedStretch(ActorStretch(w.demand, w.side, w.active, scenario.patron.get(),
                                        w.theater_count, w.available[scenario.patron.get()]))
          : 0.0;
  for (TheaterIndex k : w.active) {
    AdjudicateTheater(scenario, state, turn, k, patron_stretch, seed, recorder, w);
  }
  for (std::size_t k = 0; k < scenario.theaters.size(); ++k) {
    TheaterTurn& rec = w.theater_turns[k];
    if (rec.adjudicated) continue;
    const TheaterState& th = state.theaters[k];
    rec.status = th.status;
    rec.escalation = th.escalation;
    rec.escalation_at_start = th.escalation;
    rec.control = th.control;
  }
}

}  // namespace overstretch
