#include "tools/classroom/play_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "actors/doctrine_model.h"  // DoctrineUtility: values the options offered, for the debrief
#include "engine/adjudication.h"
#include "engine/injects.h"
#include "engine/options.h"
#include "tools/runio/run_output.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

using Json = nlohmann::ordered_json;

std::string OptionLabel(const TheaterChoice& c, bool challenger) {
  std::string label = PostureName(c.posture);
  if (c.posture == Posture::kDeploy) label += fmt::format(" {:g}%", c.share * 100.0);
  if (challenger) label += fmt::format(", {}", MoveName(c.move));
  if (!c.grant_access) label += ", bases closed";
  return label;
}

// Forwards to the run directory's recorder, adding the rule behind every
// adjudication (open adjudication: the inputs are in the adjudication event,
// the random draws in the decision events).
class OutputRecorder final : public PlayRecorder {
 public:
  OutputRecorder(const Scenario& scenario, RunOutputRecorder& out)
      : scenario_(scenario), out_(out) {}
  bool wants_network() const override { return out_.wants_network(); }
  bool wants_decisions() const override { return out_.wants_decisions(); }
  void OnStart(const WorldState& initial) override { out_.OnStart(initial); }
  void OnInject(Turn turn, const Inject& inject) override { out_.OnInject(turn, inject); }
  void OnTheaterOpened(Turn turn, TheaterIndex theater, int escalation) override {
    out_.OnTheaterOpened(turn, theater, escalation);
  }
  void OnDecision(const DecisionRecord& r) override { out_.OnDecision(r); }
  void OnAdjudication(const AdjudicationRecord& r) override {
    out_.OnAdjudication(r);
    const RunSettings& run = scenario_.run;
    // The fighting happened at the rung before any inadvertent step.
    const int e = std::clamp(r.escalation_after - (r.inadvertent ? 1 : 0), 0, kMaxEscalation);
    Json j;
    j["type"] = "adjudication_rule";
    j["turn"] = r.turn;
    j["theater"] = scenario_.theaters.at(r.theater.get()).id;
    j["success"] = Json{{"rule", "p = phi_C^beta / (phi_C^beta + phi_D^beta), 0.5 if both are 0"},
                        {"beta", JsonNumber(run.decisiveness)},
                        {"phi_challengers", JsonNumber(r.phi_challengers)},
                        {"phi_defenders", JsonNumber(r.phi_defenders)},
                        {"p_challengers", JsonNumber(r.p_challengers)}};
    j["escalation"] = Json{{"rule", "the most escalatory challenger move, one step, within 0..5"},
                           {"move", r.move},
                           {"before", r.escalation_before},
                           {"after", r.escalation_after},
                           {"inadvertent_rule",
                            "after fighting at 3 or 4: one more step with probability h = 1 - "
                            "exp(-rate * intensity[e] * (1 + losses * l) * (1 + stretch * S))"},
                           {"inadvertent_hazard", JsonNumber(r.inadvertent_hazard)},
                           {"inadvertent", r.inadvertent}};
    j["attrition"] =
        Json{{"rule", "Lanchester square law over days_per_turn * intensity[e] days (e >= 3)"},
             {"days_per_turn", JsonNumber(run.days_per_turn)},
             {"intensity", JsonNumber(run.intensity[e])},
             {"days_fought", JsonNumber(r.days_fought)},
             {"loss_share_challengers", JsonNumber(r.loss_share_challengers)},
             {"loss_share_defenders", JsonNumber(r.loss_share_defenders)}};
    j["control"] = Json{{"rule", "c' = clamp(c + control_rate[e] * (2p - 1), 0, 1)"},
                        {"control_rate", JsonNumber(run.control_rate[e])},
                        {"before", JsonNumber(r.control_before)},
                        {"after", JsonNumber(r.control_after)}};
    j["status"] = TheaterStatusName(r.status);
    out_.WriteExtraEvent(j);
  }
  void OnAbandonment(const AbandonmentRecord& r) override { out_.OnAbandonment(r); }
  void OnNuclearThreshold(const NuclearRecord& r) override { out_.OnNuclearThreshold(r); }
  void OnTurn(const TurnRecord& r) override { out_.OnTurn(r); }
  void OnEnd(const RunSummary& s) override { out_.OnEnd(s); }
  void OnExtraEvent(const Json& event) override { out_.WriteExtraEvent(event); }

 private:
  const Scenario& scenario_;
  RunOutputRecorder& out_;
};

}  // namespace

