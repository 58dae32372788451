#include "actors/doctrine_terms.h"

#include <algorithm>
#include <optional>

#include "actors/compensation.h"
#include "engine/contest.h"
#include "engine/lanchester.h"

namespace overstretch {
namespace {

// Expected fractional loss of one's own side in a turn fought at a level,
// from the observed balance (Lanchester square law). The rungs differ only in
// days fought, so the fight is prepared at the first rung that needs one and
// reused for the others (the same bits as a fight per rung).
class ExpectedLoss {
 public:
  ExpectedLoss(const RunSettings& run, double own, double other, double own_lethality,
               double other_lethality)
      : run_(run),
        own_(own),
        other_(other),
        own_lethality_(own_lethality),
        other_lethality_(other_lethality) {}

  double At(int level) {
    if (level < 3 || own_ <= 0.0 || other_ <= 0.0) return 0.0;
    const double days = run_.days_per_turn * run_.intensity[level];
    if (days <= 0.0) return 0.0;
    if (!fight_) {
      // Without an observed opposing lethality, assume the enemy is as lethal as we are.
      const double a = other_lethality_ > 0.0 ? other_lethality_ : own_lethality_;
      fight_.emplace(own_, other_, a, own_lethality_);
    }
    const LanchesterOutcome r = fight_->After(days);
    return std::clamp(1.0 - r.x / own_, 0.0, 1.0);
  }

 private:
  const RunSettings& run_;
  double own_, other_, own_lethality_, other_lethality_;
  std::optional<SquareLawFight> fight_;
};

// The weight of the control term before rate[l] and (2p - 1): W V H, with
// W = resolve for challengers, security x pull for the others.
double ControlWeight(const Doctrine& d, const TheaterView& view, double value, bool challenger) {
  const double gain_scale = value * d.horizon;
  return challenger ? d.resolve * gain_scale : d.security * view.pull * gain_scale;
}

}  // namespace

DoctrineTerms::DoctrineTerms(const DecisionContext& ctx, const TheaterView& view, bool challenger)
    : ctx_(&ctx), view_(&view), challenger_(challenger) {
  if (view.side == Side::kNone) return;
  const Doctrine& d = ctx.doctrine;
  const RunSettings& run = ctx.scenario.run;
  const int e = view.escalation;
  others_ = std::max(0.0, view.observed_own - view.own_last_delivered);
  control_ = ControlWeight(d, view, view.value, challenger);
  if (challenger) {
    // Climbing the ladder catches part of the other side out of position,
    // less the better its early warning (pooled intelligence).
    caught_ = d.surprise * (1.0 - std::clamp(view.other_warning, 0.0, 1.0));
    return;
  }
  // Defenders and joiners stand at the current rung: a listed defender is
  // the one attacked, there whether or not it deploys, so that share of the
  // exposure does not count against deploying.
  const bool home = view.party && view.side == Side::kDefenders;
  exposure_ = home ? 1.0 - d.home_defence : 1.0;
  base_risk_ = d.escalation * run.escalation_cost[e];
  if (e >= 4 && view.other_side_nuclear) base_risk_ += d.nuclear;
  // Compensation: a defender makes up part of what the rest of its side
  // leaves uncovered, in proportion to its own stake.
  compensates_ = view.side == Side::kDefenders && d.compensation > 0.0;
  if (compensates_) {
    compensation_ = d.compensation * OwnStake(ctx, view) * ShortfallShare(ctx, view);
  }
}

DoctrineTerms DoctrineTerms::Revalued(double value) const {
  DoctrineTerms out = *this;
  if (view_->side != Side::kNone) {
    out.control_ = ControlWeight(ctx_->doctrine, *view_, value, challenger_);
  }
  return out;
}

DoctrineTerms::Share DoctrineTerms::Compute(double f) const {
  const TheaterView& view = *view_;
  const RunSettings& run = ctx_->scenario.run;
  const int e = view.escalation;
  Share s;
  s.f = f;
  const double own = others_ + f * ctx_->available * view.delivery;
  s.p = ContestSuccess(own, view.observed_other, run.decisiveness);
  ExpectedLoss loss(run, own, view.observed_other, view.own_lethality, view.other_lethality);
  if (!challenger_) {
    s.loss[e] = loss.At(e);
    return s;
  }
  s.p_surprise = ContestSuccess(own, view.observed_other * (1.0 - caught_), run.decisiveness);
  // A challenger's war term is war_cost f L(l): at f = 0 it is a zero of
  // war_cost's sign whatever L in [0, 1], so the fights are not needed.
  if (f == 0.0) return s;
  for (int l = std::max(e - 1, 0); l <= kMaxEscalation; ++l) s.loss[l] = loss.At(l);
  return s;
}

const DoctrineTerms::Share& DoctrineTerms::ForShare(double f) {
  for (std::size_t i = 0; i < share_count_; ++i) {
    if (shares_[i].f == f) return shares_[i];
  }
  if (share_count_ < kShares) {
    shares_[share_count_] = Compute(f);
    return shares_[share_count_++];
  }
  spare_ = Compute(f);
  return spare_;
}

double DoctrineTerms::LevelValue(const Share& s, double f, int l) const {
  const Doctrine& d = ctx_->doctrine;
  const RunSettings& run = ctx_->scenario.run;
  const TheaterView& view = *view_;
  const double pl = l > view.escalation ? s.p_surprise : s.p;
  double v = control_ * run.control_rate[l] * (2.0 * pl - 1.0);
  v -= d.escalation * run.escalation_cost[l];
  if (l == kMaxEscalation && view.other_side_nuclear) v -= d.nuclear;
  v -= d.sanctions * view.other_side_backers * l;
  v -= d.war_cost * f * s.loss[l];
  return v;
}

double DoctrineTerms::Utility(const TheaterChoice& option) {
  const TheaterView& view = *view_;
  if (view.side == Side::kNone) return 0.0;
  const Doctrine& d = ctx_->doctrine;
  const RunSettings& run = ctx_->scenario.run;
  const double f = option.posture == Posture::kDeploy ? option.share : 0.0;
  const Share& s = ForShare(f);
  const int e = view.escalation;

  double u = 0.0;
  if (challenger_) {
    if (option.move == Move::kEscalate) {
      // "Escalate" is valued at the best rung it opens.
      double best = LevelValue(s, f, e + 1);
      for (int l = e + 2; l <= kMaxEscalation; ++l) best = std::max(best, LevelValue(s, f, l));
      u += best;
    } else {
      u += LevelValue(s, f, std::clamp(e + static_cast<int>(option.move), 0, kMaxEscalation));
    }
  } else {
    // Defenders and joiners cannot move the ladder; they prepare for the
    // rungs a challenger could reach before it sees their deployment.
    const int l = std::min(e + static_cast<int>(d.lookahead), kMaxEscalation);
    u += control_ * run.control_rate[l] * (2.0 * s.p - 1.0);
    const double risk = base_risk_ + d.war_cost * s.loss[e];
    u -= exposure_ * risk * f;
    if (compensates_ && f > 0.0) u += compensation_ * f;
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

}  // namespace overstretch
