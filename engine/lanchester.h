// Lanchester square law, closed form (docs/model.md §3.6):
//   dX/dt = -a Y,  dY/dt = -b X,  X(0) = x0, Y(0) = y0,
// fought for `duration` days and stopped when a side reaches 0.
#pragma once

#include <cstdint>

namespace overstretch {

struct LanchesterOutcome {
  double x = 0.0;       // survivors of X
  double y = 0.0;       // survivors of Y
  double fought = 0.0;  // days actually fought (< duration if a side was wiped out)
};

// a: rate at which each Y unit destroys X, per day; b: that of X on Y.
// If either side starts at 0, or a or b is 0 such that nobody shoots, the
// survivors follow the degenerate linear solution (e.g. b = 0: Y is
// untouched and X falls at rate a*y0). All inputs >= 0.
LanchesterOutcome LanchesterSquare(double x0, double y0, double a, double b, double duration);

// One fight of LanchesterSquare asked for several durations (a model weighing
// every rung of the ladder): what does not depend on the duration (the
// fighting strengths, their ratio, the phase at which the loser is wiped out)
// is computed once. After(d) returns the same bits as
// LanchesterSquare(x0, y0, a, b, d), which is After on a fight of its own.
class SquareLawFight {
 public:
  SquareLawFight(double x0, double y0, double a, double b);
  LanchesterOutcome After(double duration) const;

 private:
  enum class Kind : std::uint8_t {
    kNoForce,
    kNobodyShoots,
    kOnlyYShoots,
    kOnlyXShoots,
    kDraw,
    kXWins,
    kYWins
  };
  double x0_, y0_, a_, b_;
  double omega_ = 0.0;       // sqrt(a) sqrt(b)
  double kappa_ = 0.0;       // the loser's strength over the winner's, in [0, 1)
  double stop_phase_ = 0.0;  // atanh(kappa): omega t at which the loser is gone
  Kind kind_ = Kind::kNoForce;
};

}  // namespace overstretch
