// What GameRoom sends each viewer (tools/classroom/serve/game_room.h). The
// one rule: a team's view is built only from what its actor observes — its
// own briefing (the DecisionContext the engine hands its model, under fog),
// its own orders and decisions, the public outcome of each turn (escalation,
// control, status, days fought), abandonments it took part in, and the
// announced headlines, and the messages and proposals it is party to
// (room_talks.cc). True delivered forces, contest odds, losses, other actors'
// forces, other teams' orders and talks are only in the facilitator's view.
#include <fmt/format.h>

#include <algorithm>

#include "engine/world_state.h"
#include "tools/classroom/serve/game_room.h"
#include "tools/runio/summary_json.h"

namespace overstretch::serve {
namespace {

const char* const kLevels[] = {"latent",           "tension",        "crisis",
                               "limited conflict", "major conflict", "nuclear threshold"};

std::string Level(int e) { return e >= 0 && e <= kMaxEscalation ? kLevels[e] : ""; }

Json Number(double x) { return cli::JsonNumber(x); }

}  // namespace

Json GameRoom::BoardJson() const {
  Json board = Json::array();
  for (ActorIndex t : teams_) {
    const auto found = orders_.find(t.value);
    const bool ready = found != orders_.end() && found->second.ready;
    board.push_back(
        Json{{"team", Id(t)}, {"name", scenario_.actors[t.get()].name}, {"ready", ready}});
  }
  return board;
}

// Public: what the projector shows and every page shares.
Json GameRoom::PublicJson() const {
  const WorldState& s = session_.state();
  Json j;
  j["scenario"] = scenario_.name;
  j["turn_played"] = s.turn;
  j["turns"] = scenario_.run.turns;
  j["open_turn"] = open_turn();
  j["finished"] = session_.Finished();
  if (deadline_ && open_turn() != 0) {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(
        *deadline_ - std::chrono::steady_clock::now());
    j["seconds_left"] = std::max<long long>(0, left.count());
  } else {
    j["seconds_left"] = nullptr;
  }
  Json theaters = Json::array();
  for (std::size_t k = 0; k < scenario_.theaters.size(); ++k) {
    const TheaterState& t = s.theaters[k];
    if (t.status == TheaterStatus::kPending) continue;
    theaters.push_back(Json{{"id", scenario_.theaters[k].id},
                            {"name", scenario_.theaters[k].name},
                            {"status", TheaterStatusName(t.status)},
                            {"escalation", t.escalation},
                            {"level", Level(t.escalation)},
                            {"control", Number(t.control)}});
  }
  j["theaters"] = std::move(theaters);
  // Headlines: the scenario's injects as they happened, the facilitator's
  // announced ones (an inject without a headline is not announced), and the
  // scheduled injects of the open turn, before anyone decides.
  Json headlines = Json::array();
  const std::vector<cli::Step>& steps = session_.steps();
  Turn turn = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].kind == cli::Step::Kind::kInject && !info_[i].headline.empty()) {
      headlines.push_back(Json{{"turn", turn + 1}, {"text", info_[i].headline}});
    }
    if (info_[i].report) {
      turn = info_[i].report->turn;
      for (const std::string& label : info_[i].report->injects) {
        headlines.push_back(Json{{"turn", turn}, {"text", label}});
      }
    }
  }
  for (const ::overstretch::Inject& inject : scenario_.injects) {
    if (inject.turn == open_turn()) {
      headlines.push_back(Json{{"turn", inject.turn}, {"text", inject.label}});
    }
  }
  j["headlines"] = std::move(headlines);
  j["board"] = BoardJson();
  return j;
}

