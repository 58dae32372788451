// The game of `overstretch serve`: one PlaySession (tools/classroom/
// play_session.h) with what the terminal cannot hold — every team's orders
// entered in parallel and revisable until the turn closes, an "orders in"
// board, and what each turn showed, kept to be shown again under fog. Every
// change goes through one of the actions below; the network layer only
// parses, authorises and calls them, then sends each viewer its own view
// (room_views.cc).
//
// The saved game is the terminal's format (tools/classroom/play.h) with these
// optional additions: an inject command may carry a "headline"; a turn may
// list "model_decides" (teams whose orders were incomplete when the turn
// closed, for whom their actor's model chose); and the talks between teams
// (talks.h) are entries of their own, replayed like the rest:
//   {"message": {"from": "JPN", "to": "ROK", "text": "..."}}   ("facilitator"
//                                              may be either party)
//   {"proposal": {"from": "JPN", "to": "ROK", "tie": "access", "direction":
//                 "give", "value": 1, "announce": true, "note": "..."}}
//   {"answer": {"proposal": 1, "by": "ROK", "reply": "accept"}}
//   {"veto": {"proposal": 1, "reason": "..."}}        (the facilitator's)
// An accepted proposal's inject is not an entry: it is enacted again when
// the turn entry that closed its turn is replayed.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "engine/model_registry.h"
#include "engine/scenario_loader.h"
#include "tools/classroom/play_session.h"
#include "tools/classroom/serve/access_codes.h"
#include "tools/classroom/serve/talks.h"

namespace overstretch::serve {

using Json = nlohmann::ordered_json;

// What one played turn showed (captured while it was adjudicated).
struct TurnReport {
  Turn turn = 0;
  std::vector<std::string> injects;
  std::vector<std::pair<TheaterIndex, int>> opened;
  struct Decision {
    ActorIndex actor;
    TheaterIndex theater;
    Side side = Side::kNone;
    TheaterChoice applied;
    double deployed = 0.0;
  };
  std::vector<Decision> decisions;
  std::vector<AdjudicationRecord> adjudications;
  std::vector<AbandonmentRecord> abandonments;
  std::vector<ActorIndex> model_decided;
  bool by_timer = false;
};

class GameRoom {
 public:
  // `teams` in the order given on the command line (the board's order).
  // Everything passed by reference must outlive the room.
  GameRoom(const Scenario& scenario, const ScenarioSource& source,
           std::vector<::overstretch::Override> overrides, const ModelRegistry& registry,
           std::vector<ActorIndex> teams, Json save_header);

  const Scenario& scenario() const { return scenario_; }
  const cli::PlaySession& session() const { return session_; }
  const std::vector<ActorIndex>& teams() const { return teams_; }
  // The turn the teams are ordering for; 0 once the game is over.
  Turn open_turn() const;

  // Replays a saved game's log; false with *error naming the entry.
  bool Replay(const nlohmann::json& log, std::string* error);

  // The actions. Each returns "" when done, else why it was refused (the
  // state is then unchanged).
  std::string SetOrder(ActorIndex team, const std::string& theater, long long option);
  std::string SetReady(ActorIndex team, bool ready);
  // Plays the open turn with the orders as they stand; a team whose orders
  // are incomplete is decided for by its actor's model (marked as such).
  std::string CloseTurn(bool by_timer);
  // An effect written as in a scenario's injects, checked like one.
  std::string Inject(const std::string& effect, const std::string& headline);
  std::string Override(const std::string& theater, const std::string& field,
                       const std::string& value, const std::string& reason);
  std::string Undo();

  // Talks between teams (room_talks.cc, talks.h). `from` nullopt: the
  // facilitator; `to`: a team's actor id or "facilitator". A team proposes
  // only to another team, and only ties between the two of them; `reply` is
  // accept or decline (the recipient) or withdraw (the proposer). An accepted
  // proposal takes effect when its turn closes: CloseTurn enacts it as an
  // inject, in the order of acceptance, just before the adjudication (the
  // orders stand as entered). Veto is the facilitator's (the network layer
  // authorises it): a pending or accepted proposal not yet in effect is
  // vetoed, with a required reason shown to its two parties only.
  std::string SendMessage(std::optional<ActorIndex> from, const std::string& to,
                          const std::string& text);
  std::string Propose(ActorIndex from, const std::string& to, const std::string& tie,
                      const std::string& direction, double value, bool announce,
                      const std::string& note);
  std::string Answer(ActorIndex by, long long proposal, const std::string& reply);
  std::string Veto(long long proposal, const std::string& reason);

