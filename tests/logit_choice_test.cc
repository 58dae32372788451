// Logit (quantal) response, McKelvey and Palfrey (1995); docs/model.md §3.5.
#include "engine/logit_choice.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>

namespace overstretch {
namespace {

TEST(LogitChoice, ModelsVectors) {
  // Worked example: logit([1, 0, -1]) at lambda = 0, 1, 2 (abs_tol 1e-6).
  const std::array<double, 3> utilities{1.0, 0.0, -1.0};
  struct Row {
    double lambda;
    std::array<double, 3> expected;
  };
  const Row rows[] = {{0.0, {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0}},
                      {1.0, {0.665241, 0.244728, 0.090031}},
                      {2.0, {0.866813, 0.117310, 0.015876}}};
  for (const Row& row : rows) {
    std::array<double, 3> p{};
    LogitProbabilities(utilities, row.lambda, p);
    for (std::size_t i = 0; i < p.size(); ++i) {
      EXPECT_NEAR(p[i], row.expected[i], 1e-6) << "lambda " << row.lambda << " option " << i;
    }
  }
}

TEST(LogitChoice, BinaryCase) {
  // Worked example: 1 / (1 + exp(-lambda du)) with lambda = 2, du = 0.5 -> 0.731059.
  const std::array<double, 2> utilities{0.7, 0.2};
  std::array<double, 2> p{};
  LogitProbabilities(utilities, 2.0, p);
  EXPECT_NEAR(p[0], 0.731059, 1e-6);
  EXPECT_NEAR(p[0] + p[1], 1.0, 1e-15);
}

TEST(LogitChoice, LargeUtilitiesDoNotOverflow) {
  // exp(1000) overflows; with the maximum subtracted first the answer is the
  // same as for utilities shifted down by 1000 (a logit is shift-invariant).
  const std::array<double, 3> big{1001.0, 1000.0, 999.0};
  std::array<double, 3> p{};
  LogitProbabilities(big, 1.0, p);
  EXPECT_NEAR(p[0], 0.665241, 1e-6);
  EXPECT_NEAR(p[2], 0.090031, 1e-6);
  // A very precise actor: the best option takes almost everything, no NaN.
  LogitProbabilities(big, 1e6, p);
  EXPECT_DOUBLE_EQ(p[0], 1.0);
  EXPECT_DOUBLE_EQ(p[1], 0.0);
}

TEST(LogitChoice, InfiniteLambdaIsArgMax) {
  const std::array<double, 3> utilities{0.4, 0.9, 0.9};
  std::array<double, 3> p{};
  LogitProbabilities(utilities, std::numeric_limits<double>::infinity(), p);
  EXPECT_DOUBLE_EQ(p[0], 0.0);
  EXPECT_DOUBLE_EQ(p[1], 1.0);  // first of the tied maxima (docs/model.md §3.5: option order)
  EXPECT_DOUBLE_EQ(p[2], 0.0);
}

TEST(LogitChoice, ArgMaxBreaksTiesByOrder) {
  const std::array<double, 4> tied{0.2, 0.8, 0.8, 0.1};
  EXPECT_EQ(ArgMax(tied), 1u);
  const std::array<double, 3> all_equal{5.0, 5.0, 5.0};
  EXPECT_EQ(ArgMax(all_equal), 0u);
  const std::array<double, 3> last_best{-3.0, -2.0, -1.0};
  EXPECT_EQ(ArgMax(last_best), 2u);
}

TEST(LogitChoice, SampleIndexBoundaries) {
  // Cumulative 0.2, 0.7, 1.0: the first index whose cumulative exceeds u.
  const std::array<double, 3> p{0.2, 0.5, 0.3};
  EXPECT_EQ(SampleIndex(p, 0.0), 0u);
  EXPECT_EQ(SampleIndex(p, 0.1999), 0u);
  EXPECT_EQ(SampleIndex(p, 0.2), 1u);  // cumulative must *exceed* u
  EXPECT_EQ(SampleIndex(p, 0.6999), 1u);
  EXPECT_EQ(SampleIndex(p, 0.7), 2u);
  EXPECT_EQ(SampleIndex(p, 0.9999999), 2u);
}

TEST(LogitChoice, SampleIndexSkipsImpossibleOptions) {
  // Zero-probability options are never drawn, even at u = 0.
  const std::array<double, 4> p{0.0, 0.6, 0.0, 0.4};
  EXPECT_EQ(SampleIndex(p, 0.0), 1u);
  EXPECT_EQ(SampleIndex(p, 0.6), 3u);
}

TEST(LogitChoice, SampleIndexRoundingGap) {
  // These sum to 1 - 2e-16 or so; a draw in the gap belongs to the last option
  // with positive probability, not to the trailing impossible one.
  const std::array<double, 4> p{0.1, 0.2, 0.7 - 1e-15, 0.0};
  const double u = std::nextafter(1.0, 0.0);  // largest u below 1
  ASSERT_LE(p[0] + p[1] + p[2], u);
  EXPECT_EQ(SampleIndex(p, u), 2u);
}

TEST(LogitChoice, SamplingFrequenciesMatchProbabilities) {
  // logit([1, 0, -1]) at lambda = 1 with a deterministic, evenly spread set of
  // draws u = (i + 0.5) / n (a midpoint rule): frequencies match to 1/n.
  // Then with a pseudo-random LCG stream, 200000 draws: the standard error of a
  // frequency is at most 0.5 / sqrt(200000) = 0.0011, so 0.005 is > 4 sigma.
  const std::array<double, 3> utilities{1.0, 0.0, -1.0};
  std::array<double, 3> p{};
  LogitProbabilities(utilities, 1.0, p);

  constexpr int kEvenDraws = 100000;
  std::array<int, 3> even_counts{};
  for (int i = 0; i < kEvenDraws; ++i) {
    ++even_counts[SampleIndex(p, (i + 0.5) / kEvenDraws)];
  }
  for (std::size_t k = 0; k < p.size(); ++k) {
    EXPECT_NEAR(static_cast<double>(even_counts[k]) / kEvenDraws, p[k], 2.0 / kEvenDraws);
  }

  constexpr int kRandomDraws = 200000;
  std::array<int, 3> counts{};
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < kRandomDraws; ++i) {
    // Knuth's MMIX LCG; the top 53 bits make a uniform double in [0, 1).
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) * 0x1.0p-53;
    ++counts[SampleIndex(p, u)];
  }
  for (std::size_t k = 0; k < p.size(); ++k) {
    EXPECT_NEAR(static_cast<double>(counts[k]) / kRandomDraws, p[k], 0.005) << "option " << k;
  }
}

}  // namespace
}  // namespace overstretch
