#include "engine/observation.h"

#include <cmath>

namespace overstretch {

void PooledIntelligence(const WorldState& state, std::span<double> out) {
  // Start from each actor's own blind spot (1 - isr_i) and shrink it by every
  // partner that shares: intelligence sources are treated as independent, so
  // the chance that all of them miss is the product of their misses.
  for (std::size_t i = 0; i < state.actors.size(); ++i) out[i] = 1.0 - state.actors[i].attrs.isr;
  for (const auto& tie : state.ties) {  // sorted by (from, to): a fixed product order
    const double n = tie.attrs.intel;
    if (n <= 0.0) continue;
    out[tie.to.get()] *= 1.0 - n * state.actors[tie.from.get()].attrs.isr;
  }
  for (double& miss : out) miss = 1.0 - miss;
}

double ObserveForce(double true_force, double sigma, RandomStream& rng) {
  // The draw is consumed even when sigma is 0, so the streams of other
  // observations do not shift when one actor's fog is lifted.
  const double eps = rng.Normal();
  if (sigma <= 0.0) return true_force;
  return true_force * std::exp(sigma * eps - 0.5 * sigma * sigma);
}

}  // namespace overstretch
