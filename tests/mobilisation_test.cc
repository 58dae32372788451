// Richardson arms race, discrete-time (docs/model.md §3.7); worked examples after
// Richardson (1960) chs. 2-5.
#include "engine/mobilisation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace overstretch {
namespace {

// The worked examples give K densely, row-major: keep its nonzero entries.
ReactionMatrix Sparse(std::span<const double> dense) {
  const auto n = static_cast<std::size_t>(std::lround(std::sqrt(dense.size())));
  std::vector<Reaction> entries;
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = 0; j < n; ++j) {
      if (dense[i * n + j] != 0.0) entries.push_back({i, j, dense[i * n + j]});
    }
  }
  ReactionMatrix k;
  k.Assign(n, entries);
  return k;
}

RichardsonCheck Check(std::span<const double> k, std::span<const double> fatigue, double step) {
  return CheckRichardsonStep(Sparse(k), fatigue, step);
}

// One step in place.
void Step(std::span<const double> k, std::span<const double> fatigue,
          std::span<const double> grievance, double step, std::span<double> forces) {
  std::vector<double> next(forces.size());
  RichardsonStep(Sparse(k), fatigue, grievance, step, forces, next);
  std::copy(next.begin(), next.end(), forces.begin());
}

// A 2-actor stable case: a = b = 0.5, k = 0.3, l = 0.2,
// g = 10, h = 5. K is row-major: row i is actor i's reaction to each rival.
constexpr std::array<double, 4> kStableK{0.0, 0.3, 0.2, 0.0};
constexpr std::array<double, 2> kStableFatigue{0.5, 0.5};
constexpr std::array<double, 2> kStableGrievance{10.0, 5.0};

TEST(Mobilisation, TwoActorStableBound) {
  // Eigenvalues -0.255051 and -0.744949: the step bound is 2 / 0.744949 = 2.684748.
  const RichardsonCheck check = Check(kStableK, kStableFatigue, 1.0);
  EXPECT_TRUE(check.stable);
  EXPECT_NEAR(check.max_step, 2.684748, 1e-6);
  // Either side of the bound: the fast eigenvalue decides.
  EXPECT_TRUE(Check(kStableK, kStableFatigue, 2.68).stable);
  EXPECT_FALSE(Check(kStableK, kStableFatigue, 2.69).stable);
  // Past 2 / 0.255051 = 7.84 the slow eigenvalue is unstable too; still unstable.
  EXPECT_FALSE(Check(kStableK, kStableFatigue, 8.0).stable);
}

TEST(Mobilisation, OneEulerStepFromZero) {
  // Worked example: one Euler step (dt = 1) from (0, 0) gives (10, 5) = g.
  std::array<double, 2> forces{0.0, 0.0};
  Step(kStableK, kStableFatigue, kStableGrievance, 1.0, forces);
  EXPECT_NEAR(forces[0], 10.0, 1e-12);
  EXPECT_NEAR(forces[1], 5.0, 1e-12);
  // The second step uses the forces of the first for both actors (simultaneous):
  // x = 10 + (0.3*5 - 0.5*10 + 10) = 16.5, y = 5 + (0.2*10 - 0.5*5 + 5) = 9.5.
  Step(kStableK, kStableFatigue, kStableGrievance, 1.0, forces);
  EXPECT_NEAR(forces[0], 16.5, 1e-12);
  EXPECT_NEAR(forces[1], 9.5, 1e-12);
}

TEST(Mobilisation, SmallStepsConvergeToEquilibrium) {
  // Worked example: Euler dt = 0.01 to t = 100 gives (34.2105, 23.6842); the
  // equilibrium is x* = 34.210526, y* = 23.684211. Euler checks: abs_tol 1e-3.
  std::array<double, 2> forces{0.0, 0.0};
  for (int step = 0; step < 10000; ++step) {
    Step(kStableK, kStableFatigue, kStableGrievance, 0.01, forces);
  }
  EXPECT_NEAR(forces[0], 34.210526, 1e-3);
  EXPECT_NEAR(forces[1], 23.684211, 1e-3);
}

