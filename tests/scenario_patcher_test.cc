// Design points made by patching the built base scenario
// (engine/scenario_patcher.h) against full builds: the same Scenario and the
// same run outputs byte for byte, for every shipped study and for each kind
// of override path; values the loader rejects are left to the full build.
#include "engine/scenario_patcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "engine/scenario_equal.h"
#include "tests/run_into.h"
#include "tests/test_support.h"
#include "tools/studies/study.h"

namespace overstretch {
namespace {

namespace fs = std::filesystem;

// Every output file of a run, names and bytes, in name order.
std::string RunBytes(const Scenario& scenario, std::uint64_t seed, const std::string& name) {
  // One directory per process: ctest runs this file's tests in parallel.
  const fs::path dir =
      fs::temp_directory_path() / ("patcher_test_" + name + "_" + std::to_string(::getpid()));
  testing::RunInto(scenario, seed, dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::string bytes;
  for (const fs::path& file : files) {
    bytes += file.filename().string() + "\n" + testing::ReadFile(file);
  }
  fs::remove_all(dir);
  return bytes;
}

// Patched and fully built scenarios are equal and run to the same bytes.
void ExpectSameAsBuild(const ScenarioSource& source, const ScenarioPatcher& patcher,
                       std::vector<Override> overrides, std::size_t fixed,
                       const std::string& what) {
  std::vector<std::string> values;
  for (std::size_t i = fixed; i < overrides.size(); ++i) values.push_back(overrides[i].value);
  const std::optional<Scenario> patched = patcher.Make(values);
  const LoadResult built = source.Build(overrides, testing::BuiltinRegistry());
  ASSERT_TRUE(built.scenario) << what << ": " << testing::DiagnosticsText(built.diagnostics);
  ASSERT_TRUE(patched) << what;
  EXPECT_TRUE(SameScenario(*patched, *built.scenario)) << what;
  EXPECT_EQ(RunBytes(*patched, 7, "patched"), RunBytes(*built.scenario, 7, "built")) << what;
}

TEST(ScenarioPatcher, EveryShippedStudyMatchesFullBuilds) {
  std::size_t enabled = 0;
  for (const auto& entry : fs::directory_iterator(testing::RepoPath("scenarios/studies"))) {
    const std::string file = entry.path().string();
    cli::StudyLoadResult loaded = cli::LoadStudy(file, testing::BuiltinRegistry());
    ASSERT_TRUE(loaded.study) << file << testing::DiagnosticsText(loaded.diagnostics);
    cli::Study& study = *loaded.study;
    cli::PreparePatcher(&study, testing::BuiltinRegistry());  // as a sweep does
    ASSERT_NE(study.patcher, nullptr) << file;
    if (!study.patcher->enabled()) {
      // Only the study of an inject switched on and off: a flag, not a number.
      EXPECT_EQ(study.name, "gsomia_suspension") << study.patcher->disabled_because();
      EXPECT_NE(study.patcher->disabled_because().find("not read as a number"), std::string::npos);
      continue;
    }
    ++enabled;
    const cli::UnitDesign design = cli::MakeDesign(study);
    const std::size_t points = design.points();
    for (std::size_t point : {std::size_t{0}, points / 3, points / 2, points - 1}) {
      ExpectSameAsBuild(*study.source, *study.patcher, cli::PointOverrides(study, design, point),
                        study.fixed.size(), study.name + " point " + std::to_string(point));
    }
  }
  EXPECT_EQ(enabled, 7u);
}

struct PathCase {
  std::string scenario;
  std::string path;
  std::vector<std::string> values;  // valid; the first two are the probes
};

// One case per kind of override path the loader takes, with boundary values.
const std::vector<PathCase>& PathCases() {
  static const std::vector<PathCase> cases = {
      {"scenarios/sparse_us.yaml", "run.fog", {"0", "5", "0.37", "2.5e-1"}},
      {"scenarios/sparse_us.yaml", "run.trust.initial", {"0", "1", "0.5"}},
      {"scenarios/sparse_us.yaml", "run.intensity.3", {"0", "1000000", "0.2"}},
      {"scenarios/sparse_us.yaml", "run.inadvertent.rate", {"0", "0.25", "0.1"}},
      {"scenarios/sparse_us.yaml", "actors.US.global_commitments", {"0", "0.999", "0.5"}},
      {"scenarios/sparse_us.yaml", "actors.US.home.0", {"-90", "90", "12.5"}},
      {"scenarios/sparse_us.yaml", "actors.PRC.doctrine.escalation", {"0", "1000", "2"}},
      {"scenarios/sparse_us.yaml", "doctrine.rationality", {"0", "1000", "4"}},
      {"scenarios/sparse_us.yaml", "doctrine.cost", {"0", "1000", "0.5"}},
      {"scenarios/sparse_us.yaml", "actors.US.params.request_gain", {"0", "10", "3"}},
      {"scenarios/sparse_us.yaml", "actors.PRC.params.coalition", {"0", "1", "0.4"}},
      {"scenarios/sparse_us.yaml", "theaters.TWN.stakes.JPN", {"-1", "1", "0.25"}},
      {"scenarios/sparse_us.yaml", "theaters.TWN.value", {"1e-9", "1000000", "3"}},
      {"scenarios/sparse_us.yaml", "bases.OKINAWA.capacity", {"0", "1000000000", "40"}},
      {"scenarios/sparse_us.yaml", "ties.JPN-US.access", {"0", "1", "0.3"}},
      {"scenarios/sparse_us.yaml", "ties.AUS-NZL.intel", {"0", "1", "0.6"}},
      {"scenarios/gsomia.yaml", "injects.gsomia_suspended.effects.0.tie.intel", {"0", "1", "0.4"}},
      {"scenarios/ap4_without_us.yaml", "injects.us_returns.effects.0.value", {"0", "0.99", "0.2"}},
  };
  return cases;
}

TEST(ScenarioPatcher, EachPathKindMatchesFullBuildsAtItsBounds) {
  for (const PathCase& c : PathCases()) {
    const ScenarioSource source = ScenarioSource::FromFile(testing::RepoPath(c.scenario));
    const std::vector<PatchParameter> parameters = {{c.path, c.values}};
    const ScenarioPatcher patcher =
        ScenarioPatcher::Prepare(source, {}, parameters, testing::BuiltinRegistry());
    ASSERT_TRUE(patcher.enabled()) << c.path << ": " << patcher.disabled_because();
    for (const std::string& value : c.values) {
      ExpectSameAsBuild(source, patcher, {Override{c.path, value}}, 0, c.path + "=" + value);
    }
  }
}

TEST(ScenarioPatcher, SeveralParametersWithFixedOverrides) {
  const ScenarioSource source =
      ScenarioSource::FromFile(testing::RepoPath("scenarios/sparse_us.yaml"));
  const std::vector<Override> fixed = {{"run.turns", "12"},
                                       {"actors.US.doctrine.rationality", "9"}};
  const std::vector<PatchParameter> parameters = {{"doctrine.rationality", {"4", "20"}},
                                                  {"run.trust.initial", {"0.2", "0.9"}},
                                                  {"ties.JPN-US.trust", {"0.1", "0.7"}},
                                                  {"theaters.TWN.stakes.US", {"-1", "1"}}};
  const ScenarioPatcher patcher =
      ScenarioPatcher::Prepare(source, fixed, parameters, testing::BuiltinRegistry());
  ASSERT_TRUE(patcher.enabled()) << patcher.disabled_because();
  for (const auto& values : std::vector<std::vector<std::string>>{
           {"4", "0.2", "0.1", "-1"}, {"20", "0.9", "0.7", "1"}, {"7.5", "0", "1", "0"}}) {
    std::vector<Override> overrides = fixed;
    for (std::size_t i = 0; i < values.size(); ++i) {
      overrides.push_back({parameters[i].path, values[i]});
    }
    ExpectSameAsBuild(source, patcher, overrides, fixed.size(), values.front());
  }
}

// Values the loader rejects are never patched: the full build reports them.
TEST(ScenarioPatcher, RejectedValuesAreLeftToTheFullBuild) {
  const ScenarioSource source =
      ScenarioSource::FromFile(testing::RepoPath("scenarios/sparse_us.yaml"));
  const std::string path = "actors.US.global_commitments";
  const std::vector<PatchParameter> parameters = {{path, {"0.1", "0.9"}}};
  const ScenarioPatcher patcher =
      ScenarioPatcher::Prepare(source, {}, parameters, testing::BuiltinRegistry());
  ASSERT_TRUE(patcher.enabled());
  for (const std::string value :
       {"1", "-0.1", "abc", "1e400", ".nan", ".inf", "", "true", "-", "[0.5]"}) {
    EXPECT_FALSE(patcher.Make(std::vector<std::string>{value})) << value;
    const LoadResult built =
        source.Build(std::vector<Override>{{path, value}}, testing::BuiltinRegistry());
    EXPECT_FALSE(built.scenario) << value;
  }
  // Written another way, a valid value is built in full.
  for (const std::string value : {"'0.5'", " 0.5", "0.5 # a comment"}) {
    EXPECT_FALSE(patcher.Make(std::vector<std::string>{value})) << value;
    EXPECT_TRUE(
        source.Build(std::vector<Override>{{path, value}}, testing::BuiltinRegistry()).scenario)
        << value;
  }
}

// Parameters that are not free numbers leave every point to the full build.
TEST(ScenarioPatcher, DisabledForFlagsIntegersAndCrossCheckedNumbers) {
  const std::vector<PathCase> cases = {
      {"scenarios/gsomia.yaml", "injects.gsomia_suspended.enabled", {"true", "false"}},
      {"scenarios/gsomia.yaml", "injects.gsomia_suspended.turn", {"3", "8"}},
      {"scenarios/sparse_us.yaml", "run.turns", {"12", "24"}},
      {"scenarios/sparse_us.yaml", "actors.US.nuclear", {"true", "false"}},
      {"scenarios/sparse_us.yaml", "run.decisiveness", {"1", "2"}},
      {"scenarios/sparse_us.yaml", "run.control_rate.5", {"0", "0.05"}},
      {"scenarios/sparse_us.yaml", "doctrine.deploy_levels.0", {"0.1", "0.15"}},
      {"scenarios/sparse_us.yaml", "ties.PRC-TWN.hostility", {"0.1", "0.5"}},
      {"scenarios/sparse_us.yaml", "scenario.patron", {"US", "PRC"}},
  };
  for (const PathCase& c : cases) {
    const ScenarioSource source = ScenarioSource::FromFile(testing::RepoPath(c.scenario));
    const std::vector<PatchParameter> parameters = {{c.path, c.values}};
    const ScenarioPatcher patcher =
        ScenarioPatcher::Prepare(source, {}, parameters, testing::BuiltinRegistry());
    EXPECT_FALSE(patcher.enabled()) << c.path;
    EXPECT_FALSE(patcher.Make(std::vector<std::string>{c.values.front()})) << c.path;
  }
}

}  // namespace
}  // namespace overstretch
