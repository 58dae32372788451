// Validation of a parsed scenario tree and construction of the typed Scenario.
// Internal to the scenario loader (engine/scenario_loader.cc): every problem
// is reported to `diagnostics`; a Scenario is returned only when there is none.
#pragma once

#include <optional>
#include <string>

#include "engine/config_tree.h"
#include "engine/diagnostics.h"
#include "engine/model_registry.h"
#include "engine/scenario.h"

namespace overstretch {

// Largest actor count for which mobilisation (an n x n eigenproblem) is checked.
inline constexpr std::size_t kMaxMobilisationActors = 1000;

std::optional<Scenario> BuildScenario(const ConfigNode& root, const std::string& file,
                                      const ModelRegistry& registry, Diagnostics* diagnostics);

}  // namespace overstretch
