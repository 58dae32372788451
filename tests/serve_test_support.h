// The served game the `overstretch serve` room tests share: scenarios/
// classroom/korea_japan.yaml loaded once per test, and rooms of it with the
// teams a test names (tools/classroom/serve/game_room.h).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/test_support.h"
#include "tools/classroom/serve/game_room.h"

namespace overstretch::serve::testing {

class KoreaJapanRoomTest : public ::testing::Test {
 protected:
  KoreaJapanRoomTest()
      : source_(ScenarioSource::FromFile(
            overstretch::testing::RepoPath("scenarios/classroom/korea_japan.yaml"))),
        loaded_(source_.Build({}, overstretch::testing::BuiltinRegistry())) {}

  ActorIndex Actor(const std::string& id) const {
    return ActorIndex(overstretch::testing::ActorNamed(*loaded_.scenario, id));
  }

  // A new game with `teams` in board order, saved as the terminal's format.
  std::unique_ptr<GameRoom> RoomOf(std::vector<ActorIndex> teams) const {
    return std::make_unique<GameRoom>(*loaded_.scenario, source_, std::vector<Override>{},
                                      overstretch::testing::BuiltinRegistry(), std::move(teams),
                                      Json{{"format", "overstretch-play"}});
  }

  ScenarioSource source_;
  LoadResult loaded_;
};

}  // namespace overstretch::serve::testing
