// Summary statistics of sweep outputs (docs/studies.md, "analyze"): the one
// implementation of mean, sample standard deviation and the Student-t 95%
// confidence interval of the mean, used by `analyze` and by the sensitivity
// estimators. Running (Welford 1962) so that `analyze` streams the runs;
// mergeable (Chan et al. 1979) so that per-point accumulators pool into
// statistics over all runs.
#pragma once

#include <cstddef>
#include <span>

namespace overstretch::cli {

struct SummaryStats {
  std::size_t n = 0;    // finite values
  double mean = 0.0;    // NaN when n == 0
  double sd = 0.0;      // sample standard deviation (n - 1); NaN when n < 2
  double ci_low = 0.0;  // 95% CI of the mean: mean ± t(0.975, n-1) sd / sqrt(n); NaN when n < 2
  double ci_high = 0.0;
};

// Accumulates values one at a time; Add ignores non-finite values (missing).
class RunningStats {
 public:
  void Add(double x);
  void Merge(const RunningStats& other);
  std::size_t n() const { return n_; }
  SummaryStats Stats() const;

 private:
  std::size_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // sum of squared deviations from the mean
};

// Over the finite values of `x` (NaN = missing).
SummaryStats Summarise(std::span<const double> x);

// Two-sided 97.5% quantile of Student's t with `df` degrees of freedom (exact
// table to 30, then the Cornish–Fisher expansion; 1.96 in the limit).
double StudentT975(std::size_t df);

}  // namespace overstretch::cli
