// Analysis numerics against known answers: Sobol indices of the Ishigami
// function, Morris effects of a function with known effects, Student-t
// intervals, PRIM on data with a known box, and the --where parser.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "tools/studies/design.h"
#include "tools/studies/discover.h"
#include "tools/studies/prim.h"
#include "tools/studies/sensitivity.h"
#include "tools/studies/statistics.h"
#include "tools/studies/study.h"

namespace overstretch::cli {
namespace {

// Ishigami & Homma (1990) on [-pi, pi]^3 with a = 7, b = 0.1.
double Ishigami(double x1, double x2, double x3) {
  return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

TEST(AnalyzeTest, SobolIndicesOfIshigamiMatchTheAnalyticValues) {
  // Analytic values (Sobol' & Levitan 1999): S1 = 0.3139, S2 = 0.4424,
  // S3 = 0, ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437.
  const std::size_t n = 8192;
  const UnitDesign design = SaltelliDesign(n, 3, 2024);
  std::vector<double> f(design.points());
  auto scale = [](double u) { return -std::numbers::pi + 2 * std::numbers::pi * u; };
  for (std::size_t p = 0; p < design.points(); ++p) {
    f[p] = Ishigami(scale(design.at(p, 0)), scale(design.at(p, 1)), scale(design.at(p, 2)));
  }
  const SobolResult r = SobolIndices(f, 3, 200, 1);
  ASSERT_EQ(r.used, n);
  // Tolerance 0.02 (absolute): with N = 8192 quasi-random base samples the
  // estimators' errors are well below that; the bootstrap half-widths must
  // also be small and cover the truth within their own width plus 0.01.
  const double s1[] = {0.3139, 0.4424, 0.0};
  const double st[] = {0.5576, 0.4424, 0.2437};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.indices[i].first, s1[i], 0.02) << "S" << i + 1;
    EXPECT_NEAR(r.indices[i].total, st[i], 0.02) << "ST" << i + 1;
    EXPECT_GT(r.indices[i].first_conf, 0.0);
    EXPECT_LT(r.indices[i].first_conf, 0.06);
    EXPECT_LT(r.indices[i].total_conf, 0.06);
    EXPECT_LE(std::abs(r.indices[i].first - s1[i]), r.indices[i].first_conf + 0.01);
  }
}

TEST(AnalyzeTest, SobolLeavesOutSamplesWithMissingOutputs) {
  const UnitDesign design = SaltelliDesign(256, 2, 3);
  std::vector<double> f(design.points());
  for (std::size_t p = 0; p < f.size(); ++p) f[p] = design.at(p, 0);  // only x1 matters
  f[5] = std::nan("");  // in base sample 1 (rows 4..7)
  const SobolResult r = SobolIndices(f, 2, 0, 1);
  EXPECT_EQ(r.used, 255u);
  EXPECT_NEAR(r.indices[0].first, 1.0, 0.05);
  EXPECT_NEAR(r.indices[1].total, 0.0, 1e-12);
}

TEST(AnalyzeTest, MorrisRecoversKnownElementaryEffects) {
  // f = 3 x0 − 2 x1 + 0 x2 + x3^2: the effects of x0 and x1 are constant
  // (mu* = |a|, sigma = 0), x2 has none, x3's vary with x3 (sigma > 0).
  const std::size_t r = 40, dims = 4;
  const UnitDesign design = MorrisDesign(r, dims, 4, 9);
  std::vector<double> f(design.points());
  for (std::size_t p = 0; p < f.size(); ++p) {
    f[p] = 3 * design.at(p, 0) - 2 * design.at(p, 1) + design.at(p, 3) * design.at(p, 3);
  }
  const std::vector<MorrisIndex> m = MorrisIndices(design, f);
  ASSERT_EQ(m.size(), dims);
  for (const MorrisIndex& index : m) EXPECT_EQ(index.effects, r);
  EXPECT_NEAR(m[0].mu_star, 3.0, 1e-9);
  EXPECT_NEAR(m[0].mu, 3.0, 1e-9);
  EXPECT_NEAR(m[0].sigma, 0.0, 1e-9);
  EXPECT_NEAR(m[1].mu_star, 2.0, 1e-9);
  EXPECT_NEAR(m[1].mu, -2.0, 1e-9);
  EXPECT_NEAR(m[2].mu_star, 0.0, 1e-12);
  // x3 moves between levels {0, 1/3, 2/3, 1} by Δ = 2/3: the effect of x^2 is
  // x + x' = 2/3 (0 <-> 2/3) or 4/3 (1/3 <-> 1).
  EXPECT_GT(m[3].sigma, 0.1);
  EXPECT_GT(m[3].mu_star, 2.0 / 3.0);
  EXPECT_LT(m[3].mu_star, 4.0 / 3.0);
}

TEST(AnalyzeTest, SummaryStatisticsUseStudentT) {
  const std::vector<double> x = {1, 2, 3, 4, std::nan("")};
  const SummaryStats s = Summarise(x);
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_NEAR(s.sd, std::sqrt(5.0 / 3.0), 1e-12);
  const double half = 3.182 * s.sd / 2.0;  // t(0.975, 3) = 3.182
  EXPECT_NEAR(s.ci_low, 2.5 - half, 1e-9);
  EXPECT_NEAR(s.ci_high, 2.5 + half, 1e-9);
  EXPECT_NEAR(StudentT975(1000), 1.962, 1e-3);
  EXPECT_TRUE(std::isnan(Summarise(std::vector<double>{1.0}).sd));
}

// `analyze` pools per-point accumulators into statistics over all runs.
TEST(AnalyzeTest, MergedRunningStatisticsEqualThoseOfAllValues) {
  const std::vector<double> a = {1.5, 2.0, 9.25}, b = {-3.0, 4.0, 4.5, 0.125};
  RunningStats left, right;
  for (double v : a) left.Add(v);
  for (double v : b) right.Add(v);
  left.Merge(right);
  // Two-pass over the seven values.
  const double mean = (1.5 + 2.0 + 9.25 - 3.0 + 4.0 + 4.5 + 0.125) / 7.0;
  double ss = 0.0;
  for (double v : {1.5, 2.0, 9.25, -3.0, 4.0, 4.5, 0.125}) ss += (v - mean) * (v - mean);
  const SummaryStats s = left.Stats();
  EXPECT_EQ(s.n, 7u);
  EXPECT_NEAR(s.mean, mean, 1e-12);
  EXPECT_NEAR(s.sd, std::sqrt(ss / 6.0), 1e-12);
  EXPECT_NEAR(s.ci_high - s.mean, 2.447 * s.sd / std::sqrt(7.0), 1e-9);  // t(0.975, 6)
}

TEST(PrimTest, FindsAKnownBox) {
  // y = (x0 > 0.6 and x1 < 0.3), x2 irrelevant: 12% of the cases.
  const std::size_t n = 5000;
  DesignRandom random(3);
  std::vector<double> x;
  std::vector<char> y;
  for (std::size_t c = 0; c < n; ++c) {
    const double a = random.Uniform(), b = random.Uniform(), d = random.Uniform();
    x.insert(x.end(), {a, b, d});
    y.push_back(a > 0.6 && b < 0.3 ? 1 : 0);
  }
  PrimOptions options;
  options.threshold = 0.9;
  const PrimResult r = Prim(x, y, {false, false, false}, options);
  ASSERT_GT(r.trajectory.size(), 10u);
  EXPECT_NEAR(r.trajectory[0].density, 0.12, 0.02);
  EXPECT_DOUBLE_EQ(r.trajectory[0].coverage, 1.0);
  // Coverage never rises and mass falls along the trajectory.
  for (std::size_t s = 1; s < r.trajectory.size(); ++s) {
    EXPECT_LE(r.trajectory[s].coverage, r.trajectory[s - 1].coverage);
    EXPECT_LT(r.trajectory[s].mass, r.trajectory[s - 1].mass);
  }
  const PrimStep& box = r.trajectory[r.chosen];
  EXPECT_GE(box.density, 0.9);
  EXPECT_GE(box.coverage, 0.7);
  EXPECT_NEAR(box.box.lo[0], 0.6, 0.06);
  EXPECT_NEAR(box.box.hi[1], 0.3, 0.06);
  EXPECT_LT(box.box.lo[1], 0.05);
  EXPECT_GT(box.box.hi[0], 0.95);
  EXPECT_FALSE(Restricts(box.box, r.trajectory[0].box, 2, {false, false, false}) &&
               (box.box.hi[2] - box.box.lo[2]) < 0.7);
}

TEST(PrimTest, PeelsCategoriesOfDiscreteParameters) {
  // Category 2 of a three-valued parameter and x0 > 0.5.
  DesignRandom random(8);
  std::vector<double> x;
  std::vector<char> y;
  for (std::size_t c = 0; c < 3000; ++c) {
    const double a = random.Uniform();
    const double category = static_cast<double>(random.Below(3));
    x.insert(x.end(), {a, category});
    y.push_back(a > 0.5 && category == 2.0 ? 1 : 0);
  }
  PrimOptions options;
  options.threshold = 0.95;
  const PrimResult r = Prim(x, y, {false, true}, options);
  const PrimStep& box = r.trajectory[r.chosen];
  EXPECT_EQ(box.box.categories[1], std::vector<double>{2.0});
  EXPECT_NEAR(box.box.lo[0], 0.5, 0.06);
  EXPECT_GE(box.density, 0.95);
}

TEST(PrimWhereTest, ParsesConditions) {
  std::string error;
  auto c = ParseCondition("deterrence_rate < 0.5", &error);
  ASSERT_TRUE(c) << error;
  EXPECT_EQ(RunMetrics()[c->metric].name, "deterrence_rate");
  EXPECT_EQ(c->op, Condition::Op::kLt);
  EXPECT_TRUE(c->Holds(0.4));
  EXPECT_FALSE(c->Holds(0.5));
  c = ParseCondition("  theaters_lost>=1 ", &error);
  ASSERT_TRUE(c) << error;
  EXPECT_EQ(c->op, Condition::Op::kGe);
  EXPECT_TRUE(c->Holds(1));
  c = ParseCondition("nuclear_threshold_reached == true", &error);
  ASSERT_TRUE(c) << error;
  EXPECT_TRUE(c->Holds(1));
  c = ParseCondition("max_escalation != 3", &error);
  ASSERT_TRUE(c) << error;
  EXPECT_FALSE(c->Holds(3));
}

TEST(PrimWhereTest, RejectsAnythingElseWithAClearMessage) {
  const char* bad[] = {"",
                       "deterrence_rat < 0.5",
                       "deterrence_rate",
                       "deterrence_rate <",
                       "deterrence_rate < abc",
                       "deterrence_rate < 0.5; DROP TABLE runs",
                       "deterrence_rate < nan",
                       "deterrence_rate =< 0.5",
                       "1 < deterrence_rate",
                       "deterrence_rate < 0.5 and theaters_lost > 0"};
  for (const char* text : bad) {
    std::string error;
    EXPECT_FALSE(ParseCondition(text, &error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  std::string error;
  ParseCondition("deterrence_rat < 0.5", &error);
  EXPECT_NE(error.find("did you mean 'deterrence_rate'"), std::string::npos) << error;
}

}  // namespace
}  // namespace overstretch::cli
