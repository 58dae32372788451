#include "engine/decisions.h"

#include <algorithm>

#include "engine/options.h"
#include "engine/random_stream.h"
#include "engine/turn_workspace.h"

namespace overstretch {
namespace {

// The option rules on every choice of one actor, deploy shares scaled pro
// rata if they exceed 1; then each choice moved from its view's position to
// its theater's slot (views are packed by position in w.active).
void EnforceAndPlace(const Scenario& scenario, ActorIndex self, std::span<const TheaterView> views,
                     std::span<TheaterChoice> choices, TurnWorkspace& w) {
  double total = 0.0;
  for (std::size_t a = 0; a < views.size(); ++a) {
    const bool challenger = IsChallenger(scenario, self, w.active[a]);
    choices[a] = Sanitise(choices[a], views[a].side, views[a].party, challenger);
    total += choices[a].share;
  }
  if (total > 1.0) {
    for (std::size_t a = 0; a < views.size(); ++a) choices[a].share /= total;
  }
  for (std::size_t a = views.size(); a-- > 0;) {
    const TheaterChoice c = choices[a];
    choices[a] = TheaterChoice{};
    w.choices[w.slot(self.get(), w.active[a])] = c;
  }
}

// One decision event per active theater, from the options the decider logged.
void LogDecisions(ActorIndex self, Turn turn, std::span<const TheaterView> views,
                  Recorder& recorder, TurnWorkspace& w) {
  for (std::size_t a = 0; a < views.size(); ++a) {
    w.log_options.clear();
    std::size_t chosen = 0;
    double draw = -1.0;
    for (const auto& entry : w.log) {
      if (entry.view != a) continue;
      if (entry.chosen) {
        chosen = w.log_options.size();
        draw = entry.draw;
      }
      w.log_options.push_back(entry.option);
    }
    const TheaterView& v = views[a];
    recorder.OnDecision(DecisionRecord{turn, self, v.theater, v.side, v.pull, v.observed_own,
                                       v.observed_other, w.log_options, chosen, draw,
                                       w.choices[w.slot(self.get(), v.theater)]});
  }
}

}  // namespace

void DecideAll(const Scenario& scenario, const WorldState& state,
               std::span<const std::unique_ptr<ActorModel>> models, std::uint64_t seed, Turn turn,
               const DecisionOverride* override_decision, Recorder* recorder, TurnWorkspace& w) {
  const std::size_t n = scenario.actors.size();
  const bool log_decisions = recorder != nullptr && recorder->wants_decisions();
  std::fill(w.choices.begin(), w.choices.end(), TheaterChoice{});
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t count = w.active.size();
    std::span<const TheaterView> views(w.views.data() + i * w.theater_count, count);
    std::span<TheaterChoice> choices(w.choices.data() + i * w.theater_count, count);
    const DecisionContext ctx{scenario,
                              state,
                              ActorIndex(i),
                              turn,
                              scenario.actors[i].doctrine,
                              state.actors[i].attrs.forces,
                              w.available[i],
                              views,
                              w.stretch_need};
    w.log.clear();
    DecisionOutput out{choices, log_decisions ? &w.log : nullptr};
    const bool overridden = override_decision != nullptr && (*override_decision)(ctx, out);
    if (!overridden && count > 0) {
      RandomStream rng(seed, Purpose::kDecide, turn, w.actor_keys[i]);
      models[i]->Decide(ctx, rng, out);
    }
    EnforceAndPlace(scenario, ActorIndex(i), views, choices, w);
    if (log_decisions) LogDecisions(ActorIndex(i), turn, views, *recorder, w);
  }
}

}  // namespace overstretch
