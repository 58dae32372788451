// The one interface behind which every actor model sits: what its actor may
// know this turn in, one choice per active theater out (docs/model.md §3.5).
//
// Models are stateless and const: everything they remember is in the public
// record of the WorldState, handed to them through the DecisionContext. One
// model object serves every run of a scenario, on any thread.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "engine/choice.h"
#include "engine/contest.h"
#include "engine/ids.h"
#include "engine/random_stream.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

// What actor i knows of one active theater k when it decides.
struct TheaterView {
  TheaterIndex theater;
  Side side = Side::kNone;            // side it pulls to (or stands on, for parties)
  bool party = false;                 // listed challenger or defender: may not abstain
  double pull = 0.0;                  // pull toward `side`, in [0,1]
  int escalation = 0;                 // observed exactly
  double control = 0.0;               // observed exactly
  double value = 1.0;                 // V_k
  double observed_own = 0.0;          // estimated delivered force of its side last turn
  double observed_other = 0.0;        // estimated delivered force of the other side
  double own_last_delivered = 0.0;    // what it delivered itself last turn (known exactly)
  double delivery = 0.0;              // delivered per departed unit on its best usable route
  double credibility_at_stake = 0.0;  // sum over parties j of its side of m_ij * tau_ji
  double help_requested = 0.0;        // max over partners j of m_ij * request_jk
  bool other_side_nuclear = false;
  int other_side_backers = 0;    // opposing actors that supported or deployed last turn
  int own_side_backers = 0;      // own-side actors other than itself that did
  double other_warning = 0.0;    // best pooled intelligence among the other side's listed parties
  double other_lethality = 0.0;  // delivered-weighted, last turn (0 if none)
  double own_lethality = 0.0;
  TheaterChoice last;  // its own choice last turn
};

struct DecisionContext {
  const Scenario& scenario;
  // All of the state, read-only. Models read only its public parts (see
  // world_state.h): nothing stops one from reading true delivered forces.
  const WorldState& state;
  ActorIndex self;
  Turn turn = 0;
  const Doctrine& doctrine;
  double forces = 0.0;                    // own F_i
  double available = 0.0;                 // own A_i
  std::span<const TheaterView> theaters;  // active theaters, sorted by index
  // The force that lifts a side to p = run.stretch_target against a given
  // opposing force (docs/model.md §3.5, §3.9): the run's, built once.
  SuccessForce stretch_need;
  // The strongest chains of commitment (docs/model.md §3.3) reach a model
  // through each view's side and pull; the engine computes them toward the
  // theaters' parties only.
};

// An option an actor weighed, for the event log.
struct WeighedOption {
  TheaterChoice choice;
  double utility = 0.0;
  double probability = 0.0;
};

struct DecisionOutput {
  // One choice per entry of DecisionContext::theaters, same order. The engine
  // sizes it before calling Decide.
  std::span<TheaterChoice> choices;
  // When non-null, the model appends every option it weighed, tagged by the
  // position of the theater in DecisionContext::theaters.
  struct Logged {
    std::size_t view;
    WeighedOption option;
    bool chosen;
    double draw;
  };
  std::vector<Logged>* log = nullptr;
};

class ActorModel {
 public:
  virtual ~ActorModel() = default;
  virtual void Decide(const DecisionContext& ctx, RandomStream& rng, DecisionOutput& out) const = 0;
};

}  // namespace overstretch