Json GameRoom::BriefingJson(const cli::Briefing& b) const {
  const WorldState& s = session_.state();
  Json j;
  j["turn"] = b.turn;
  j["forces"] = Number(b.forces);
  j["available"] = Number(b.available);
  // Its own ties and the trust partners place in it, as the terminal shows.
  Json ties = Json::array(), trusted_by = Json::array(), hostile = Json::array();
  auto allied = [](const TieState* t) {
    return t != nullptr && (t->attrs.commitment > 0 || t->attrs.access > 0 || t->attrs.intel > 0);
  };
  for (const TieState& t : s.ties) {
    if (t.from == b.actor && t.attrs.hostility > 0) {
      hostile.push_back(Json{{"to", Id(t.to)}, {"hostility", Number(t.attrs.hostility)}});
    }
    if (!allied(&t) && !allied(s.FindTie(t.to, t.from))) continue;
    if (t.from == b.actor) {
      ties.push_back(Json{{"to", Id(t.to)},
                          {"commitment", Number(t.attrs.commitment)},
                          {"access", Number(t.attrs.access)},
                          {"intel", Number(t.attrs.intel)},
                          {"trust", Number(t.attrs.trust)}});
    }
    if (t.to == b.actor)
      trusted_by.push_back(Json{{"from", Id(t.from)}, {"trust", Number(t.attrs.trust)}});
  }
  j["ties"] = std::move(ties);
  j["trusted_by"] = std::move(trusted_by);
  j["hostility"] = std::move(hostile);
  Json theaters = Json::array();
  for (const TheaterView& v : b.views) {
    Json options = Json::array();
    for (const cli::MenuOption& m : cli::MenuOptions(scenario_, b, v)) {
      options.push_back(Json{{"label", m.label},
                             {"posture", PostureName(m.choice.posture)},
                             {"share", Number(m.choice.share)},
                             {"units", Number(m.choice.share * b.available)}});
    }
    theaters.push_back(Json{{"id", TheaterId(v.theater)},
                            {"name", scenario_.theaters[v.theater.get()].name},
                            {"escalation", v.escalation},
                            {"level", Level(v.escalation)},
                            {"control", Number(v.control)},
                            {"value", Number(v.value)},
                            {"side", SideName(v.side)},
                            {"party", v.party},
                            {"pull", Number(v.pull)},
                            {"estimated_own_side", Number(v.observed_own)},
                            {"estimated_other_side", Number(v.observed_other)},
                            {"own_last_delivered", Number(v.own_last_delivered)},
                            {"delivery", Number(v.delivery)},
                            {"credibility_at_stake", Number(v.credibility_at_stake)},
                            {"help_requested", Number(v.help_requested)},
                            {"other_side_nuclear", v.other_side_nuclear},
                            {"own_side_backers", v.own_side_backers},
                            {"other_side_backers", v.other_side_backers},
                            {"options", std::move(options)}});
  }
  j["theaters"] = std::move(theaters);
  return j;
}

// One turn as a team saw it: the public outcome and its own part.
Json GameRoom::TeamReportJson(const TurnReport& r, ActorIndex team) const {
  Json j;
  j["turn"] = r.turn;
  j["model_decided_for_you"] =
      std::find(r.model_decided.begin(), r.model_decided.end(), team) != r.model_decided.end();
  Json opened = Json::array();
  for (const auto& [k, e] : r.opened)
    opened.push_back(Json{{"theater", TheaterId(k)}, {"escalation", e}});
  j["opened"] = std::move(opened);
  Json theaters = Json::array();
  for (const AdjudicationRecord& a : r.adjudications) {
    theaters.push_back(Json{{"theater", TheaterId(a.theater)},
                            {"escalation_before", a.escalation_before},
                            {"escalation_after", a.escalation_after},
                            {"control_before", Number(a.control_before)},
                            {"control_after", Number(a.control_after)},
                            {"days_fought", Number(a.days_fought)},
                            {"status", TheaterStatusName(a.status)}});
  }
  j["theaters"] = std::move(theaters);
  Json mine = Json::array();
  for (const auto& d : r.decisions) {
    if (d.actor != team) continue;
    mine.push_back(Json{{"theater", TheaterId(d.theater)},
                        {"side", SideName(d.side)},
                        {"posture", PostureName(d.applied.posture)},
                        {"departed", Number(d.deployed)}});
  }
  j["your_decisions"] = std::move(mine);
  Json abandonments = Json::array();
  for (const AbandonmentRecord& a : r.abandonments) {
    if (a.abandoner != team && a.abandoned != team) continue;
    abandonments.push_back(Json{{"abandoner", Id(a.abandoner)},
                                {"abandoned", Id(a.abandoned)},
                                {"theater", TheaterId(a.theater)}});
  }
  j["abandonments"] = std::move(abandonments);
  return j;
}

