#include "engine/logit_choice.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace overstretch {

void LogitProbabilities(std::span<const double> utilities, double lambda, std::span<double> out) {
  assert(utilities.size() == out.size());
  assert(lambda >= 0.0);
  if (utilities.empty()) return;
  const double n = static_cast<double>(utilities.size());
  // lambda = 0 is uniform play; handled apart so that a -inf utility (an option
  // ruled out) does not turn 0 * -inf into NaN.
  if (lambda == 0.0) {
    std::fill(out.begin(), out.end(), 1.0 / n);
    return;
  }
  // lambda = inf is the argmax limit; the caller normally uses ArgMax, but keep
  // the same tie rule here rather than computing inf * 0.
  if (std::isinf(lambda)) {
    std::fill(out.begin(), out.end(), 0.0);
    out[ArgMax(utilities)] = 1.0;
    return;
  }
  // Subtracting the maximum keeps every exponent <= 0: no overflow, and the best
  // option's weight is exactly 1 so the sum is >= 1 (no division by ~0).
  const double max_utility = *std::max_element(utilities.begin(), utilities.end());
  double sum = 0.0;
  for (std::size_t i = 0; i < utilities.size(); ++i) {
    out[i] = std::exp(lambda * (utilities[i] - max_utility));
    sum += out[i];
  }
  for (double& p : out) p /= sum;
}

std::size_t ArgMax(std::span<const double> utilities) {
  assert(!utilities.empty());
  std::size_t best = 0;
  for (std::size_t i = 1; i < utilities.size(); ++i) {
    // Strict '>' keeps the first of equal maxima: ties go to option order.
    if (utilities[i] > utilities[best]) best = i;
  }
  return best;
}

std::size_t SampleIndex(std::span<const double> probabilities, double u) {
  double cumulative = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    if (probabilities[i] <= 0.0) continue;  // an impossible option is never drawn
    cumulative += probabilities[i];
    last_positive = i;
    if (cumulative > u) return i;
  }
  // The probabilities may sum to 1 - 1e-16, and u may be just below 1: the draw
  // then falls in the rounding gap and belongs to the last possible option.
  // (With no positive probability at all this returns 0.)
  return last_positive;
}

}  // namespace overstretch
