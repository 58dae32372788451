#include "actors/scripted_model.h"

namespace overstretch {

ScriptedModel::ScriptedModel(const Scenario& scenario, ActorIndex self)
    : script_(&scenario.actors[self.get()].script) {}

void ScriptedModel::Decide(const DecisionContext& ctx, RandomStream& /*rng*/,
                           DecisionOutput& out) const {
  for (std::size_t a = 0; a < ctx.theaters.size(); ++a) {
    const TheaterView& view = ctx.theaters[a];
    TheaterChoice choice;
    choice.posture = view.party ? Posture::kSupport : Posture::kAbstain;
    for (const ScriptStep& step : *script_) {
      if (step.turn == ctx.turn && step.theater == view.theater) {
        choice.posture = static_cast<Posture>(step.posture);
        choice.share = step.share;
        choice.move = static_cast<Move>(step.move);
        break;
      }
    }
    out.choices[a] = choice;
    if (out.log != nullptr && view.side != Side::kNone) {
      out.log->push_back(DecisionOutput::Logged{a, WeighedOption{choice, 0.0, 1.0}, true, -1.0});
    }
  }
}

ModelInfo ScriptedModelInfo() {
  ModelInfo info;
  info.name = "scripted";
  info.summary = "Follows the actor's script: posture, share and move per turn and theater.";
  info.takes_script = true;
  info.make = [](const Scenario& scenario, ActorIndex self) {
    return std::make_unique<ScriptedModel>(scenario, self);
  };
  return info;
}

}  // namespace overstretch
