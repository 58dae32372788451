// WorldState's tie index (engine/world_state.h): each actor's ties found
// through per-actor offsets, in memory linear in actors, or a dense table for
// a few dozen actors, and the answers of a plain search of all ties whatever
// the index's state.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "engine/world_state.h"

namespace overstretch {
namespace {

// n actors; each pair tied with probability `density`, some actors with
// long rows (more than a scan's worth).
WorldState RandomTies(std::size_t n, double density, std::uint64_t seed) {
  WorldState s;
  s.actors.resize(n);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const double p = i % 7 == 0 ? 0.8 : density;
      if (i != j && unit(rng) < p) {
        TieState t;
        t.from = ActorIndex(static_cast<std::uint32_t>(i));
        t.to = ActorIndex(static_cast<std::uint32_t>(j));
        t.attrs.commitment = unit(rng);
        s.ties.push_back(t);
      }
    }
  }
  return s;
}

const TieState* Plain(const WorldState& s, std::size_t from, std::size_t to) {
  for (const TieState& t : s.ties) {
    if (t.from.get() == from && t.to.get() == to) return &t;
  }
  return nullptr;
}

void ExpectEveryPair(const WorldState& s) {
  const std::size_t n = s.actors.size();
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      const ActorIndex from(static_cast<std::uint32_t>(i));
      const ActorIndex to(static_cast<std::uint32_t>(j));
      ASSERT_EQ(s.FindTie(from, to), Plain(s, i, j)) << i << " -> " << j;
    }
  }
}

TEST(TieIndex, FindsEveryTieAndNoOther) {
  // 64 actors and fewer get the dense table; more only the rows.
  for (std::size_t n : {std::size_t{2}, std::size_t{60}, WorldState::kDenseTieActors,
                        WorldState::kDenseTieActors + 1, std::size_t{100}}) {
    for (double density : {0.0, 0.05, 0.3, 1.0}) {
      WorldState s = RandomTies(n, density, 5);
      ExpectEveryPair(s);  // no index yet: the plain binary search
      s.IndexTies();
      EXPECT_EQ(s.tie_begin.size(), s.actors.size() + 1);
      EXPECT_EQ(s.tie_at.size(), n <= WorldState::kDenseTieActors ? n * n : 0) << n;
      ExpectEveryPair(s);
    }
  }
}

// The index's size guard: a tie added without re-indexing is still found,
// and no tie is invented. (The contract is to call IndexTies after every
// change of structure, as the injects do.)
void AWrongSizeIndexIsNotTrusted(std::size_t n) {
  WorldState s = RandomTies(n, 0.2, 11);
  s.IndexTies();
  // A tie added without re-indexing: the index has the wrong size.
  TieState added;
  added.from = ActorIndex(3);
  added.to = ActorIndex(3);
  const auto pos = std::lower_bound(s.ties.begin(), s.ties.end(), added,
                                    [](const TieState& a, const TieState& b) {
                                      return std::pair(a.from, a.to) < std::pair(b.from, b.to);
                                    });
  s.ties.insert(pos, added);
  ExpectEveryPair(s);
  s.IndexTies();
  ExpectEveryPair(s);
  // One removed and another added, then indexed again.
  s.ties.erase(s.ties.begin() + 5);
  TieState late;
  late.from = ActorIndex(static_cast<std::uint32_t>(n - 1));
  late.to = ActorIndex(static_cast<std::uint32_t>(n - 1));
  s.ties.push_back(late);
  s.IndexTies();
  ExpectEveryPair(s);
}

TEST(TieIndex, AnIndexOfTheWrongSizeIsNotTrusted) {
  for (std::size_t n : {std::size_t{30}, std::size_t{90}}) {  // dense, then rows
    AWrongSizeIndexIsNotTrusted(n);
  }
}

}  // namespace
}  // namespace overstretch
