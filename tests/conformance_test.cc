// Conformance: every scenario shipped under scenarios/ (subfolders included)
// and every registered actor model go through the same invariants: one shared
// suite first, targeted tests next.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/invariant_checker.h"
#include "tests/test_support.h"

namespace overstretch {
namespace {

TEST(Conformance, EveryShippedScenarioLoadsAndKeepsInvariants) {
  const auto files = testing::ShippedScenarios();
  ASSERT_GE(files.size(), 8u) << "the scenario library went missing";
  EXPECT_TRUE(std::find(files.begin(), files.end(), "scenarios/classroom/korea_japan.yaml") !=
              files.end())
      << "subfolders must be included";
  for (const std::string& rel : files) {
    const std::string file = testing::RepoPath(rel);
    SCOPED_TRACE(file);
    const Scenario sc = testing::LoadOrDie(file);
    ASSERT_FALSE(sc.actors.empty());
    Simulation sim(sc, testing::BuiltinRegistry());
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
      testing::InvariantChecker check(sc, file + " seed " + std::to_string(seed));
      const RunSummary s = sim.Run(seed, &check);
      EXPECT_GT(s.turns_played, 0);
      EXPECT_EQ(check.failures, 0);
    }
  }
}

TEST(Conformance, EveryModelDrivesEveryActor) {
  const std::string file = testing::RepoPath("scenarios/sparse_us.yaml");
  const Scenario base = testing::LoadOrDie(file);
  for (const std::string& model : testing::BuiltinRegistry().Names()) {
    SCOPED_TRACE(model);
    std::vector<Override> overrides;
    for (const ActorDef& a : base.actors) overrides.push_back({"actors." + a.id + ".model", model});
    const Scenario sc = testing::LoadOrDie(file, overrides);
    for (const ActorDef& a : sc.actors) EXPECT_EQ(a.model, model);
    Simulation sim(sc, testing::BuiltinRegistry());
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
      testing::InvariantChecker check(sc, model + " seed " + std::to_string(seed));
      sim.Run(seed, &check);
      EXPECT_EQ(check.failures, 0);
    }
  }
}

}  // namespace
}  // namespace overstretch
