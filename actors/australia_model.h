// The `australia` actor model (MODEL.md §5). Placeholder: behaves as the generic
// doctrine model until its distinctive rules are written (issue #3).
#pragma once

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

ModelInfo AustraliaModelInfo();

}  // namespace overstretch
