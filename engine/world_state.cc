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

const TieState* WorldState::FindTieInRows(ActorIndex from, ActorIndex to) const {
  const std::size_t n = actors.size();
  if (indexed_ties == ties.size() && tie_begin.size() == n + 1 && from.get() < n) {
    const TieState* first = ties.data() + tie_begin[from.get()];
    const TieState* last = ties.data() + tie_begin[from.get() + 1];
    // Rows are short (an actor's allies and rivals): a scan, sorted by `to`,
    // beats a binary search until they are long.
    if (last - first > 16) {
      first = std::lower_bound(first, last, to,
                               [](const TieState& t, ActorIndex key) { return t.to < key; });
    } else {
      while (first != last && first->to < to) ++first;
    }
    if (first != last && first->to == to && first->from == from) return first;
    if (first == last || first->from == from) return nullptr;
    // A row of someone else's ties: the index is stale.
  }
  auto it = std::lower_bound(ties.begin(), ties.end(), std::pair(from, to), TieLess);
  return (it != ties.end() && it->from == from && it->to == to) ? &*it : nullptr;
}

void WorldState::IndexTies() {
  // `ties` is sorted by (from, to), so each actor's ties are contiguous.
  const std::size_t n = actors.size();
  tie_begin.assign(n + 1, 0);
  for (const TieState& t : ties) {
    if (t.from.get() < n) ++tie_begin[t.from.get() + 1];
  }
  for (std::size_t a = 0; a < n; ++a) tie_begin[a + 1] += tie_begin[a];
  indexed_ties = ties.size();
  tie_at.clear();
  if (n > kDenseTieActors) return;
  tie_at.assign(n * n, kNoTie);
  for (std::size_t t = 0; t < ties.size(); ++t) {
    const std::size_t from = ties[t].from.get();
    const std::size_t to = ties[t].to.get();
    if (from < n && to < n) tie_at[from * n + to] = static_cast<std::uint32_t>(t);
  }
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
