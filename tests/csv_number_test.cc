// CSV numbers (tools/runio/csv.h, AppendNumber) are written with a compiled
// format into a stack buffer: the same text as fmt's run-time "{}", which
// the outputs have always used, for every double.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tools/runio/csv.h"

namespace overstretch::cli {
namespace {

TEST(CsvNumber, IsFmtsShortestText) {
  std::vector<double> values = {1.0,  -1.0, 0.5,  0.1,   1.0 / 3.0, 1e-5,  1e-4,   1e15,
                                1e16, 1e17, 1e21, 1e300, 5e-324,    1e308, -1e-308};
  values.push_back(std::numeric_limits<double>::max());
  values.push_back(std::numeric_limits<double>::lowest());
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 20000; ++i) {
    values.push_back(std::ldexp(unit(rng), static_cast<int>(rng() % 80) - 40));
    const double bits = std::bit_cast<double>(rng());
    if (std::isfinite(bits) && bits != 0.0) values.push_back(bits);
  }
  for (double x : values) {
    std::string out = "prefix,";
    AppendNumber(out, x);
    ASSERT_EQ(out, "prefix," + fmt::format("{}", x)) << fmt::format("{:a}", x);
    ASSERT_EQ(FormatNumber(x), fmt::format("{}", x));
  }
}

TEST(CsvNumber, ZeroIsZeroAndNonFiniteIsEmpty) {
  EXPECT_EQ(FormatNumber(0.0), "0");
  EXPECT_EQ(FormatNumber(-0.0), "0");
  EXPECT_EQ(FormatNumber(std::nan("")), "");
  EXPECT_EQ(FormatNumber(-std::numeric_limits<double>::infinity()), "");
}

}  // namespace
}  // namespace overstretch::cli
