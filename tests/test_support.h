// Shared helpers for the test suite: the registry with the built-in models,
// loading scenarios from text or from the repository, and a recorder that
// keeps everything in memory.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "actors/builtin_models.h"
#include "engine/metrics.h"
#include "engine/recorder.h"
#include "engine/scenario_loader.h"
#include "engine/simulation.h"

namespace overstretch::testing {

inline const ModelRegistry& BuiltinRegistry() {
  static const ModelRegistry registry = [] {
    ModelRegistry r;
    RegisterBuiltinModels(r);
    return r;
  }();
  return registry;
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
  if (!r.scenario) ADD_FAILURE() << "cannot load " << path << ":\n" << DiagnosticsText(r.diagnostics);
  return r.scenario ? std::move(*r.scenario) : Scenario{};
}

inline Scenario LoadTextOrDie(const std::string& text, std::vector<Override> overrides = {}) {
  LoadResult r = ScenarioSource::FromText(text, "<test>").Build(overrides, BuiltinRegistry());
  if (!r.scenario) ADD_FAILURE() << "cannot load test scenario:\n" << DiagnosticsText(r.diagnostics);
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

}  // namespace overstretch::testing
