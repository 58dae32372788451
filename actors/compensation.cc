#include "actors/compensation.h"

#include <algorithm>

#include "engine/contest.h"

namespace overstretch {

namespace {

// The trust `self` places in the scenario's patron: 1 without a tie to it
// (nothing to doubt), and for the patron itself.
double TrustInPatron(const DecisionContext& ctx) {
  if (!ctx.scenario.has_patron || ctx.scenario.patron == ctx.self) return 1.0;
  const TieState* tie = ctx.state.FindTie(ctx.self, ctx.scenario.patron);
  return tie != nullptr ? tie->attrs.trust : 1.0;
}

// The patron's part of the observed force of the rest of the side: the
// observed total times the patron's share of what the side delivered last
// turn (the public record).
double PatronPart(const DecisionContext& ctx, const TheaterView& view, double others) {
  if (!ctx.scenario.has_patron || ctx.scenario.patron == ctx.self) return 0.0;
  const std::size_t tcount = ctx.scenario.theaters.size();
  const std::size_t k = view.theater.get();
  const std::size_t p = ctx.scenario.patron.get();
  if (ctx.state.last_side[p * tcount + k] != view.side) return 0.0;
  const std::size_t slot = k * 2 + (view.side == Side::kChallengers ? 0 : 1);
  const double side_total = ctx.state.last_phi[slot];
  const double own = ctx.state.last_delivered[ctx.self.get() * tcount + k];
  const double rest = side_total - own;
  if (rest <= 0.0) return 0.0;
  return others * std::clamp(ctx.state.last_delivered[p * tcount + k] / rest, 0.0, 1.0);
}

}  // namespace

double ShortfallShare(const DecisionContext& ctx, const TheaterView& view) {
  if (view.side == Side::kNone) return 0.0;
  const double need = ctx.stretch_need(view.observed_other);
  if (need <= 0.0) return 0.0;
  const double others = std::max(0.0, view.observed_own - view.own_last_delivered);
  const double covered = others - (1.0 - TrustInPatron(ctx)) * PatronPart(ctx, view, others);
  return std::clamp((need - covered) / need, 0.0, 1.0);
}

double OwnStake(const DecisionContext& ctx, const TheaterView& view) {
  if (view.party) return 1.0;
  const double s = ctx.state.theaters[view.theater.get()].attrs.stakes[ctx.self.get()];
  if (view.side == Side::kDefenders) return std::max(0.0, s);
  if (view.side == Side::kChallengers) return std::max(0.0, -s);
  return 0.0;
}

}  // namespace overstretch
