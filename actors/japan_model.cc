#include "actors/japan_model.h"

#include <algorithm>

#include "actors/model_params.h"

namespace overstretch {

double JapanModel::SideStake(const DecisionContext& ctx, const TheaterView& view) {
  if (view.side == Side::kNone) return 0.0;
  const std::vector<double>& stakes = ctx.state.theaters[view.theater.get()].attrs.stakes;
  const double s = ctx.self.get() < stakes.size() ? stakes[ctx.self.get()] : 0.0;
  return view.side == Side::kDefenders ? s : -s;
}

bool JapanModel::PatronEngaged(const DecisionContext& ctx, const TheaterView& view) {
  const Scenario& sc = ctx.scenario;
  if (!sc.has_patron || sc.patron == ctx.self || view.side == Side::kNone) return false;
  const std::size_t slot = sc.patron.get() * sc.theater_count() + view.theater.get();
  return ctx.state.last_side[slot] == view.side &&
         ctx.state.last_choice[slot].posture == Posture::kDeploy;
}

bool JapanModel::Threatened(const DecisionContext& ctx, const TheaterView& view) const {
  return view.side != Side::kNone &&
         (view.party || SideStake(ctx, view) >= params_.survival_threshold);
}

bool JapanModel::MayDeploy(const DecisionContext& ctx, const TheaterView& view) const {
  return Threatened(ctx, view) || PatronEngaged(ctx, view);
}

bool JapanModel::GrantsAccess(const DecisionContext& ctx, const TheaterView& view) const {
  if (view.escalation < params_.consultation_level) return true;
  return Threatened(ctx, view) || SideStake(ctx, view) >= params_.access_threshold;
}

bool JapanModel::Allows(const DecisionContext& ctx, const TheaterView& view,
                        const TheaterChoice& option) const {
  return option.posture != Posture::kDeploy || MayDeploy(ctx, view);
}

void JapanModel::Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const {
  for (std::size_t a = 0; a < choices.size(); ++a) {
    choices[a].grant_access = GrantsAccess(ctx, ctx.theaters[a]);
  }
}

ModelInfo JapanModelInfo() {
  return ParamModelInfo<JapanModel>(
      "japan",
      "Doctrine model under legal constraints: combat deployment only when attacked, in a "
      "survival-threatening situation or beside an engaged patron; base access by prior "
      "consultation.",
      ParamTable<JapanParams>{
          {"survival_threshold", &JapanParams::survival_threshold, 0.0, 1.0, "stake",
           "own stake from which a survival-threatening situation exists (combat deployment "
           "lawful)"},
          {"access_threshold", &JapanParams::access_threshold, 0.0, 1.0, "stake",
           "own stake from which prior consultation agrees to combat operations from its bases"},
          {"consultation_level", &JapanParams::consultation_level, 0.0, 5.0, "escalation level",
           "escalation from which base use is combat operations needing prior consultation"},
      });
}

}  // namespace overstretch
