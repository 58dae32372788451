// The readable summary `overstretch run` prints after a run: per theater
// (opened, escalation, control, status, outcome, allied burden), then every
// run metric named as in summary.json (engine/metrics.h), then where the
// files went.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/metrics.h"
#include "engine/scenario.h"

namespace overstretch::cli {

// `opened_at[k]` is the turn theater k opened (0: never); `dir` the run
// directory written.
void PrintRunSummary(const Scenario& scenario, const RunSummary& summary,
                     const std::vector<Turn>& opened_at, const std::string& dir, std::ostream& out);

}  // namespace overstretch::cli
