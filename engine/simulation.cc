#include "engine/simulation.h"

#include <stdexcept>

#include "engine/adjudication.h"
#include "engine/delivery.h"
#include "engine/injects.h"
#include "engine/observation.h"
#include "engine/sides.h"
#include "engine/turn_record.h"
#include "engine/turn_workspace.h"
#include "engine/updates.h"

namespace overstretch {

Simulation::Simulation(const Scenario& scenario, const ModelRegistry& registry)
    : scenario_(&scenario) {
  models_.reserve(scenario.actors.size());
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorDef& a = scenario.actors[i];
    const ModelInfo* info = registry.Find(a.model);
    if (info == nullptr) {
      throw std::invalid_argument("actor " + a.id + ": no actor model named '" + a.model + "'");
    }
    models_.push_back(info->make(scenario, ActorIndex(i)));
    if (!models_.back()) {
      throw std::invalid_argument("actor " + a.id + ": model '" + a.model + "' failed to build");
    }
  }
  ws_ = std::make_unique<TurnWorkspace>(scenario);
}

Simulation::~Simulation() = default;

bool Simulation::Finished(const WorldState& state) const {
  if (state.turn >= scenario_->run.turns) return true;
  for (const TheaterState& t : state.theaters) {
    if (t.status == TheaterStatus::kPending || t.status == TheaterStatus::kActive) return false;
  }
  return true;
}

// The phases of docs/model.md §1.3, each in the file named for its mechanic.
// They communicate through the workspace: each reads what earlier phases
// wrote there and in the state.
void Simulation::PlayTurn(WorldState& state, std::uint64_t seed, MetricsAccumulator& metrics,
                          Recorder* recorder, const DecisionOverride* override_decision) {
  const Scenario& sc = *scenario_;
  TurnWorkspace& w = *ws_;
  const Turn turn = state.turn + 1;

  ApplyScheduledEvents(sc, state, turn, recorder);  // injects and openings
  w.BeginTurn(sc, state);                           // available force, active theaters
  DeliverOpeningForces(sc, state, turn, w);         // what an opening theater shows
  FormSides(sc, state, w);                          // alliance chains, sides, pull
  ObserveTheaters(sc, state, seed, turn, w);        // views under fog, demand
  DecideAll(sc, state, models_, seed, turn, override_decision, recorder, w);
  DeliverDeployments(sc, state, w);                // one transport problem
  Adjudicate(sc, state, seed, turn, recorder, w);  // success, escalation, attrition, control
  ApplyUpdates(sc, state, turn, recorder, w);      // losses, trust, mobilisation, record
  const bool network = recorder != nullptr && recorder->wants_network();
  const TurnRecord record = RecordTurn(sc, state, turn, network, w);

  state.turn = turn;
  metrics.AddTurn(record);
  if (recorder != nullptr) recorder->OnTurn(record);
}

RunSummary Simulation::Run(std::uint64_t seed, Recorder* recorder) {
  WorldState state = MakeInitialState(*scenario_);
  if (recorder != nullptr) recorder->OnStart(state);
  MetricsAccumulator metrics(*scenario_);
  while (!Finished(state)) PlayTurn(state, seed, metrics, recorder);
  RunSummary summary = metrics.Finish(seed, state.turn);
  if (recorder != nullptr) recorder->OnEnd(summary);
  return summary;
}

}  // namespace overstretch
