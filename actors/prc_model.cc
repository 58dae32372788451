#include "actors/prc_model.h"

#include <algorithm>

#include "actors/patron_stretch.h"

namespace overstretch {

double PrcModel::Adjust(const DecisionContext& ctx, const TheaterView& view,
                        const TheaterChoice& option, double utility) const {
  if (view.side == Side::kNone) return utility;
  double u = utility;
  if (IsChallenger(ctx.scenario, ctx.self, view.theater)) {
    // Opportunism: a patron whose forces are held elsewhere, or fail to cover
    // the theaters it stands in, is a window. The stretch is recomputed per
    // option (the model keeps no state); it costs one pass over the views.
    if (option.move == Move::kEscalate && params_.opportunism != 0.0) {
      u += params_.opportunism * PerceivedPatronStretch(ctx).stretch;
    }
    // Coalition: sanctions imposed together close each other's loopholes, so
    // the cost grows with the number of pairs of backers, not just backers.
    const double n = view.other_side_backers;
    const int level =
        std::clamp(view.escalation + static_cast<int>(option.move), 0, kMaxEscalation);
    u -= params_.coalition * 0.5 * n * std::max(0.0, n - 1.0) * level;
  } else if (!view.party && view.side == Side::kChallengers &&
             option.posture != Posture::kAbstain) {
    // Backing a challenger it is tied to (the DPRK, through the 1961 treaty):
    // standing by it is worth something beyond the theater's control.
    u += params_.backing * view.pull;
  }
  return u;
}

ModelInfo PrcModelInfo() {
  ModelInfo info;
  info.name = "prc";
  info.summary =
      "Doctrine model plus opportunism (escalates as the patron is stretched), coalition "
      "sanctions costs, and backing of challengers it is tied to.";
  const PrcParams d;
  info.params = {
      {"opportunism", d.opportunism, 0.0, 5.0, "utility per unit of perceived stretch",
       "bonus on escalate options proportional to the patron's perceived stretch S in [0,1]"},
      {"coalition", d.coalition, 0.0, 1.0, "utility per pair of backers per rung",
       "extra cost of each rung from the number of pairs of opposing backers last turn"},
      {"backing", d.backing, 0.0, 5.0, "utility per unit of pull",
       "bonus on support and deploy where it is not a party but pulls to the challengers"},
  };
  info.make = [](const Scenario& scenario, ActorIndex self) {
    const std::vector<double>& v = scenario.actors[self.get()].model_params;
    PrcParams p;
    if (v.size() >= 3) p = PrcParams{v[0], v[1], v[2]};
    return std::make_unique<PrcModel>(p);
  };
  return info;
}

}  // namespace overstretch
