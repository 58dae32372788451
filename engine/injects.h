// Inject effects (docs/model.md §1.3, phase 1): scheduled events that set an
// attribute, open or close a theater, or add, change or cut a tie. Values
// were range-checked when the scenario was loaded.
#pragma once

#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// Applies one effect to the state. Setting `forces` also sets the
// regeneration target; a tie that does not exist is added.
void ApplyEffect(const Scenario& scenario, WorldState& state, const Effect& effect, Turn turn,
                 Recorder* recorder);

// Makes a theater active at `escalation` from this turn on.
void OpenTheater(const Scenario& scenario, WorldState& state, TheaterIndex theater, int escalation,
                 Turn turn, Recorder* recorder);

// Turn phase 1 (docs/model.md §1.3): the injects due at `turn` in file
// order, reported to `recorder` if non-null; then the theaters whose
// `opens` is `turn` open at their opening escalation.
void ApplyScheduledEvents(const Scenario& scenario, WorldState& state, Turn turn,
                          Recorder* recorder);

}  // namespace overstretch
