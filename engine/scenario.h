// The Scenario: everything a scenario file defines, loaded and validated once,
// immutable afterwards. Mutable per-run state lives in WorldState.
//
// Units: forces in force units (1 unit ≈ USD 1 bn of 2022 military spending),
// distances in km, angles in degrees, time in turns (run.days_per_turn days
// each). Every entity vector is sorted by id; an Index is a position in it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "engine/ids.h"

namespace overstretch {

inline constexpr int kMaxEscalation = 5;  // 0 latent .. 5 nuclear threshold
// An actor model's parameter values by name (ParamSpec::name); the loader
// fills in every parameter of the actor's model, defaults included.
using ModelParams = std::map<std::string, double>;

using EscalationTable = std::array<double, kMaxEscalation + 1>;

struct LatLon {
  double lat_deg = 0.0;
  double lon_deg = 0.0;
};

// Attributes of an actor that injects may change during a run (docs/model.md §1.2).
struct ActorAttributes {
  double forces = 0.0;              // F_i >= 0, force units
  double global_commitments = 0.0;  // g_i in [0,1): share tied down outside the region
  double home_reserve = 0.2;        // r_i in [0,1]: kept for homeland defence
  double readiness = 0.8;           // rho_i in (0,1]
  double reach_km = 2000.0;         // R_i > 0: loss-of-strength scale
  double lethality = 0.01;          // k_i > 0: attrition per delivered unit per day
  double regeneration = 0.1;        // gamma_i in [0,1]: share of losses restored per turn
  double isr = 0.3;                 // own ISR quality in [0,1]
  double grievance = 0.0;           // Richardson constant drive, force units per turn
  bool nuclear = false;
  LatLon home;
};

// Doctrine weights and choice settings of one actor (docs/model.md §3.5 and docs/calibration.md).
// The scenario's `doctrine` block gives defaults; each actor may override any key.
struct Doctrine {
  double security = 2.0;        // weight of expected control kept (defenders, joiners)
  double resolve = 2.5;         // weight of expected control gained (challengers)
  double credibility = 0.6;     // weight of allies' trust at stake
  double cost = 0.5;            // cost per share of available force deployed
  double support_cost = 0.03;   // flat cost of the support posture
  double escalation = 0.5;      // weight of escalation_cost at the level one stands at
  double nuclear = 1.0;         // extra cost of the nuclear threshold against a nuclear side
  double sanctions = 0.03;      // challengers' cost per opposing supporter or deployer
  double war_cost = 2.0;        // weight of expected attrition of deployed force
  double horizon = 6.0;         // turns over which control gains are valued
  double lookahead = 2.0;       // rungs above the current one that non-challengers prepare for
  double help = 1.0;            // weight of a committed partner's request for help
  double home_defence = 1.0;    // share of escalation, nuclear and war exposure a listed
                                // defender bears whether or not it deploys
  double compensation = 3.0;    // weight of the uncovered share of its side's need (defenders)
  double surprise = 0.25;       // share of the defenders' force an escalation catches out of
                                // position when they have no warning
  double inertia = 0.0;         // bonus for repeating last turn's choice
  double rationality = 12.0;    // logit precision lambda (1/utility)
  bool argmax = false;          // lambda = infinity: best option, ties by option order
  double join_threshold = 0.1;  // minimum pull to join a side
  double offensive_pull = 0.5;  // zeta: weight of commitments toward challengers
  std::vector<double> deploy_levels = {0.2, 0.5, 1.0};  // shares of A_i, at most kMaxDeployLevels
};

// The most deploy levels a doctrine may list: the loader refuses more, and a
// decision's option list (engine/options.h) is sized for this many.
inline constexpr std::size_t kMaxDeployLevels = 8;

// One scheduled choice of an actor's script, for a model that takes one
// (ModelInfo::takes_script).
struct ScriptStep {
  Turn turn = 1;
  TheaterIndex theater;
  std::uint8_t posture = 0;  // Posture enum value (engine/choice.h)
  double share = 0.0;
  int move = 0;  // -1, 0, +1
};

struct ActorDef {
  std::string id;
  std::string name;
  std::string model = "doctrine";
  ActorAttributes attrs;
  Doctrine doctrine;
  ModelParams model_params;
  std::vector<ScriptStep> script;  // only for a model that takes a script
};

struct BaseDef {
  std::string id;
  std::string name;
  LatLon location;
  ActorIndex host;
  double capacity = 0.0;  // force units that may depart from it per turn, shared by all
};

// Attributes of a directed tie i -> j, all in [0,1].
struct TieAttributes {
  double commitment = 0.0;  // m_ij: i's obligation to defend j
  double access = 0.0;      // a_ij: j's forces may use i's bases
  double intel = 0.0;       // n_ij: intelligence i shares with j
  double trust = 0.8;       // tau_ij: i's belief that j honours its commitments to i
  double hostility = 0.0;   // h_ij
};

struct TieDef {
  ActorIndex from;
  ActorIndex to;
  TieAttributes attrs;
};

struct TheaterAttributes {
  double value = 1.0;          // V_k > 0
  std::vector<double> stakes;  // s_ik in [-1,1], one per actor
};

struct TheaterDef {
  std::string id;
  std::string name;
  LatLon location;
  Turn opens = 1;
  int opening_escalation = 1;
  double initial_control = 0.0;         // c_k(0) in [0,1)
  std::vector<ActorIndex> challengers;  // sorted
  std::vector<ActorIndex> defenders;    // sorted
  TheaterAttributes attrs;
};

// A field of an entity that `set` injects may change, resolved at load time.
enum class ActorField : std::uint8_t {
  kForces,
  kGlobalCommitments,
  kHomeReserve,
  kReadiness,
  kReachKm,
  kLethality,
  kRegeneration,
  kIsr,
  kGrievance,
  kNuclear,
};
enum class TheaterField : std::uint8_t { kValue, kStake };
enum class BaseField : std::uint8_t { kCapacity };

struct Effect {
  enum class Kind : std::uint8_t { kSetActor, kSetTheater, kSetBase, kOpen, kClose, kTie, kCut };
  Kind kind = Kind::kOpen;
  std::uint32_t entity = 0;  // actor, theater or base index; tie: from
  std::uint32_t other = 0;   // tie: to; stake: actor index
  std::uint8_t field = 0;    // ActorField, TheaterField or BaseField
  double value = 0.0;        // set: new value; open: escalation
  // kTie: which attributes are given (bit i = TieAttributes member i in
  // declaration order) and their values; a tie that does not exist is added
  // with the scenario's defaults for the others.
  std::uint8_t tie_mask = 0;
  TieAttributes tie;
};

struct Inject {
  Turn turn = 1;
  std::string label;
  std::vector<Effect> effects;
};

struct Mobilisation {
  bool enabled = false;
  double step = 1.0;       // Delta t in turns
  double reaction = 0.02;  // K_ij = reaction * h_ij, per turn
  double fatigue = 0.05;   // D = fatigue * I, per turn
};

// Inadvertent escalation (docs/model.md §3.6): at conflict rungs a per-turn
// hazard of an unintended step up, h = 1 - exp(-rate intensity[e] (1 +
// losses l) (1 + stretch S)).
struct Inadvertent {
  double rate = 0.05;    // hazard per unit of intensity[e] (per turn)
  double losses = 2.0;   // relative rise per unit of the heavier side's loss share l
  double stretch = 2.0;  // relative rise per unit of the patron's bounded stretch S
};

struct RunSettings {
  int turns = 24;
  double days_per_turn = 30.0;
  double fog = 0.4;           // sigma_0
  double decisiveness = 1.0;  // beta
  EscalationTable intensity = {0, 0, 0, 0.1, 0.3, 0.5};
  EscalationTable control_rate = {0, 0, 0.005, 0.05, 0.10, 0.10};
  EscalationTable escalation_cost = {0, 0.04, 0.16, 0.36, 0.64, 2.0};
  double trust_gain = 0.05;
  double trust_loss = 0.2;
  double reputation = 0.25;
  double abandon_min = 0.3;
  double abandon_share = 0.25;    // delivered/needed below which a shortfall is abandonment
  double trust_deterrence = 0.5;  // kappa: challengers weigh an ally's force by trust^kappa
  double end_margin = 0.1;
  bool end_at_zero = true;
  double stretch_target = 0.67;
  std::uint64_t seed = 1;
  Mobilisation mobilisation;
  Inadvertent inadvertent;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string source_file;
  ActorIndex patron;
  bool has_patron = false;
  RunSettings run;
  std::vector<ActorDef> actors;      // sorted by id
  std::vector<BaseDef> bases;        // sorted by id
  std::vector<TieDef> ties;          // sorted by (from, to), unique
  std::vector<TheaterDef> theaters;  // sorted by id
  std::vector<Inject> injects;       // sorted by turn, stable in file order

  std::size_t actor_count() const { return actors.size(); }
  std::size_t theater_count() const { return theaters.size(); }
};

}  // namespace overstretch
