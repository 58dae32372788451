// The alliance graph as of one turn of a run directory written by
// `overstretch run` (`overstretch graph --turn T --run DIR`): the forces from
// actors.csv and the ties from network.csv, checked against the scenario the
// run was made from. Malformed files are errors naming file, line and column.
#pragma once

#include <string>

#include "engine/scenario.h"
#include "tools/runio/graph_export.h"

namespace overstretch::cli {

// Replaces the forces and the ties of `graph` (built from `scenario`) by
// those of turn `turn` of the run in `dir`. False with *error (no command
// prefix) when the directory or a file is missing, malformed, from another
// scenario, or does not hold the turn.
bool ReadGraphAtTurn(const Scenario& scenario, const std::string& dir, long long turn,
                     GraphData* graph, std::string* error);

}  // namespace overstretch::cli
