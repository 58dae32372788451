// Lanchester square law, closed form (docs/model.md §3.6).
//
// The textbook form writes dA/dt = -beta B, dB/dt = -alpha A. Ours is dX/dt = -a Y,
// dY/dt = -b X, so X = A, Y = B, a = beta, b = alpha, and its invariant
// alpha A^2 - beta B^2 is our b X^2 - a Y^2.
#include "engine/lanchester.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace overstretch {
namespace {

// The quantity the square law conserves in our convention.
double SquareInvariant(double x, double y, double a, double b) { return b * x * x - a * y * y; }

// Classical RK4 on dX/dt = -a Y, dY/dt = -b X, stopping (by linear
// interpolation inside the last step) when a side reaches 0: an independent
// check of the closed form. The interpolation errs by about dt^2 |y''| / 8, so
// dt = 1e-4 keeps it below 1e-7 even in the fast case below.
LanchesterOutcome IntegrateRk4(double x0, double y0, double a, double b, double duration,
                               double dt) {
  double x = x0;
  double y = y0;
  double t = 0.0;
  while (t < duration) {
    const double h = std::min(dt, duration - t);
    const double k1x = -a * y, k1y = -b * x;
    const double k2x = -a * (y + 0.5 * h * k1y), k2y = -b * (x + 0.5 * h * k1x);
    const double k3x = -a * (y + 0.5 * h * k2y), k3y = -b * (x + 0.5 * h * k2x);
    const double k4x = -a * (y + h * k3y), k4y = -b * (x + h * k3x);
    const double next_x = x + h / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x);
    const double next_y = y + h / 6.0 * (k1y + 2.0 * k2y + 2.0 * k3y + k4y);
    if (next_x <= 0.0 || next_y <= 0.0) {
      const double share = next_x <= 0.0 ? x / (x - next_x) : y / (y - next_y);
      return {std::max(0.0, x + share * (next_x - x)), std::max(0.0, y + share * (next_y - y)),
              t + share * h};
    }
    x = next_x;
    y = next_y;
    t += h;
  }
  return {x, y, duration};
}

TEST(Lanchester, SquareLawVectors) {
  // Worked example, square law: A0 = 100, B0 = 80, alpha = beta = 0.01. Values are
  // quoted to 4 decimals: tolerance 1e-4.
  struct Row {
    double t, x, y;
  };
  const Row rows[] = {{10.0, 92.4871, 70.3837}, {50.0, 71.0750, 38.1005}, {100.0, 60.2920, 5.9263}};
  for (const Row& row : rows) {
    const LanchesterOutcome out = LanchesterSquare(100.0, 80.0, 0.01, 0.01, row.t);
    EXPECT_NEAR(out.x, row.x, 1e-4) << "t = " << row.t;
    EXPECT_NEAR(out.y, row.y, 1e-4) << "t = " << row.t;
    EXPECT_DOUBLE_EQ(out.fought, row.t);  // nobody is wiped out before t = 109.86
    // Invariant alpha A^2 - beta B^2 = 36.000000 at all t (abs_tol 1e-6).
    EXPECT_NEAR(SquareInvariant(out.x, out.y, 0.01, 0.01), 36.0, 1e-6);
  }
}

TEST(Lanchester, SquareLawStopsWhenASideIsGone) {
  // Worked example, square law end: winner A, A_f = sqrt(10000 - 6400) = 60,
  // t* = artanh(0.8) / 0.01 = 109.861229.
  const LanchesterOutcome out = LanchesterSquare(100.0, 80.0, 0.01, 0.01, 200.0);
  EXPECT_NEAR(out.x, 60.0, 1e-6);
  EXPECT_DOUBLE_EQ(out.y, 0.0);
  EXPECT_NEAR(out.fought, 109.861229, 1e-6);
  // Fighting on past t* changes nothing: the fight is over.
  const LanchesterOutcome later = LanchesterSquare(100.0, 80.0, 0.01, 0.01, 5000.0);
  EXPECT_DOUBLE_EQ(later.x, out.x);
  EXPECT_DOUBLE_EQ(later.fought, out.fought);
}

