// Strong index types for the entities of a scenario.
//
// Entities are stored in vectors sorted by their string id, so an index is the
// rank of the id in sorted order: it never depends on the order in which a
// scenario file lists things (docs/model.md §3.8). Indices are only meaningful within
// the Scenario that produced them.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace overstretch {

template <typename Tag>
struct Index {
  std::uint32_t value = 0;

  constexpr Index() = default;
  constexpr explicit Index(std::uint32_t v) : value(v) {}
  constexpr explicit Index(std::size_t v) : value(static_cast<std::uint32_t>(v)) {}
  constexpr explicit Index(int v) : value(static_cast<std::uint32_t>(v)) {}

  constexpr std::size_t get() const { return value; }
  friend constexpr auto operator<=>(Index, Index) = default;
};

struct ActorTag {};
struct TheaterTag {};
struct BaseTag {};
struct TieTag {};

using ActorIndex = Index<ActorTag>;
using TheaterIndex = Index<TheaterTag>;
using BaseIndex = Index<BaseTag>;
using TieIndex = Index<TieTag>;

// Turns count from 1; turn 0 is the initial state before any turn is played.
using Turn = int;

}  // namespace overstretch
