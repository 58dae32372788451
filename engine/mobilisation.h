// Richardson mobilisation (docs/model.md §3.7), optional: a discrete-time arms race
// on force levels, F <- F + dt (K F - D F + g), with K sparse (engine/reaction_matrix.h).
#pragma once

#include <cstddef>
#include <span>

#include "engine/reaction_matrix.h"

namespace overstretch {

// The most actors one cycle of hostility (a strongly connected component of
// K) may hold: its eigenproblem is dense, O(size^3), about 3 s of CPU at
// 1,000 actors and 8 times that at 2,000.
inline constexpr std::size_t kMaxHostilityCycle = 1000;

struct RichardsonCheck {
  bool stable = false;
  // Largest step for which every |1 + dt * lambda| < 1 (0 if no step is stable,
  // e.g. an eigenvalue with non-negative real part).
  double max_step = 0.0;
  // When a cycle of hostility holds more than kMaxHostilityCycle actors, its
  // size; the check was not made (stable is false, max_step 0).
  std::size_t oversized_cycle = 0;
};

// M = K - diag(fatigue). Stable iff every eigenvalue lambda of M satisfies
// |1 + step*lambda| < 1. Exact, at the cost of one dense eigenproblem per
// strongly connected component of K (a cycle of hostility), not of M whole.
RichardsonCheck CheckRichardsonStep(const ReactionMatrix& k, std::span<const double> fatigue,
                                    double step);

// One explicit Euler step from `forces` into `next` (every actor reacts to
// the same, last turn's, forces); forces are clamped at 0 afterwards.
// O(entries of K + actors). Each actor's rate sums K_ij F_j and -fatigue_i F_i
// in ascending j, the order of a dense row-by-row product.
void RichardsonStep(const ReactionMatrix& k, std::span<const double> fatigue,
                    std::span<const double> grievance, double step, std::span<const double> forces,
                    std::span<double> next);

}  // namespace overstretch