Json GameRoom::TeamView(ActorIndex team) const {
  Json j;
  j["type"] = "state";
  j["role"] = "team";
  j["team"] = Json{{"id", Id(team)}, {"name", scenario_.actors[team.get()].name}};
  j["public"] = PublicJson();
  const cli::Briefing* b = BriefingOf(team);
  j["briefing"] = b != nullptr ? BriefingJson(*b) : Json(nullptr);
  Json orders = Json::object();
  double committed = 0.0;
  bool ready = false;
  if (const auto found = orders_.find(team.value); found != orders_.end()) {
    ready = found->second.ready;
    for (const auto& [k, o] : found->second.by_theater) {
      orders[TheaterId(TheaterIndex(k))] = Json{{"option", o.option}, {"label", o.label}};
      if (b != nullptr) {
        for (const TheaterView& v : b->views) {
          if (v.theater.value == k)
            committed += cli::MenuOptions(scenario_, *b, v)[o.option].choice.share;
        }
      }
    }
  }
  j["orders"] = std::move(orders);
  j["ready"] = ready;
  j["committed_share"] = Number(committed);
  j["overcommitted"] = committed > 1.0 + 1e-9;
  Json history = Json::array();
  for (const StepInfo& info : info_) {
    if (info.report) history.push_back(TeamReportJson(*info.report, team));
  }
  j["history"] = std::move(history);
  j["talks"] = TalksJson(team);
  return j;
}

// One turn in full: the adjudication with its inputs (facilitator only).
Json GameRoom::FullReportJson(const TurnReport& r) const {
  Json j;
  j["turn"] = r.turn;
  j["closed_by_timer"] = r.by_timer;
  Json model = Json::array();
  for (ActorIndex a : r.model_decided) model.push_back(Id(a));
  j["model_decided"] = std::move(model);
  j["injects"] = r.injects;
  Json theaters = Json::array();
  for (const AdjudicationRecord& a : r.adjudications) {
    Json who = Json::array();
    for (const auto& d : r.decisions) {
      if (d.theater != a.theater) continue;
      who.push_back(Json{{"actor", Id(d.actor)},
                         {"side", SideName(d.side)},
                         {"posture", PostureName(d.applied.posture)},
                         {"move", MoveName(d.applied.move)},
                         {"departed", Number(d.deployed)},
                         {"team", session_.IsHuman(d.actor)}});
    }
    theaters.push_back(Json{{"theater", TheaterId(a.theater)},
                            {"phi_challengers", Number(a.phi_challengers)},
                            {"phi_defenders", Number(a.phi_defenders)},
                            {"p_challengers", Number(a.p_challengers)},
                            {"escalation_before", a.escalation_before},
                            {"escalation_after", a.escalation_after},
                            {"control_before", Number(a.control_before)},
                            {"control_after", Number(a.control_after)},
                            {"days_fought", Number(a.days_fought)},
                            {"loss_share_challengers", Number(a.loss_share_challengers)},
                            {"loss_share_defenders", Number(a.loss_share_defenders)},
                            {"status", TheaterStatusName(a.status)},
                            {"who", std::move(who)}});
  }
  j["theaters"] = std::move(theaters);
  Json abandonments = Json::array();
  for (const AbandonmentRecord& a : r.abandonments) {
    abandonments.push_back(Json{{"abandoner", Id(a.abandoner)},
                                {"abandoned", Id(a.abandoned)},
                                {"theater", TheaterId(a.theater)},
                                {"trust_before", Number(a.trust_before)},
                                {"trust_after", Number(a.trust_after)}});
  }
  j["abandonments"] = std::move(abandonments);
  return j;
}