std::vector<MenuOption> MenuOptions(const Scenario& scenario, const Briefing& briefing,
                                    const TheaterView& view) {
  std::vector<MenuOption> menu;
  if (view.side == Side::kNone || briefing.doctrine == nullptr) return menu;
  const bool challenger = IsChallenger(scenario, briefing.actor, view.theater);
  OptionSet options;
  LegalOptions(view, *briefing.doctrine, challenger, options);
  for (const TheaterChoice& c : options.view()) menu.push_back({c, OptionLabel(c, challenger)});
  // A host may back its side and still keep its bases closed to partners
  // (prior consultation withheld): offered after the usual options, so the
  // usual numbering stays the same whether or not an actor hosts a base.
  const bool hosts_a_base = std::any_of(scenario.bases.begin(), scenario.bases.end(),
                                        [&](const BaseDef& b) { return b.host == briefing.actor; });
  if (hosts_a_base) {
    for (const TheaterChoice& c : options.view()) {
      if (c.posture == Posture::kAbstain) continue;
      TheaterChoice closed = c;
      closed.grant_access = false;
      menu.push_back({closed, OptionLabel(closed, challenger)});
    }
  }
  return menu;
}

PlaySession::PlaySession(const Scenario& scenario, const ModelRegistry& registry,
                         std::uint64_t seed, std::vector<ActorIndex> humans)
    : scenario_(scenario),
      seed_(seed),
      humans_(std::move(humans)),
      sim_(std::make_unique<Simulation>(scenario, registry)),
      state_(MakeInitialState(scenario)),
      metrics_(scenario) {
  named_ = humans_;
  std::sort(humans_.begin(), humans_.end());
}

bool PlaySession::IsHuman(ActorIndex i) const {
  return std::binary_search(humans_.begin(), humans_.end(), i);
}

bool PlaySession::Finished() const { return sim_->Finished(state_); }

RunSummary PlaySession::Summary() const { return metrics_.Finish(seed_, state_.turn); }

std::vector<Briefing> PlaySession::Brief() {
  std::vector<Briefing> briefings;
  if (Finished()) return briefings;
  // Play the turn on a copy with everyone abstaining: what an actor observes
  // is fixed before anyone decides (decisions are simultaneous), so the
  // views captured here are exactly those of the real turn.
  WorldState copy = state_;
  copy.ties_structure_changed = true;
  MetricsAccumulator metrics = metrics_;
  const DecisionOverride capture = [&](const DecisionContext& ctx, DecisionOutput&) {
    if (IsHuman(ctx.self)) {
      Briefing b;
      b.actor = ctx.self;
      b.turn = ctx.turn;
      b.forces = ctx.forces;
      b.available = ctx.available;
      b.doctrine = &scenario_.actors[ctx.self.get()].doctrine;
      b.views.assign(ctx.theaters.begin(), ctx.theaters.end());
      briefings.push_back(std::move(b));
    }
    return true;
  };
  sim_->PlayTurn(copy, seed_, metrics, nullptr, &capture);
  return briefings;
}

void PlaySession::ApplyTo(const Step& step, WorldState& state, MetricsAccumulator& metrics,
                          PlayRecorder* recorder) {
  const Turn next = state.turn + 1;
  switch (step.kind) {
    case Step::Kind::kInject: {
      if (recorder != nullptr) {
        Json event{{"type", "facilitator"},
                   {"turn", state.turn},
                   {"action", step.agreement.empty() ? "inject" : "agreement"},
                   {"text", step.text},
                   {"applies_at_turn", next}};
        if (!step.agreement.empty()) event["agreement"] = step.agreement;
        recorder->OnExtraEvent(event);
      }
      for (const Effect& e : step.inject.effects) ApplyEffect(scenario_, state, e, next, recorder);
      if (recorder != nullptr) recorder->OnInject(next, step.inject);
      break;
    }
    case Step::Kind::kOverride: {
      const OverrideResult result = OverrideTheater(
          scenario_, state,
          TheaterOverride{step.theater,
                          step.escalation ? OverrideField::kEscalation : OverrideField::kControl,
                          step.value, step.reason});
      if (recorder != nullptr) {
        recorder->OnExtraEvent(Json{{"type", "facilitator"},
                                    {"turn", state.turn},
                                    {"action", "override"},
                                    {"text", step.text},
                                    {"theater", scenario_.theaters[step.theater.get()].id},
                                    {"field", step.escalation ? "escalation" : "control"},
                                    {"before", JsonNumber(result.before)},
                                    {"after", JsonNumber(result.after)},
                                    {"reason", step.reason}});
      }
      break;
    }
    case Step::Kind::kTurn: {
      const DecisionOverride decide = [&](const DecisionContext& ctx, DecisionOutput& out) {
        if (!IsHuman(ctx.self)) return false;
        if (std::find(step.model_decides.begin(), step.model_decides.end(), ctx.self) !=
            step.model_decides.end()) {
          if (recorder != nullptr) {
            recorder->OnExtraEvent(Json{{"type", "model_decided_for_team"},
                                        {"turn", ctx.turn},
                                        {"actor", scenario_.actors[ctx.self.get()].id}});
          }
          return false;
        }
        for (std::size_t a = 0; a < ctx.theaters.size(); ++a) {
          const TheaterView& view = ctx.theaters[a];
          const HumanChoice* mine = nullptr;
          for (const HumanChoice& h : step.choices) {
            if (h.actor == ctx.self && h.theater == view.theater) mine = &h;
          }
          out.choices[a] = mine != nullptr ? mine->choice : TheaterChoice{};
          if (mine == nullptr) continue;
          if (recorder != nullptr) {
            recorder->OnExtraEvent(Json{{"type", "human_decision"},
                                        {"turn", ctx.turn},
                                        {"actor", scenario_.actors[ctx.self.get()].id},
                                        {"theater", scenario_.theaters[view.theater.get()].id},
                                        {"option", mine->label}});
          }
          // The decision event lists the options the player was offered,
          // valued as the generic doctrine model would (for the debrief).
          if (out.log != nullptr) {
            const bool challenger = IsChallenger(scenario_, ctx.self, view.theater);
            OptionSet options;
            LegalOptions(view, ctx.doctrine, challenger, options);
            for (const TheaterChoice& c : options.view()) {
              const bool chosen = c.posture == mine->choice.posture &&
                                  c.share == mine->choice.share && c.move == mine->choice.move;
              out.log->push_back(
                  {a,
                   WeighedOption{c, DoctrineUtility(ctx, view, c, challenger), chosen ? 1.0 : 0.0},
                   chosen, -1.0});
            }
          }
        }
        return true;
      };
      state.ties_structure_changed = true;  // undo may have restored other ties
      sim_->PlayTurn(state, seed_, metrics, recorder, &decide);
      break;
    }
  }
}

