#include "engine/credibility.h"

#include <cmath>

namespace overstretch {

double DefendersCredibility(const Scenario& scenario, const WorldState& state, TheaterIndex k) {
  const double kappa = scenario.run.trust_deterrence;
  if (kappa <= 0.0) return 1.0;
  const std::size_t tcount = scenario.theaters.size();
  const auto& defenders = scenario.theaters[k.get()].defenders;
  double delivered = 0.0, credible = 0.0;
  for (std::size_t i = 0; i < state.actors.size(); ++i) {  // sorted-id order
    const std::size_t slot = i * tcount + k.get();
    const double d = state.last_delivered[slot];
    if (d <= 0.0 || state.last_side[slot] != Side::kDefenders) continue;
    double trust = 0.0;
    int pledges = 0;
    for (ActorIndex j : defenders) {
      if (j.get() == i) continue;
      const TieState* obligation = state.FindTie(ActorIndex(i), j);
      const TieState* belief = state.FindTie(j, ActorIndex(i));
      if (obligation == nullptr || belief == nullptr || obligation->attrs.commitment <= 0.0) {
        continue;
      }
      trust += belief->attrs.trust;
      ++pledges;
    }
    const double w = pledges > 0 ? std::pow(trust / pledges, kappa) : 1.0;
    delivered += d;
    credible += d * w;
  }
  return delivered > 0.0 ? credible / delivered : 1.0;
}

}  // namespace overstretch