TEST(Mobilisation, UnstableSaddle) {
  // Worked example, 2-actor unstable: a = b = 0.2, k = l = 0.3, eigenvalues +0.1
  // and -0.5. A positive eigenvalue grows under every step size.
  const std::array<double, 4> k{0.0, 0.3, 0.3, 0.0};
  const std::array<double, 2> fatigue{0.2, 0.2};
  for (double step : {0.01, 0.1, 1.0, 3.0}) {
    const RichardsonCheck check = Check(k, fatigue, step);
    EXPECT_FALSE(check.stable) << "step " << step;
    EXPECT_DOUBLE_EQ(check.max_step, 0.0) << "step " << step;
  }
  // And the race does run away from the origin with g, h > 0.
  std::array<double, 2> forces{0.0, 0.0};
  const std::array<double, 2> grievance{10.0, 5.0};
  for (int step = 0; step < 200; ++step) Step(k, fatigue, grievance, 1.0, forces);
  EXPECT_GT(forces[0], 1e6);
  EXPECT_GT(forces[1], 1e6);
}

TEST(Mobilisation, ThreeActors) {
  // Worked example, 3-actor: M = [[-0.6,0.3,0.1],[0.4,-0.5,0.1],[0.05,0.2,-0.4]],
  // eigenvalues -0.107923, -0.496774, -0.895303, bound 2 / 0.895303 = 2.233879;
  // Euler to t = 200 reaches x* = [64.166667, 77.708333, 51.875].
  // K_ii is set to junk on purpose: it must be ignored (fatigue is the diagonal).
  const std::array<double, 9> k{9.0, 0.3, 0.1, 0.4, -7.0, 0.1, 0.05, 0.2, 3.0};
  const std::array<double, 3> fatigue{0.6, 0.5, 0.4};
  const std::array<double, 3> grievance{10.0, 8.0, 2.0};
  const RichardsonCheck check = Check(k, fatigue, 1.0);
  EXPECT_TRUE(check.stable);
  EXPECT_NEAR(check.max_step, 2.233879, 1e-6);
  EXPECT_FALSE(Check(k, fatigue, 2.24).stable);

  std::array<double, 3> forces{0.0, 0.0, 0.0};
  for (int step = 0; step < 2000; ++step) Step(k, fatigue, grievance, 0.1, forces);
  EXPECT_NEAR(forces[0], 64.166667, 1e-3);
  EXPECT_NEAR(forces[1], 77.708333, 1e-3);
  EXPECT_NEAR(forces[2], 51.875, 1e-3);
}

TEST(Mobilisation, ComplexEigenvalues) {
  // A rotation (x provokes y, y's arms deter x) damped by fatigue 0.1:
  // eigenvalues -0.1 +/- i. |1 + h lambda| < 1 needs h < 0.2 / 1.01 = 0.19802.
  // A solver for symmetric matrices would miss the imaginary part entirely.
  const std::array<double, 4> k{0.0, -1.0, 1.0, 0.0};
  const std::array<double, 2> fatigue{0.1, 0.1};
  const RichardsonCheck check = Check(k, fatigue, 0.1);
  EXPECT_TRUE(check.stable);
  EXPECT_NEAR(check.max_step, 0.2 / 1.01, 1e-12);
  EXPECT_FALSE(Check(k, fatigue, 0.3).stable);
}

TEST(Mobilisation, ClampsAtZero) {
  // Heavy fatigue with a big step would overshoot below 0: 4 + 1 * (-2 * 4) = -4.
  const std::array<double, 1> k{0.0};
  const std::array<double, 1> fatigue{2.0};
  const std::array<double, 1> grievance{0.0};
  std::array<double, 1> forces{4.0};
  Step(k, fatigue, grievance, 1.0, forces);
  EXPECT_DOUBLE_EQ(forces[0], 0.0);
  // A negative grievance (a will to disarm) also stops at 0, and the other
  // actor is not disturbed by the clamp.
  const std::array<double, 4> k2{0.0, 0.0, 0.0, 0.0};
  const std::array<double, 2> fatigue2{0.1, 0.1};
  const std::array<double, 2> grievance2{-50.0, 1.0};
  std::array<double, 2> forces2{10.0, 10.0};
  Step(k2, fatigue2, grievance2, 1.0, forces2);
  EXPECT_DOUBLE_EQ(forces2[0], 0.0);
  EXPECT_NEAR(forces2[1], 10.0, 1e-12);  // 10 + (-1 + 1)
}

}  // namespace
}  // namespace overstretch
