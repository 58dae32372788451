// The statistics `analyze` reports on a stored sweep (docs/studies.md,
// "analyze"): per design point and kept metric, running statistics of the
// successful runs, read in one stream over the runs so that memory grows with
// design points × metrics, not with runs. Sensitivity indices are computed
// from the per-point means (tools/studies/sensitivity.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tools/studies/results_store.h"
#include "tools/studies/statistics.h"

namespace overstretch::cli {

struct SweepStatistics {
  StudyResults data;                   // the study, its parameters and design
  std::vector<RunningStats> cell;      // [point * metrics() + k], k indexes data.study.metrics
  std::vector<std::size_t> failed_at;  // failed runs per point
  std::size_t runs = 0;                // runs stored
  std::size_t failed = 0;

  std::size_t metrics() const { return data.study.metrics.size(); }
  const RunningStats& at(std::size_t point, std::size_t k) const {
    return cell[point * metrics() + k];
  }
  // Metric k over every successful run of every point.
  SummaryStats Pooled(std::size_t k) const;
  // Metric k's mean per point (NaN for a point without a value).
  std::vector<double> PointMeans(std::size_t k) const;
};

// Reads the study and streams its runs from `store` (opened from
// `results_path`, named in messages). With a non-empty `runs_csv`, also
// exports every run (parameters, seed, status, every metric) as CSV while
// streaming. Returns an exit status (tools/runio/exit_status.h) and sets
// `error` unless it is kExitOk.
int ReadSweepStatistics(ResultsStore& store, const std::string& results_path,
                        const std::string& runs_csv, SweepStatistics* stats, std::string* error);

// One row per point and kept metric: the point's parameters, metric, n,
// failed, mean, sd, ci_low, ci_high. Returns an exit status as above.
int WritePointStatisticsCsv(const SweepStatistics& stats, const std::string& path,
                            std::string* error);

}  // namespace overstretch::cli
