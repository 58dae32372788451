// Logit (quantal) response: P(option) proportional to exp(lambda * U).
#pragma once

#include <cstddef>
#include <span>

namespace overstretch {

// Writes choice probabilities to `out` (same size as `utilities`), computed
// with max-subtraction for stability. lambda >= 0; lambda = 0 is uniform.
void LogitProbabilities(std::span<const double> utilities, double lambda, std::span<double> out);

// Index of the first maximum (ties broken by option order): lambda = infinity.
std::size_t ArgMax(std::span<const double> utilities);

// Samples an index from probabilities with a uniform draw u in [0,1):
// the first index whose cumulative probability exceeds u.
std::size_t SampleIndex(std::span<const double> probabilities, double u);

}  // namespace overstretch