void PlaySession::Apply(Step step, PlayRecorder* recorder) {
  undo_.push_back(Snapshot{state_, metrics_});
  ApplyTo(step, state_, metrics_, recorder);
  steps_.push_back(std::move(step));
}

bool PlaySession::Undo(std::string* what) {
  if (steps_.empty()) return false;
  const Step& last = steps_.back();
  switch (last.kind) {
    case Step::Kind::kTurn:
      *what =
          fmt::format("turn {} (back to the state after turn {})", state_.turn, state_.turn - 1);
      break;
    case Step::Kind::kInject:
    case Step::Kind::kOverride:
      *what = last.text;
      break;
  }
  const std::string reason = last.kind == Step::Kind::kOverride ? last.reason : "";
  state_ = std::move(undo_.back().state);
  metrics_ = std::move(undo_.back().metrics);
  undo_.pop_back();
  steps_.pop_back();
  for (SideEvent& earlier : undone_) {
    earlier.after_steps = std::min(earlier.after_steps, steps_.size());
  }
  // An override's reason is not in its text: the debrief shows it with the undo.
  const std::string undone = reason.empty() ? *what : fmt::format("{} (reason: {})", *what, reason);
  undone_.push_back(SideEvent{
      steps_.size(),
      Json{{"type", "facilitator"}, {"turn", state_.turn}, {"action", "undo"}, {"text", undone}}});
  return true;
}

namespace {

// `a` and `b` (each sorted by after_steps) as one list, `a` first on ties.
std::vector<SideEvent> Merged(const std::vector<SideEvent>& a, const std::vector<SideEvent>& b) {
  std::vector<SideEvent> out;
  std::merge(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out),
             [](const SideEvent& x, const SideEvent& y) { return x.after_steps < y.after_steps; });
  return out;
}

}  // namespace

bool PlaySession::WriteRunDirectory(const std::filesystem::path& dir, const Json& header,
                                    std::string* error, bool* bad_input,
                                    const std::vector<SideEvent>& side_events) {
  const std::vector<SideEvent> side = Merged(side_events, undone_);
  StagedDirectory staged(dir);
  if (!staged.Begin(error, bad_input)) return false;
  RunOutputRecorder out(scenario_, staged.staging());
  if (!out.Open(error)) return false;
  OutputRecorder recorder(scenario_, out);
  out.WriteExtraEvent(header);
  WorldState state = MakeInitialState(scenario_);
  recorder.OnStart(state);
  MetricsAccumulator metrics(scenario_);
  std::size_t next_side = 0;
  auto side_events_until = [&](std::size_t steps_done) {
    for (; next_side < side.size() && side[next_side].after_steps <= steps_done; ++next_side) {
      out.WriteExtraEvent(side[next_side].event);
    }
  };
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    side_events_until(i);
    ApplyTo(steps_[i], state, metrics, &recorder);
  }
  side_events_until(static_cast<std::size_t>(-1));
  recorder.OnEnd(metrics.Finish(seed_, state.turn));
  return out.Close(error) && staged.Commit(error);
}

}  // namespace overstretch::cli
