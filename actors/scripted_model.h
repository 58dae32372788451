// The `scripted` model: postures, allocations and escalation moves given per
// turn in the scenario (the actor's `script:` list). Turns and theaters the
// script leaves out get the default: support where the actor is a party
// (parties may not abstain), abstain elsewhere, hold. For classroom replays,
// exact tests and what-if scripts.
#pragma once

#include "engine/actor_model.h"
#include "engine/model_registry.h"

namespace overstretch {

class ScriptedModel : public ActorModel {
 public:
  ScriptedModel(const Scenario& scenario, ActorIndex self);
  void Decide(const DecisionContext& ctx, RandomStream& rng, DecisionOutput& out) const override;

 private:
  const std::vector<ScriptStep>* script_;
};

ModelInfo ScriptedModelInfo();

}  // namespace overstretch
