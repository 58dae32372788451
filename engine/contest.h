// Contest success function (docs/model.md §3.5, §3.6): the probability that a side
// with delivered force `mine` prevails against `theirs`.
#pragma once

namespace overstretch {

// p = mine^beta / (mine^beta + theirs^beta); 0.5 when both are 0.
// Requires mine, theirs >= 0 and beta > 0.
double ContestSuccess(double mine, double theirs, double beta);

// The force `mine` at which ContestSuccess(mine, theirs, beta) == target,
// for target in (0,1): theirs * (target / (1 - target))^(1/beta).
double ForceForSuccess(double theirs, double target, double beta);

}  // namespace overstretch
