// Conformance: every scenario shipped in scenarios/ and every registered
// actor model go through the same invariants (STYLE.md: one shared suite
// first, targeted tests next).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/invariant_checker.h"
#include "tests/test_support.h"

namespace overstretch {
namespace {

std::vector<std::string> ShippedScenarios() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(testing::RepoPath("scenarios"))) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Conformance, EveryShippedScenarioLoadsAndKeepsInvariants) {
  const auto files = ShippedScenarios();
  ASSERT_GE(files.size(), 2u);
  for (const std::string& file : files) {
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
