#include "actors/australia_model.h"

#include <algorithm>
#include <cmath>

#include "actors/model_params.h"
#include "engine/geo.h"

namespace overstretch {

bool AustraliaModel::Near(const DecisionContext& ctx, TheaterIndex theater) const {
  const LatLon home = ctx.state.actors[ctx.self.get()].attrs.home;
  return HaversineKm(home, ctx.scenario.theaters[theater.get()].location) < params_.near_km;
}

bool AustraliaModel::SupportFirstRung(const TheaterView& view) const {
  return view.escalation <= static_cast<int>(std::lround(params_.support_first_max));
}

bool AustraliaModel::SupportFirst(const DecisionContext& ctx, const TheaterView& view) const {
  return SupportFirstRung(view) && Near(ctx, view.theater);
}

bool AustraliaModel::Allows(const DecisionContext& ctx, const TheaterView& view,
                            const TheaterChoice& option) const {
  // Support before forces: near home, an influence move is first answered by
  // non-military means; forces may follow from the next turn on.
  if (option.posture != Posture::kDeploy || params_.support_before_deploy < 0.5) return true;
  if (view.last.posture != Posture::kAbstain) return true;
  return !SupportFirst(ctx, view);
}

void AustraliaModel::Adjust(const DecisionContext& ctx, const TheaterView& view,
                            DoctrineTerms& terms, std::span<const TheaterChoice> options,
                            std::span<double> utilities) const {
  if (view.side == Side::kNone) return;
  const bool near = Near(ctx, view.theater);

  // South Pacific first: the theater's value enters only the control term, so
  // re-scoring with a larger value adds exactly the extra priority.
  if (near && params_.near_priority != 0.0) {
    DoctrineTerms weighted = terms.Revalued(view.value * (1.0 + params_.near_priority));
    for (std::size_t o = 0; o < options.size(); ++o) {
      utilities[o] += weighted.Utility(options[o]) - terms.Utility(options[o]);
    }
  }

  // Expeditionary contributions: where the patron deployed on its side last
  // turn, being part of the coalition is worth something whatever the size.
  const Scenario& sc = ctx.scenario;
  bool with_patron = false;
  if (sc.has_patron && sc.patron != ctx.self) {
    const std::size_t slot = sc.patron.get() * sc.theater_count() + view.theater.get();
    with_patron = slot < ctx.state.last_choice.size() &&
                  ctx.state.last_choice[slot].posture == Posture::kDeploy &&
                  ctx.state.last_side[slot] == view.side;
  }

  // Support first: influence moves close to home are answered with
  // diplomacy, aid and presence before forces.
  const bool support_first = near && SupportFirstRung(view);
  for (std::size_t o = 0; o < options.size(); ++o) {
    if (options[o].posture == Posture::kDeploy && with_patron) {
      utilities[o] += params_.expeditionary;
    }
    if (options[o].posture == Posture::kSupport && support_first) {
      utilities[o] += params_.support_first;
    }
  }
}

void AustraliaModel::Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const {
  // If its deploy shares exceed its available force, far theaters give way
  // first, so that the engine's pro rata scaling does not touch near ones.
  double near_total = 0.0, far_total = 0.0;
  for (std::size_t a = 0; a < choices.size(); ++a) {
    if (choices[a].posture != Posture::kDeploy) continue;
    (Near(ctx, ctx.theaters[a].theater) ? near_total : far_total) += choices[a].share;
  }
  if (near_total + far_total <= 1.0 || far_total <= 0.0) return;
  const double far_room = std::max(0.0, 1.0 - near_total);
  const double scale = far_room / far_total;
  for (std::size_t a = 0; a < choices.size(); ++a) {
    if (choices[a].posture != Posture::kDeploy || Near(ctx, ctx.theaters[a].theater)) continue;
    choices[a].share *= scale;
    // Nothing left for a far theater: stay engaged there by support.
    if (choices[a].share <= 0.0) {
      choices[a].posture = Posture::kSupport;
      choices[a].share = 0.0;
    }
  }
}

ModelInfo AustraliaModelInfo() {
  return ParamModelInfo<AustraliaModel>(
      "australia",
      "Doctrine model plus South Pacific first (near theaters weigh more and keep their "
      "forces), expeditionary contributions beside the patron, support before forces near home.",
      ParamTable<AustraliaParams>{
          {"near_km", &AustraliaParams::near_km, 0.0, 20000.0, "km",
           "theaters closer to its home than this are near (the South Pacific)"},
          {"near_priority", &AustraliaParams::near_priority, 0.0, 10.0, "share of V_k",
           "a near theater is worth (1 + near_priority) times its value"},
          {"expeditionary", &AustraliaParams::expeditionary, 0.0, 5.0, "utility",
           "bonus on deploy options where the patron deployed on its side last turn"},
          {"support_first", &AustraliaParams::support_first, 0.0, 5.0, "utility",
           "bonus on support in near theaters at escalation <= support_first_max"},
          {"support_first_max", &AustraliaParams::support_first_max, 0.0, 5.0, "escalation level",
           "highest escalation (rounded) at which support-first applies"},
          {"support_before_deploy", &AustraliaParams::support_before_deploy, 0.0, 1.0, "flag",
           "1: near, at low escalation, deploy only after supporting or deploying there last turn"},
      });
}

}  // namespace overstretch
