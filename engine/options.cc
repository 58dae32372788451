#include "engine/options.h"

#include <algorithm>
#include <cmath>

namespace overstretch {

bool IsChallenger(const Scenario& scenario, ActorIndex actor, TheaterIndex theater) {
  const auto& c = scenario.theaters[theater.get()].challengers;
  return std::binary_search(c.begin(), c.end(), actor);
}

void LegalOptions(const TheaterView& view, const Doctrine& doctrine, bool challenger,
                  OptionSet& out) {
  out.size = 0;
  if (view.side == Side::kNone) {
    out.Add(TheaterChoice{});  // unaligned: abstain is the only option
    return;
  }
  const auto add_postures = [&](Move move) {
    if (!view.party) out.Add(TheaterChoice{Posture::kAbstain, 0.0, move, 0.0});
    out.Add(TheaterChoice{Posture::kSupport, 0.0, move, 0.0});
    for (double level : doctrine.deploy_levels) {
      if (out.size < OptionSet::kCapacity)
        out.Add(TheaterChoice{Posture::kDeploy, level, move, 0.0});
    }
  };
  if (!challenger) {
    add_postures(Move::kHold);
    return;
  }
  if (view.escalation > 0) add_postures(Move::kDeescalate);
  add_postures(Move::kHold);
  if (view.escalation < kMaxEscalation) add_postures(Move::kEscalate);
}

TheaterChoice Sanitise(TheaterChoice c, Side side, bool party, bool challenger) {
  if (!std::isfinite(c.share)) c.share = 0.0;
  if (!std::isfinite(c.request)) c.request = 0.0;
  c.share = std::clamp(c.share, 0.0, 1.0);
  c.request = std::clamp(c.request, 0.0, 1.0);
  if (c.posture != Posture::kAbstain && c.posture != Posture::kSupport &&
      c.posture != Posture::kDeploy) {
    c.posture = Posture::kAbstain;
  }
  if (c.move != Move::kDeescalate && c.move != Move::kHold && c.move != Move::kEscalate) {
    c.move = Move::kHold;
  }
  if (side == Side::kNone) return TheaterChoice{};
  if (c.posture == Posture::kDeploy && c.share <= 0.0) c.posture = Posture::kSupport;
  if (c.posture != Posture::kDeploy) c.share = 0.0;
  if (party && c.posture == Posture::kAbstain) c.posture = Posture::kSupport;
  if (!challenger) c.move = Move::kHold;
  return c;
}

}  // namespace overstretch
