// Delivered force (docs/model.md §3.6): one transport problem per turn, solved as a
// min-cost max-flow (engine/min_cost_flow.h). Sources are (actor,
// theater) allocations; each unit departs from the actor's home or from a
// usable base (capacity shared by every actor and theater in the turn) and
// arrives as exp(-d / reach) of itself. The solver minimises the force lost
// on the way; transit loss reduces delivered force only.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "engine/ids.h"
#include "engine/scenario.h"
#include "engine/world_state.h"

namespace overstretch {

struct DeliverySource {
  ActorIndex actor;
  TheaterIndex theater;
  double amount = 0.0;  // x_ik, departure force units, >= 0
};

struct DeliveryResult {
  std::vector<double> delivered;  // per source: force that arrives
  std::vector<double> via_home;   // per source: departure force sent from home
  std::vector<double> base_load;  // per base: departure force sent through it
};

class DeliveryPlanner {
 public:
  // Precomputes distances from every actor home and base to every theater.
  explicit DeliveryPlanner(const Scenario& scenario);
  ~DeliveryPlanner();
  DeliveryPlanner(DeliveryPlanner&&) noexcept;
  DeliveryPlanner& operator=(DeliveryPlanner&&) noexcept;

  // Solves the turn's transport problem.
  //   reach_km[i]: actor i's current reach;
  //   base_capacity[b]: current capacity of base b;
  //   usable[s * base_count + b] != 0 iff source s may depart from base b.
  // Sources whose best usable base is no better than home skip the flow
  // network (their optimum is home); the rest share the bases optimally.
  // Base capacity 0 makes a base unusable. Flows through bases are planned
  // in whole milli-units (never above a capacity or a source's amount); the
  // sub-milli remainder of a source departs from home, so for each source
  // via_home + its base departures == amount.
  // Results are resized and overwritten. Deterministic: the same inputs give
  // bit-identical results, whatever was solved before. Not for concurrent
  // calls on one planner (it reuses its storage; no allocation once it has
  // grown to the largest problem).
  void Solve(std::span<const DeliverySource> sources, std::span<const double> reach_km,
             std::span<const double> base_capacity, std::span<const std::uint8_t> usable,
             DeliveryResult& result);

  // Arrival share for actor i departing from its home / from base b toward
  // theater k, for reach R (no capacity limit): used for decisions.
  double HomeShare(ActorIndex i, TheaterIndex k, double reach_km) const;
  double BaseShare(BaseIndex b, TheaterIndex k, double reach_km) const;
  double HomeDistanceKm(ActorIndex i, TheaterIndex k) const;
  double BaseDistanceKm(BaseIndex b, TheaterIndex k) const;

  std::size_t base_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct TurnWorkspace;

// Who may depart from a base (docs/model.md §3.6): its host, or an actor the
// host grants access (access > 0 on the tie host -> actor) while standing
// beside it in the theater. What "beside" can mean depends on what is known
// when it is asked, so the caller says whether the host does:
//  - a theater opening this turn, before sides are formed: the host is a
//    listed party on the actor's side (DeliverOpeningForces);
//  - planning, before anyone decides: the host is on the actor's side this
//    turn, which counts on its side's hosts to open their bases (observation);
//  - adjudication: the host is on the actor's side, backs it (supports or
//    deploys) and did not withhold access (DeliverDeployments).
bool MayUseBase(const WorldState& state, ActorIndex host, ActorIndex actor, bool host_beside);

// Turn phase (docs/model.md §3.4): a theater that opens this turn has no
// adjudicated turn to observe yet, so its listed parties' full available
// force is delivered as the transport optimum and becomes its last_phi and
// last_delivered. Other theaters are untouched.
void DeliverOpeningForces(const Scenario& scenario, WorldState& state, Turn turn, TurnWorkspace& w);

// Turn phase (docs/model.md §3.6): the turn's deployments (w.choices) as one
// transport problem. Writes w.deployed and w.delivered for every actor and
// theater (0 where nothing was deployed).
void DeliverDeployments(const Scenario& scenario, const WorldState& state, TurnWorkspace& w);

}  // namespace overstretch
