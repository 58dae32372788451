// The sparse mobilisation (engine/reaction_matrix.h, engine/mobilisation.h)
// against the dense computation it replaced: the stability check solved the
// whole N x N eigenproblem of M = K - diag(fatigue) with Eigen::EigenSolver,
// and the step formed M and multiplied. Both references are written out
// here, on random matrices, sparse and dense.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "engine/mobilisation.h"
#include "engine/reaction_matrix.h"
#include "tests/loader_test_support.h"

namespace overstretch {
namespace {

struct Problem {
  std::size_t n = 0;
  std::vector<Reaction> entries;
  std::vector<double> fatigue;
  ReactionMatrix k;
};

// n actors; each off-diagonal entry nonzero with probability `density`,
// uniform in [low, high]; fatigue uniform in [0.2, 1.2].
Problem RandomProblem(std::mt19937_64& rng, std::size_t n, double density, double low,
                      double high) {
  Problem p;
  p.n = n;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::uint32_t i = 0; i < n; ++i) {
    for (std::uint32_t j = 0; j < n; ++j) {
      if (i != j && unit(rng) < density)
        p.entries.push_back({i, j, low + (high - low) * unit(rng)});
    }
    p.fatigue.push_back(0.2 + unit(rng));
  }
  std::vector<Reaction> scratch = p.entries;
  p.k.Assign(n, scratch);
  return p;
}

Eigen::MatrixXd DenseM(const Problem& p) {
  const auto n = static_cast<Eigen::Index>(p.n);
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(n, n);
  for (const Reaction& r : p.entries) m(r.from, r.to) = r.k;
  for (Eigen::Index i = 0; i < n; ++i) m(i, i) = -p.fatigue[static_cast<std::size_t>(i)];
  return m;
}

// The former check: every eigenvalue of M whole.
RichardsonCheck DenseCheck(const Eigen::MatrixXd& m, double step, int* complex_pairs = nullptr) {
  RichardsonCheck check{true, std::numeric_limits<double>::infinity(), 0};
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(m, false);
  for (const std::complex<double>& lambda : solver.eigenvalues()) {
    if (std::abs(1.0 + step * lambda) >= 1.0) check.stable = false;
    if (complex_pairs != nullptr && lambda.imag() > 0.0) ++*complex_pairs;
    check.max_step = lambda.real() >= 0.0
                         ? 0.0
                         : std::min(check.max_step, -2.0 * lambda.real() / std::norm(lambda));
  }
  return check;
}

TEST(ReactionMatrix, DropsZerosAndTheDiagonalAndKeepsTheLastRepeat) {
  std::vector<Reaction> entries{{2, 0, 0.5}, {0, 1, 0.1}, {1, 1, 9.0},
                                {0, 2, 0.0}, {2, 0, 0.7}, {1, 0, 0.3}};
  ReactionMatrix k;
  k.Assign(3, entries);
  EXPECT_EQ(k.size(), 3u);
  EXPECT_EQ(std::vector(k.Columns(0).begin(), k.Columns(0).end()), std::vector<std::uint32_t>{1});
  EXPECT_EQ(std::vector(k.Columns(1).begin(), k.Columns(1).end()), std::vector<std::uint32_t>{0});
  EXPECT_EQ(std::vector(k.Values(2).begin(), k.Values(2).end()), std::vector<double>{0.7});
}

TEST(ReactionMatrix, ComponentsAreTheCyclesOfHostility) {
  // 0 <-> 1, 1 -> 2, 2 -> 3 -> 4 -> 2, 5 alone.
  std::vector<Reaction> entries{{0, 1, 1}, {1, 0, 1}, {1, 2, 1}, {2, 3, 1}, {3, 4, 1}, {4, 2, 1}};
  ReactionMatrix k;
  k.Assign(6, entries);
  std::size_t count = 0;
  const std::vector<std::uint32_t> c = k.Components(&count);
  EXPECT_EQ(count, 3u);
  EXPECT_EQ(c[0], c[1]);
  EXPECT_EQ(c[2], c[3]);
  EXPECT_EQ(c[3], c[4]);
  EXPECT_NE(c[0], c[2]);
  EXPECT_NE(c[5], c[0]);
  EXPECT_NE(c[5], c[2]);
}

TEST(ReactionMatrix, ALongCycleIsOneComponentWithoutDeepRecursion) {
  // 200,000 actors in one cycle of hostility: the search keeps its own path.
  const std::uint32_t n = 200000;
  std::vector<Reaction> entries;
  for (std::uint32_t i = 0; i < n; ++i) entries.push_back({i, (i + 1) % n, 0.1});
  ReactionMatrix k;
  k.Assign(n, entries);
  std::size_t count = 0;
  const std::vector<std::uint32_t> c = k.Components(&count);
  EXPECT_EQ(count, 1u);
  EXPECT_EQ(std::count(c.begin(), c.end(), c[0]), static_cast<std::ptrdiff_t>(n));
}

// max_step equal within 1e-9 relative, and the same decision either side of it.
void ExpectSameCheck(const Problem& p, int* complex_pairs) {
  const Eigen::MatrixXd m = DenseM(p);
  const RichardsonCheck dense = DenseCheck(m, 1.0, complex_pairs);
  const RichardsonCheck sparse = CheckRichardsonStep(p.k, p.fatigue, 1.0);
  ASSERT_GT(dense.max_step, 0.0);
  EXPECT_NEAR(sparse.max_step, dense.max_step, 1e-9 * dense.max_step) << "n = " << p.n;
  for (double factor : {0.5, 0.99, 1.01, 2.0}) {
    const double step = factor * dense.max_step;
    EXPECT_EQ(CheckRichardsonStep(p.k, p.fatigue, step).stable, DenseCheck(m, step).stable)
        << "n = " << p.n << ", step " << factor << " x max";
  }
  // Step 1 where it is not within 1e-6 of the bound, so rounding cannot decide.
  if (std::abs(dense.max_step - 1.0) > 1e-6) {
    EXPECT_EQ(sparse.stable, dense.stable);
  }
}

TEST(MobilisationSparse, CheckMatchesTheWholeEigenproblem) {
  std::mt19937_64 rng(20261201);
  int complex_pairs = 0;
  for (std::size_t n : {1, 2, 3, 7, 20, 60, 150}) {
    // From no cycle at all (every eigenvalue is -fatigue) to a dense matrix.
    for (double density : {0.0, 0.02, 0.1, 0.4, 1.0}) {
      // Mixed signs give complex pairs; entries are scaled so that each row
      // sums to less than the least fatigue (every eigenvalue has Re < 0 by
      // Gershgorin's theorem) and there is a bound to compare.
      const double scale = 0.15 / (1.0 + density * static_cast<double>(n));
      ExpectSameCheck(RandomProblem(rng, n, density, -scale, scale), &complex_pairs);
    }
  }
  EXPECT_GT(complex_pairs, 10);  // the complex case was exercised
}

TEST(MobilisationSparse, UnboundedRacesAreRefusedAlike) {
  // Positive reactions strong enough that some eigenvalue has Re >= 0.
  std::mt19937_64 rng(7);
  for (std::size_t n : {2, 10, 80}) {
    for (double density : {0.05, 0.3, 1.0}) {
      const Problem p = RandomProblem(rng, n, density, 0.5, 3.0);
      const RichardsonCheck dense = DenseCheck(DenseM(p), 0.1);
      const RichardsonCheck sparse = CheckRichardsonStep(p.k, p.fatigue, 0.1);
      EXPECT_EQ(sparse.stable, dense.stable) << n << " " << density;
      if (dense.max_step == 0.0) {
        EXPECT_EQ(sparse.max_step, 0.0) << n << " " << density;
      } else {
        EXPECT_NEAR(sparse.max_step, dense.max_step, 1e-9 * dense.max_step);
      }
    }
  }
}

TEST(MobilisationSparse, DefectiveMatrices) {
  // A defective eigenvalue (a Jordan block) is the hard case for an
  // eigensolver: rounding moves it by about sqrt(machine epsilon).
  // Across components, a chain 0 -> 1 -> 2 with equal fatigue: M is
  // triangular after permutation, eigenvalue -0.5 three times with one
  // eigenvector. The components give -0.5 exactly: max_step = 2 / 0.5.
  Problem chain;
  chain.n = 3;
  chain.entries = {{1, 0, 0.8}, {2, 1, 0.8}};
  chain.fatigue = {0.5, 0.5, 0.5};
  std::vector<Reaction> scratch = chain.entries;
  chain.k.Assign(3, scratch);
  EXPECT_DOUBLE_EQ(CheckRichardsonStep(chain.k, chain.fatigue, 1.0).max_step, 4.0);
  EXPECT_NEAR(DenseCheck(DenseM(chain), 1.0).max_step, 4.0, 1e-4);
  // Within one component: M = -f I + N with N = [[1, 1], [-1, -1]]
  // nilpotent, so fatigue (f - 1, f + 1), K_01 = 1, K_10 = -1: a double
  // eigenvalue -f with one eigenvector. Both solve the same 2 x 2 block.
  for (double f : {1.5, 3.0}) {
    Problem block;
    block.n = 2;
    block.entries = {{0, 1, 1.0}, {1, 0, -1.0}};
    block.fatigue = {f - 1.0, f + 1.0};
    std::vector<Reaction> entries = block.entries;
    block.k.Assign(2, entries);
    const RichardsonCheck sparse = CheckRichardsonStep(block.k, block.fatigue, 1.0);
    EXPECT_NEAR(sparse.max_step, 2.0 / f, 1e-6);
    EXPECT_NEAR(sparse.max_step, DenseCheck(DenseM(block), 1.0).max_step, 1e-6);
  }
}

// The former step: M formed densely, rate = M F + g, F + step * rate, at 0.
std::vector<double> DenseStep(const Problem& p, const std::vector<double>& grievance, double step,
                              const std::vector<double>& forces) {
  const Eigen::MatrixXd m = DenseM(p);
  const Eigen::Map<const Eigen::VectorXd> f(forces.data(), static_cast<Eigen::Index>(p.n));
  const Eigen::Map<const Eigen::VectorXd> g(grievance.data(), static_cast<Eigen::Index>(p.n));
  const Eigen::VectorXd rate = m * f + g;
  const Eigen::VectorXd next = (f + step * rate).cwiseMax(0.0);
  return {next.data(), next.data() + next.size()};
}

TEST(MobilisationSparse, StepMatchesTheDenseProduct) {
  // Sums are formed in ascending column order as the dense row by row sum
  // is; a dense product of 128 or more columns may group them differently,
  // so differences are allowed up to 1e-12 relative (to the larger of the
  // new force and the terms summed).
  std::mt19937_64 rng(99);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  double worst = 0.0;
  for (std::size_t n : {1, 5, 50, 127, 128, 300, 700}) {
    for (double density : {0.005, 0.05, 1.0}) {
      const Problem p = RandomProblem(rng, n, density, -0.2, 0.3);
      std::vector<double> forces(n), grievance(n);
      for (std::size_t i = 0; i < n; ++i) {
        forces[i] = 100.0 * unit(rng);
        grievance[i] = 10.0 * unit(rng) - 2.0;
      }
      const std::vector<double> dense = DenseStep(p, grievance, 0.7, forces);
      std::vector<double> sparse(n);
      RichardsonStep(p.k, p.fatigue, grievance, 0.7, forces, sparse);
      std::vector<double> magnitude(n);
      for (std::size_t i = 0; i < n; ++i) {
        magnitude[i] = std::abs(forces[i]) + std::abs(grievance[i]) + p.fatigue[i] * forces[i];
      }
      for (const Reaction& r : p.entries) magnitude[r.from] += std::abs(r.k * forces[r.to]);
      for (std::size_t i = 0; i < n; ++i) {
        const double difference = std::abs(sparse[i] - dense[i]) / magnitude[i];
        worst = std::max(worst, difference);
        EXPECT_LE(difference, 1e-12) << "n = " << n << ", density " << density << ", i = " << i;
      }
    }
  }
  RecordProperty("worst_relative_difference", std::to_string(worst));
}

// n actors, mobilisation on, A(i) hostile to A(i+1) for i in [0, ring - 1)
// and A(ring - 1) to A0: one cycle of hostility of `ring` actors.
std::string HostilityRing(int n, int ring) {
  std::string text = "scenario: {name: ring}\nrun:\n  mobilisation: {enabled: true}\nactors:\n";
  for (int i = 0; i < n; ++i) text += "  A" + std::to_string(i) + ": {home: [0, 0]}\n";
  text += "ties:\n";
  for (int i = 0; i < ring; ++i) {
    text += "  - {from: A" + std::to_string(i) + ", to: A" + std::to_string((i + 1) % ring) +
            ", hostility: 0.5}\n";
  }
  return text;
}

TEST(MobilisationSparse, ACycleOfHostilityBeyondTheLimitIsRefusedUnsolved) {
  std::vector<Reaction> entries;
  const auto size = static_cast<std::uint32_t>(kMaxHostilityCycle + 1);
  for (std::uint32_t i = 0; i < size; ++i) entries.push_back({i, (i + 1) % size, 0.01});
  ReactionMatrix k;
  k.Assign(size + 5, entries);
  const std::vector<double> fatigue(size + 5, 0.05);
  const RichardsonCheck check = CheckRichardsonStep(k, fatigue, 1.0);
  EXPECT_FALSE(check.stable);
  EXPECT_EQ(check.max_step, 0.0);
  EXPECT_EQ(check.oversized_cycle, kMaxHostilityCycle + 1);

  const LoadResult r = loader_testing::Load(HostilityRing(2000, 1001));
  loader_testing::ExpectError(r, 3, 17,
                              "run.mobilisation: 1001 actors form one cycle of hostility");
  loader_testing::ExpectError(r, 3, 17, "the stability check handles at most 1000");
  EXPECT_EQ(r.diagnostics.size(), 1u) << loader_testing::Text(r);
}

TEST(MobilisationSparse, TwoThousandActorsWithSmallCyclesLoad) {
  // 2,000 actors (kMaxActors), a cycle of hostility of 50 among them.
  const LoadResult r = loader_testing::Load(HostilityRing(2000, 50));
  ASSERT_TRUE(r.scenario) << loader_testing::Text(r);
  EXPECT_EQ(r.scenario->actors.size(), 2000u);
}

}  // namespace
}  // namespace overstretch
