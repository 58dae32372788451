#include "actors/dprk_model.h"

#include <algorithm>
#include <cmath>

#include "actors/model_params.h"
#include "actors/patron_stretch.h"
#include "engine/contest.h"

namespace overstretch {

bool ProvocationPhase(Turn turn, Turn opened, int period) {
  const int p = std::max(period, 1);
  const int phase = ((turn - opened) % p + p) % p;
  return phase < (p + 1) / 2;
}

int DprkModel::period() const {
  return std::max(1, static_cast<int>(std::lround(params_.cycle_period)));
}

namespace {

// The observed success chance of the actor's side before its own choice.
double ObservedSuccess(const DecisionContext& ctx, const TheaterView& view) {
  return ContestSuccess(view.observed_own, view.observed_other, ctx.scenario.run.decisiveness);
}

}  // namespace

bool DprkModel::Allows(const DecisionContext& ctx, const TheaterView& view,
                       const TheaterChoice& option) const {
  // Defusing ends the theater (run.end.at_zero) and with it the leverage the
  // cycle is for: only a hopeless position justifies it.
  if (option.move != Move::kDeescalate || view.escalation != 1) return true;
  if (!IsChallenger(ctx.scenario, ctx.self, view.theater)) return true;
  return ObservedSuccess(ctx, view) < params_.hopeless_p;
}

void DprkModel::Adjust(const DecisionContext& ctx, const TheaterView& view,
                       DoctrineTerms& /*terms*/, std::span<const TheaterChoice> options,
                       std::span<double> utilities) const {
  if (view.side == Side::kNone || !IsChallenger(ctx.scenario, ctx.self, view.theater)) return;
  const Doctrine& d = ctx.doctrine;
  const RunSettings& run = ctx.scenario.run;
  const int e = view.escalation;
  // Provocation cycle: the rung the phase aims at is worth `cycle_bonus`.
  const Turn opened = ctx.state.theaters[view.theater.get()].opened;
  const int target = ProvocationPhase(ctx.turn, opened, period()) ? 2 : 1;
  // Opportunism: the patron's stretch is the window (one pass over the
  // views, so only when some option escalates).
  double opportunism = 0.0;
  if (params_.opportunism != 0.0 &&
      std::any_of(options.begin(), options.end(),
                  [](const TheaterChoice& o) { return o.move == Move::kEscalate; })) {
    opportunism = params_.opportunism * PerceivedPatronStretch(ctx).stretch;
  }
  // Backing: the rung it reaches costs less with backers at its side.
  const double b = params_.backing_resolve * view.own_side_backers;
  // Nuclear coercion: at the top of the ladder, the threat pays when the
  // conventional balance is lost.
  double coercion = 0.0;
  const bool coerces = e >= 4 && params_.nuclear_coercion != 0.0;
  if (coerces) {
    const double dominance = std::max(0.0, 1.0 - 2.0 * ObservedSuccess(ctx, view));
    double extra = d.escalation *
                   (run.escalation_cost[kMaxEscalation] - run.escalation_cost[kMaxEscalation - 1]);
    if (view.other_side_nuclear) extra += d.nuclear;
    coercion = params_.nuclear_coercion * dominance * std::max(0.0, extra);
  }
  for (std::size_t o = 0; o < options.size(); ++o) {
    const TheaterChoice& option = options[o];
    const int level = std::clamp(e + static_cast<int>(option.move), 0, kMaxEscalation);
    double u = utilities[o];
    if ((e == 1 || e == 2) && level == target) u += params_.cycle_bonus;
    if (option.move == Move::kEscalate && params_.opportunism != 0.0) u += opportunism;
    if (b > 0.0) u += d.escalation * run.escalation_cost[level] * b / (1.0 + b);
    if (coerces && level == kMaxEscalation) u += coercion;
    utilities[o] = u;
  }
}

ModelInfo DprkModelInfo() {
  return ParamModelInfo<DprkModel>(
      "dprk",
      "Doctrine model plus provocation cycles (grey zone <-> crisis), opportunism against a "
      "stretched patron, resolve from its backers, nuclear coercion at the top of the ladder.",
      ParamTable<DprkParams>{
          {"cycle_period", &DprkParams::cycle_period, 2.0, 48.0, "turns",
           "length of a provocation cycle: first half provocation (crisis), second half calm"},
          {"cycle_bonus", &DprkParams::cycle_bonus, 0.0, 5.0, "utility",
           "bonus for options that leave the theater at the rung of the cycle's phase (2 or 1)"},
          {"hopeless_p", &DprkParams::hopeless_p, 0.0, 0.5, "probability",
           "observed success chance below which it may defuse to 0 during a cycle"},
          {"opportunism", &DprkParams::opportunism, 0.0, 5.0,
           "utility per unit of perceived stretch",
           "bonus on escalate options proportional to the patron's perceived stretch S in [0,1]"},
          {"backing_resolve", &DprkParams::backing_resolve, 0.0, 10.0, "per backer",
           "escalation cost of the reached rung is divided by 1 + backing_resolve x backers"},
          {"nuclear_coercion", &DprkParams::nuclear_coercion, 0.0, 1.0, "share",
           "share of the nuclear threshold's extra cost offset when the other side dominates"},
      });
}

}  // namespace overstretch
