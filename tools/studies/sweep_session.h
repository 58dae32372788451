// Running a planned sweep (tools/studies/sweep_plan.h) into its results file,
// as `overstretch sweep` does: a StoreWriter, the runs on local threads
// (RunSweep) or on MPI ranks (MpiSession::Coordinate), and a progress display
// on `err` until the last run is written.
#pragma once

#include <atomic>
#include <cstdint>
#include <ostream>
#include <string>

#include "engine/model_registry.h"
#include "tools/studies/design.h"
#include "tools/studies/mpi_sweep.h"
#include "tools/studies/study.h"
#include "tools/studies/sweep.h"
#include "tools/studies/sweep_plan.h"

namespace overstretch::cli {

struct SweepSessionOptions {
  int jobs = 1;                             // local threads (ignored on MPI)
  const std::atomic<bool>* stop = nullptr;  // set to stop scheduling (a signal)
  bool terminal = false;                    // a progress bar, else a line every 5 s
};

struct SweepOutcome {
  SweepStats stats;
  std::uint64_t saved = 0;  // runs in the results file now (before + this sweep)
  double seconds = 0.0;     // wall time of the runs
  bool written = true;      // false: a write failed, see error
  std::string error;
};

// Runs what `plan` leaves to run (all of it for a new file) and writes it to
// plan.store. With `mpi` (rank 0), shares the runs between the ranks and,
// once written, prints the runs each rank did on `err`. Prepares the study's
// patcher (PreparePatcher) when there is anything to run.
SweepOutcome ExecuteSweep(Study& study, const UnitDesign& design, const ModelRegistry& registry,
                          SweepPlan& plan, MpiSession* mpi, const SweepSessionOptions& options,
                          std::ostream& err);

}  // namespace overstretch::cli