TEST(Lanchester, AsymmetricSquareLawBWins) {
  // Worked example, asymmetric: A0 = 100, B0 = 80, alpha = 0.005, beta = 0.01,
  // i.e. b = 0.005 and a = 0.01. b X0^2 = 50 < a Y0^2 = 64: Y wins with
  // sqrt(1400) = 37.416574 left at t* = 197.035050; at t = 20, (84.9483, 70.7680).
  const double a = 0.01;
  const double b = 0.005;
  const LanchesterOutcome early = LanchesterSquare(100.0, 80.0, a, b, 20.0);
  EXPECT_NEAR(early.x, 84.9483, 1e-4);
  EXPECT_NEAR(early.y, 70.7680, 1e-4);
  EXPECT_NEAR(SquareInvariant(early.x, early.y, a, b), 50.0 - 64.0, 1e-6);

  const LanchesterOutcome end = LanchesterSquare(100.0, 80.0, a, b, 1000.0);
  EXPECT_DOUBLE_EQ(end.x, 0.0);
  EXPECT_NEAR(end.y, 37.416574, 1e-6);
  EXPECT_NEAR(end.fought, 197.035050, 1e-6);
  // Survivors of the winner from the invariant: sqrt(y0^2 - (b/a) x0^2).
  EXPECT_NEAR(end.y, std::sqrt(80.0 * 80.0 - (b / a) * 100.0 * 100.0), 1e-9);
}

TEST(Lanchester, MatchesEulerVectorFromModels) {
  // Worked example, square law: Euler check: dt = 0.001 to t = 50 gives
  // (71.0748, 38.1005); Euler checks use abs_tol 1e-3.
  double x = 100.0;
  double y = 80.0;
  for (int step = 0; step < 50000; ++step) {
    const double dx = -0.01 * y;
    const double dy = -0.01 * x;
    x += 0.001 * dx;
    y += 0.001 * dy;
  }
  EXPECT_NEAR(x, 71.0748, 1e-4);
  EXPECT_NEAR(y, 38.1005, 1e-4);
  const LanchesterOutcome out = LanchesterSquare(100.0, 80.0, 0.01, 0.01, 50.0);
  EXPECT_NEAR(out.x, x, 1e-3);
  EXPECT_NEAR(out.y, y, 1e-3);
}

TEST(Lanchester, MatchesRk4Integration) {
  // Arbitrary uneven case, both before and after one side is wiped out.
  struct Case {
    double x0, y0, a, b, duration;
  };
  const Case cases[] = {
      {37.0, 52.0, 0.013, 0.021, 12.0},   // still fighting
      {37.0, 52.0, 0.013, 0.021, 300.0},  // b x0^2 = 28.7 < a y0^2 = 35.2: X wiped out
      {140.0, 35.0, 0.05, 0.004, 400.0},  // X wins (78.4 > 61.25) despite poorer lethality
      {5.0, 9.0, 2.0, 0.7, 3.0},          // fast, lethal fight
  };
  for (const Case& c : cases) {
    const LanchesterOutcome closed = LanchesterSquare(c.x0, c.y0, c.a, c.b, c.duration);
    const LanchesterOutcome numeric = IntegrateRk4(c.x0, c.y0, c.a, c.b, c.duration, 1e-4);
    EXPECT_NEAR(closed.x, numeric.x, 1e-6) << c.x0 << " " << c.y0 << " " << c.duration;
    EXPECT_NEAR(closed.y, numeric.y, 1e-6) << c.x0 << " " << c.y0 << " " << c.duration;
    EXPECT_NEAR(closed.fought, numeric.fought, 1e-5) << c.x0 << " " << c.y0 << " " << c.duration;
    EXPECT_NEAR(SquareInvariant(closed.x, closed.y, c.a, c.b),
                SquareInvariant(c.x0, c.y0, c.a, c.b), 1e-9);
  }
  // The second case really is a wipe-out, so the stop rule was exercised.
  EXPECT_DOUBLE_EQ(LanchesterSquare(37.0, 52.0, 0.013, 0.021, 300.0).x, 0.0);
}

