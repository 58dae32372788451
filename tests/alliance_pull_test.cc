// Sides by alliance pull (docs/model.md §3.5) on hand-set chains of commitment.
#include "engine/alliance_pull.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "tests/test_support.h"

namespace overstretch {
namespace {

// Actors sorted by id: A0 challenger, B1 defender, then X2, Y3, Z4 outsiders.
constexpr const char* kFive = R"(
scenario: {name: pull}
actors:
  A: {home: [0, 0]}
  B: {home: [0, 0]}
  X: {home: [0, 0]}
  Y: {home: [0, 0]}
  Z: {home: [0, 0], doctrine: {join_threshold: 0.5}}
theaters:
  K: {location: [0, 0], challengers: [A], defenders: [B], stakes: {Y: -0.3}}
)";

TEST(AlliancePull, PartiesStakesChainsAndThresholds) {
  const Scenario sc = testing::LoadTextOrDie(kFive);
  const WorldState state = MakeInitialState(sc);
  const std::size_t n = 5;
  std::vector<double> chains(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) chains[i * n + i] = 1.0;
  chains[2 * n + 1] = 0.4;  // X -> B: defends the defender
  chains[2 * n + 0] = 0.6;  // X -> A: zeta 0.5 halves it to 0.3 < 0.4
  chains[4 * n + 1] = 0.3;  // Z -> B: below Z's own join threshold 0.5
  // Every actor a target, in its own column.
  const std::vector<std::int32_t> column = {0, 1, 2, 3, 4};
  const ChainsToward toward{chains, column, n};
  std::vector<Side> side(n);
  std::vector<double> pull(n);
  const std::vector<TheaterIndex> active = {TheaterIndex(0)};
  ComputeSides(sc, state, active, toward, side, pull);
  EXPECT_EQ(side[0], Side::kChallengers);
  EXPECT_EQ(side[1], Side::kDefenders);
  EXPECT_EQ(side[2], Side::kDefenders);
  EXPECT_DOUBLE_EQ(pull[2], 0.4);
  EXPECT_EQ(side[3], Side::kChallengers);  // its own stake of -0.3
  EXPECT_DOUBLE_EQ(pull[3], 0.3);
  EXPECT_EQ(side[4], Side::kNone);

  // A stronger commitment to the challenger wins once zeta * P exceeds the other pull.
  chains[2 * n + 0] = 0.9;  // 0.45 > 0.4
  ComputeSides(sc, state, active, toward, side, pull);
  EXPECT_EQ(side[2], Side::kChallengers);
  // Equal pulls: the actor stays out.
  chains[2 * n + 0] = 0.8;  // 0.4 == 0.4
  ComputeSides(sc, state, active, toward, side, pull);
  EXPECT_EQ(side[2], Side::kNone);
}

// What the engine passes: chains toward the parties only, one row of two per
// actor (A's column first, then B's), the outsiders in no column.
TEST(AlliancePull, ChainsTowardThePartiesOnly) {
  const Scenario sc = testing::LoadTextOrDie(kFive);
  const WorldState state = MakeInitialState(sc);
  const std::size_t n = 5;
  std::vector<double> chains(n * 2, 0.0);
  chains[0 * 2 + 0] = 1.0;  // A -> A
  chains[1 * 2 + 1] = 1.0;  // B -> B
  chains[2 * 2 + 1] = 0.4;  // X -> B
  chains[2 * 2 + 0] = 0.9;  // X -> A: zeta 0.5 gives 0.45 > 0.4
  chains[4 * 2 + 1] = 0.6;  // Z -> B: above Z's join threshold 0.5
  const std::vector<std::int32_t> column = {0, 1, -1, -1, -1};
  std::vector<Side> side(n);
  std::vector<double> pull(n);
  const std::vector<TheaterIndex> active = {TheaterIndex(0)};
  ComputeSides(sc, state, active, ChainsToward{chains, column, 2}, side, pull);
  EXPECT_EQ(side[0], Side::kChallengers);
  EXPECT_EQ(side[1], Side::kDefenders);
  EXPECT_EQ(side[2], Side::kChallengers);
  EXPECT_DOUBLE_EQ(pull[2], 0.45);
  EXPECT_EQ(side[4], Side::kDefenders);
  EXPECT_DOUBLE_EQ(pull[4], 0.6);
}

}  // namespace
}  // namespace overstretch
