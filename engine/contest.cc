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

double ForceForSuccess(double theirs, double target, double beta) {
  assert(theirs >= 0.0 && target > 0.0 && target < 1.0 && beta > 0.0);
  // The factor depends only on the run's settings, but callers ask for it
  // for every actor and theater each turn: the last one is remembered (per
  // thread, so sweep workers do not share it).
  thread_local double last_target = -1.0, last_beta = -1.0, last_factor = 0.0;
  if (target != last_target || beta != last_beta) {
    last_factor = std::pow(target / (1.0 - target), 1.0 / beta);
    last_target = target;
    last_beta = beta;
  }
  return theirs * last_factor;
}

}  // namespace overstretch
