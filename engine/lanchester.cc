#include "engine/lanchester.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace overstretch {
namespace {

// Survivors of the stronger side and of the weaker, and the days fought.
struct Duel {
  double winner = 0.0;
  double loser = 0.0;
  double fought = 0.0;
};

// A square-law fight in which side W, the stronger in fighting strength, faces
// side L, written with kappa = (strength of L) / (strength of W) in [0, 1). A
// side's fighting strength is sqrt(its own lethality) * numbers, i.e. sqrt(b) x0
// for X and sqrt(a) y0 for Y; scaled this way both sides obey the same
// equations, so one routine serves whichever side wins.
// The loser reaches 0 when tanh(omega t) = kappa, at phase omega t =
// stop_phase = atanh(kappa). Compare in units of omega t so that a tiny omega
// cannot make t* overflow to inf before the comparison.
Duel FightSquare(double winner0, double loser0, double kappa, double stop_phase, double omega,
                 double duration) {
  assert(kappa >= 0.0 && kappa < 1.0);
  const double phase = omega * duration;
  if (phase >= stop_phase) {
    // Fought to the end: the square-law invariant gives the winner's survivors,
    // W0 sqrt(1 - kappa^2), written as a product to keep precision near a draw.
    const double fought = kappa > 0.0 ? std::min(duration, stop_phase / omega) : 0.0;
    return {winner0 * std::sqrt((1.0 - kappa) * (1.0 + kappa)), 0.0, fought};
  }
  // Here phase < atanh(kappa) < ~19 (kappa < 1 in double precision), so exp()
  // cannot overflow. W(t) = W0 ((1 - k) e^{wt} + (1 + k) e^{-wt}) / 2 adds two
  // positive terms (no cancellation); L(t), rearranged the same way, is a
  // difference that tends to 0 at t*, so it is clamped against rounding.
  const double grow = std::exp(phase);
  const double decay = std::exp(-phase);
  const double winner_share = 0.5 * ((1.0 - kappa) * grow + (1.0 + kappa) * decay);
  // L0 ((1 + k) e^{-wt} - (1 - k) e^{wt}) / (2k): the bracket is divided by 2k
  // first, giving a share in [0, 1], because L0 / k alone may overflow.
  const double loser_share = ((1.0 + kappa) * decay - (1.0 - kappa) * grow) / (2.0 * kappa);
  return {winner0 * std::min(winner_share, 1.0), loser0 * std::clamp(loser_share, 0.0, 1.0),
          duration};
}

// One side shoots, the other cannot: the target falls linearly at `rate` per
// day until it is gone (Lanchester's "ancient" form with a constant rate).
double LinearDecline(double target0, double rate, double duration, double* fought) {
  const double loss = rate * duration;
  if (loss >= target0) {
    *fought = std::min(duration, target0 / rate);
    return 0.0;
  }
  *fought = duration;
  return target0 - loss;
}

}  // namespace

LanchesterOutcome LanchesterSquare(double x0, double y0, double a, double b, double duration) {
  return SquareLawFight(x0, y0, a, b).After(duration);
}

SquareLawFight::SquareLawFight(double x0, double y0, double a, double b)
    : x0_(x0), y0_(y0), a_(a), b_(b) {
  assert(x0 >= 0.0 && y0 >= 0.0 && a >= 0.0 && b >= 0.0);
  // A side that starts at 0 is already wiped out: nothing is fought.
  if (x0 <= 0.0 || y0 <= 0.0) return;
  if (a <= 0.0 && b <= 0.0) {
    kind_ = Kind::kNobodyShoots;
  } else if (b <= 0.0) {
    kind_ = Kind::kOnlyYShoots;
  } else if (a <= 0.0) {
    kind_ = Kind::kOnlyXShoots;
  } else {
    // Fighting strengths p = sqrt(b) x0 and q = sqrt(a) y0: X wins iff p > q
    // (b x0^2 > a y0^2). sqrt(a) sqrt(b) rather than sqrt(a b) keeps omega finite
    // for large rates.
    omega_ = std::sqrt(a) * std::sqrt(b);
    const double p = std::sqrt(b) * x0;
    const double q = std::sqrt(a) * y0;
    bool x_wins = false;
    if (std::isnormal(p) && std::isnormal(q)) {
      x_wins = p > q;
      kappa_ = x_wins ? q / p : p / q;
    } else {
      // Extreme inputs overflowed or underflowed one strength: compare in logs.
      const double log_ratio =
          std::log(y0) - std::log(x0) + 0.5 * (std::log(a) - std::log(b));  // log(q / p)
      x_wins = log_ratio < 0.0;
      kappa_ = std::exp(-std::abs(log_ratio));
    }
    if (kappa_ >= 1.0) {
      kind_ = Kind::kDraw;
    } else {
      kind_ = x_wins ? Kind::kXWins : Kind::kYWins;
      stop_phase_ = std::atanh(kappa_);
    }
  }
}

LanchesterOutcome SquareLawFight::After(double duration) const {
  assert(duration >= 0.0);
  if (duration <= 0.0) return {x0_, y0_, 0.0};
  switch (kind_) {
    case Kind::kNoForce:
      return {x0_, y0_, 0.0};
    case Kind::kNobodyShoots:
      return {x0_, y0_, duration};
    case Kind::kOnlyYShoots: {  // Y untouched, X falls at a * y0
      LanchesterOutcome out{0.0, y0_, 0.0};
      out.x = LinearDecline(x0_, a_ * y0_, duration, &out.fought);
      return out;
    }
    case Kind::kOnlyXShoots: {
      LanchesterOutcome out{x0_, 0.0, 0.0};
      out.y = LinearDecline(y0_, b_ * x0_, duration, &out.fought);
      return out;
    }
    case Kind::kDraw: {
      // b x0^2 = a y0^2: both sides decay as exp(-omega t) and reach 0 only
      // asymptotically. The cosh/sinh form would compute inf - inf for long fights.
      const double decay = std::exp(-omega_ * duration);
      return {x0_ * decay, y0_ * decay, duration};
    }
    case Kind::kXWins: {
      const Duel duel = FightSquare(x0_, y0_, kappa_, stop_phase_, omega_, duration);
      return {duel.winner, duel.loser, duel.fought};
    }
    case Kind::kYWins: {
      const Duel duel = FightSquare(y0_, x0_, kappa_, stop_phase_, omega_, duration);
      return {duel.loser, duel.winner, duel.fought};
    }
  }
  return {x0_, y0_, 0.0};
}

}  // namespace overstretch
