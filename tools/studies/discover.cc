#include "tools/studies/discover.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <vector>

#include "engine/diagnostics.h"
#include "engine/metrics.h"
#include "tools/runio/csv.h"
#include "tools/runio/text_table.h"
#include "tools/studies/results_store.h"
#include "tools/studies/study.h"

namespace overstretch::cli {
std::optional<Condition> ParseCondition(std::string_view text, std::string* error) {
  std::size_t i = 0;
  auto skip = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  };
  skip();
  const std::size_t name_start = i;
  while (i < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_')) {
    ++i;
  }
  const std::string name(text.substr(name_start, i - name_start));
  Condition c;
  const std::vector<std::string> names = RunMetricNames();
  if (name.empty()) {
    *error = fmt::format("expected 'METRIC OP NUMBER' such as 'deterrence_rate < 0.5', got '{}'",
                         Printable(std::string(text.substr(0, 80))));
    return std::nullopt;
  }
  const auto index = RunMetricIndex(name);
  if (!index) {
    const std::string nearest = NearestCandidate(name, names);
    *error = fmt::format("unknown metric '{}'{}; metrics: {}", Printable(name),
                         nearest.empty() ? "" : fmt::format(" (did you mean '{}'?)", nearest),
                         fmt::join(names, ", "));
    return std::nullopt;
  }
  c.metric = *index;
  skip();
  static constexpr std::pair<const char*, Condition::Op> kOps[] = {
      {"<=", Condition::Op::kLe}, {">=", Condition::Op::kGe}, {"==", Condition::Op::kEq},
      {"!=", Condition::Op::kNe}, {"<", Condition::Op::kLt},  {">", Condition::Op::kGt}};
  bool found = false;
  for (const auto& [symbol, op] : kOps) {
    if (text.substr(i, std::strlen(symbol)) == symbol) {
      c.op = op;
      c.symbol = std::string(symbol);  // a move: GCC 12 -O3 misreads copying into it (-Wrestrict)
      i += std::strlen(symbol);
      found = true;
      break;
    }
  }
  if (!found) {
    *error = fmt::format("expected an operator (<, <=, >, >=, ==, !=) after '{}'", name);
    return std::nullopt;
  }
  skip();
  std::size_t end = text.size();
  while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  const std::string number(text.substr(i, end - i));
  bool b = false;
  if (const auto x = ParseFiniteDouble(number)) {
    c.value = *x;
  } else if (ParseBoolValue(number, &b)) {
    c.value = b ? 1.0 : 0.0;
  } else {
    *error = fmt::format("expected a number after '{} {}', got '{}'", name, c.symbol,
                         Printable(number.substr(0, 80)));
    return std::nullopt;
  }
  return c;
}

bool Condition::Holds(double x) const {
  switch (op) {
    case Op::kLt:
      return x < value;
    case Op::kLe:
      return x <= value;
    case Op::kGt:
      return x > value;
    case Op::kGe:
      return x >= value;
    case Op::kEq:
      return x == value;
    case Op::kNe:
      return x != value;
  }
  return false;
}

bool ReadDiscoveryCases(ResultsStore& store, const StudyResults& data, const Condition& condition,
                        DiscoveryCases* cases, std::string* error) {
  const std::size_t dims = data.parameters.size();
  std::vector<bool>& categorical = cases->categorical;
  categorical.assign(dims, false);
  for (std::size_t d = 0; d < dims; ++d) {
    categorical[d] = data.parameters[d].kind == StudyParameter::Kind::kValues;
  }

  std::vector<double>& x = cases->x;
  std::vector<char>& y = cases->y;
  std::size_t& skipped = cases->skipped;
  return store.ForEachRun(
      [&](const RunRecord& r) {
        const std::optional<double>& v = r.metrics[condition.metric];
        if (!r.ok || !v || r.point < 0 || static_cast<std::size_t>(r.point) >= data.points()) {
          ++skipped;
          return;
        }
        const std::size_t point = static_cast<std::size_t>(r.point);
        x.insert(x.end(), data.numbers.begin() + static_cast<std::ptrdiff_t>(point * dims),
                 data.numbers.begin() + static_cast<std::ptrdiff_t>((point + 1) * dims));
        y.push_back(condition.Holds(*v) ? 1 : 0);
      },
      error);
}

}  // namespace overstretch::cli
