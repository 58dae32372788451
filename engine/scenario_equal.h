// Whether two Scenarios are the same member by member (numbers compared
// exactly): a Scenario patched for a design point (engine/scenario_patcher.h)
// is checked against a full build with it. A member added to a struct of
// engine/scenario.h must be added here too.
#pragma once

#include "engine/scenario.h"

namespace overstretch {

bool SameScenario(const Scenario& a, const Scenario& b);

}  // namespace overstretch
