#include "tools/classroom/serve/game_room.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "engine/diagnostics.h"
#include "tools/classroom/facilitator_commands.h"
#include "tools/classroom/play_text.h"
#include "tools/runio/csv.h"

namespace overstretch::serve {
namespace {

using cli::Briefing;
using cli::HumanChoice;
using cli::MenuOption;
using cli::Step;
using cli::Trim;

// Records what a turn shows, for the views (and nothing else).
class TurnCapture final : public cli::PlayRecorder {
 public:
  TurnCapture(std::size_t theater_count, std::vector<ActorIndex> model_decided)
      : theater_count_(theater_count) {
    report.model_decided = std::move(model_decided);
  }
  bool wants_network() const override { return true; }  // the same path as the files
  bool wants_decisions() const override { return true; }
  void OnInject(Turn, const Inject& inject) override { report.injects.push_back(inject.label); }
  void OnTheaterOpened(Turn, TheaterIndex theater, int escalation) override {
    report.opened.push_back({theater, escalation});
  }
  void OnDecision(const DecisionRecord& r) override {
    report.decisions.push_back({r.actor, r.theater, r.side, r.applied, 0.0});
  }
  void OnAdjudication(const AdjudicationRecord& r) override { report.adjudications.push_back(r); }
  void OnAbandonment(const AbandonmentRecord& r) override { report.abandonments.push_back(r); }
  void OnTurn(const TurnRecord& r) override {
    report.turn = r.turn;
    for (auto& d : report.decisions) {
      const std::size_t slot = d.actor.get() * theater_count_ + d.theater.get();
      if (slot < r.deployed.size()) d.deployed = r.deployed[slot];
    }
  }

  TurnReport report;

