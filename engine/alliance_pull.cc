#include "engine/alliance_pull.h"

#include <algorithm>
#include <cassert>

namespace overstretch {
namespace {

bool Contains(const std::vector<ActorIndex>& sorted, ActorIndex i) {
  return std::binary_search(sorted.begin(), sorted.end(), i);
}

}  // namespace

void ComputeSides(const Scenario& scenario, const WorldState& state,
                  std::span<const TheaterIndex> active, const ChainsToward& chains,
                  std::span<Side> side, std::span<double> pull) {
  const std::size_t n = scenario.actors.size();
  const std::size_t tcount = scenario.theaters.size();
  std::fill(side.begin(), side.end(), Side::kNone);
  std::fill(pull.begin(), pull.end(), 0.0);
  for (TheaterIndex k : active) {
    const TheaterDef& def = scenario.theaters[k.get()];
    for ([[maybe_unused]] ActorIndex j : def.challengers) assert(chains.column[j.get()] >= 0);
    for ([[maybe_unused]] ActorIndex j : def.defenders) assert(chains.column[j.get()] >= 0);
    const std::vector<double>& stakes = state.theaters[k.get()].attrs.stakes;
    for (std::size_t i = 0; i < n; ++i) {
      const Doctrine& doc = scenario.actors[i].doctrine;
      double to_defenders = stakes[i];
      for (ActorIndex j : def.defenders) {
        to_defenders = std::max(to_defenders, chains(i, j));
      }
      double chain_c = 0.0;
      for (ActorIndex j : def.challengers) chain_c = std::max(chain_c, chains(i, j));
      // A defence treaty does not oblige support for an ally's aggression.
      const double to_challengers = std::max(-stakes[i], doc.offensive_pull * chain_c);
      const std::size_t slot = i * tcount + k.get();
      if (Contains(def.challengers, ActorIndex(i))) {
        side[slot] = Side::kChallengers;
        pull[slot] = std::max(to_challengers, 0.0);
      } else if (Contains(def.defenders, ActorIndex(i))) {
        side[slot] = Side::kDefenders;
        pull[slot] = std::max(to_defenders, 0.0);
      } else if (to_defenders > to_challengers && to_defenders >= doc.join_threshold) {
        side[slot] = Side::kDefenders;
        pull[slot] = to_defenders;
      } else if (to_challengers > to_defenders && to_challengers >= doc.join_threshold) {
        side[slot] = Side::kChallengers;
        pull[slot] = to_challengers;
      }
    }
  }
}

}  // namespace overstretch
