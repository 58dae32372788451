#include "actors/prc_model.h"

#include <algorithm>

#include "actors/model_params.h"
#include "actors/patron_stretch.h"

namespace overstretch {

void PrcModel::Adjust(const DecisionContext& ctx, const TheaterView& view, DoctrineTerms& /*terms*/,
                      std::span<const TheaterChoice> options, std::span<double> utilities) const {
  if (view.side == Side::kNone) return;
  if (IsChallenger(ctx.scenario, ctx.self, view.theater)) {
    // Opportunism: a patron whose forces are held elsewhere, or fail to cover
    // the theaters it stands in, is a window. The stretch is computed once
    // per view (the model keeps no state); it costs one pass over the views.
    double opportunism = 0.0;
    if (params_.opportunism != 0.0 &&
        std::any_of(options.begin(), options.end(),
                    [](const TheaterChoice& o) { return o.move == Move::kEscalate; })) {
      opportunism = params_.opportunism * PerceivedPatronStretch(ctx).stretch;
    }
    // Coalition: sanctions imposed together close each other's loopholes, so
    // the cost grows with the number of pairs of backers, not just backers.
    const double n = view.other_side_backers;
    const double pairs = params_.coalition * 0.5 * n * std::max(0.0, n - 1.0);
    for (std::size_t o = 0; o < options.size(); ++o) {
      double u = utilities[o];
      if (options[o].move == Move::kEscalate && params_.opportunism != 0.0) u += opportunism;
      const int level =
          std::clamp(view.escalation + static_cast<int>(options[o].move), 0, kMaxEscalation);
      u -= pairs * level;
      utilities[o] = u;
    }
  } else if (!view.party && view.side == Side::kChallengers) {
    // Backing a challenger it is tied to (the DPRK, through the 1961 treaty):
    // standing by it is worth something beyond the theater's control.
    for (std::size_t o = 0; o < options.size(); ++o) {
      if (options[o].posture != Posture::kAbstain) utilities[o] += params_.backing * view.pull;
    }
  }
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