 private:
  std::size_t theater_count_;
};

Json TurnEntry(Turn turn, const std::vector<HumanChoice>& choices,
               const std::vector<ActorIndex>& model_decides, const Scenario& scenario) {
  Json decisions = Json::array();
  for (const HumanChoice& c : choices) {
    decisions.push_back(Json{{"actor", scenario.actors[c.actor.get()].id},
                             {"theater", scenario.theaters[c.theater.get()].id},
                             {"posture", PostureName(c.choice.posture)},
                             {"share", c.choice.share},
                             {"move", MoveName(c.choice.move)},
                             {"bases_closed", !c.choice.grant_access}});
  }
  Json entry{{"turn", turn}, {"decisions", std::move(decisions)}};
  if (!model_decides.empty()) {
    Json ids = Json::array();
    for (ActorIndex a : model_decides) ids.push_back(scenario.actors[a.get()].id);
    entry["model_decides"] = std::move(ids);
  }
  return entry;
}

}  // namespace

GameRoom::GameRoom(const Scenario& scenario, const ScenarioSource& source,
                   std::vector<::overstretch::Override> overrides, const ModelRegistry& registry,
                   std::vector<ActorIndex> teams, Json save_header)
    : scenario_(scenario),
      source_(source),
      overrides_(std::move(overrides)),
      registry_(registry),
      session_(scenario, registry, scenario.run.seed, teams),
      teams_(std::move(teams)),
      save_header_(std::move(save_header)) {
  Rebrief();
}

Turn GameRoom::open_turn() const { return session_.Finished() ? 0 : session_.state().turn + 1; }

const Briefing* GameRoom::BriefingOf(ActorIndex team) const {
  for (const Briefing& b : briefings_) {
    if (b.actor == team) return &b;
  }
  return nullptr;
}

void GameRoom::Rebrief() {
  briefings_ = session_.Brief();
  if (orders_turn_ != session_.state().turn) {
    orders_.clear();
    orders_turn_ = session_.state().turn;
    return;
  }
  // Same turn, changed state (an inject or override): an order stands only
  // if its theater still offers the very same option at the same place.
  for (auto& [team, orders] : orders_) {
    const Briefing* b = BriefingOf(ActorIndex(team));
    for (auto it = orders.by_theater.begin(); it != orders.by_theater.end();) {
      bool valid = false;
      if (b != nullptr) {
        for (const TheaterView& v : b->views) {
          if (v.theater.value != it->first) continue;
          const std::vector<MenuOption> menu = cli::MenuOptions(scenario_, *b, v);
          valid =
              it->second.option < menu.size() && menu[it->second.option].label == it->second.label;
        }
      }
      if (valid) {
        ++it;
      } else {
        it = orders.by_theater.erase(it);
        orders.ready = false;
      }
    }
  }
}

bool GameRoom::OrdersComplete(const Briefing& b) const {
  const auto found = orders_.find(b.actor.value);
  for (const TheaterView& v : b.views) {
    if (cli::MenuOptions(scenario_, b, v).empty()) continue;
    if (found == orders_.end() || !found->second.by_theater.count(v.theater.value)) return false;
  }
  return true;
}

bool GameRoom::AllReady() const {
  if (open_turn() == 0) return false;
  for (ActorIndex t : teams_) {
    const auto found = orders_.find(t.value);
    if (found == orders_.end() || !found->second.ready) return false;
  }
  return true;
}

std::string GameRoom::SetOrder(ActorIndex team, const std::string& theater, long long option) {
  if (open_turn() == 0) return "the game is over";
  const Briefing* b = BriefingOf(team);
  if (b == nullptr) return "you have no decision to make this turn";
  for (const TheaterView& v : b->views) {
    if (TheaterId(v.theater) != theater) continue;
    const std::vector<MenuOption> menu = cli::MenuOptions(scenario_, *b, v);
    if (menu.empty()) return fmt::format("{}: you stand aside: nothing to decide", theater);
    if (option < -1 || (option >= 0 && static_cast<unsigned long long>(option) >= menu.size())) {
      return fmt::format("{}: option {} is not on the menu (0 to {})", theater, option,
                         menu.size() - 1);
    }
    TeamOrders& orders = orders_[team.value];
    orders.ready = false;  // a revision takes the team's "orders in" back
    if (option == -1) {
      orders.by_theater.erase(v.theater.value);
      return "";
    }
    const std::size_t i = static_cast<std::size_t>(option);
    orders.by_theater[v.theater.value] = Order{i, menu[i].label};
    return "";
  }
  return fmt::format("'{}' is not a theater you decide in this turn", cli::Shown(theater, 40));
}

std::string GameRoom::SetReady(ActorIndex team, bool ready) {
  if (open_turn() == 0) return "the game is over";
  const Briefing* b = BriefingOf(team);
  if (b == nullptr) return "you have no decision to make this turn";
  if (ready && !OrdersComplete(*b)) return "choose an option in every theater first";
  orders_[team.value].ready = ready;
  return "";
}

std::string GameRoom::CloseTurn(bool by_timer) {
  if (open_turn() == 0) return "the game is over (undo to go back)";
  std::vector<HumanChoice> choices;
  std::vector<ActorIndex> model_decides;
  for (const Briefing& b : briefings_) {
    if (!OrdersComplete(b)) {
      model_decides.push_back(b.actor);
      continue;
    }
    const auto found = orders_.find(b.actor.value);
    for (const TheaterView& v : b.views) {
      const std::vector<MenuOption> menu = cli::MenuOptions(scenario_, b, v);
      if (menu.empty()) continue;
      const MenuOption& m = menu[found->second.by_theater.at(v.theater.value).option];
      choices.push_back({b.actor, v.theater, m.choice, m.label});
    }
  }
  return PlayTurn(std::move(choices), std::move(model_decides), by_timer);
}

std::string GameRoom::PlayTurn(std::vector<HumanChoice> choices,
                               std::vector<ActorIndex> model_decides, bool by_timer) {
  const Turn turn = session_.state().turn + 1;
  EnactAgreements();
  // A proposal not answered before its turn closes lapses.
  for (Proposal& p : proposals_) {
    if (p.status != ProposalStatus::kPending) continue;
    p.status = ProposalStatus::kLapsed;
    AddSideEvent(
        Json{{"type", "proposal_answer"}, {"proposal", p.id}, {"by", ""}, {"reply", "lapsed"}});
  }
  log_.push_back(TurnEntry(turn, choices, model_decides, scenario_));
  TurnCapture capture(scenario_.theaters.size(), model_decides);
  Step step;
  step.kind = Step::Kind::kTurn;
  step.choices = std::move(choices);
  step.model_decides = std::move(model_decides);
  session_.Apply(std::move(step), &capture);
  TurnReport r = std::move(capture.report);
  r.turn = turn;
  r.by_timer = by_timer;
  info_.push_back(StepInfo{"", std::move(r)});
  Rebrief();
  return "";
}

std::string GameRoom::Inject(const std::string& effect, const std::string& headline) {
  return ApplyInject(effect, headline);
}

std::string GameRoom::ApplyInject(const std::string& effect, const std::string& headline) {
  const std::string text = Trim(effect);
  const std::string shown = cli::Shown(Trim(headline), 300);
  std::string why = EnactInject(text, shown, "", 0);
  if (!why.empty()) return why;
  Rebrief();
  Json entry{{"command", "inject " + text}};
  if (!shown.empty()) entry["headline"] = shown;
  log_.push_back(std::move(entry));
  return "";
}

std::string GameRoom::EnactInject(const std::string& text, const std::string& headline,
                                  const std::string& agreement, int proposal) {
  cli::FacilitatorCheck check = cli::CheckInject(session_, source_, overrides_, registry_, text);
  using Problem = cli::FacilitatorCheck::Problem;
  if (check.problem == Problem::kUsage) {
    return "inject: give an effect, e.g. {set: actors.US.global_commitments, value: 0.9}";
  }
  if (check.problem == Problem::kBadEffect) {
    std::string messages;
    for (const std::string& m : check.diagnostics) messages += (messages.empty() ? "" : "; ") + m;
    return "inject: " + (messages.empty() ? std::string("not a valid effect") : messages);
  }
  if (!check.step) return check.error;
  Step step = std::move(*check.step);
  if (!headline.empty()) step.inject.label = headline;
  if (!agreement.empty()) step.inject.label = "agreement: " + agreement;
  step.agreement = agreement;
  session_.Apply(std::move(step), nullptr);
  info_.push_back(StepInfo{headline, std::nullopt, proposal});
  return "";
}

std::string GameRoom::Override(const std::string& theater, const std::string& field,
                               const std::string& value, const std::string& reason) {
  for (const std::string* word : {&theater, &field, &value}) {
    if (word->find_first_of(" \t\r\n") != std::string::npos) {
      return "override: theater, field and value are single words";
    }
  }
  return ApplyOverride(fmt::format("{} {} {} {}", theater, field, value, Trim(reason)));
}

// The terminal's `override THEATER control|escalation VALUE REASON...`,
// validated the same way (docs/classroom.md).
std::string GameRoom::ApplyOverride(const std::string& text) {
  cli::FacilitatorCheck check = cli::CheckOverride(session_, text);
  if (check.problem == cli::FacilitatorCheck::Problem::kUsage) {
    return "override: name a theater, a field (control or escalation) and a value";
  }
  if (!check.step) return check.error;
  session_.Apply(std::move(*check.step), nullptr);
  log_.push_back(Json{{"command", "override " + text}});
  info_.push_back(StepInfo{});
  Rebrief();
  return "";
}

std::string GameRoom::Undo() { return ApplyUndo(); }

std::string GameRoom::ApplyUndo() {
  std::string what;
  if (!session_.Undo(&what)) return "undo: nothing to undo";
  // An agreement undone stays undone: it is not enacted again at the close.
  if (info_.back().proposal != 0) proposals_[info_.back().proposal - 1].undone = true;
  info_.pop_back();
  // Talks are not undone (they were said), but stay in order in the run.
  for (cli::SideEvent& e : side_events_) {
    e.after_steps = std::min(e.after_steps, session_.steps().size());
  }
  log_.push_back(Json{{"command", "undo"}});
  Rebrief();
  return "";
}

std::string GameRoom::ReplayTurn(const nlohmann::json& entry) {
  const Turn turn = session_.state().turn + 1;
  if (!entry.at("turn").is_number_integer() || entry.at("turn").get<long long>() != turn) {
    return fmt::format("expected turn {} here", turn);
  }
  if (session_.Finished()) return "the game was already over";
  if (!entry.at("decisions").is_array()) return "'decisions' must be a list";
  std::vector<ActorIndex> model_decides;
  if (entry.contains("model_decides")) {
    if (!entry.at("model_decides").is_array()) return "'model_decides' must be a list";
    for (const auto& id : entry.at("model_decides")) {
      const auto t = std::find_if(teams_.begin(), teams_.end(),
                                  [&](ActorIndex a) { return id.is_string() && Id(a) == id; });
      if (t == teams_.end()) return "'model_decides' must list teams of this game";
      model_decides.push_back(*t);
    }
  }
  std::vector<HumanChoice> choices;
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const nlohmann::json& d : entry.at("decisions")) {
    const bool shaped = d.is_object() && d.contains("actor") && d.at("actor").is_string() &&
                        d.contains("theater") && d.at("theater").is_string() &&
                        d.contains("posture") && d.at("posture").is_string() &&
                        d.contains("share") && d.at("share").is_number() && d.contains("move") &&
                        d.at("move").is_string() &&
                        (!d.contains("bases_closed") || d.at("bases_closed").is_boolean());
    if (!shaped) return "a decision needs actor, theater, posture, share, move (bases_closed)";
    const bool closed = d.contains("bases_closed") && d.at("bases_closed").get<bool>();
    const MenuOption* match = nullptr;
    const Briefing* who = nullptr;
    const TheaterView* where = nullptr;
    std::vector<MenuOption> menu;
    for (const Briefing& b : briefings_) {
      if (Id(b.actor) != d.at("actor").get<std::string>()) continue;
      for (const TheaterView& v : b.views) {
        if (TheaterId(v.theater) != d.at("theater").get<std::string>()) continue;
        who = &b;
        where = &v;
        menu = cli::MenuOptions(scenario_, b, v);
      }
    }
    for (const MenuOption& m : menu) {
      if (d.at("posture").get<std::string>() == PostureName(m.choice.posture) &&
          d.at("move").get<std::string>() == MoveName(m.choice.move) &&
          d.at("share").get<double>() == m.choice.share && closed == !m.choice.grant_access) {
        match = &m;
      }
    }
    if (match == nullptr) return "a decision that was not one of the options of its turn";
    if (!seen.insert({who->actor.value, where->theater.value}).second) {
      return "two decisions for one team in one theater";
    }
    choices.push_back({who->actor, where->theater, match->choice, match->label});
  }
  for (const Briefing& b : briefings_) {
    if (std::find(model_decides.begin(), model_decides.end(), b.actor) != model_decides.end()) {
      continue;
    }
    for (const TheaterView& v : b.views) {
      if (!cli::MenuOptions(scenario_, b, v).empty() &&
          !seen.count({b.actor.value, v.theater.value})) {
        return fmt::format("no decision for {} in {}", Id(b.actor), TheaterId(v.theater));
      }
    }
  }
  return PlayTurn(std::move(choices), std::move(model_decides), false);
}