Json GameRoom::TruthJson() const {
  const WorldState& s = session_.state();
  Json theaters = Json::array();
  for (std::size_t k = 0; k < scenario_.theaters.size(); ++k) {
    const TheaterState& t = s.theaters[k];
    theaters.push_back(Json{{"id", scenario_.theaters[k].id},
                            {"status", TheaterStatusName(t.status)},
                            {"escalation", t.escalation},
                            {"control", Number(t.control)},
                            {"delivered_challengers", Number(s.last_phi[k * 2])},
                            {"delivered_defenders", Number(s.last_phi[k * 2 + 1])}});
  }
  Json actors = Json::array();
  for (std::size_t i = 0; i < scenario_.actors.size(); ++i) {
    const ActorState& a = s.actors[i];
    actors.push_back(Json{{"id", scenario_.actors[i].id},
                          {"forces", Number(a.attrs.forces)},
                          {"available", Number(AvailableForce(a.attrs))},
                          {"global_commitments", Number(a.attrs.global_commitments)},
                          {"readiness", Number(a.attrs.readiness)},
                          {"losses", Number(a.losses_total)},
                          {"team", session_.IsHuman(ActorIndex(i))}});
  }
  Json ties = Json::array();
  for (const TieState& t : s.ties) {
    ties.push_back(Json{{"from", Id(t.from)},
                        {"to", Id(t.to)},
                        {"commitment", Number(t.attrs.commitment)},
                        {"access", Number(t.attrs.access)},
                        {"intel", Number(t.attrs.intel)},
                        {"trust", Number(t.attrs.trust)},
                        {"hostility", Number(t.attrs.hostility)}});
  }
  return Json{
      {"theaters", std::move(theaters)}, {"actors", std::move(actors)}, {"ties", std::move(ties)}};
}

Json GameRoom::FacilitatorView() const {
  Json j;
  j["type"] = "state";
  j["role"] = "facilitator";
  j["public"] = PublicJson();
  j["truth"] = TruthJson();
  Json teams = Json::array();
  for (ActorIndex t : teams_) {
    Json orders = Json::object();
    bool ready = false;
    if (const auto found = orders_.find(t.value); found != orders_.end()) {
      ready = found->second.ready;
      for (const auto& [k, o] : found->second.by_theater)
        orders[TheaterId(TheaterIndex(k))] = o.label;
    }
    const cli::Briefing* b = BriefingOf(t);
    teams.push_back(Json{{"team", Id(t)},
                         {"ready", ready},
                         {"complete", b != nullptr && OrdersComplete(*b)},
                         {"orders", std::move(orders)}});
  }
  j["teams"] = std::move(teams);
  // "View as team X": exactly what that team's page shows.
  Json as_team = Json::object();
  for (ActorIndex t : teams_) as_team[Id(t)] = TeamView(t);
  j["team_views"] = std::move(as_team);
  Json history = Json::array();
  for (const StepInfo& info : info_) {
    if (info.report) history.push_back(FullReportJson(*info.report));
  }
  j["history"] = std::move(history);
  Json steps = Json::array();
  for (const cli::Step& st : session_.steps()) {
    if (st.kind == cli::Step::Kind::kTurn) continue;
    if (st.kind == cli::Step::Kind::kOverride) {
      steps.push_back(fmt::format("{} (reason: {})", st.text, st.reason));
    } else if (!st.agreement.empty()) {
      steps.push_back(fmt::format("agreement between teams: {} ({})", st.agreement, st.text));
    } else {
      steps.push_back(st.text);
    }
  }
  j["facilitator_steps"] = std::move(steps);
  j["talks"] = TalksJson(std::nullopt);
  const RunSummary sum = session_.Summary();
  j["summary"] = Json{{"theaters_lost", sum.theaters_lost},
                      {"theaters_opened", sum.theaters_opened},
                      {"max_escalation", sum.max_escalation},
                      {"abandonment_events", sum.abandonment_events}};
  return j;
}

Json GameRoom::ProjectorView() const {
  Json j;
  j["type"] = "state";
  j["role"] = "projector";
  j["public"] = PublicJson();
  return j;
}

Json GameRoom::ViewFor(const Viewer& viewer) const {
  switch (viewer.role) {
    case Role::kTeam:
      return TeamView(viewer.team);
    case Role::kFacilitator:
      return FacilitatorView();
    case Role::kProjector:
      return ProjectorView();
  }
  return ProjectorView();
}

}  // namespace overstretch::serve
