// What the terminal of `overstretch play` prints about a game: a human
// actor's briefing (what its government knows, under fog) and its menu, a
// turn's adjudication with its reasons, the facilitator's true state and the
// running summary. The recorders collect what a turn reports for them.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "engine/scenario.h"
#include "engine/world_state.h"
#include "tools/classroom/play_session.h"

namespace overstretch::cli {

// Keeps what one turn reported, to show the adjudication and its reasons.
class CaptureRecorder final : public PlayRecorder {
 public:
  struct Decision {
    ActorIndex actor;
    TheaterIndex theater;
    Side side;
    TheaterChoice applied;
  };
  bool wants_network() const override { return true; }  // the same path as the files
  bool wants_decisions() const override { return true; }
  void OnInject(Turn, const Inject& inject) override { injects.push_back(inject.label); }
  void OnTheaterOpened(Turn, TheaterIndex theater, int escalation) override {
    opened.push_back({theater, escalation});
  }
  void OnDecision(const DecisionRecord& r) override {
    decisions.push_back({r.actor, r.theater, r.side, r.applied});
  }
  void OnAdjudication(const AdjudicationRecord& r) override { adjudications.push_back(r); }
  void OnAbandonment(const AbandonmentRecord& r) override { abandonments.push_back(r); }
  void OnTurn(const TurnRecord& r) override {
    deployed.assign(r.deployed.begin(), r.deployed.end());
  }

  std::vector<std::string> injects;
  std::vector<std::pair<TheaterIndex, int>> opened;
  std::vector<Decision> decisions;
  std::vector<AdjudicationRecord> adjudications;
  std::vector<AbandonmentRecord> abandonments;
  std::vector<double> deployed;
};

// Same flags as the files' recorder, reports nothing: for replays.
class SilentRecorder final : public PlayRecorder {
 public:
  bool wants_network() const override { return true; }
  bool wants_decisions() const override { return true; }
};

void PrintBriefing(std::ostream& out, const Scenario& scenario, const WorldState& s,
                   const Briefing& b);
void PrintMenu(std::ostream& out, const Scenario& scenario, const Briefing& b,
               const TheaterView& view, const std::vector<MenuOption>& menu);
// Ends with PrintGameSummary.
void PrintAdjudication(std::ostream& out, const PlaySession& session, Turn turn,
                       const CaptureRecorder& c);
// The true state, hidden values included (facilitator only).
void PrintTruth(std::ostream& out, const PlaySession& session);
// One line: deterrence rate, theaters lost, escalation, cohesion, abandonments.
void PrintGameSummary(std::ostream& out, const PlaySession& session);

}  // namespace overstretch::cli