TEST(Lanchester, SideStartingAtZero) {
  // Nothing to fight: the survivor keeps everything and no time is fought.
  const LanchesterOutcome no_x = LanchesterSquare(0.0, 30.0, 0.1, 0.1, 10.0);
  EXPECT_DOUBLE_EQ(no_x.x, 0.0);
  EXPECT_DOUBLE_EQ(no_x.y, 30.0);
  EXPECT_DOUBLE_EQ(no_x.fought, 0.0);
  const LanchesterOutcome no_y = LanchesterSquare(30.0, 0.0, 0.1, 0.1, 10.0);
  EXPECT_DOUBLE_EQ(no_y.x, 30.0);
  EXPECT_DOUBLE_EQ(no_y.y, 0.0);
  EXPECT_DOUBLE_EQ(no_y.fought, 0.0);
  const LanchesterOutcome zero_time = LanchesterSquare(30.0, 20.0, 0.1, 0.1, 0.0);
  EXPECT_DOUBLE_EQ(zero_time.x, 30.0);
  EXPECT_DOUBLE_EQ(zero_time.y, 20.0);
  EXPECT_DOUBLE_EQ(zero_time.fought, 0.0);
}

TEST(Lanchester, OneSidedFireIsLinear) {
  // b = 0: Y is untouched and X falls at a * y0 = 0.1 * 50 = 5 a day.
  const LanchesterOutcome partial = LanchesterSquare(100.0, 50.0, 0.1, 0.0, 10.0);
  EXPECT_NEAR(partial.x, 50.0, 1e-12);
  EXPECT_DOUBLE_EQ(partial.y, 50.0);
  EXPECT_DOUBLE_EQ(partial.fought, 10.0);
  // X is gone after 100 / 5 = 20 days.
  const LanchesterOutcome wiped = LanchesterSquare(100.0, 50.0, 0.1, 0.0, 30.0);
  EXPECT_DOUBLE_EQ(wiped.x, 0.0);
  EXPECT_DOUBLE_EQ(wiped.y, 50.0);
  EXPECT_NEAR(wiped.fought, 20.0, 1e-12);
  // a = 0, mirrored: Y falls at b * x0 = 0.2 * 10 = 2 a day.
  const LanchesterOutcome mirrored = LanchesterSquare(10.0, 7.0, 0.0, 0.2, 2.0);
  EXPECT_DOUBLE_EQ(mirrored.x, 10.0);
  EXPECT_NEAR(mirrored.y, 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(mirrored.fought, 2.0);
  // Nobody shoots.
  const LanchesterOutcome idle = LanchesterSquare(10.0, 7.0, 0.0, 0.0, 2.0);
  EXPECT_DOUBLE_EQ(idle.x, 10.0);
  EXPECT_DOUBLE_EQ(idle.y, 7.0);
  EXPECT_DOUBLE_EQ(idle.fought, 2.0);
}

TEST(Lanchester, DrawDecaysWithoutEnding) {
  // b x0^2 = a y0^2: both sides decay as exp(-omega t), omega = 0.01, and
  // neither is wiped out in finite time. exp(-1) = 0.36787944.
  const LanchesterOutcome out = LanchesterSquare(100.0, 100.0, 0.01, 0.01, 100.0);
  EXPECT_NEAR(out.x, 36.787944, 1e-6);
  EXPECT_NEAR(out.y, 36.787944, 1e-6);
  EXPECT_DOUBLE_EQ(out.fought, 100.0);
  // Unequal numbers and rates, same fighting strength: 0.01 * 200^2 = 0.04 * 100^2.
  // omega = 0.02; after 50 days both keep exp(-1) of their numbers.
  const LanchesterOutcome uneven = LanchesterSquare(200.0, 100.0, 0.04, 0.01, 50.0);
  EXPECT_NEAR(uneven.x, 200.0 * std::exp(-1.0), 1e-6);
  EXPECT_NEAR(uneven.y, 100.0 * std::exp(-1.0), 1e-6);
  // An enormous duration: cosh(omega t) would overflow to inf - inf = NaN.
  const LanchesterOutcome forever = LanchesterSquare(100.0, 100.0, 0.5, 0.5, 1e6);
  EXPECT_GE(forever.x, 0.0);
  EXPECT_GE(forever.y, 0.0);
  EXPECT_LT(forever.x, 1e-12);
  EXPECT_LT(forever.y, 1e-12);
  EXPECT_DOUBLE_EQ(forever.fought, 1e6);
}

TEST(Lanchester, LongFightDoesNotOverflow) {
  // omega tau = 1e6: stops at t* = artanh(0.8) = 1.0986123 days with 60 left.
  const LanchesterOutcome out = LanchesterSquare(100.0, 80.0, 1.0, 1.0, 1e6);
  EXPECT_NEAR(out.x, 60.0, 1e-9);
  EXPECT_DOUBLE_EQ(out.y, 0.0);
  EXPECT_NEAR(out.fought, std::atanh(0.8), 1e-12);
  // A near-draw (one part in 1e12) runs long but ends, never below 0.
  const LanchesterOutcome near_draw = LanchesterSquare(100.0 + 1e-10, 100.0, 1.0, 1.0, 1e9);
  EXPECT_DOUBLE_EQ(near_draw.y, 0.0);
  EXPECT_GT(near_draw.x, 0.0);
  // sqrt(x0^2 - y0^2) written as a product: x0 - y0 is exact, x0^2 - y0^2 is not.
  const double x0 = 100.0 + 1e-10;
  EXPECT_NEAR(near_draw.x, std::sqrt((x0 - 100.0) * (x0 + 100.0)), 1e-8);
  EXPECT_GT(near_draw.fought, 10.0);
  EXPECT_LT(near_draw.fought, 20.0);
}

TEST(Lanchester, NeverNegativeOrNanOnExtremeInputs) {
  // Every combination of tiny, ordinary and huge finite inputs: survivors in
  // [0, initial], fought in [0, duration], nothing NaN or infinite.
  const double values[] = {0.0, 1e-300, 1e-10, 0.5, 1.0, 3.0, 1e10, 1e300};
  const double durations[] = {0.0, 1e-3, 1.0, 1e3, 1e300};
  int checked = 0;
  for (double x0 : values) {
    for (double y0 : values) {
      for (double a : values) {
        for (double b : values) {
          for (double duration : durations) {
            const LanchesterOutcome out = LanchesterSquare(x0, y0, a, b, duration);
            SCOPED_TRACE(testing::Message() << "x0=" << x0 << " y0=" << y0 << " a=" << a
                                            << " b=" << b << " duration=" << duration);
            ASSERT_TRUE(std::isfinite(out.x));
            ASSERT_TRUE(std::isfinite(out.y));
            ASSERT_TRUE(std::isfinite(out.fought));
            ASSERT_GE(out.x, 0.0);
            ASSERT_GE(out.y, 0.0);
            ASSERT_LE(out.x, x0);
            ASSERT_LE(out.y, y0);
            ASSERT_GE(out.fought, 0.0);
            ASSERT_LE(out.fought, duration);
            ++checked;
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 8 * 8 * 8 * 8 * 5);
}

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// A fight prepared once and asked several durations, in any order, answers
// each as a fresh LanchesterSquare does, bit for bit: nothing of one answer
// leaks into the next. Inputs cover nobody at all, nobody or one side
// shooting, draws, decisive and close fights, and fights fought to the end.
TEST(SquareLawFight, EachDurationGivesAFreshFightsBits) {
  std::mt19937_64 rng(13);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const std::vector<double> special = {0.0, 1e-300, 1e-9, 0.5, 1.0, 3.0, 1e9, 1e300};
  const auto pick = [&](double scale) {
    return unit(rng) < 0.2 ? special[rng() % special.size()] : scale * unit(rng);
  };
  int checked = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    const double x0 = pick(200.0);
    const double y0 = trial % 7 == 0 ? x0 : pick(200.0);  // some draws
    const double a = pick(0.05);
    const double b = trial % 7 == 0 ? a : pick(0.05);
    const SquareLawFight fight(x0, y0, a, b);
    for (int k = 0; k < 4; ++k) {
      const double duration = k == 3 ? 0.0 : pick(k == 2 ? 5000.0 : 30.0);
      const LanchesterOutcome prepared = fight.After(duration);
      const LanchesterOutcome fresh = LanchesterSquare(x0, y0, a, b, duration);
      ASSERT_TRUE(SameBits(prepared.x, fresh.x)) << x0 << " " << y0 << " " << a << " " << b;
      ASSERT_TRUE(SameBits(prepared.y, fresh.y));
      ASSERT_TRUE(SameBits(prepared.fought, fresh.fought));
      ++checked;
    }
  }
  EXPECT_EQ(checked, 80000);
}

}  // namespace
}  // namespace overstretch
