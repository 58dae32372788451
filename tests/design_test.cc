// Experimental designs (tools/studies/design.h): sizes, bounds, Latin hypercube
// stratification, the Sobol sequence against its published first points,
// the structure of Saltelli and Morris designs, run seeds.
#include "tools/studies/design.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

namespace overstretch::cli {
namespace {

bool InUnitCube(const UnitDesign& d) {
  return std::all_of(d.u.begin(), d.u.end(), [](double x) { return x >= 0.0 && x <= 1.0; });
}

TEST(DesignTest, GridIsTheFullFactorialWithTheLastDimensionFastest) {
  const std::vector<int> levels = {3, 2};
  const bool midpoints[] = {false, true};
  const UnitDesign d = GridDesign(levels, midpoints);
  ASSERT_EQ(d.dims, 2u);
  ASSERT_EQ(d.points(), 6u);
  const double expected[6][2] = {{0, 0.25},   {0, 0.75}, {0.5, 0.25},
                                 {0.5, 0.75}, {1, 0.25}, {1, 0.75}};
  for (std::size_t p = 0; p < 6; ++p) {
    EXPECT_DOUBLE_EQ(d.at(p, 0), expected[p][0]) << p;
    EXPECT_DOUBLE_EQ(d.at(p, 1), expected[p][1]) << p;
  }
}

TEST(DesignTest, LatinHypercubeHasOnePointPerStratumInEveryDimension) {
  const std::size_t n = 50, dims = 4;
  const UnitDesign d = LatinHypercubeDesign(n, dims, 42);
  ASSERT_EQ(d.points(), n);
  EXPECT_TRUE(InUnitCube(d));
  for (std::size_t dim = 0; dim < dims; ++dim) {
    std::set<std::size_t> strata;
    for (std::size_t p = 0; p < n; ++p) {
      strata.insert(static_cast<std::size_t>(d.at(p, dim) * static_cast<double>(n)));
    }
    EXPECT_EQ(strata.size(), n) << "dimension " << dim;
  }
  // Deterministic from the seed, and the seed matters.
  EXPECT_EQ(LatinHypercubeDesign(n, dims, 42).u, d.u);
  EXPECT_NE(LatinHypercubeDesign(n, dims, 43).u, d.u);
}

TEST(DesignTest, SobolSequenceMatchesThePublishedFirstPoints) {
  // Unscrambled Sobol points in Gray-code order with the Joe–Kuo direction
  // numbers (the same as scipy.stats.qmc.Sobol(d=3, scramble=False)).
  const double expected[8][3] = {{0, 0, 0},
                                 {0.5, 0.5, 0.5},
                                 {0.75, 0.25, 0.25},
                                 {0.25, 0.75, 0.75},
                                 {0.375, 0.375, 0.625},
                                 {0.875, 0.875, 0.125},
                                 {0.625, 0.125, 0.875},
                                 {0.125, 0.625, 0.375}};
  SobolSequence sequence(3, false, 0);
  std::vector<double> x(3);
  for (const auto& row : expected) {
    sequence.Next(x);
    EXPECT_DOUBLE_EQ(x[0], row[0]);
    EXPECT_DOUBLE_EQ(x[1], row[1]);
    EXPECT_DOUBLE_EQ(x[2], row[2]);
  }
}

TEST(DesignTest, SobolPointsAreBalancedInEveryDimension) {
  // The first 2^k points of each one-dimensional projection hit every one of
  // the 2^k equal cells once, for every dimension we support; the digital
  // shift keeps this.
  for (bool shift : {false, true}) {
    SobolSequence sequence(SobolSequence::kMaxDims, shift, 7);
    const std::size_t n = 256;
    std::vector<std::set<std::size_t>> cells(SobolSequence::kMaxDims);
    std::vector<double> x(SobolSequence::kMaxDims);
    for (std::size_t i = 0; i < n; ++i) {
      sequence.Next(x);
      for (std::size_t d = 0; d < x.size(); ++d) {
        ASSERT_GE(x[d], 0.0);
        ASSERT_LT(x[d], 1.0);
        cells[d].insert(static_cast<std::size_t>(x[d] * n));
      }
    }
    for (std::size_t d = 0; d < cells.size(); ++d) EXPECT_EQ(cells[d].size(), n) << d;
  }
}

TEST(DesignTest, SaltelliBlocksAreABInBetweenAB) {
  const std::size_t n = 16, dims = 3;
  const UnitDesign d = SaltelliDesign(n, dims, 5);
  ASSERT_EQ(d.points(), n * (dims + 2));
  EXPECT_TRUE(InUnitCube(d));
  for (std::size_t j = 0; j < n; ++j) {
    const std::size_t base = j * (dims + 2);
    for (std::size_t i = 0; i < dims; ++i) {
      for (std::size_t k = 0; k < dims; ++k) {
        const double expected = k == i ? d.at(base + dims + 1, k) : d.at(base, k);
        EXPECT_EQ(d.at(base + 1 + i, k), expected) << j << " " << i << " " << k;
      }
    }
  }
  EXPECT_THROW(SaltelliDesign(4, kMaxSobolParameters + 1, 1), std::invalid_argument);
}

TEST(DesignTest, MorrisTrajectoriesMoveOneDimensionAtATimeByDelta) {
  const std::size_t r = 30, dims = 5;
  const int p = 4;
  const double delta = p / (2.0 * (p - 1));
  const UnitDesign d = MorrisDesign(r, dims, p, 11);
  ASSERT_EQ(d.points(), r * (dims + 1));
  EXPECT_TRUE(InUnitCube(d));
  for (double x : d.u) {
    const double level = x * (p - 1);
    EXPECT_NEAR(level, std::round(level), 1e-9);  // on the grid
  }
  for (std::size_t t = 0; t < r; ++t) {
    std::set<std::size_t> moved;
    for (std::size_t k = 0; k < dims; ++k) {
      const std::size_t row = t * (dims + 1) + k;
      std::size_t changes = 0;
      for (std::size_t dim = 0; dim < dims; ++dim) {
        const double diff = d.at(row + 1, dim) - d.at(row, dim);
        if (std::abs(diff) > 1e-12) {
          ++changes;
          moved.insert(dim);
          EXPECT_NEAR(std::abs(diff), delta, 1e-12);
        }
      }
      EXPECT_EQ(changes, 1u);
    }
    EXPECT_EQ(moved.size(), dims);  // each dimension once per trajectory
  }
  EXPECT_THROW(MorrisDesign(2, 2, 3, 1), std::invalid_argument);
}

TEST(DesignTest, RunSeedsAreStableDistinctAndNonNegative) {
  std::set<std::uint64_t> seeds;
  for (std::uint64_t base = 0; base < 50; ++base) {
    for (std::uint64_t rep = 0; rep < 50; ++rep) {
      const std::uint64_t s = RunSeed(base, rep);
      EXPECT_LT(s, std::uint64_t{1} << 63);
      seeds.insert(s);
    }
  }
  EXPECT_EQ(seeds.size(), 2500u);
  EXPECT_NE(RunSeed(2, 3), RunSeed(3, 2));
  // Known values (also computed independently in Python): changing the hash
  // would change the seed of every stored run.
  EXPECT_EQ(RunSeed(1, 0), 7664074455761237947ULL);
  EXPECT_EQ(RunSeed(3, 1), 7766030981409369346ULL);
}

}  // namespace
}  // namespace overstretch::cli
