// Turn phase (docs/model.md §3.5): every actor decides, all simultaneously,
// from its own DecisionContext; nothing one decides is visible to another
// before adjudication. The engine then enforces the option rules
// (engine/options.h) on every choice, whoever made it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>

#include "engine/actor_model.h"
#include "engine/recorder.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

struct TurnWorkspace;

// Decides in place of an actor's model (classroom players, replays). Given
// the actor's DecisionContext, fills out.choices and returns true; returning
// false lets the actor's model decide.
using DecisionOverride = std::function<bool(const DecisionContext& ctx, DecisionOutput& out)>;

// Writes every actor's legal choice in every active theater to w.choices
// (abstain elsewhere), deploy shares scaled pro rata when they sum above 1.
// Each model draws from the decide stream keyed by (seed, turn, actor).
// `override_decision` and `recorder` may be null; the recorder gets one
// decision event per actor and active theater when it wants them.
void DecideAll(const Scenario& scenario, const WorldState& state,
               std::span<const std::unique_ptr<ActorModel>> models, std::uint64_t seed, Turn turn,
               const DecisionOverride* override_decision, Recorder* recorder, TurnWorkspace& w);

}  // namespace overstretch
