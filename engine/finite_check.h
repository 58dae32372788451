// The last line of defence against overflow: every number a turn produces is
// checked before anything records it. Validation bounds every input so that
// a valid scenario cannot overflow (docs/reliability.md); should some
// combination still do so, the run stops with NonFiniteError naming the
// quantity and the parameters that feed it, rather than writing NaN.
#pragma once

#include <stdexcept>
#include <string>

#include "engine/recorder.h"
#include "engine/scenario.h"

namespace overstretch {

class NonFiniteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws NonFiniteError if any number of the turn's record is inf or NaN.
void CheckTurnFinite(const Scenario& scenario, const TurnRecord& record);
// Throws NonFiniteError if an option's utility or probability is inf or NaN.
void CheckDecisionFinite(const Scenario& scenario, const DecisionRecord& record);

}  // namespace overstretch
