// The option interface every decision maker uses: actor models, scripts and
// human players alike (docs/model.md §3.5).
#pragma once

#include <cstdint>

namespace overstretch {

enum class Posture : std::uint8_t { kAbstain = 0, kSupport = 1, kDeploy = 2 };
enum class Move : std::int8_t { kDeescalate = -1, kHold = 0, kEscalate = 1 };

// Which side of a theater an actor stands on this turn.
enum class Side : std::uint8_t { kNone = 0, kChallengers = 1, kDefenders = 2 };

// One actor's choice in one theater. `share` is the share of its available
// force A_i (0 unless deploying); `move` matters only for challengers;
// `request` in [0,1] asks committed partners to carry more in this theater.
// `grant_access` false keeps the actor's bases closed to its partners even
// while it supports or deploys (prior consultation withheld).
struct TheaterChoice {
  Posture posture = Posture::kAbstain;
  double share = 0.0;
  Move move = Move::kHold;
  double request = 0.0;
  bool grant_access = true;

  friend bool operator==(const TheaterChoice&, const TheaterChoice&) = default;
};

const char* PostureName(Posture p);
const char* MoveName(Move m);
const char* SideName(Side s);

}  // namespace overstretch
