// Compensation (docs/model.md §3.5): how much of what its side needs in a
// theater the rest of the side leaves uncovered, as a defender on that side
// sees it. The patron's part of the rest counts only as far as the actor
// trusts the patron (Snyder's fear of abandonment): an ally that doubts its
// patron does not count on the patron's forces being there.
#pragma once

#include "engine/actor_model.h"

namespace overstretch {

// The uncovered share of the need, in [0, 1]: need = the delivered force that
// would lift its side to p = run.stretch_target against its estimate of the
// other side; covered = its estimate of the rest of its side last turn, the
// patron's part weighted by the trust it places in the patron. 0 when
// nothing is needed or it has no side.
double ShortfallShare(const DecisionContext& ctx, const TheaterView& view);

// Its own stake in the side it stands on: 1 for a listed party, otherwise
// its signed stake toward that side, floored at 0. Chains of commitment are
// not a stake of its own: obligations to others reach it as requests for help.
double OwnStake(const DecisionContext& ctx, const TheaterView& view);

}  // namespace overstretch
