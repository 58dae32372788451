// Issue 12, item 2: no documented input, alone or combined, makes a run
// compute inf or NaN. Extreme values are either rejected by validation with
// a message naming the parameters, or run to the end with every recorded
// number finite; the runtime guard stops a run that would record one.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/finite_check.h"
#include "tests/test_support.h"

namespace overstretch {
namespace {

using testing::BuiltinRegistry;
using testing::DiagnosticsText;
using testing::RepoPath;

LoadResult LoadSparse(const std::vector<Override>& overrides) {
  return LoadScenarioFile(RepoPath("scenarios/sparse_us.yaml"), overrides, BuiltinRegistry());
}

// A recorder that checks every decision's numbers, as the run writer does.
class CheckingRecorder : public Recorder {
 public:
  explicit CheckingRecorder(const Scenario& sc) : sc_(sc) {}
  bool wants_network() const override { return true; }
  bool wants_decisions() const override { return true; }
  void OnDecision(const DecisionRecord& r) override {
    CheckDecisionFinite(sc_, r);
    ++decisions;
  }
  int decisions = 0;

 private:
  const Scenario& sc_;
};

TEST(NonFinite, TinyDecisivenessIsRejectedNamingBothParameters) {
  const LoadResult r = LoadSparse({{"run.decisiveness", "0.001"}});
  ASSERT_FALSE(r.scenario.has_value());
  const std::string text = DiagnosticsText(r.diagnostics);
  EXPECT_NE(text.find("run.decisiveness = 0.001"), std::string::npos) << text;
  EXPECT_NE(text.find("run.stretch_target"), std::string::npos) << text;
  EXPECT_NE(text.find("at least"), std::string::npos) << text;
}

TEST(NonFinite, SmallDecisivenessIsFineWithALowTarget) {
  // Below a target of 0.5 the multiple is below 1: nothing can overflow.
  const LoadResult r = LoadSparse({{"run.decisiveness", "0.001"}, {"run.stretch_target", "0.4"}});
  EXPECT_TRUE(r.scenario.has_value()) << DiagnosticsText(r.diagnostics);
}

TEST(NonFinite, HugeMagnitudesAreOutOfRange) {
  const std::vector<Override> cases = {
      {"theaters.KOR.value", "1e308"},      {"actors.US.forces", "1e308"},
      {"actors.US.grievance", "-1e308"},    {"bases.GUAM.capacity", "1e308"},
      {"run.escalation_cost.5", "1e308"},   {"run.intensity.5", "1e308"},
      {"run.mobilisation.fatigue", "1e308"}};
  for (const Override& o : cases) {
    const LoadResult r = LoadSparse({o});
    EXPECT_FALSE(r.scenario.has_value()) << o.path;
    const std::string text = DiagnosticsText(r.diagnostics);
    EXPECT_NE(text.find(o.path + " = " + o.value + " is out of range"), std::string::npos) << text;
  }
}

// Every magnitude at the top of its range at once, the smallest allowed
// decisiveness, the longest turns: the run ends and every number is finite.
std::vector<Override> Extremes(const std::string& fog, const std::string& sign) {
  std::vector<Override> o = {{"run.turns", "120"},
                             {"run.days_per_turn", "3650"},
                             {"run.fog", fog},
                             {"run.stretch_target", "0.67"},
                             {"run.decisiveness", "0.06"},
                             {"run.mobilisation.enabled", "true"},
                             {"run.mobilisation.step", "1"},
                             {"run.mobilisation.reaction", "0"},
                             {"run.mobilisation.fatigue", "1e-6"},
                             {"run.escalation_cost.4", "999999"},
                             {"run.escalation_cost.5", "1e6"},
                             {"theaters.KOR.value", "1e6"},
                             {"theaters.TWN.value", "1e6"}};
  for (int level = 0; level < 6; ++level) {
    o.push_back({"run.intensity." + std::to_string(level), "1e6"});
  }
  for (const char* actor : {"US", "PRC", "JPN", "ROK", "AUS", "NZL", "DPRK", "TWN"}) {
    const std::string a = std::string("actors.") + actor;
    o.push_back({a + ".forces", "1e9"});
    o.push_back({a + ".grievance", sign + "1e9"});
    o.push_back({a + ".lethality", "10"});
    o.push_back({a + ".regeneration", "1"});
  }
  for (const char* base : {"GUAM", "OKINAWA", "KOREA", "DARWIN", "NINGBO"}) {
    o.push_back({std::string("bases.") + base + ".capacity", "1e9"});
  }
  return o;
}

TEST(NonFinite, ExtremeValidScenariosRunToTheEndFinite) {
  for (const std::string fog : {"0", "5"}) {
    for (const std::string sign : {"", "-"}) {
      const LoadResult r = LoadSparse(Extremes(fog, sign));
      ASSERT_TRUE(r.scenario.has_value()) << DiagnosticsText(r.diagnostics);
      Simulation simulation(*r.scenario, BuiltinRegistry());
      CheckingRecorder recorder(*r.scenario);
      for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        RunSummary summary;
        ASSERT_NO_THROW(summary = simulation.Run(seed, &recorder)) << "fog " << fog;
        EXPECT_TRUE(std::isfinite(summary.patron_peak_stretch.value_or(0.0)));
        EXPECT_TRUE(std::isfinite(summary.losses_challengers + summary.losses_defenders));
      }
      EXPECT_GT(recorder.decisions, 0);
    }
  }
}

TEST(NonFinite, GuardStopsATurnHoldingNaNAndNamesIt) {
  const Scenario sc = testing::LoadOrDie(RepoPath("scenarios/sparse_us.yaml"));
  std::vector<TheaterTurn> theaters(sc.theaters.size());
  for (std::size_t k = 0; k < theaters.size(); ++k) theaters[k].theater = TheaterIndex(k);
  TurnRecord record;
  record.turn = 7;
  record.theaters = theaters;
  EXPECT_NO_THROW(CheckTurnFinite(sc, record));
  theaters[1].control = std::numeric_limits<double>::quiet_NaN();
  try {
    CheckTurnFinite(sc, record);
    ADD_FAILURE() << "no error for a NaN control";
  } catch (const NonFiniteError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("turn 7"), std::string::npos) << message;
    EXPECT_NE(message.find("control of theater " + sc.theaters[1].id), std::string::npos);
    EXPECT_NE(message.find("actors.*.forces"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace overstretch
