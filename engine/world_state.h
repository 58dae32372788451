// WorldState: the mutable state of one run, a plain copyable value. Copying it
// is how the classroom mode undoes a turn and saves a game. Only the engine
// changes it: the turn's phases, injects and facilitator overrides. Actor
// models can read all of it (DecisionContext::state is a const reference):
// the engine hides nothing. Fog (docs/model.md §3.4) is kept by the models:
// true delivered forces (last_phi, last_delivered) reach them only as the
// noisy estimates in their TheaterViews, and they read only the public
// parts: actor attributes, theaters, ties, last_choice and last_side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/choice.h"
#include "engine/ids.h"
#include "engine/scenario.h"

namespace overstretch {

enum class TheaterStatus : std::uint8_t {
  kPending = 0,  // not yet open
  kActive = 1,
  kWon = 2,      // challengers took full control (c reached 1)
  kHeld = 3,     // defenders pushed control back to 0 after it exceeded end_margin
  kDefused = 4,  // de-escalated to 0 (end_at_zero)
  kClosed = 5,   // closed by an inject
};
const char* TheaterStatusName(TheaterStatus s);

struct ActorState {
  ActorAttributes attrs;
  double initial_forces = 0.0;  // F_i(0): regeneration target
  double losses_total = 0.0;    // cumulative attrition, force units
};

struct TheaterState {
  TheaterStatus status = TheaterStatus::kPending;
  int escalation = 0;
  double control = 0.0;
  bool exceeded_margin = false;  // control has exceeded run.end_margin at some point
  int max_escalation = 0;
  Turn opened = 0;  // turn it became active, 0 if never
  TheaterAttributes attrs;
};

struct TieState {
  ActorIndex from;
  ActorIndex to;
  TieAttributes attrs;
  // Trust on this tie when the pledge it measures was made (the tie's
  // creation, or the reverse tie's commitment rising from 0): cohesion is
  // the share of it that survives (docs/model.md §3.9).
  double trust_pledged = 0.0;
};

struct WorldState {
  Turn turn = 0;  // last completed turn
  std::vector<ActorState> actors;
  std::vector<TheaterState> theaters;
  std::vector<TieState> ties;          // sorted by (from, to), unique
  std::vector<double> base_capacity;   // per base
  bool ties_structure_changed = true;  // a tie was added or cut since the graph was built

  // Public record of the last turn, [actor * theater_count + theater].
  std::vector<TheaterChoice> last_choice;
  std::vector<Side> last_side;
  // Delivered force of each actor in each theater last turn (own knowledge).
  std::vector<double> last_delivered;
  // Delivered force per theater and side last turn, at LastPhiSlot.
  std::vector<double> last_phi;

  // Finds the tie from -> to, or nullptr, through the index IndexTies builds:
  // one load from a dense actor x actor table when there are at most
  // kDenseTieActors actors, else a search of from's own ties (a few,
  // contiguous); a binary search of all ties when the index is missing or
  // stale.
  const TieState* FindTie(ActorIndex from, ActorIndex to) const {
    const std::size_t n = actors.size();
    if (indexed_ties == ties.size() && tie_at.size() == n * n && from.get() < n && to.get() < n) {
      const std::uint32_t at = tie_at[from.get() * n + to.get()];
      if (at == kNoTie) return nullptr;
      const TieState* tie = ties.data() + at;
      if (tie->from == from && tie->to == to) return tie;
    }
    return FindTieInRows(from, to);
  }
  TieState* FindTie(ActorIndex from, ActorIndex to);
  // Rebuilds the index of `ties`; call after adding or removing a tie.
  void IndexTies();

  // Actor a's ties are ties[tie_begin[a] .. tie_begin[a + 1]) (actor_count + 1
  // offsets: memory linear in actors, not their square). Only a cache derived
  // from `ties`, never saved: FindTie checks what it finds, and ignores the
  // index when `ties` has changed size since it was built.
  std::vector<std::uint32_t> tie_begin;
  std::size_t indexed_ties = 0;
  // Scenarios of a few dozen actors (sparse_us has 7) look ties up most
  // often: for them the index also keeps tie_at[from * n + to], the position
  // of that tie in `ties` or kNoTie (16 KB at 64 actors); larger ones leave
  // it empty and search the rows.
  static constexpr std::size_t kDenseTieActors = 64;
  static constexpr std::uint32_t kNoTie = ~std::uint32_t{0};
  std::vector<std::uint32_t> tie_at;

 private:
  const TieState* FindTieInRows(ActorIndex from, ActorIndex to) const;
};

// Index of a theater's side in WorldState::last_phi (side is not kNone).
inline std::size_t LastPhiSlot(TheaterIndex theater, Side side) {
  return theater.get() * 2 + (side == Side::kChallengers ? 0 : 1);
}

// Available force A_i = F_i (1 - g_i) (1 - r_i) rho_i (docs/model.md §1.2).
double AvailableForce(const ActorAttributes& a);

// The state before turn 1, as the scenario defines it.
WorldState MakeInitialState(const Scenario& scenario);

}  // namespace overstretch
