// The patron's stretch as another actor perceives it (docs/model.md §3.5, `prc` and
// `dprk`: "the perceived stretch of the patron (its uncovered demand)").
//
// Form (docs/actors_part_b.md explains the choice):
//   S = g + (1 - g) U,   U = sum_k shortfall_k / sum_k needed_k
// over the active theaters the observer sees (its side is not kNone) in which
// the patron stands with the defenders, where
//   needed_k    = the defenders' delivered force that would hold k with the
//                 scenario's run.stretch_target, given the observer's estimate
//                 of the challengers' force (DecisionContext::stretch_need);
//   shortfall_k = max(0, needed_k - the observer's estimate of the defenders'
//                 delivered force);
//   g           = the patron's global_commitments, public knowledge.
// S is in [0,1]: 0 for a patron with nothing held elsewhere that covers every
// theater it stands in, 1 for one held entirely elsewhere or covering nothing.
// Reading it as "the patron is stretched if its forces are tied down
// elsewhere, or if what is left fails to cover its theaters": two independent
// sources combined, 1 - (1 - g)(1 - U). Without a patron S = 0; the observer
// may be the patron itself (then it reads its own record the same way).
//
// Uses only what the observer may know: its own observations (the views), the
// public record of the last turn (who stood on which side), theater stakes,
// ties and the patron's published global commitments.
#pragma once

#include "engine/actor_model.h"

namespace overstretch {

struct PatronStretch {
  double stretch = 0.0;    // S in [0,1]
  double uncovered = 0.0;  // U in [0,1]
  double needed = 0.0;     // sum of needed_k, force units (observed)
  double shortfall = 0.0;  // sum of shortfall_k, force units (observed)
  int theaters = 0;        // theaters counted
};

// Whether the patron stands with the defenders of `theater` in the public
// record: a listed defender, on the defenders' side last turn, a positive
// stake, or a commitment to one of the defenders.
bool PatronWithDefenders(const DecisionContext& ctx, TheaterIndex theater);

PatronStretch PerceivedPatronStretch(const DecisionContext& ctx);

}  // namespace overstretch
