// The text `overstretch analyze` prints (docs/studies.md, "analyze"): the
// study line, per-point statistics of each kept metric (pooled over all runs
// when there are too many points to list), the sensitivity section of sobol
// and morris designs, and the compensation section.
#pragma once

#include <ostream>
#include <string>

#include "tools/studies/analysis.h"
#include "tools/studies/compensation.h"

namespace overstretch::cli {

// The study line and, per kept metric, a table of n, mean, sd and 95% CI per
// design point (40 points or fewer) or over all runs.
void PrintSweepOverview(const SweepStatistics& stats, std::ostream& out);

// Sobol indices (sobol design, `bootstrap` resamples) or Morris statistics
// (morris design) per kept metric, from the per-point means; nothing for
// other designs. With a non-empty `indices_csv`, also writes them there as
// CSV. Returns an exit status (tools/runio/exit_status.h), with *error set
// unless it is kExitOk.
int PrintSensitivity(const SweepStatistics& stats, int bootstrap, const std::string& indices_csv,
                     std::ostream& out, std::string* error);

// The compensation section (tools/studies/compensation.h).
void PrintCompensation(std::ostream& out, const CompensationReport& report);

}  // namespace overstretch::cli
