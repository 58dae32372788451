// The option rules of one actor in one theater (docs/model.md §3.5), whoever
// decides for it: a model, a script or a player. An actor on no side can
// only abstain; listed parties cannot abstain; only challengers move the
// escalation ladder, one step within 0..5. LegalOptions lists the options a
// decision maker may pick from; Sanitise enforces the same rules on any
// choice, so that an illegal one is never applied.
#pragma once

#include <array>
#include <cassert>
#include <cstddef>
#include <span>

#include "engine/actor_model.h"
#include "engine/choice.h"
#include "engine/ids.h"
#include "engine/scenario.h"

namespace overstretch {

// Whether `actor` is a listed challenger of the theater: only challengers
// move the ladder.
bool IsChallenger(const Scenario& scenario, ActorIndex actor, TheaterIndex theater);

// A fixed-capacity list of options, so that deciding allocates nothing: at
// most 2 postures + kMaxDeployLevels deploy levels, times 3 moves. A doctrine
// built in code with more levels than the loader allows is a programming
// error, caught by the assert in checked builds (the sanitizer build).
struct OptionSet {
  static constexpr std::size_t kCapacity = (2 + kMaxDeployLevels) * 3;
  std::array<TheaterChoice, kCapacity> items;
  std::size_t size = 0;
  void Add(const TheaterChoice& c) {
    assert(size < kCapacity && "more deploy levels than kMaxDeployLevels");
    items[size++] = c;
  }
  std::span<const TheaterChoice> view() const { return {items.data(), size}; }
};

// The legal options of one theater for one actor, in a fixed order: abstain
// (if allowed), support, then deploy at each of the doctrine's deploy_levels
// ascending; for challengers, each of those crossed with de-escalate, hold,
// escalate (where the ladder allows). Every option grants access.
void LegalOptions(const TheaterView& view, const Doctrine& doctrine, bool challenger,
                  OptionSet& out);

// `c` made legal: non-finite or out-of-range numbers and unknown enumerators
// are reset, deploying nothing becomes support, a party's abstention becomes
// support, a non-challenger's move becomes hold, and an actor on no side
// abstains. Deploy shares summed over theaters are scaled by the caller.
TheaterChoice Sanitise(TheaterChoice c, Side side, bool party, bool challenger);

}  // namespace overstretch
