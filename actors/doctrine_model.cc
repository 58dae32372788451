#include "actors/doctrine_model.h"

#include <algorithm>
#include <cmath>

#include "actors/compensation.h"
#include "engine/contest.h"
#include "engine/lanchester.h"
#include "engine/logit_choice.h"

namespace overstretch {
namespace {

// Expected fractional loss of one's own side in a turn fought at `level`,
// from the observed balance (Lanchester square law).
double ExpectedLossShare(const RunSettings& run, int level, double own, double other,
                         double own_lethality, double other_lethality) {
  if (level < 3 || own <= 0.0 || other <= 0.0) return 0.0;
  const double days = run.days_per_turn * run.intensity[level];
  if (days <= 0.0) return 0.0;
  // Without an observed opposing lethality, assume the enemy is as lethal as we are.
  const double a = other_lethality > 0.0 ? other_lethality : own_lethality;
  const LanchesterOutcome r = LanchesterSquare(own, other, a, own_lethality, days);
  return std::clamp(1.0 - r.x / own, 0.0, 1.0);
}

}  // namespace

double DoctrineUtility(const DecisionContext& ctx, const TheaterView& view,
                       const TheaterChoice& option, bool challenger) {
  if (view.side == Side::kNone) return 0.0;
  const Doctrine& d = ctx.doctrine;
  const RunSettings& run = ctx.scenario.run;
  const double f = option.posture == Posture::kDeploy ? option.share : 0.0;
  const double others = std::max(0.0, view.observed_own - view.own_last_delivered);
  const double own = others + f * ctx.available * view.delivery;
  const double p = ContestSuccess(own, view.observed_other, run.decisiveness);
  const int e = view.escalation;
  const double gain_scale = view.value * d.horizon;

  double u = 0.0;
  if (challenger) {
    // Climbing the ladder catches part of the other side out of position,
    // less the better its early warning (pooled intelligence).
    const double caught = d.surprise * (1.0 - std::clamp(view.other_warning, 0.0, 1.0));
    const double p_surprise =
        ContestSuccess(own, view.observed_other * (1.0 - caught), run.decisiveness);
    const auto level_value = [&](int l) {
      const double pl = l > e ? p_surprise : p;
      double v = d.resolve * gain_scale * run.control_rate[l] * (2.0 * pl - 1.0);
      v -= d.escalation * run.escalation_cost[l];
      if (l == kMaxEscalation && view.other_side_nuclear) v -= d.nuclear;
      v -= d.sanctions * view.other_side_backers * l;
      v -= d.war_cost * f *
           ExpectedLossShare(run, l, own, view.observed_other, view.own_lethality,
                             view.other_lethality);
      return v;
    };
    if (option.move == Move::kEscalate) {
      double best = level_value(e + 1);
      for (int l = e + 2; l <= kMaxEscalation; ++l) best = std::max(best, level_value(l));
      u += best;
    } else {
      u += level_value(std::clamp(e + static_cast<int>(option.move), 0, kMaxEscalation));
    }
  } else {
    // Defenders and joiners cannot move the ladder; they prepare for the
    // rungs a challenger could reach before it sees their deployment (it
    // observes this turn's forces only next turn), which is what deterrence
    // is about.
    const int l = std::min(e + static_cast<int>(d.lookahead), kMaxEscalation);
    u += d.security * view.pull * gain_scale * run.control_rate[l] * (2.0 * p - 1.0);
    // A listed defender is the one attacked: it stands at the rung, under the
    // nuclear shadow and in the fighting whether or not it deploys, so that
    // share of the exposure does not count against deploying.
    const bool home = view.party && view.side == Side::kDefenders;
    const double exposure = home ? 1.0 - d.home_defence : 1.0;
    double risk = d.escalation * run.escalation_cost[e];
    if (e >= 4 && view.other_side_nuclear) risk += d.nuclear;
    risk += d.war_cost * ExpectedLossShare(run, e, own, view.observed_other, view.own_lethality,
                                           view.other_lethality);
    u -= exposure * risk * f;
    // Compensation: a defender makes up part of what the rest of its side
    // leaves uncovered, in proportion to its own stake.
    if (view.side == Side::kDefenders && d.compensation > 0.0 && f > 0.0) {
      u += d.compensation * OwnStake(ctx, view) * ShortfallShare(ctx, view) * f;
    }
  }
  if (e >= 2) {
    const double sign = option.posture == Posture::kDeploy    ? 1.0
                        : option.posture == Posture::kAbstain ? -1.0
                                                              : 0.0;
    u += d.credibility * view.credibility_at_stake * sign;
  }
  u += d.help * view.help_requested * f;
  u -= d.cost * f;
  if (option.posture == Posture::kSupport) u -= d.support_cost;
  if (d.inertia != 0.0 && option.posture == view.last.posture && option.share == view.last.share) {
    u += d.inertia;
  }
  return u;
}

std::size_t ChooseOption(std::span<const double> utilities, const Doctrine& doctrine,
                         RandomStream& rng, std::span<double> probabilities, double* draw) {
  *draw = -1.0;
  if (utilities.size() <= 1 || doctrine.argmax) {
    const std::size_t best = ArgMax(utilities);
    std::fill(probabilities.begin(), probabilities.end(), 0.0);
    if (!probabilities.empty()) probabilities[best] = 1.0;
    return best;
  }
  LogitProbabilities(utilities, doctrine.rationality, probabilities);
  *draw = rng.Uniform();
  return SampleIndex(probabilities, *draw);
}

void DoctrineModel::Decide(const DecisionContext& ctx, RandomStream& rng,
                           DecisionOutput& out) const {
  OptionSet all;
  OptionSet options;
  std::array<double, OptionSet::kCapacity> utilities{};
  std::array<double, OptionSet::kCapacity> probabilities{};
  for (std::size_t a = 0; a < ctx.theaters.size(); ++a) {
    const TheaterView& view = ctx.theaters[a];
    const bool challenger = IsChallenger(ctx.scenario, ctx.self, view.theater);
    LegalOptions(view, ctx.doctrine, challenger, all);
    options.size = 0;
    for (const TheaterChoice& o : all.view()) {
      if (Allows(ctx, view, o)) options.Add(o);
    }
    if (options.size == 0) options.Add(all.items[0]);
    for (std::size_t o = 0; o < options.size; ++o) {
      utilities[o] = Adjust(ctx, view, options.items[o],
                            DoctrineUtility(ctx, view, options.items[o], challenger));
    }
    double draw = -1.0;
    const std::size_t pick =
        ChooseOption(std::span(utilities.data(), options.size), ctx.doctrine, rng,
                     std::span(probabilities.data(), options.size), &draw);
    out.choices[a] = options.items[pick];
    if (out.log != nullptr && view.side != Side::kNone) {
      for (std::size_t o = 0; o < options.size; ++o) {
        out.log->push_back(DecisionOutput::Logged{
            a, WeighedOption{options.items[o], utilities[o], probabilities[o]}, o == pick, draw});
      }
    }
  }
  Finish(ctx, out.choices.first(ctx.theaters.size()));
}

ModelInfo DoctrineModelInfo() {
  ModelInfo info;
  info.name = "doctrine";
  info.summary =
      "Generic doctrine model: expected utility with the actor's doctrine weights, logit choice.";
  info.make = [](const Scenario&, ActorIndex) { return std::make_unique<DoctrineModel>(); };
  return info;
}

}  // namespace overstretch
