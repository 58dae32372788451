// The `japan` actor model (docs/model.md §3.5): legal constraints on the use of
// force. The generic doctrine model plus two rules:
//   combat    it may deploy combat forces in a theater only if
//             (a) it is a listed party there (an armed attack on Japan
//                 itself: individual self-defence), or
//             (b) a survival-threatening situation exists: its own stake on
//                 its side, s_JPN,k (negated on the challengers' side), is at
//                 least `survival_threshold`, or
//             (c) collective self-defence alongside an engaged patron: the
//                 scenario's patron stood on the same side and deployed in
//                 that theater last turn (public record).
//             Otherwise deploy options are not allowed: support only (rear
//             area logistics, ISR, access), or abstention.
//   consent   prior consultation: from escalation `consultation_level` on
//             (combat operations launched from its bases), it grants access
//             to its bases in a theater only if it is threatened there
//             ((a) or (b)) or its stake is at least `access_threshold`;
//             otherwise Finish sets grant_access = false and its bases stay
//             closed to its partners even while it supports or deploys. Below
//             that level access is routine and always granted.
// The rule is deterministic: the public record, stakes and escalation decide
// it. The randomness of the run (fog, logit choice) still decides whether
// Japan supports at all, and support is what opens its bases.
//
// Parameters (actors.ID.params): the members of JapanParams, whose initialisers
// are the defaults; names, ranges and units in JapanModelInfo's table
// (actors/model_params.h), listed by `overstretch models`.
#pragma once

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

struct JapanParams {
  double survival_threshold = 0.6;
  double access_threshold = 0.3;
  double consultation_level = 3.0;
};

class JapanModel : public DoctrineModel {
 public:
  explicit JapanModel(const JapanParams& params) : params_(params) {}
  const JapanParams& params() const { return params_; }

  // Its stake in the theater toward the side it stands on (0 without a side).
  static double SideStake(const DecisionContext& ctx, const TheaterView& view);
  // Whether the patron stood on its side and deployed there last turn.
  static bool PatronEngaged(const DecisionContext& ctx, const TheaterView& view);
  // Rules (a) or (b): an armed attack on Japan or a survival-threatening situation.
  bool Threatened(const DecisionContext& ctx, const TheaterView& view) const;
  // Whether combat deployment is lawful in the theater ((a), (b) or (c)).
  bool MayDeploy(const DecisionContext& ctx, const TheaterView& view) const;
  // Whether prior consultation lets partners use its bases in the theater.
  bool GrantsAccess(const DecisionContext& ctx, const TheaterView& view) const;

 protected:
  bool Allows(const DecisionContext& ctx, const TheaterView& view,
              const TheaterChoice& option) const override;
  void Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const override;

 private:
  JapanParams params_;
};

ModelInfo JapanModelInfo();

}  // namespace overstretch
