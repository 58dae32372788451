// Richardson mobilisation (docs/model.md §3.7), optional: a discrete-time arms race
// on force levels, F <- F + dt (K F - D F + g), solved with Eigen inside.
#pragma once

#include <span>
#include <vector>

namespace overstretch {

struct RichardsonCheck {
  bool stable = false;
  // Largest step for which every |1 + dt * lambda| < 1 (0 if no step is stable,
  // e.g. an eigenvalue with non-negative real part).
  double max_step = 0.0;
};

// M = K - diag(fatigue); K is row-major n*n with K_ii ignored (treated as 0).
// Stable iff every eigenvalue lambda of M satisfies |1 + step*lambda| < 1.
RichardsonCheck CheckRichardsonStep(std::span<const double> k, std::span<const double> fatigue,
                                    double step);

// One explicit Euler step; forces are clamped at 0 afterwards.
void RichardsonStep(std::span<const double> k, std::span<const double> fatigue,
                    std::span<const double> grievance, double step, std::span<double> forces);

}  // namespace overstretch
