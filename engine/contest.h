// Contest success function (docs/model.md §3.5, §3.6): the probability that a side
// with delivered force `mine` prevails against `theirs`.
#pragma once

namespace overstretch {

// p = mine^beta / (mine^beta + theirs^beta); 0.5 when both are 0.
// Requires mine, theirs >= 0 and beta > 0.
double ContestSuccess(double mine, double theirs, double beta);

// The force `mine` at which ContestSuccess(mine, theirs, beta) == target,
// for target in (0,1) and beta > 0: theirs * (target / (1 - target))^(1/beta).
// The multiple depends only on target and beta, which are the run's settings
// wherever the model asks (run.stretch_target, run.decisiveness): a
// Simulation builds one per scenario and hands it to the phases and models
// that need it for every actor and theater (DecisionContext::stretch_need).
class SuccessForce {
 public:
  SuccessForce(double target, double beta);
  double operator()(double theirs) const { return theirs * multiple_; }

 private:
  double multiple_;
};

// SuccessForce(target, beta)(theirs), for a single use.
double ForceForSuccess(double theirs, double target, double beta);

}  // namespace overstretch
