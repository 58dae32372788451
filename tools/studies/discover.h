// The condition of `overstretch discover --where`: METRIC OP NUMBER, parsed
// strictly (a known run metric, one of < <= > >= == !=, a finite number or
// true/false); anything else is an error with a clear message.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace overstretch::cli
