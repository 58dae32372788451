// The `rok` actor model (docs/model.md §3.5): peninsula first. The generic doctrine
// model plus two rules:
//   floor    while a theater in which it is a listed defender is active at
//            escalation >= `threat_level` (its challengers threaten), it keeps
//            at least `peninsula_floor` of its available force there: options
//            deploying less (support included) are not allowed in that
//            theater, and elsewhere it may deploy at most 1 - floor (options
//            above are not allowed). Finish puts the home theaters first:
//            they keep the shares it chose for them, and the other theaters
//            are scaled down to share what is left, so their sum never
//            exceeds 1 - floor. If no deploy level reaches the floor, the
//            largest level is the one allowed at home.
//   history  outside its own theaters, the value of deploying (over
//            supporting) is discounted where the actors deploying beside it
//            are partners it has no alliance with (no commitment tie either
//            way): with Delta = U(deploy f) - U(support) > 0,
//              U'(deploy f) = U(support) + Delta (1 - `history` q_k),
//            q_k = mean over the non-party actors of its side that deployed in
//            k last turn (public record) of w_j, w_j = 0 for an ally
//            (commitment either way) and 1 - n_ROK,j otherwise (intelligence
//            it shares with j softens the discount). This is the seed's
//            Korea-Japan cooperation "meeting its limit" over history, with
//            GSOMIA intelligence sharing "pretty limited".
// Its low stakes in other theaters are the scenario's stakes, not a rule.
//
// Parameters (actors.ID.params): the members of RokParams, whose initialisers
// are the defaults; names, ranges and units in RokModelInfo's table
// (actors/model_params.h), listed by `overstretch models`.
#pragma once

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

struct RokParams {
  double peninsula_floor = 0.5;
  double threat_level = 1.0;
  double history = 0.5;
};

class RokModel : public DoctrineModel {
 public:
  explicit RokModel(const RokParams& params) : params_(params) {}
  const RokParams& params() const { return params_; }

  // Whether `view` is a home theater under threat: it is a listed defender
  // there and the escalation is at least threat_level (never with floor 0).
  bool FloorApplies(const DecisionContext& ctx, const TheaterView& view) const;
  // The history weight q_k of a theater (0 in its own theaters).
  double HistoryWeight(const DecisionContext& ctx, const TheaterView& view) const;

 protected:
  bool Allows(const DecisionContext& ctx, const TheaterView& view,
              const TheaterChoice& option) const override;
  void Adjust(const DecisionContext& ctx, const TheaterView& view, DoctrineTerms& terms,
              std::span<const TheaterChoice> options, std::span<double> utilities) const override;
  void Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const override;

 private:
  RokParams params_;
};

ModelInfo RokModelInfo();

}  // namespace overstretch
