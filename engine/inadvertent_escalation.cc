#include "engine/inadvertent_escalation.h"

#include <algorithm>
#include <cmath>

#include "engine/random_stream.h"

namespace overstretch {

double InadvertentHazard(const RunSettings& run, int escalation, double heavier_loss_share,
                         double patron_stretch) {
  if (escalation < 3 || escalation >= kMaxEscalation) return 0.0;
  const Inadvertent& in = run.inadvertent;
  const double l = std::clamp(heavier_loss_share, 0.0, 1.0);
  const double s = std::clamp(patron_stretch, 0.0, 1.0);
  const double rate =
      in.rate * run.intensity[escalation] * (1.0 + in.losses * l) * (1.0 + in.stretch * s);
  return rate > 0.0 ? 1.0 - std::exp(-rate) : 0.0;
}

Inadvertence InadvertentStep(const RunSettings& run, std::uint64_t seed, Turn turn,
                             std::uint64_t theater_key, int escalation, const Attrition& fought,
                             double patron_stretch) {
  Inadvertence out;
  const bool defenders_heavier = fought.loss_share_defenders > fought.loss_share_challengers;
  out.heavier = defenders_heavier ? Side::kDefenders : Side::kChallengers;
  out.loss_share = std::max(fought.loss_share_challengers, fought.loss_share_defenders);
  out.hazard = InadvertentHazard(run, escalation, out.loss_share, patron_stretch);
  if (out.hazard > 0.0) {
    RandomStream rng(seed, Purpose::kInadvertent, turn, theater_key);
    out.happened = rng.Uniform() < out.hazard;
  }
  return out;
}

NuclearRecord NuclearRecordOf(const TheaterDef& def, Turn turn, TheaterIndex k,
                              const Inadvertence& accident, std::span<const TheaterChoice> choices,
                              std::size_t theater_count, double patron_stretch) {
  NuclearRecord r;
  r.turn = turn;
  r.theater = k;
  r.hazard = accident.hazard;
  r.loss_share = accident.loss_share;
  r.patron_stretch = patron_stretch;
  if (accident.happened) {
    r.cause = NuclearCause::kInadvertent;
    r.side = accident.heavier;
    return r;
  }
  r.cause = NuclearCause::kDeliberate;
  r.side = Side::kChallengers;
  for (ActorIndex c : def.challengers) {
    if (choices[c.get() * theater_count + k.get()].move == Move::kEscalate) {
      r.has_actor = true;
      r.actor = c;
      break;
    }
  }
  return r;
}

double ActorStretch(std::span<const double> demand, std::span<const Side> sides,
                    std::span<const TheaterIndex> active, std::size_t actor,
                    std::size_t theater_count, double available) {
  double total = 0.0;
  for (TheaterIndex k : active) {
    const std::size_t slot = actor * theater_count + k.get();
    if (sides[slot] != Side::kNone) total += demand[slot];
  }
  return total > 0.0 ? total / std::max(available, 1e-9) : 0.0;
}

double BoundedStretch(double stretch) {
  const double s = std::max(0.0, stretch);
  return s / (1.0 + s);
}

}  // namespace overstretch
