// Observation with fog and intelligence sharing (docs/model.md §3.4).
//
// Actor i sees a side's delivered force Phi as Phi * exp(sigma_i eps - sigma_i^2/2),
// eps ~ N(0,1) drawn per (observer, theater, side): an unbiased log-normal
// estimate. sigma_i = fog * (1 - I_i), with the pooled intelligence
// I_i = 1 - (1 - isr_i) * prod_j (1 - n_ji isr_j) over partners j sharing with i.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/random_stream.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// I_i for every actor from the current ties and ISR qualities.
void PooledIntelligence(const WorldState& state, std::span<double> out);

// Noise scale sigma_i = fog * (1 - pooled intelligence).
inline double ObservationSigma(double fog, double pooled_intelligence) {
  return fog * (1.0 - pooled_intelligence);
}

// One noisy observation of a delivered force; sigma = 0 returns it exactly.
double ObserveForce(double true_force, double sigma, RandomStream& rng);

struct TurnWorkspace;

// What every actor sees alike of one side of an active theater, summed once
// per turn so that reading it is constant time per observer (ReadAllies).
struct SideSummary {
  bool nuclear = false;    // a nuclear actor stands on it this turn
  int backers = 0;         // actors on it last turn that supported or deployed
  double delivered = 0.0;  // its delivered force last turn, summed in actor order
  double lethal = 0.0;     // the same weighted by each actor's lethality
};

// Turn phase (docs/model.md §3.4): every actor's TheaterView of every active
// theater (w.views, packed by position in w.active), from the sides of this
// turn and last turn's public record; and its demand, the departure force
// that would lift its side to stretch_target (w.demand, docs/model.md §3.9).
// Draws from the observe streams keyed by (seed, turn, actor, theater).
void ObserveTheaters(const Scenario& scenario, const WorldState& state, std::uint64_t seed,
                     Turn turn, TurnWorkspace& w);

}  // namespace overstretch
