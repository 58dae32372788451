// Sensitivity of sweep results (docs/studies.md, "analyze"): Sobol indices from a
// Saltelli design (Saltelli et al. 2010 first-order estimator, Jansen 1999
// total-effect estimator, bootstrap confidence intervals) and Morris
// elementary-effects statistics (mu, mu*, sigma; Campolongo et al. 2007).
// Missing outputs are NaN and are left out as documented per function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tools/studies/design.h"

namespace overstretch::cli {

struct SobolIndex {
  double first = 0.0;       // S_i
  double first_conf = 0.0;  // half-width of its 95% bootstrap interval (1.96 sd)
  double total = 0.0;       // S_Ti
  double total_conf = 0.0;
};

struct SobolResult {
  std::vector<SobolIndex> indices;  // one per parameter
  std::size_t used = 0;             // base samples with every output finite
  double variance = 0.0;            // Var(Y) over the f(A) and f(B) of those samples
};

// `f` holds the model outputs in the row order of SaltelliDesign(n, dims):
// blocks of dims + 2 (A, AB^(1..D), B). A base sample with any non-finite
// output is left out. `bootstrap` resamples of the base samples give the
// confidence intervals (0: no intervals). With zero variance the indices are
// NaN.
//   S_i  = mean((f(B) − m) (f(AB^i) − f(A))) / V    (Saltelli et al. 2010,
//          with m the mean output: centring leaves the expectation as it is
//          and keeps an output far from zero from inflating the variance)
//   S_Ti = mean((f(A) − f(AB^i))^2) / (2 V)         (Jansen 1999)
SobolResult SobolIndices(std::span<const double> f, std::size_t dims, int bootstrap,
                         std::uint64_t seed);

struct MorrisIndex {
  double mu = 0.0;       // mean elementary effect
  double mu_star = 0.0;  // mean absolute elementary effect
  double sigma = 0.0;    // standard deviation of the effects (n - 1); NaN with one effect
  std::size_t effects = 0;
};

// `design` is a MorrisDesign (trajectories of dims + 1 rows) and `f` the
// output per row. The elementary effect of the parameter that changes between
// consecutive rows is (f(x') − f(x)) / (u' − u), on the unit scale (per full
// range of the parameter). Effects with a non-finite output are left out.
std::vector<MorrisIndex> MorrisIndices(const UnitDesign& design, std::span<const double> f);

}  // namespace overstretch::cli
