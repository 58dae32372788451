// The scripted model follows its script and fills the gaps with the legal
// default (support for parties, abstain otherwise).
#include <gtest/gtest.h>

#include "tests/test_support.h"

namespace overstretch {
namespace {

constexpr const char* kScript = R"(
scenario: {name: script}
run: {turns: 3, fog: 0}
actors:
  C:
    model: scripted
    forces: 10
    home: [0, 1]
    script:
      - {turn: 1, theater: X, posture: deploy, share: 0.5, move: escalate}
      - {turn: 3, theater: X, posture: deploy, share: 1.0, move: de-escalate}
  D: {model: scripted, forces: 10, home: [0, -1]}
  E: {model: scripted, forces: 10, home: [5, 5], script: [{turn: 2, theater: X, posture: support}]}
ties:
  - {from: E, to: D, commitment: 1}
theaters:
  X: {location: [0, 0], challengers: [C], defenders: [D]}
)";

TEST(ScriptedModel, FollowsItsScriptAndDefaultsLegally) {
  const Scenario sc = testing::LoadTextOrDie(kScript);
  Simulation sim(sc, testing::BuiltinRegistry());
  testing::MemoryRecorder rec;
  sim.Run(1, &rec);
  ASSERT_EQ(rec.turns.size(), 3u);
  // Actors sorted by id: C = 0, D = 1, E = 2; one theater.
  EXPECT_EQ(rec.turns[0].choices[0].posture, Posture::kDeploy);
  EXPECT_DOUBLE_EQ(rec.turns[0].choices[0].share, 0.5);
  EXPECT_EQ(rec.turns[0].theaters[0].escalation, 2);
  EXPECT_EQ(rec.turns[1].choices[0].posture, Posture::kSupport);  // party, unscripted turn
  EXPECT_EQ(rec.turns[1].theaters[0].escalation, 2);
  EXPECT_EQ(rec.turns[2].theaters[0].escalation, 1);
  EXPECT_EQ(rec.turns[0].choices[1].posture, Posture::kSupport);  // defender, no script
  EXPECT_EQ(rec.turns[0].choices[2].posture, Posture::kAbstain);  // joiner, unscripted
  EXPECT_EQ(rec.turns[1].choices[2].posture, Posture::kSupport);
}

}  // namespace
}  // namespace overstretch
