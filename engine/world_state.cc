#include "engine/world_state.h"

#include <algorithm>
#include <utility>

namespace overstretch {

const char* TheaterStatusName(TheaterStatus s) {
  switch (s) {
    case TheaterStatus::kPending:
      return "pending";
    case TheaterStatus::kActive:
      return "active";
    case TheaterStatus::kWon:
      return "won";
    case TheaterStatus::kHeld:
      return "held";
    case TheaterStatus::kDefused:
      return "defused";
    case TheaterStatus::kClosed:
      return "closed";
  }
  return "?";
}

namespace {
bool TieLess(const TieState& t, std::pair<ActorIndex, ActorIndex> key) {
  return std::pair(t.from, t.to) < key;
}
}  // namespace

const TieState* WorldState::FindTie(ActorIndex from, ActorIndex to) const {
  const std::size_t n = actors.size();
  if (indexed_ties == ties.size() && tie_slot.size() == n * n && from.get() < n && to.get() < n) {
    const std::int32_t slot = tie_slot[from.get() * n + to.get()];
    if (slot < 0) return nullptr;
    const TieState& tie = ties[static_cast<std::size_t>(slot)];
    if (tie.from == from && tie.to == to) return &tie;
  }
  auto it = std::lower_bound(ties.begin(), ties.end(), std::pair(from, to), TieLess);
  return (it != ties.end() && it->from == from && it->to == to) ? &*it : nullptr;
}

void WorldState::IndexTies() {
  const std::size_t n = actors.size();
  tie_slot.assign(n * n, -1);
  for (std::size_t s = 0; s < ties.size(); ++s) {
    const TieState& t = ties[s];
    if (t.from.get() < n && t.to.get() < n) {
      tie_slot[t.from.get() * n + t.to.get()] = static_cast<std::int32_t>(s);
    }
  }
  indexed_ties = ties.size();
}

TieState* WorldState::FindTie(ActorIndex from, ActorIndex to) {
  return const_cast<TieState*>(std::as_const(*this).FindTie(from, to));
}

double AvailableForce(const ActorAttributes& a) {
  return std::max(0.0, a.forces) * (1.0 - a.global_commitments) * (1.0 - a.home_reserve) *
         a.readiness;
}

WorldState MakeInitialState(const Scenario& scenario) {
  WorldState s;
  const std::size_t n = scenario.actors.size();
  const std::size_t t = scenario.theaters.size();
  s.actors.reserve(n);
  for (const auto& a : scenario.actors) {
    s.actors.push_back(ActorState{a.attrs, a.attrs.forces, 0.0});
  }
  s.theaters.reserve(t);
  for (const auto& th : scenario.theaters) {
    TheaterState ts;
    ts.control = th.initial_control;
    ts.attrs = th.attrs;
    s.theaters.push_back(std::move(ts));
  }
  s.ties.reserve(scenario.ties.size());
  for (const auto& tie : scenario.ties) {
    s.ties.push_back(TieState{tie.from, tie.to, tie.attrs, tie.attrs.trust});
  }
  s.base_capacity.reserve(scenario.bases.size());
  for (const auto& b : scenario.bases) s.base_capacity.push_back(b.capacity);
  s.last_choice.assign(n * t, TheaterChoice{});
  s.last_side.assign(n * t, Side::kNone);
  s.last_delivered.assign(n * t, 0.0);
  s.last_phi.assign(2 * t, 0.0);
  s.ties_structure_changed = true;
  s.IndexTies();
  return s;
}

}  // namespace overstretch
