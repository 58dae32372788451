// Per-run metrics (docs/model.md §3.9), accumulated turn by turn, and the one
// table of run metrics (RunMetrics) from which every output takes its names,
// types and values: summary.json, the results store's `runs` columns, the
// printed summary of `run`, the after-action report, the names studies,
// `analyze` and `discover` accept, and docs/outputs.md's table (checked by
// tests/metric_table_test.cc). Adding a metric: its field in RunSummary (and
// accumulator state if it needs any), its computation in metrics.cc, its
// table entry there, kRunMetricCount, and the regenerated docs table.
// Kept apart from output: a sweep reads the RunSummary and writes nothing else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/recorder.h"
#include "engine/scenario.h"

namespace overstretch {

struct TheaterSummary {
  bool opened = false;
  bool deterred = false;  // opened and never passed crisis (escalation <= 2 throughout)
  bool lost = false;      // control >= 0.5 at the end
  int max_escalation = 0;
  double final_control = 0.0;
  TheaterStatus final_status = TheaterStatus::kPending;
  int conflict_turns = 0;  // turns at escalation >= 3
  // Allied (non-patron) share of the defenders' delivered force over conflict
  // turns; null without conflict turns, 0 if the defenders delivered nothing.
  std::optional<double> allied_burden_share;
};

// Run-level values; the table below (RunMetrics) says which are output and how.
struct RunSummary {
  std::string scenario;
  std::uint64_t seed = 0;
  int turns_played = 0;
  std::optional<double> deterrence_rate;  // share of opened theaters deterred; null if none opened
  int theaters_opened = 0;
  int theaters_lost = 0;
  int max_escalation = 0;
  bool nuclear_threshold_reached = false;
  double losses_challengers = 0.0;  // attrition of actors while on the challengers' side
  double losses_defenders = 0.0;
  std::optional<double> allied_burden_share;  // pooled over conflict turns of all theaters
  int conflict_turns = 0;
  std::optional<double> patron_peak_stretch;  // null without a patron
  std::optional<double> final_cohesion;       // null without commitments
  int abandonment_events = 0;
  // Defenders' delivered force over the active turns of all theaters, in
  // force-unit-turns: by the patron (null without a patron) and by every other
  // defender (allies and the local defenders), so compensation is measured
  // directly rather than through a share.
  std::optional<double> patron_delivered;
  double allied_delivered = 0.0;
  std::vector<TheaterSummary> theaters;  // by theater index
};

// ---- The run metrics table

enum class MetricType { kReal, kInteger, kBool };

// A metric's value for one run, as a number (bools 1/0); empty when the metric
// is undefined for the run (only if `nullable`).
using MetricValue = std::optional<double>;

struct RunMetric {
  std::string_view name;  // snake_case: the summary.json key, SQL column and study name
  MetricType type;
  bool nullable;  // may be undefined for a finished run
  bool outcome;   // kept by a study that lists none (false: counts that give context)
  std::string_view unit;
  std::string_view description;  // one sentence, for the docs and the report
  MetricValue (*value)(const RunSummary&);
};

inline constexpr std::size_t kRunMetricCount = 15;  // checked against the table

// Every run metric, in output order (summary.json keys, `runs` columns).
std::span<const RunMetric, kRunMetricCount> RunMetrics();
// Index of a metric in RunMetrics(), or nullopt.
std::optional<std::size_t> RunMetricIndex(std::string_view name);
// The names of RunMetrics(), in order (for messages and "did you mean").
std::vector<std::string> RunMetricNames();
// "real", "integer", "bool".
const char* MetricTypeName(MetricType type);

class MetricsAccumulator {
 public:
  explicit MetricsAccumulator(const Scenario& scenario);
  void Reset();
  // Throws NonFiniteError (engine/finite_check.h) if the turn holds inf or NaN.
  void AddTurn(const TurnRecord& record);
  RunSummary Finish(std::uint64_t seed, int turns_played) const;

 private:
  const Scenario* scenario_;
  struct PerTheater {
    bool opened = false;
    int max_escalation = 0;
    double final_control = 0.0;
    TheaterStatus status = TheaterStatus::kPending;
    int conflict_turns = 0;
    double defenders_delivered = 0.0;
    double allied_delivered = 0.0;
  };
  double patron_delivered_ = 0.0;  // every active turn, not only conflict turns
  double allied_delivered_ = 0.0;
  std::vector<PerTheater> theaters_;
  double losses_c_ = 0.0;
  double losses_d_ = 0.0;
  double peak_stretch_ = 0.0;
  bool any_turn_ = false;
  double cohesion_ = 0.0;
  bool cohesion_defined_ = false;
  int abandonments_ = 0;
};

}  // namespace overstretch
