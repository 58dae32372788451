// Keyed random streams (docs/model.md §3.8). A stream is identified by (seed,
// purpose, turn, entity key, sub key) and never by a position in a list, so
// a run's draws do not depend on the order in which things are listed or
// processed, nor on the thread that processes them.
#pragma once

#include <cstdint>
#include <string_view>

namespace overstretch {

enum class Purpose : std::uint64_t {
  kObserve = 1,
  kDecide = 2,
  kAdjudicate = 3,
  kInadvertent = 4,  // one draw per (turn, theater): an unintended step up the ladder
};

// Stable 64-bit key of an id string (FNV-1a), independent of platform.
std::uint64_t StableKey(std::string_view id);

// A small counter-based generator (SplitMix64 over a keyed state): cheap to
// construct, so each (observer, theater) pair can have its own.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, Purpose purpose, int turn, std::uint64_t entity,
               std::uint64_t sub = 0);

  std::uint64_t NextU64();
  // Uniform on [0, 1) with 53 random bits.
  double Uniform();
  // Standard normal by the Box-Muller transform; platform independent (we do
  // not use std::normal_distribution, whose algorithm varies by library).
  double Normal();

 private:
  std::uint64_t state_;
};

}  // namespace overstretch
