// Where a sweep writes and what is left to run (docs/studies.md, "resume"):
// a new results file, or, with --resume, the runs an interrupted sweep of the
// same study already saved in it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/studies/design.h"
#include "tools/studies/results_store.h"
#include "tools/studies/study.h"

namespace overstretch::cli {

struct SweepPlan {
  std::unique_ptr<ResultsStore> store;
  std::vector<bool> done;     // by point × replications + replication; empty for a new file
  std::uint64_t already = 0;  // runs saved before (the true entries of `done`)
};

// The results file when --out is not given: "<study name>.sqlite", the name
// reduced to letters, digits, '-', '_' and '.' (others as '_', at most 64,
// never hidden).
std::string DefaultResultsPath(const Study& study);

// With `resume` and an existing `out`: opens it, refuses it unless it holds
// the same study and base scenario text, and marks the runs it holds.
// Otherwise creates `out` for the study. nullopt with *error (and *failure,
// when given: a file that cannot be used, or a write error) on failure.
std::optional<SweepPlan> PlanSweep(const Study& study, const UnitDesign& design,
                                   const std::string& out, bool resume, std::string* error,
                                   StoreFailure* failure = nullptr);

// The design as CSV (`sweep --design-only`): one row per point, one column per
// parameter, numbers (booleans as 1/0) where the parameter is numeric so that
// SALib and pandas read a matrix, written atomically (the whole file or
// none). False with *error on a write failure.
bool WriteDesignCsv(const Study& study, const UnitDesign& design, const std::string& path,
                    std::string* error);

}  // namespace overstretch::cli
