#include "engine/contest.h"

#include <cassert>
#include <cmath>

namespace overstretch {

double ContestSuccess(double mine, double theirs, double beta) {
  assert(mine >= 0.0 && theirs >= 0.0 && beta > 0.0);
  if (mine <= 0.0 && theirs <= 0.0) return 0.5;  // no force on either side: a coin toss
  if (mine <= 0.0) return 0.0;
  if (theirs <= 0.0) return 1.0;
  // 1 / (1 + (theirs/mine)^beta) is the same ratio as mine^beta / (mine^beta +
  // theirs^beta) but cannot overflow for large forces or large beta: the ratio
  // saturates to inf or 0 and the result to 0 or 1.
  return 1.0 / (1.0 + std::pow(theirs / mine, beta));
}

double ForceForSuccess(double theirs, double target, double beta) {
  assert(theirs >= 0.0 && target > 0.0 && target < 1.0 && beta > 0.0);
  return theirs * std::pow(target / (1.0 - target), 1.0 / beta);
}

}  // namespace overstretch
