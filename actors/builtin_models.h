// Registers every actor model that ships with Overstretch. Called explicitly
// from main() and from the tests: no self-registering globals.
#pragma once

#include "engine/model_registry.h"

namespace overstretch {

void RegisterBuiltinModels(ModelRegistry& registry);

// A registry of every built-in model, made on first use (thread-safe) and
// never changed: for tests, benchmarks and fuzz targets that need no other.
const ModelRegistry& BuiltinModels();

}  // namespace overstretch
