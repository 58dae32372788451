// Output sinks. The simulation reports what happens to a Recorder; writing
// files, databases or screens is the recorder's business, so a sweep that
// needs only the summary passes none and pays nothing for output.
#pragma once

#include <span>
#include <vector>

#include "engine/actor_model.h"
#include "engine/choice.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

struct TheaterTurn {
  TheaterIndex theater;
  TheaterStatus status = TheaterStatus::kPending;  // after this turn
  bool adjudicated = false;                        // it was active and adjudicated this turn
  int escalation_at_start = 0;                     // before the challengers' move
  int escalation = 0;                              // after it
  double control = 0.0;
  double p_challengers = 0.5;    // contest success of the challengers this turn
  double phi_challengers = 0.0;  // delivered force
  double phi_defenders = 0.0;
  int coalition_challengers = 0;  // actors on that side that supported or deployed
  int coalition_defenders = 0;
  double phi_patron = 0.0;          // the patron's part of phi_defenders
  double losses_challengers = 0.0;  // attrition this turn, departure force units
  double losses_defenders = 0.0;
};

struct ActorTurn {
  ActorIndex actor;
  double forces = 0.0;
  double available = 0.0;
  double deployed = 0.0;  // departure force allocated over all theaters
  double losses = 0.0;    // attrition this turn
  double stretch = 0.0;   // sum over theaters of demand / A_i (docs/model.md §3.9)
  double trust_in = 0.0;  // mean trust placed in it by actors it is committed to
  bool trust_in_defined = false;
  double betweenness = 0.0;  // only when the recorder wants network metrics
};

struct TurnRecord {
  Turn turn = 0;
  std::span<const TheaterTurn> theaters;  // every theater, active or not
  std::span<const ActorTurn> actors;
  std::span<const double> deployed;        // [actor * theater_count + theater], departure force
  std::span<const TheaterChoice> choices;  // [actor * theater_count + theater]
  std::span<const Side> sides;             // [actor * theater_count + theater]
  std::span<const TieState> ties;
  double cohesion = 0.0;  // mean tau_ji over pairs with m_ij > 0
  bool cohesion_defined = false;
  int abandonments = 0;
};

struct DecisionRecord {
  Turn turn = 0;
  ActorIndex actor;
  TheaterIndex theater;
  Side side = Side::kNone;
  double pull = 0.0;
  double observed_own = 0.0;
  double observed_other = 0.0;
  std::span<const WeighedOption> options;
  std::size_t chosen = 0;
  double draw = 0.0;      // the uniform draw that picked it (-1 if none was needed)
  TheaterChoice applied;  // after validation and pro-rata scaling
};

struct AdjudicationRecord {
  Turn turn = 0;
  TheaterIndex theater;
  int escalation_before = 0;
  int escalation_after = 0;
  int move = 0;  // most escalatory challenger move
  double phi_challengers = 0.0;
  double phi_defenders = 0.0;
  double p_challengers = 0.5;
  double control_before = 0.0;
  double control_after = 0.0;
  double days_fought = 0.0;
  double loss_share_challengers = 0.0;  // fractional attrition of each side
  double loss_share_defenders = 0.0;
  TheaterStatus status = TheaterStatus::kActive;
  double inadvertent_hazard = 0.0;  // chance of an unintended step up this turn (§3.6)
  bool inadvertent = false;         // it happened: escalation_after includes the step
};

// The theater reached the nuclear threshold (escalation 5) this turn.
enum class NuclearCause : std::uint8_t {
  kDeliberate = 0,   // a challenger chose to escalate to it
  kInadvertent = 1,  // an unintended step up from major conflict (§3.6)
};

struct NuclearRecord {
  Turn turn = 0;
  TheaterIndex theater;
  NuclearCause cause = NuclearCause::kDeliberate;
  // Deliberate: the challenger whose move crossed (the first by id).
  // Inadvertent: none (has_actor false); `side` is the side that took the
  // heavier losses, whose position the step came from.
  bool has_actor = false;
  ActorIndex actor;
  Side side = Side::kChallengers;
  double hazard = 0.0;          // the turn's inadvertent hazard
  double loss_share = 0.0;      // heavier fractional loss of either side this turn
  double patron_stretch = 0.0;  // bounded stretch S of the patron this turn
};

struct AbandonmentRecord {
  Turn turn = 0;
  ActorIndex abandoner;  // i: failed to deploy for j
  ActorIndex abandoned;  // j: the threatened party
  TheaterIndex theater;
  double commitment = 0.0;    // m_ij
  double trust_before = 0.0;  // tau_ji
  double trust_after = 0.0;
  double delivered_share = 0.0;  // q: delivered / needed of it (0 if it abstained), §3.7
};

struct RunSummary;

class Recorder {
 public:
  virtual ~Recorder() = default;
  // Whether to compute betweenness (Brandes) each turn: it costs more than the rest of the turn.
  virtual bool wants_network() const { return false; }
  // Whether actor models should report the options they weighed.
  virtual bool wants_decisions() const { return false; }
  // The state before turn 1 and its scheduled injects (the network that the
  // per-turn records, written after each turn, cannot show).
  virtual void OnStart(const WorldState& /*initial*/) {}
  virtual void OnInject(Turn /*turn*/, const Inject& /*inject*/) {}
  virtual void OnTheaterOpened(Turn /*turn*/, TheaterIndex /*theater*/, int /*escalation*/) {}
  virtual void OnDecision(const DecisionRecord& /*record*/) {}
  virtual void OnAdjudication(const AdjudicationRecord& /*record*/) {}
  virtual void OnAbandonment(const AbandonmentRecord& /*record*/) {}
  virtual void OnNuclearThreshold(const NuclearRecord& /*record*/) {}
  virtual void OnTurn(const TurnRecord& /*record*/) {}
  virtual void OnEnd(const RunSummary& /*summary*/) {}
};

}  // namespace overstretch
