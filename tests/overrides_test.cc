// Tests of --set PATH=VALUE overrides: parsing, paths into maps, entities,
// ties, injects and lists, created keys, and errors reported against the
// override rather than a file position.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "engine/scenario_loader.h"
#include "tests/loader_test_support.h"

namespace overstretch {
namespace {

using loader_testing::Dump;
using loader_testing::ExpectOverrideError;
using loader_testing::FakeRegistry;
using loader_testing::LoaderData;
using loader_testing::Text;

LoadResult BuildFull(const std::vector<std::string>& sets) {
  std::vector<Override> overrides;
  for (const std::string& text : sets) {
    std::string error;
    const auto o = ParseOverride(text, &error);
    EXPECT_TRUE(o.has_value()) << error;
    if (o) overrides.push_back(*o);
  }
  return ScenarioSource::FromFile(LoaderData("full.yaml")).Build(overrides, FakeRegistry());
}

TEST(OverrideTest, ParseSplitsAtFirstEquals) {
  std::string error;
  const auto o = ParseOverride("injects.x.label=a=b", &error);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->path, "injects.x.label");
  EXPECT_EQ(o->value, "a=b");
  EXPECT_FALSE(ParseOverride("run.turns", &error));
  EXPECT_NE(error.find("PATH=VALUE"), std::string::npos);
  EXPECT_FALSE(ParseOverride("=3", &error));
  EXPECT_NE(error.find("empty path"), std::string::npos);
}

TEST(OverrideTest, ChangesAValue) {
  const LoadResult r = BuildFull({"run.turns=20", "actors.US.global_commitments=0.3"});
  ASSERT_TRUE(r.scenario) << Text(r);
  EXPECT_EQ(r.scenario->run.turns, 20);
  EXPECT_DOUBLE_EQ(r.scenario->actors[3].attrs.global_commitments, 0.3);
}

TEST(OverrideTest, LeavesTheSourceUnchanged) {
  const ScenarioSource source = ScenarioSource::FromFile(LoaderData("full.yaml"));
  const std::vector<Override> overrides = {{"run.turns", "20"}};
  const LoadResult changed = source.Build(overrides, FakeRegistry());
  const LoadResult plain = source.Build({}, FakeRegistry());
  ASSERT_TRUE(changed.scenario && plain.scenario);
  EXPECT_EQ(changed.scenario->run.turns, 20);
  EXPECT_EQ(plain.scenario->run.turns, 12);
}

TEST(OverrideTest, CreatesAMissingFinalKey) {
  // full.yaml gives ROK no readiness and US no doctrine.rationality.
  const LoadResult r = BuildFull({"actors.ROK.readiness=0.5", "actors.US.doctrine.rationality=3",
                                  "actors.ROK.doctrine.argmax=true", "theaters.SEA.stakes.US=0.2",
                                  "actors.JPN.params.alpha=0.9"});
  ASSERT_TRUE(r.scenario) << Text(r);
  const Scenario& s = *r.scenario;
  EXPECT_DOUBLE_EQ(s.actors[2].attrs.readiness, 0.5);
  EXPECT_DOUBLE_EQ(s.actors[3].doctrine.rationality, 3);
  EXPECT_DOUBLE_EQ(s.actors[3].doctrine.cost, 0.4);  // the rest of the block kept
  EXPECT_TRUE(s.actors[2].doctrine.argmax);
  EXPECT_DOUBLE_EQ(s.theaters[1].attrs.stakes[3], 0.2);
  EXPECT_EQ(s.actors[1].model_params, (ModelParams{{"alpha", 0.9}, {"beta", 4.0}}));
}

TEST(OverrideTest, SelectsATieByItsEnds) {
  const LoadResult r = BuildFull({"ties.US-JPN.trust=0.4", "ties.US-ROK.commitment=0.5"});
  ASSERT_TRUE(r.scenario) << Text(r);
  const Scenario& s = *r.scenario;
  EXPECT_DOUBLE_EQ(s.ties[2].attrs.trust, 0.4);       // US -> JPN
  EXPECT_DOUBLE_EQ(s.ties[1].attrs.commitment, 0.5);  // ROK -> US, from the between entry
  EXPECT_DOUBLE_EQ(s.ties[3].attrs.commitment, 0.5);  // US -> ROK
}

TEST(OverrideTest, IndexesAList) {
  const LoadResult r = BuildFull({"run.intensity.3=0.2", "doctrine.deploy_levels.0=0.1"});
  ASSERT_TRUE(r.scenario) << Text(r);
  EXPECT_DOUBLE_EQ(r.scenario->run.intensity[3], 0.2);
  EXPECT_DOUBLE_EQ(r.scenario->actors[0].doctrine.deploy_levels[0], 0.1);
}

TEST(OverrideTest, EnablesAndMovesAnInject) {
  const LoadResult r = BuildFull({"injects.off.enabled=true", "injects.off.turn=7"});
  ASSERT_TRUE(r.scenario) << Text(r);
  const Scenario& s = *r.scenario;
  ASSERT_EQ(s.injects.size(), 3u);
  EXPECT_EQ(s.injects[2].turn, 7);
  EXPECT_EQ(s.injects[2].label, "off");
  EXPECT_EQ(s.injects[2].effects[0].kind, Effect::Kind::kClose);
}

TEST(OverrideTest, BadEntitySuggestsNearestId) {
  const LoadResult r = BuildFull({"actors.UZ.forces=3"});
  ExpectOverrideError(r, "--set actors.UZ.forces=3", "no actor 'UZ' (did you mean 'US'?)");
}

TEST(OverrideTest, BadPathsSuggestNearest) {
  ExpectOverrideError(BuildFull({"rnu.turns=3"}), "--set rnu.turns=3",
                      "no section 'rnu' (did you mean 'run'?)");
  ExpectOverrideError(BuildFull({"ties.US-JPM.trust=0.1"}), "--set ties.US-JPM.trust=0.1",
                      "no tie 'US-JPM' in ties (write ties.FROM-TO) (did you mean 'US-JPN'?)");
  ExpectOverrideError(BuildFull({"injects.of.enabled=true"}), "--set injects.of.enabled=true",
                      "no inject with id 'of' (did you mean 'off'?)");
  ExpectOverrideError(BuildFull({"run.intensity.6=1"}), "--set run.intensity.6=1",
                      "'run.intensity' has 6 elements: index 6 is out of range");
  ExpectOverrideError(BuildFull({"run.turns.x=1"}), "--set run.turns.x=1",
                      "'run.turns' is a value, not a section");
  // A created key that the format does not know is an unknown key, with a suggestion.
  ExpectOverrideError(BuildFull({"run.turnz=3"}), "--set run.turnz=3",
                      "unknown key 'turnz' in run (did you mean 'turns'?)");
}

TEST(OverrideTest, BadValueIsReportedAgainstTheOverride) {
  ExpectOverrideError(BuildFull({"run.turns=abc"}), "--set run.turns=abc",
                      "run.turns: expected an integer, got 'abc'");
  ExpectOverrideError(BuildFull({"run.fog=9"}), "--set run.fog=9",
                      "run.fog = 9 is out of range: expected [0, 5]");
  ExpectOverrideError(BuildFull({"run.fog=[1, 2]"}), "--set run.fog=[1, 2]",
                      "the value must be a single scalar, got a sequence");
  ExpectOverrideError(BuildFull({"run.fog=[1, 2"}), "--set run.fog=[1, 2", "YAML syntax error");
  ExpectOverrideError(BuildFull({"run.seed=&a 1"}), "--set run.seed=&a 1",
                      "anchors (&a) are not supported");
}

TEST(OverrideTest, LaterOverridesWin) {
  const LoadResult r = BuildFull({"run.turns=20", "run.turns=18"});
  ASSERT_TRUE(r.scenario) << Text(r);
  EXPECT_EQ(r.scenario->run.turns, 18);
}

TEST(OverrideTest, OverrideCanMakeTheScenarioInvalidElsewhere) {
  // Shortening the run puts the turn-6 inject outside it: the file position is reported.
  const LoadResult r = BuildFull({"run.turns=5"});
  EXPECT_FALSE(r.scenario);
  bool found = false;
  for (const Diagnostic& d : r.diagnostics) {
    found = found || (d.line == 72 && d.column == 11 &&
                      d.message.find("injects.late.turn = 6 is out of range") != std::string::npos);
  }
  EXPECT_TRUE(found) << Text(r);
}

TEST(OverrideTest, SameResultAsEditingTheFile) {
  const LoadResult a = BuildFull({"run.fog=0.5"});
  const LoadResult b = ScenarioSource::FromFile(LoaderData("full.yaml")).Build({}, FakeRegistry());
  ASSERT_TRUE(a.scenario && b.scenario);
  Scenario edited = *b.scenario;
  edited.run.fog = 0.5;
  EXPECT_EQ(Dump(*a.scenario), Dump(edited));
}

// Issue 12, item 1: every node a long path created carried the whole
// override text, so 60,000 segments took 14 GB and minutes. Now a path is
// bounded in depth and a message quotes the override in short.
TEST(OverrideTest, VeryLongPathIsRejectedQuicklyAndQuotedInShort) {
  std::string path = "doctrine";
  for (int i = 0; i < 60000; ++i) path += ".x";
  const auto start = std::chrono::steady_clock::now();
  const LoadResult r = BuildFull({path + "=1"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(r.scenario);
  EXPECT_LT(seconds, 5.0);
  const std::string text = Text(r);
  EXPECT_NE(text.find("more than 16 segments"), std::string::npos) << text.substr(0, 500);
  EXPECT_LT(text.size(), 1000u);
}

TEST(OverrideTest, LongValueIsQuotedInShortInEveryMessage) {
  const std::string value(1 << 20, '7');
  const LoadResult r = BuildFull({"run.turns=" + value});
  ASSERT_FALSE(r.diagnostics.empty());
  for (const Diagnostic& d : r.diagnostics) {
    EXPECT_LT(d.file.size(), 200u);
    EXPECT_LT(d.message.size(), 400u);
  }
}

TEST(OverrideTest, PathsUpToTheLimitStillWork) {
  // A created key deep inside a section is reported as unknown, not as too deep.
  std::string path = "run";
  for (int i = 0; i < 15; ++i) path += ".x";
  const std::string text = Text(BuildFull({path + "=1"}));
  EXPECT_EQ(text.find("segments"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown key 'x'"), std::string::npos) << text;
}

}  // namespace
}  // namespace overstretch
