#include "actors/rok_model.h"

#include <algorithm>

#include "actors/model_params.h"

namespace overstretch {
namespace {

// Deploy levels and the floor are decimal fractions: 1 - 0.8 is not 0.2 in
// binary floating point, so comparisons allow for rounding.
constexpr double kTolerance = 1e-9;

bool IsDefender(const Scenario& scenario, ActorIndex self, TheaterIndex theater) {
  const auto& d = scenario.theaters[theater.get()].defenders;
  return std::binary_search(d.begin(), d.end(), self);
}

bool IsParty(const Scenario& scenario, ActorIndex actor, TheaterIndex theater) {
  return IsDefender(scenario, actor, theater) || IsChallenger(scenario, actor, theater);
}

double Commitment(const WorldState& state, ActorIndex from, ActorIndex to) {
  const TieState* tie = state.FindTie(from, to);
  return tie != nullptr ? tie->attrs.commitment : 0.0;
}

double Intel(const WorldState& state, ActorIndex from, ActorIndex to) {
  const TieState* tie = state.FindTie(from, to);
  return tie != nullptr ? tie->attrs.intel : 0.0;
}

}  // namespace

bool RokModel::FloorApplies(const DecisionContext& ctx, const TheaterView& view) const {
  return params_.peninsula_floor > 0.0 && view.side != Side::kNone &&
         IsDefender(ctx.scenario, ctx.self, view.theater) &&
         view.escalation >= params_.threat_level;
}

double RokModel::HistoryWeight(const DecisionContext& ctx, const TheaterView& view) const {
  if (view.side == Side::kNone || view.party) return 0.0;
  const Scenario& sc = ctx.scenario;
  const std::size_t tcount = sc.theater_count();
  double sum = 0.0;
  int count = 0;
  for (std::size_t j = 0; j < sc.actor_count(); ++j) {
    const ActorIndex other(j);
    if (other == ctx.self || IsParty(sc, other, view.theater)) continue;
    const std::size_t slot = j * tcount + view.theater.get();
    if (ctx.state.last_side[slot] != view.side ||
        ctx.state.last_choice[slot].posture != Posture::kDeploy) {
      continue;
    }
    ++count;
    const bool allied = Commitment(ctx.state, ctx.self, other) > 0.0 ||
                        Commitment(ctx.state, other, ctx.self) > 0.0;
    if (!allied) sum += 1.0 - Intel(ctx.state, ctx.self, other);
  }
  return count > 0 ? sum / count : 0.0;
}

bool RokModel::Allows(const DecisionContext& ctx, const TheaterView& view,
                      const TheaterChoice& option) const {
  if (view.side == Side::kNone) return true;
  const double f = option.posture == Posture::kDeploy ? option.share : 0.0;
  if (FloorApplies(ctx, view)) {
    double top = 0.0;
    for (double level : ctx.doctrine.deploy_levels) top = std::max(top, level);
    return f >= std::min(params_.peninsula_floor, top) - kTolerance;
  }
  for (const TheaterView& home : ctx.theaters) {
    if (FloorApplies(ctx, home)) return f <= 1.0 - params_.peninsula_floor + kTolerance;
  }
  return true;
}

void RokModel::Adjust(const DecisionContext& ctx, const TheaterView& view, DoctrineTerms& terms,
                      std::span<const TheaterChoice> options, std::span<double> utilities) const {
  if (params_.history <= 0.0) return;
  const double q = HistoryWeight(ctx, view);
  if (q <= 0.0) return;
  for (std::size_t o = 0; o < options.size(); ++o) {
    if (options[o].posture != Posture::kDeploy) continue;
    TheaterChoice support = options[o];
    support.posture = Posture::kSupport;
    support.share = 0.0;
    const double reference = terms.Utility(support);
    const double gain = utilities[o] - reference;
    if (gain <= 0.0) continue;
    utilities[o] = reference + gain * (1.0 - std::clamp(params_.history * q, 0.0, 1.0));
  }
}

void RokModel::Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const {
  double home = 0.0, elsewhere = 0.0;
  bool threatened = false;
  for (std::size_t a = 0; a < choices.size(); ++a) {
    const bool floor = FloorApplies(ctx, ctx.theaters[a]);
    threatened = threatened || floor;
    if (choices[a].posture != Posture::kDeploy) continue;
    (floor ? home : elsewhere) += choices[a].share;
  }
  if (!threatened) return;
  // Peninsula first: the threatened home theaters keep what it chose for
  // them (scaled to 1 if they alone exceed it), and the other theaters share
  // what is left, which Allows already kept at most 1 - floor each.
  const double home_scale = home > 1.0 ? 1.0 / home : 1.0;
  const double left = std::max(0.0, 1.0 - home * home_scale);
  const double else_scale = elsewhere > left ? left / elsewhere : 1.0;
  for (std::size_t a = 0; a < choices.size(); ++a) {
    if (choices[a].posture != Posture::kDeploy) continue;
    choices[a].share *= FloorApplies(ctx, ctx.theaters[a]) ? home_scale : else_scale;
    if (choices[a].share <= 0.0) choices[a].posture = Posture::kSupport;  // nothing left to send
  }
}

ModelInfo RokModelInfo() {
  return ParamModelInfo<RokModel>(
      "rok",
      "Doctrine model plus a floor of its force kept for a threatened home theater (peninsula "
      "first) and a history discount on deploying beside partners it has no alliance with.",
      ParamTable<RokParams>{
          {"peninsula_floor", &RokParams::peninsula_floor, 0.0, 1.0, "share of A_i",
           "least share deployed in a threatened home theater; at most 1 - floor elsewhere"},
          {"threat_level", &RokParams::threat_level, 0.0, 5.0, "escalation level",
           "escalation of a home theater from which the floor applies"},
          {"history", &RokParams::history, 0.0, 1.0, "1",
           "discount on the value of deploying beside non-allied partners (scaled by 1 - intel)"},
      });
}

}  // namespace overstretch
