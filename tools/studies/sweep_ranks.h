// Who does what in `overstretch sweep` (docs/cluster.md): locally, this
// process loads the study and leads. Under --mpi every rank loads it, the
// ranks agree that they see the same study and base scenario
// (StudyFingerprint), and only rank 0 goes on to lead (results file,
// progress, messages); the other ranks run what it hands out and stop.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "engine/model_registry.h"
#include "tools/studies/design.h"
#include "tools/studies/mpi_sweep.h"
#include "tools/studies/study.h"

namespace overstretch::cli {

struct LeaderStudy {
  Study study;
  UnitDesign design;
};

// Loads `path` on this process (every rank with `mpi`, which may be null).
// Returns the study and its design when this process leads the sweep (its
// patcher not prepared: ExecuteSweep does that when there are runs to make).
// Otherwise nullopt with *exit set: a load failure or disagreement (reported
// on `err` by rank 0, prefixed with `command`; a worker reports only a
// failure of its own that rank 0 does not share), or a worker rank's work
// done, its patcher prepared first (kExitInterrupted if a signal stopped it).
std::optional<LeaderStudy> LoadSweepStudy(const std::string& path, const ModelRegistry& registry,
                                          MpiSession* mpi, const std::string& command,
                                          std::ostream& err, int* exit);

}  // namespace overstretch::cli