bool GameRoom::Replay(const nlohmann::json& log, std::string* error) {
  if (!log.is_array()) {
    *error = "'log' must be a list";
    return false;
  }
  for (std::size_t i = 0; i < log.size(); ++i) {
    const nlohmann::json& e = log[i];
    std::string why;
    if (e.is_object() && e.contains("turn") && e.contains("decisions")) {
      why = ReplayTurn(e);
    } else if (e.is_object() && e.contains("command") && e.at("command").is_string()) {
      const std::string line = Trim(e.at("command").get<std::string>());
      const std::size_t space = line.find_first_of(" \t");
      const std::string word = line.substr(0, space);
      const std::string rest = space == std::string::npos ? "" : Trim(line.substr(space));
      std::string headline;
      if (e.contains("headline") && e.at("headline").is_string()) {
        headline = e.at("headline").get<std::string>();
      }
      if (word == "inject") {
        why = ApplyInject(rest, headline);
      } else if (word == "override") {
        why = ApplyOverride(rest);
      } else if (word == "undo") {
        why = ApplyUndo();
      } else {
        why = "not a command that changes the game";
      }
    } else if (e.is_object() && e.size() == 1 &&
               (e.contains("message") || e.contains("proposal") || e.contains("answer") ||
                e.contains("veto"))) {
      why = ReplayTalk(e);
    } else {
      why =
          "every log entry is a {command}, a {turn, decisions} or a message, proposal, answer "
          "or veto";
    }
    if (!why.empty()) {
      *error = fmt::format("log entry {}: {}", i + 1, why);
      return false;
    }
  }
  return true;
}

Json GameRoom::SaveJson() const {
  Json j = save_header_;
  j["log"] = log_;
  return j;
}

}  // namespace overstretch::serve
