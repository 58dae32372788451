// What a challenger believes of the defenders' force (docs/model.md §3.4):
// force delivered by an ally its partners do not trust is discounted, since
// whether it would stand and fight is what the alliance's trust measures
// (Snyder 1984; a coalition is as credible as the pledges that bind it).
#pragma once

#include "engine/ids.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// The credible share of the defenders' delivered force in theater k last
// turn: sum_i d_i w_i / sum_i d_i over the actors i on the defenders' side
// last turn, with w_i = (mean of tau_ji over the listed defenders j of k
// with m_ij > 0)^kappa, kappa = run.trust.deterrence, and w_i = 1 for an
// actor with no such pledge (the defenders themselves, joiners by stake
// alone). 1 when nothing was delivered or kappa = 0.
double DefendersCredibility(const Scenario& scenario, const WorldState& state, TheaterIndex k);

}  // namespace overstretch
