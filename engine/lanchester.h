// Lanchester square law, closed form (docs/model.md §3.6):
//   dX/dt = -a Y,  dY/dt = -b X,  X(0) = x0, Y(0) = y0,
// fought for `duration` days and stopped when a side reaches 0.
#pragma once

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

}  // namespace overstretch
