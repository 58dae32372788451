#include "actors/new_zealand_model.h"

#include "actors/model_params.h"

namespace overstretch {

std::optional<ActorIndex> ClosestPartner(const WorldState& state, ActorIndex self) {
  std::optional<ActorIndex> best;
  double best_commitment = 0.0;
  // Ties are sorted by (from, to), so the first maximum is the first in id order.
  for (const TieState& tie : state.ties) {
    if (tie.from != self || tie.to == self) continue;
    if (tie.attrs.commitment > best_commitment) {
      best_commitment = tie.attrs.commitment;
      best = tie.to;
    }
  }
  return best;
}

double NewZealandModel::PartnerEngagement(const DecisionContext& ctx, const TheaterView& view) {
  if (view.side == Side::kNone) return 0.0;
  const std::optional<ActorIndex> partner = ClosestPartner(ctx.state, ctx.self);
  if (!partner) return 0.0;
  const std::size_t slot = partner->get() * ctx.scenario.theater_count() + view.theater.get();
  if (ctx.state.last_side[slot] != view.side ||
      ctx.state.last_choice[slot].posture == Posture::kAbstain) {
    return 0.0;
  }
  const TieState* obligation = ctx.state.FindTie(ctx.self, *partner);
  const TieState* belief = ctx.state.FindTie(*partner, ctx.self);
  const double trust = belief != nullptr ? belief->attrs.trust : 0.0;
  return obligation != nullptr ? obligation->attrs.commitment * trust : 0.0;
}

bool NewZealandModel::Allows(const DecisionContext& /*ctx*/, const TheaterView& view,
                             const TheaterChoice& option) const {
  if (view.escalation < kMaxEscalation) return true;
  // Nuclear-free: nothing but the least involvement the rules permit.
  return option.posture == (view.party ? Posture::kSupport : Posture::kAbstain);
}

void NewZealandModel::Adjust(const DecisionContext& ctx, const TheaterView& view,
                             DoctrineTerms& /*terms*/, std::span<const TheaterChoice> options,
                             std::span<double> utilities) const {
  if (view.side == Side::kNone) return;
  const double partner =
      params_.partner_weight != 0.0 ? params_.partner_weight * PartnerEngagement(ctx, view) : 0.0;
  for (std::size_t o = 0; o < options.size(); ++o) {
    const TheaterChoice& option = options[o];
    double u = utilities[o];
    if (option.posture == Posture::kSupport) u += params_.support_bonus;
    if (option.posture == Posture::kDeploy) u -= params_.deploy_penalty * option.share;
    if (option.posture != Posture::kAbstain && params_.partner_weight != 0.0) u += partner;
    utilities[o] = u;
  }
}

ModelInfo NewZealandModelInfo() {
  return ParamModelInfo<NewZealandModel>(
      "new_zealand",
      "Doctrine model of a small force: prefers support to deployment, withdraws at the nuclear "
      "threshold (nuclear-free), stands where its closest partner stands.",
      ParamTable<NewZealandParams>{
          {"support_bonus", &NewZealandParams::support_bonus, 0.0, 5.0, "utility",
           "added to the support option (disaster relief, diplomacy, ISR)"},
          {"deploy_penalty", &NewZealandParams::deploy_penalty, 0.0, 5.0,
           "utility per share of A_i", "extra cost of deploying, on top of doctrine.cost"},
          {"partner_weight", &NewZealandParams::partner_weight, 0.0, 5.0,
           "utility per unit of m x tau",
           "value of backing a theater where its closest partner backs the same side"},
      });
}

}  // namespace overstretch