  bool AllReady() const;
  // The saved game: the header given at construction plus the log.
  Json SaveJson() const;

  // Writes the run directory of the history so far (PlaySession::
  // WriteRunDirectory).
  bool WriteRunDirectory(const std::filesystem::path& dir, const Json& header, std::string* error,
                         bool* bad_input) {
    return session_.WriteRunDirectory(dir, header, error, bad_input, side_events_);
  }

  // When the open turn closes by itself (--turn-minutes), shown to everyone.
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> d) { deadline_ = d; }

  // What each viewer is sent (room_views.cc). A team's view holds only what
  // its actor observes: its fogged briefing, its own orders, the public
  // outcome of each turn and its own part in it.
  Json TeamView(ActorIndex team) const;
  Json FacilitatorView() const;
  Json ProjectorView() const;
  Json ViewFor(const Viewer& viewer) const;

 private:
  struct Order {
    std::size_t option = 0;
    std::string label;
  };
  struct TeamOrders {
    std::map<std::uint32_t, Order> by_theater;  // theater index -> option
    bool ready = false;
  };
  // Kept beside each session step (popped together on undo).
  struct StepInfo {
    std::string headline;              // inject: the public headline
    std::optional<TurnReport> report;  // turn
    int proposal = 0;                  // inject: the accepted proposal it enacts
  };

  std::string PlayTurn(std::vector<cli::HumanChoice> choices, std::vector<ActorIndex> model_decides,
                       bool by_timer);
  std::string ReplayTurn(const nlohmann::json& entry);
  std::string ApplyInject(const std::string& effect, const std::string& headline);
  // Checks and applies an inject (not logged, no rebriefing): ApplyInject
  // and agreements.
  std::string EnactInject(const std::string& effect, const std::string& headline,
                          const std::string& agreement, int proposal);
  std::string ReplayTalk(const nlohmann::json& entry);
  void AddSideEvent(Json event);
  // At a turn's close: the accepted proposals not yet in effect, as injects.
  void EnactAgreements();
  Proposal* ProposalNumbered(long long id);
  std::optional<ActorIndex> TeamNamed(const std::string& id) const;
  bool InEffect(const Proposal& p) const;
  std::string ApplyOverride(const std::string& text);
  std::string ApplyUndo();
  // After every change: fresh briefings; orders kept only while still valid.
  void Rebrief();
  bool OrdersComplete(const cli::Briefing& b) const;
  const cli::Briefing* BriefingOf(ActorIndex team) const;
  const std::string& Id(ActorIndex i) const { return scenario_.actors[i.get()].id; }
  const std::string& TheaterId(TheaterIndex k) const { return scenario_.theaters[k.get()].id; }

  // Views (room_views.cc).
  Json BriefingJson(const cli::Briefing& b) const;
  Json BoardJson() const;
  Json PublicJson() const;
  Json TeamReportJson(const TurnReport& r, ActorIndex team) const;
  Json FullReportJson(const TurnReport& r) const;
  Json TruthJson() const;
  // Messages and proposals `team` is party to; nullopt: all (facilitator).
  Json TalksJson(std::optional<ActorIndex> team) const;

  const Scenario& scenario_;
  const ScenarioSource& source_;
  std::vector<::overstretch::Override> overrides_;
  const ModelRegistry& registry_;
  cli::PlaySession session_;
  std::vector<ActorIndex> teams_;
  Json save_header_;
  Json log_ = Json::array();
  std::vector<StepInfo> info_;
  std::vector<cli::Briefing> briefings_;
  Turn orders_turn_ = -1;
  std::map<std::uint32_t, TeamOrders> orders_;  // team actor index -> orders
  std::vector<TalkMessage> messages_;
  std::vector<Proposal> proposals_;
  std::vector<int> accepted_;                // proposal ids in the order they were accepted
  std::vector<cli::SideEvent> side_events_;  // talks, for the run directory
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

}  // namespace overstretch::serve
