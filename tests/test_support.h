// Shared helpers for the test suite: the registry with the built-in models,
// loading scenarios from text or from the repository, a recorder that keeps
// everything in memory, the fixtures of the actor-model tests (a theater as
// an actor sees it, the options a model weighed in one decision), and those
// of the command-line tests (a directory per test, the command line run
// in-process, reading and writing files).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "actors/builtin_models.h"
#include "engine/actor_model.h"
#include "engine/metrics.h"
#include "engine/random_stream.h"
#include "engine/recorder.h"
#include "engine/scenario_loader.h"
#include "engine/simulation.h"
#include "tools/cli/commands.h"

namespace overstretch::testing {

inline const ModelRegistry& BuiltinRegistry() { return BuiltinModels(); }

// The run's stretch need, as a Simulation hands it to the models
// (DecisionContext::stretch_need).
inline SuccessForce StretchNeed(const Scenario& scenario) {
  return SuccessForce(scenario.run.stretch_target, scenario.run.decisiveness);
}

inline std::string RepoPath(const std::string& relative) {
  return std::string(OVERSTRETCH_SOURCE_DIR) + "/" + relative;
}

// Every scenario file under scenarios/ (subfolders too) except study files and
// data, as repository-relative paths in sorted order.
inline std::vector<std::string> ShippedScenarios() {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  const fs::path root = RepoPath("scenarios");
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    if (rel.starts_with("studies/") || rel.starts_with("data/")) continue;
    files.push_back("scenarios/" + rel);
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::string DiagnosticsText(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) text += FormatDiagnostic(d) + "\n";
  return text;
}

// Loads a scenario or fails the test with its diagnostics.
inline Scenario LoadOrDie(const std::string& path, std::vector<Override> overrides = {}) {
  LoadResult r = LoadScenarioFile(path, overrides, BuiltinRegistry());
  if (!r.scenario)
    ADD_FAILURE() << "cannot load " << path << ":\n" << DiagnosticsText(r.diagnostics);
  return r.scenario ? std::move(*r.scenario) : Scenario{};
}

inline Scenario LoadTextOrDie(const std::string& text, std::vector<Override> overrides = {}) {
  LoadResult r = ScenarioSource::FromText(text, "<test>").Build(overrides, BuiltinRegistry());
  if (!r.scenario)
    ADD_FAILURE() << "cannot load test scenario:\n" << DiagnosticsText(r.diagnostics);
  return r.scenario ? std::move(*r.scenario) : Scenario{};
}

// Index of the actor / theater with this id (fails the test if none).
inline std::size_t ActorNamed(const Scenario& sc, const std::string& id) {
  for (std::size_t i = 0; i < sc.actors.size(); ++i) {
    if (sc.actors[i].id == id) return i;
  }
  ADD_FAILURE() << "no actor " << id;
  return 0;
}

inline std::size_t TheaterNamed(const Scenario& sc, const std::string& id) {
  for (std::size_t k = 0; k < sc.theaters.size(); ++k) {
    if (sc.theaters[k].id == id) return k;
  }
  ADD_FAILURE() << "no theater " << id;
  return 0;
}

// Keeps every record of a run.
class MemoryRecorder : public Recorder {
 public:
  struct Turn {
    int turn;
    std::vector<TheaterTurn> theaters;
    std::vector<ActorTurn> actors;
    std::vector<double> deployed;
    std::vector<TheaterChoice> choices;
    std::vector<Side> sides;
    std::vector<TieState> ties;
    double cohesion;
    int abandonments;
  };
  bool wants_network() const override { return network; }
  bool wants_decisions() const override { return decisions_wanted; }
  void OnDecision(const DecisionRecord& r) override {
    decisions.push_back(r);
    decision_options.emplace_back(r.options.begin(), r.options.end());
    decisions.back().options = {};
  }
  void OnAdjudication(const AdjudicationRecord& r) override { adjudications.push_back(r); }
  void OnAbandonment(const AbandonmentRecord& r) override { abandonments.push_back(r); }
  void OnNuclearThreshold(const NuclearRecord& r) override { nuclear.push_back(r); }
  void OnTurn(const TurnRecord& r) override {
    turns.push_back(Turn{r.turn,
                         {r.theaters.begin(), r.theaters.end()},
                         {r.actors.begin(), r.actors.end()},
                         {r.deployed.begin(), r.deployed.end()},
                         {r.choices.begin(), r.choices.end()},
                         {r.sides.begin(), r.sides.end()},
                         {r.ties.begin(), r.ties.end()},
                         r.cohesion,
                         r.abandonments});
  }

