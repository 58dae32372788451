// How much of the patron's shortfall its allies cover, across a study that
// varies the patron's global commitments (`actors.<patron>.global_commitments`,
// the patron named by the base scenario's `scenario.patron`).
//
// A grid design groups runs by the commitment level; every other parameter's
// value and the replication form a pairing unit (with common random numbers,
// replication r of two points shares its seed, docs/studies.md). Against the
// lowest level (the baseline), level L's shortfall is the patron's mean
// paired drop in delivered force, patron_delivered(base) -
// patron_delivered(L), and the share covered is the allies' mean paired gain
// over it:
//   covered(L) = mean(allied_delivered(L) - allied_delivered(base))
//                / mean(patron_delivered(base) - patron_delivered(L)),
// undefined when the shortfall is not positive. Its 95% interval is a
// percentile bootstrap over the pairing units (seeded: deterministic).
//
// Other designs (Latin hypercube, Sobol, Morris) give nearly every point its
// own commitment value and vary the other parameters with it, so nothing
// pairs: points are grouped into kCompensationBins bins of equal counts by
// their commitment value (or by value, when there are no more values than
// that), and the same ratio is formed from differences of the bins' means,
// its interval a bootstrap of the runs within each bin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tools/studies/results_store.h"
#include "tools/studies/sensitivity.h"
#include "tools/studies/statistics.h"

namespace overstretch::cli {

// Bins of commitment values in a design that does not pair runs.
inline constexpr std::size_t kCompensationBins = 5;

struct CompensationLevel {
  double commitments = 0.0;       // the level's value (the lowest of its bin)
  double commitments_high = 0.0;  // the highest value of its bin (= commitments in a grid)
  SummaryStats patron;            // patron_delivered over the level's ok runs
  SummaryStats allied;            // allied_delivered over the level's ok runs
  std::size_t pairs = 0;          // units paired with the baseline (0 when unpaired)
  double shortfall = 0.0;         // mean (paired) patron drop; NaN when undefined
  double allied_gain = 0.0;       // mean (paired) allied gain; NaN when undefined
  double covered = 0.0;           // allied_gain / shortfall; NaN when shortfall <= 0
  double covered_low = 0.0;       // 95% percentile bootstrap interval; NaN when undefined
  double covered_high = 0.0;
};

struct CompensationReport {
  std::string patron;                     // actor id
  std::string parameter;                  // the parameter path
  bool paired = true;                     // a grid design: runs paired by unit and replication
  std::vector<CompensationLevel> levels;  // by increasing commitments; [0] is the baseline
};

// One pairing unit at one level against the baseline (grid designs).
struct CompensationPair {
  double shortfall;  // patron(base) - patron(L)
  double gain;       // allied(L) - allied(base)
};

// Collects the two delivered-force metrics of each run in one pass and
// computes the report. Active() is false when the study does not vary the
// patron's commitments (or its scenario has no patron): Add does nothing.
class CompensationAnalysis {
 public:
  explicit CompensationAnalysis(const StudyResults& data);
  bool Active() const { return parameter_.has_value(); }
  void Add(const RunRecord& run);
  CompensationReport Finish(int bootstrap, std::uint64_t seed) const;

 private:
  struct Cell {
    double patron = 0.0;
    double allied = 0.0;
  };
  std::vector<CompensationPair> PairsWithBaseline(std::size_t level) const;

  const StudyResults* data_;
  std::optional<std::size_t> parameter_;  // index in data.parameters
  std::string patron_;
  bool paired_ = true;                          // a grid design
  std::vector<double> level_low_, level_high_;  // each level's commitment values, ascending
  std::vector<std::size_t> point_level_;        // point -> level
  std::vector<std::size_t> point_unit_;  // point -> index of its other-parameter values (paired)
  std::size_t units_ = 0;
  std::vector<std::optional<Cell>>
      cells_;  // paired: [(level * units + unit) * replications + replication]
  std::vector<std::vector<double>> patron_values_, allied_values_;  // by level
};

}  // namespace overstretch::cli
