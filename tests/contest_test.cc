// Contest success function p = m^beta / (m^beta + t^beta) (docs/model.md §3.5, §3.6).
#include "engine/contest.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace overstretch {
namespace {

TEST(Contest, Values) {
  // Hand-computed: 3 / (3 + 1) and 9 / (9 + 1).
  EXPECT_NEAR(ContestSuccess(3.0, 1.0, 1.0), 0.75, 1e-15);
  EXPECT_NEAR(ContestSuccess(3.0, 1.0, 2.0), 0.9, 1e-15);
  EXPECT_NEAR(ContestSuccess(1.0, 3.0, 1.0), 0.25, 1e-15);
  EXPECT_DOUBLE_EQ(ContestSuccess(5.0, 5.0, 1.7), 0.5);
  // The same ratio as the 1981 bilateral P = C_i / (C_i + C_j).
  EXPECT_NEAR(ContestSuccess(60.0, 40.0, 1.0), 0.6, 1e-15);
}

TEST(Contest, Symmetry) {
  // Whatever one side wins the other loses: p(a,b) + p(b,a) = 1.
  const double forces[] = {0.0, 1e-9, 0.3, 1.0, 7.5, 120.0, 1e6};
  const double betas[] = {0.5, 1.0, 2.0, 6.0};
  for (double m : forces) {
    for (double t : forces) {
      for (double beta : betas) {
        EXPECT_NEAR(ContestSuccess(m, t, beta) + ContestSuccess(t, m, beta), 1.0, 1e-14)
            << m << " vs " << t << " beta " << beta;
      }
    }
  }
}

TEST(Contest, ZeroForces) {
  EXPECT_DOUBLE_EQ(ContestSuccess(0.0, 0.0, 1.0), 0.5);  // docs/model.md §3.6: 0.5 when both are 0
  EXPECT_DOUBLE_EQ(ContestSuccess(0.0, 2.0, 1.0), 0.0);
  EXPECT_DOUBLE_EQ(ContestSuccess(2.0, 0.0, 1.0), 1.0);
}

TEST(Contest, DecisivenessSharpensTheEdge) {
  // A larger beta turns the same 2:1 advantage into a surer win, and the
  // weaker side's chance falls: 2/3, 4/5, 16/17.
  const double p1 = ContestSuccess(2.0, 1.0, 1.0);
  const double p2 = ContestSuccess(2.0, 1.0, 2.0);
  const double p4 = ContestSuccess(2.0, 1.0, 4.0);
  EXPECT_NEAR(p1, 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(p2, 0.8, 1e-15);
  EXPECT_NEAR(p4, 16.0 / 17.0, 1e-15);
  EXPECT_LT(ContestSuccess(1.0, 2.0, 4.0), ContestSuccess(1.0, 2.0, 1.0));
  // beta < 1 flattens it toward a coin toss.
  EXPECT_LT(ContestSuccess(2.0, 1.0, 0.5), p1);
}

TEST(Contest, LargeForcesDoNotOverflow) {
  // 1e200^2 overflows a double; the result must still be the ratio's answer.
  EXPECT_NEAR(ContestSuccess(3e200, 1e200, 2.0), 0.9, 1e-14);
  EXPECT_DOUBLE_EQ(ContestSuccess(1e300, 1e-300, 3.0), 1.0);
  EXPECT_FALSE(std::isnan(ContestSuccess(1e-300, 1e300, 3.0)));
}

TEST(Contest, InverseRoundTrip) {
  // Hand-computed: p = 0.75 needs 3x the opponent at beta 1, sqrt(3)x at beta 2.
  EXPECT_NEAR(ForceForSuccess(10.0, 0.75, 1.0), 30.0, 1e-12);
  EXPECT_NEAR(ForceForSuccess(10.0, 0.75, 2.0), 10.0 * std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(ForceForSuccess(10.0, 0.5, 3.0), 10.0, 1e-12);
  const double targets[] = {0.01, 0.2, 0.5, 0.8, 0.99};
  const double betas[] = {0.5, 1.0, 2.5};
  for (double target : targets) {
    for (double beta : betas) {
      const double mine = ForceForSuccess(40.0, target, beta);
      EXPECT_NEAR(ContestSuccess(mine, 40.0, beta), target, 1e-12);
    }
  }
}

// ContestSuccess skips pow at beta 1, which gives the same bits only if
// pow(r, 1) == r for every ratio r (exact results are returned exactly).
TEST(Contest, PowerOneIsExactSoTheShortcutChangesNothing) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-300.0, 300.0);
  std::uniform_real_distribution<double> mantissa(1.0, 2.0);
  for (int i = 0; i < 200000; ++i) {
    const double r = mantissa(rng) * std::pow(2.0, exponent(rng));
    ASSERT_EQ(std::pow(r, 1.0), r) << r;
  }
  EXPECT_EQ(ContestSuccess(3.0, 7.0, 1.0), 1.0 / (1.0 + 7.0 / 3.0));
}

// ForceForSuccess keeps nothing between calls (a run keeps its SuccessForce
// instead): alternating settings give each its own answer, the same as the
// SuccessForce of those settings.
TEST(Contest, ForceForSuccessWithAlternatingSettings) {
  for (int round = 0; round < 3; ++round) {
    EXPECT_DOUBLE_EQ(ForceForSuccess(10.0, 0.75, 1.0), 30.0);
    EXPECT_DOUBLE_EQ(ForceForSuccess(10.0, 0.75, 2.0), 10.0 * std::sqrt(3.0));
    EXPECT_DOUBLE_EQ(ForceForSuccess(10.0, 0.9, 2.0), 30.0);
    EXPECT_DOUBLE_EQ(ForceForSuccess(5.0, 0.9, 2.0), 15.0);
    EXPECT_EQ(ForceForSuccess(7.0, 0.67, 1.0), SuccessForce(0.67, 1.0)(7.0));
  }
}

}  // namespace
}  // namespace overstretch
