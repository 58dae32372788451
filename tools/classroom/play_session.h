// The state of a classroom game (`overstretch play`), without any terminal:
// one Scenario, one seed, the human-played actors, and the history of steps
// that made the current WorldState — facilitator injects and overrides, and
// turns with the players' choices. Every step goes through Apply(), which the
// live game, a resumed game (replaying its log) and the writing of the run
// directory (replaying the steps) all share: that is what makes a resumed
// game identical to an uninterrupted one.
//
// Undo is free because WorldState and MetricsAccumulator are values: Apply
// keeps a copy of both from before the step.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/actor_model.h"
#include "engine/metrics.h"
#include "engine/model_registry.h"
#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/simulation.h"
#include "engine/world_state.h"

namespace overstretch::cli {

// A Recorder that also takes the classroom's own events (facilitator actions,
// players' decisions, the adjudication rules), which `run` never writes.
class PlayRecorder : public Recorder {
 public:
  virtual void OnExtraEvent(const nlohmann::ordered_json& /*event*/) {}
};

// One human decision: the option chosen in one theater, and its menu label.
struct HumanChoice {
  ActorIndex actor;
  TheaterIndex theater;
  TheaterChoice choice;
  std::string label;
};

struct Step {
  enum class Kind : std::uint8_t { kInject, kOverride, kTurn };
  Kind kind = Kind::kTurn;
  std::string text;  // the facilitator's command (inject, override)
  Inject inject;     // kInject: applied before the next turn
  // kInject: what teams agreed, when the inject enacts an accepted proposal
  // between teams (tools/classroom/serve/talks.h); empty for the facilitator's.
  std::string agreement;
  TheaterIndex theater;              // kOverride
  bool escalation = false;           // kOverride: escalation, else control
  double value = 0.0;                // kOverride: the new value
  std::string reason;                // kOverride: required
  std::vector<HumanChoice> choices;  // kTurn: every human decision of the turn
  // kTurn: human actors whose own model decides this turn (a team that
  // entered no complete orders before a timed turn closed).
  std::vector<ActorIndex> model_decides;
};

// An event that changes no state (a message between teams, a proposal, its
// answer), written to the run directory after the first `after_steps` steps.
struct SideEvent {
  std::size_t after_steps = 0;
  nlohmann::ordered_json event;
};

// What one human actor knows before deciding (its own DecisionContext, under
// fog: estimates, never the true delivered forces).
struct Briefing {
  ActorIndex actor;
  Turn turn = 0;
  double forces = 0.0;
  double available = 0.0;
  const Doctrine* doctrine = nullptr;  // the actor's, in the scenario
  std::vector<TheaterView> views;      // active theaters, sorted by index
};

// The legal options of one theater for one actor (engine/options.h), with
// their menu labels: "support", "deploy 50%", "deploy 50%, escalate".
struct MenuOption {
  TheaterChoice choice;
  std::string label;
};
std::vector<MenuOption> MenuOptions(const Scenario& scenario, const Briefing& briefing,
                                    const TheaterView& view);

class PlaySession {
 public:
  // `scenario` and `registry` must outlive the session. Throws
  // std::invalid_argument when an actor's model is not registered.
  PlaySession(const Scenario& scenario, const ModelRegistry& registry, std::uint64_t seed,
              std::vector<ActorIndex> humans);

  const Scenario& scenario() const { return scenario_; }
  std::uint64_t seed() const { return seed_; }
  const std::vector<ActorIndex>& humans() const { return humans_; }  // sorted
  // The human actors in the order they were named (--human): the order the
  // terminal asks them in.
  const std::vector<ActorIndex>& humans_as_named() const { return named_; }
  bool IsHuman(ActorIndex i) const;
  const WorldState& state() const { return state_; }
  const std::vector<Step>& steps() const { return steps_; }
  bool Finished() const;
  // The run's metrics so far.
  RunSummary Summary() const;

  // What each human actor observes before the next turn (no state change).
  std::vector<Briefing> Brief();

  // Applies one step; `recorder` (may be null) sees what happens.
  void Apply(Step step, PlayRecorder* recorder);
  // Reverts the last step; false when there is none. *what says what. The
  // run directory keeps a `facilitator` event (action `undo`) for it, so the
  // debrief shows what was taken back.
  bool Undo(std::string* what);

  // Writes the run directory of the current history (docs/outputs.md, plus
  // the classroom events) to `dir`, replacing an earlier run there.
  // `header` is written first (the "classroom" event), then an
  // `initial_state` event (the ties and forces before turn 1, which the
  // report draws as the start), each of `side` (in
  // order, after_steps not decreasing) between the steps. False with *error;
  // *bad_input tells a refused directory from a write error.
  bool WriteRunDirectory(const std::filesystem::path& dir, const nlohmann::ordered_json& header,
                         std::string* error, bool* bad_input,
                         const std::vector<SideEvent>& side = {});

 private:
  void ApplyTo(const Step& step, WorldState& state, MetricsAccumulator& metrics,
               PlayRecorder* recorder);

  const Scenario& scenario_;
  std::uint64_t seed_;
  std::vector<ActorIndex> humans_;
  std::vector<ActorIndex> named_;
  std::unique_ptr<Simulation> sim_;
  WorldState state_;
  MetricsAccumulator metrics_;
  struct Snapshot {
    WorldState state;
    MetricsAccumulator metrics;
  };
  std::vector<Snapshot> undo_;
  std::vector<Step> steps_;
  // The `facilitator` undo events, each after the steps that remained; kept
  // in the order the undos happened (a later undo never sits after an earlier).
  std::vector<SideEvent> undone_;
};

}  // namespace overstretch::cli
