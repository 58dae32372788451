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
  // saturates to inf or 0 and the result to 0 or 1. At the default beta of 1
  // the power is skipped: pow(r, 1) is r exactly (its true value is a double,
  // and glibc's pow errs by less than a unit in the last place; a test checks
  // it), so the result is the same bit for bit, and decisions call this often.
  const double ratio = theirs / mine;
  return 1.0 / (1.0 + (beta == 1.0 ? ratio : std::pow(ratio, beta)));
}

SuccessForce::SuccessForce(double target, double beta)
    : multiple_(std::pow(target / (1.0 - target), 1.0 / beta)) {
  assert(target > 0.0 && target < 1.0 && beta > 0.0);
}

double ForceForSuccess(double theirs, double target, double beta) {
  assert(theirs >= 0.0);
  return SuccessForce(target, beta)(theirs);
}

}  // namespace overstretch
