// The `us` actor model (docs/model.md §3.5): the stretched patron. The generic
// doctrine model plus two rules, both in Finish (after a choice was made in
// every theater):
//   priority  when its deploy shares add up to more than 1, it scales them by
//             priority rather than pro rata: theater k receives a budget share
//             proportional to f_k x P_k^gamma, never more than the f_k it
//             chose (the excess goes to the others), where
//             P_k = V_k x pull_k  (what is at stake there, times how strongly
//             its commitments and stakes pull it to its side), gamma =
//             `priority_exponent`. gamma = 0 is the engine's pro-rata rule;
//             the larger gamma, the more it concentrates on its top theater.
//   request   where it cannot cover a theater it asks its partners to carry
//             more: with demand_k the departure force that would lift its side
//             to p = run.stretch_target on its own observations (the stretch
//             metric's demand, docs/model.md §3.9) and x_k = f'_k A its allocation,
//             request_k = min(1, `request_gain` x max(0, demand_k - x_k) /
//             demand_k). The engine turns the request into help_requested on
//             every partner j on its side with m_jUS > 0, and their doctrine
//             utility adds doctrine.help x m_jUS x request x f to deploying.
// Its global stretch itself needs no rule: global_commitments already
// shrinks A_i (docs/model.md §1.2).
//
// Parameters (actors.ID.params): the members of UsParams, whose initialisers
// are the defaults; names, ranges and units in UsModelInfo's table
// (actors/model_params.h), listed by `overstretch models`.
#pragma once

#include <span>

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

struct UsParams {
  double priority_exponent = 1.0;
  double request_gain = 1.0;
};

// Priority of a theater for the actor viewing it: V_k x pull (0 without a side).
double TheaterPriority(const TheaterView& view);

// Scales `shares` (one per theater, >= 0) so that they sum to 1 when they
// exceed it: weights shares[k] x priorities[k]^exponent, no theater above what
// it asked, the excess of capped theaters redistributed to the others
// (water-filling). Unchanged if the shares already sum to 1 or less. A
// theater of priority 0 gets what the others leave; with exponent 0, or all
// priorities 0, it is the pro-rata rule.
void ScaleByPriority(std::span<double> shares, std::span<const double> priorities, double exponent);

// The departure force that would lift the actor's side in `view` to
// p = run.stretch_target on its observations (the stretch metric's demand_ik).
double TheaterDemand(const DecisionContext& ctx, const TheaterView& view);

class UsModel : public DoctrineModel {
 public:
  explicit UsModel(const UsParams& params) : params_(params) {}
  const UsParams& params() const { return params_; }

 protected:
  void Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const override;

 private:
  UsParams params_;
};

ModelInfo UsModelInfo();

}  // namespace overstretch
