// Registers every actor model that ships with Overstretch. Called explicitly
// from main() and from the tests: no self-registering globals.
#pragma once

#include "engine/model_registry.h"

namespace overstretch {

void RegisterBuiltinModels(ModelRegistry& registry);

}  // namespace overstretch
