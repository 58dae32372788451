#include "actors/patron_stretch.h"

#include <algorithm>

#include "engine/contest.h"

namespace overstretch {

bool PatronWithDefenders(const DecisionContext& ctx, TheaterIndex theater) {
  const Scenario& sc = ctx.scenario;
  if (!sc.has_patron) return false;
  const ActorIndex patron = sc.patron;
  const TheaterDef& def = sc.theaters[theater.get()];
  if (std::binary_search(def.defenders.begin(), def.defenders.end(), patron)) return true;
  if (std::binary_search(def.challengers.begin(), def.challengers.end(), patron)) return false;
  const std::size_t slot = patron.get() * sc.theater_count() + theater.get();
  if (slot < ctx.state.last_side.size() && ctx.state.last_side[slot] == Side::kDefenders) {
    return true;
  }
  const std::vector<double>& stakes = ctx.state.theaters[theater.get()].attrs.stakes;
  if (patron.get() < stakes.size() && stakes[patron.get()] > 0.0) return true;
  for (ActorIndex j : def.defenders) {
    const TieState* tie = ctx.state.FindTie(patron, j);
    if (tie != nullptr && tie->attrs.commitment > 0.0) return true;
  }
  return false;
}

PatronStretch PerceivedPatronStretch(const DecisionContext& ctx) {
  PatronStretch out;
  const Scenario& sc = ctx.scenario;
  if (!sc.has_patron) return out;
  for (const TheaterView& v : ctx.theaters) {
    if (v.side == Side::kNone || !PatronWithDefenders(ctx, v.theater)) continue;
    const bool defender_side = v.side == Side::kDefenders;
    const double seen_defenders = defender_side ? v.observed_own : v.observed_other;
    const double seen_challengers = defender_side ? v.observed_other : v.observed_own;
    const double needed = ctx.stretch_need(seen_challengers);
    out.needed += needed;
    out.shortfall += std::max(0.0, needed - seen_defenders);
    ++out.theaters;
  }
  out.uncovered = out.needed > 0.0 ? std::clamp(out.shortfall / out.needed, 0.0, 1.0) : 0.0;
  const double g = std::clamp(ctx.state.actors[sc.patron.get()].attrs.global_commitments, 0.0, 1.0);
  out.stretch = g + (1.0 - g) * out.uncovered;
  return out;
}

}  // namespace overstretch
