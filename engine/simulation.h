// The turn loop (docs/model.md §1.3): PlayTurn runs the phases of a turn in
// order, each in the file named for its mechanic. A Simulation binds one
// validated Scenario to its actor models and owns the scratch space of a
// turn, so it is cheap to run many times; use one Simulation per thread. The
// state it advances is a plain WorldState value.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/actor_model.h"
#include "engine/decisions.h"
#include "engine/metrics.h"
#include "engine/model_registry.h"
#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

struct TurnWorkspace;

class Simulation {
 public:
  // Builds one model per actor from the registry. The scenario and registry
  // must outlive the Simulation. Throws std::invalid_argument when an actor's
  // model is not registered.
  Simulation(const Scenario& scenario, const ModelRegistry& registry);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  const Scenario& scenario() const { return *scenario_; }

  // Plays turn state.turn + 1. `recorder` and `override_decision` may be null.
  void PlayTurn(WorldState& state, std::uint64_t seed, MetricsAccumulator& metrics,
                Recorder* recorder, const DecisionOverride* override_decision = nullptr);

  // Whether the run is over: all turns played, or every theater has ended.
  bool Finished(const WorldState& state) const;

  // Plays a whole run from the initial state with run.seed replaced by `seed`.
  RunSummary Run(std::uint64_t seed, Recorder* recorder = nullptr);

 private:
  const Scenario* scenario_;
  std::vector<std::unique_ptr<ActorModel>> models_;
  std::unique_ptr<TurnWorkspace> ws_;
};

}  // namespace overstretch
