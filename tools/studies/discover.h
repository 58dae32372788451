// The condition of `overstretch discover --where`: METRIC OP NUMBER, parsed
// strictly (a known run metric, one of < <= > >= == !=, a finite number or
// true/false); anything else is an error with a clear message. And the cases
// PRIM peels: one per successful run with a value of the condition's metric.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/studies/results_store.h"

namespace overstretch::cli {

struct Condition {
  enum class Op { kLt, kLe, kGt, kGe, kEq, kNe };
  std::size_t metric = 0;  // index into RunMetrics()
  Op op = Op::kLt;
  std::string symbol;  // as written: "<", "<=", ...
  double value = 0.0;

  bool Holds(double x) const;
};

// Parses "deterrence_rate < 0.5"; nullopt with *error on anything else.
std::optional<Condition> ParseCondition(std::string_view text, std::string* error);

struct DiscoveryCases {
  std::vector<double> x;          // per case, the point's parameter values (row-major)
  std::vector<char> y;            // per case, 1 where the condition holds
  std::vector<bool> categorical;  // per parameter: a list of values (PRIM's categories)
  std::size_t skipped = 0;        // runs failed or without a value of the metric
};

// Streams the runs of `store` (whose study is `data`) into cases. False with
// *error when the runs cannot be read.
bool ReadDiscoveryCases(ResultsStore& store, const StudyResults& data, const Condition& condition,
                        DiscoveryCases* cases, std::string* error);

}  // namespace overstretch::cli