  bool network = false;
  bool decisions_wanted = false;
  std::vector<Turn> turns;
  std::vector<DecisionRecord> decisions;
  std::vector<std::vector<WeighedOption>> decision_options;
  std::vector<AdjudicationRecord> adjudications;
  std::vector<AbandonmentRecord> abandonments;
  std::vector<NuclearRecord> nuclear;
};

// ---------------------------------------------------------------- actor models

// The fields of a TheaterView that the model tests set; the defaults are
// those most tests share (a party among the challengers of theater 0).
struct ViewSpec {
  std::size_t theater = 0;
  Side side = Side::kChallengers;
  bool party = true;
  double pull = 1.0;
  int escalation = 0;
  double value = 2.0;
  double own = 0.0;    // observed_own
  double other = 0.0;  // observed_other
  double delivery = 0.9;
  double lethality = 0.03;  // own_lethality and other_lethality
  bool other_side_nuclear = false;
};

inline TheaterView MakeView(const ViewSpec& s) {
  TheaterView v;
  v.theater = TheaterIndex(s.theater);
  v.side = s.side;
  v.party = s.party;
  v.pull = s.pull;
  v.escalation = s.escalation;
  v.value = s.value;
  v.observed_own = s.own;
  v.observed_other = s.other;
  v.delivery = s.delivery;
  v.own_lethality = v.other_lethality = s.lethality;
  v.other_side_nuclear = s.other_side_nuclear;
  return v;
}

// Runs one decision of `model` and returns, from its log, the options it
// weighed in ctx.theaters[view] (every view's when `view` is npos), with
// their utilities and logit probabilities.
inline std::vector<WeighedOption> WeighedOptions(const ActorModel& model,
                                                 const DecisionContext& ctx, RandomStream rng,
                                                 std::size_t view = std::string::npos) {
  std::vector<TheaterChoice> choices(ctx.theaters.size());
  std::vector<DecisionOutput::Logged> log;
  DecisionOutput out{std::span(choices), &log};
  model.Decide(ctx, rng, out);
  std::vector<WeighedOption> weighed;
  for (const auto& entry : log) {
    if (view == std::string::npos || entry.view == view) weighed.push_back(entry.option);
  }
  return weighed;
}

// The total probability of the options whose choice satisfies `predicate`.
template <class Predicate>
double ProbabilityWhere(const std::vector<WeighedOption>& options, Predicate predicate) {
  double p = 0.0;
  for (const auto& o : options) {
    if (predicate(o.choice)) p += o.probability;
  }
  return p;
}

inline double ProbabilityOf(const std::vector<WeighedOption>& options, Posture posture) {
  return ProbabilityWhere(options, [&](const TheaterChoice& c) { return c.posture == posture; });
}

inline double ProbabilityOf(const std::vector<WeighedOption>& options, Move move) {
  return ProbabilityWhere(options, [&](const TheaterChoice& c) { return c.move == move; });
}

// ---------------------------------------------------------------- files and the command line

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// How often `what` occurs in `text` (overlapping occurrences count).
inline std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

// A test with its own empty directory dir_ (removed afterwards; named for the
// test and the process, so parallel test runs do not meet) and the command
// line run in-process, exactly as users type it, with the built-in models.
class CommandLineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("overstretch-") + info->test_suite_name() + "-" + info->name() + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Runs `overstretch ARGS...`; the output and diagnostics are in out_, err_.
  int Cli(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return cli::RunCli(registry_, std::move(args), out_, err_);
  }

  const ModelRegistry& registry_ = BuiltinRegistry();
  std::filesystem::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

}  // namespace overstretch::testing
