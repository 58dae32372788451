// What `overstretch discover` prints for a PRIM result (docs/studies.md,
// "discover"): the peeling trajectory (coverage, density, mass and the
// restricted parameters per step) and the chosen box, parameter by parameter.
#pragma once

#include <ostream>
#include <string>

#include "tools/studies/discover.h"
#include "tools/studies/prim.h"
#include "tools/studies/results_store.h"

namespace overstretch::cli {

// `where` is the condition as written in the heading ("metric < 0.5").
void PrintPrimResult(const PrimResult& result, const StudyResults& data,
                     const DiscoveryCases& cases, const PrimOptions& prim, const std::string& where,
                     std::ostream& out);

}  // namespace overstretch::cli
