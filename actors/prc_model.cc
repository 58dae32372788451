#include "actors/prc_model.h"

#include <algorithm>

#include "actors/model_params.h"
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
  return ParamModelInfo<PrcModel>(
      "prc",
      "Doctrine model plus opportunism (escalates as the patron is stretched), coalition "
      "sanctions costs, and backing of challengers it is tied to.",
      ParamTable<PrcParams>{
          {"opportunism", &PrcParams::opportunism, 0.0, 5.0,
           "utility per unit of perceived stretch",
           "bonus on escalate options proportional to the patron's perceived stretch S in [0,1]"},
          {"coalition", &PrcParams::coalition, 0.0, 1.0, "utility per pair of backers per rung",
           "extra cost of each rung from the number of pairs of opposing backers last turn"},
          {"backing", &PrcParams::backing, 0.0, 5.0, "utility per unit of pull",
           "bonus on support and deploy where it is not a party but pulls to the challengers"},
      });
}

}  // namespace overstretch
