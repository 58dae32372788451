// Validation of a parsed scenario tree and construction of the typed Scenario.
// Internal to the scenario loader (engine/scenario_loader.cc): every problem
// is reported to `diagnostics`; a Scenario is returned only when there is none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/config_reader.h"
#include "engine/config_tree.h"
#include "engine/diagnostics.h"
#include "engine/model_registry.h"
#include "engine/scenario.h"

namespace overstretch {

// Limits on the size of a scenario: per-theater stakes are actors x theaters
// numbers and mobilisation an actors x actors eigenproblem, so a hostile
// 8 MiB file listing 300,000 actors must be refused, not allocated.
inline constexpr std::size_t kMaxActors = 2000;
inline constexpr std::size_t kMaxTheaters = 1000;
inline constexpr std::size_t kMaxBases = 10000;

// With `reads`, every typed read of a scalar is appended to it
// (ConfigReader::set_read_log).
std::optional<Scenario> BuildScenario(const ConfigNode& root, const std::string& file,
                                      const ModelRegistry& registry, Diagnostics* diagnostics,
                                      std::vector<NodeRead>* reads = nullptr);

}  // namespace overstretch
