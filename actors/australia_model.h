// The `australia` actor model (docs/model.md §3.5): the generic doctrine model plus
//   South Pacific first  a theater closer to its home than `near_km` is worth
//                        (1 + near_priority) times its value V_k to it (the
//                        control term of its utility), and when its deploy
//                        shares exceed its available force, far theaters
//                        give way first (near ones keep their share);
//   expeditionary        deploy options gain `expeditionary` where the patron
//                        deployed on its side last turn (public record): a
//                        contribution of any size to a patron-led coalition;
//   support first        in near theaters at escalation <= `support_first_max`
//                        (influence moves, grey zone), the support option
//                        (diplomacy, aid, ISR, access) gains `support_first`,
//                        and, with `support_before_deploy` set, deploying is
//                        open only if it already supported or deployed there
//                        last turn (its own record): it answers with
//                        non-military means before forces.
//
// Parameters (actors.ID.params): the members of AustraliaParams, whose initialisers
// are the defaults; names, ranges and units in AustraliaModelInfo's table
// (actors/model_params.h), listed by `overstretch models`.
#pragma once

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

struct AustraliaParams {
  double near_km = 4000.0;
  double near_priority = 1.0;
  double expeditionary = 0.1;
  double support_first = 0.15;
  double support_first_max = 1.0;
  double support_before_deploy = 1.0;
};

class AustraliaModel : public DoctrineModel {
 public:
  explicit AustraliaModel(const AustraliaParams& params) : params_(params) {}
  const AustraliaParams& params() const { return params_; }

  // Whether `theater` lies within near_km of the actor's home.
  bool Near(const DecisionContext& ctx, TheaterIndex theater) const;

 protected:
  bool Allows(const DecisionContext& ctx, const TheaterView& view,
              const TheaterChoice& option) const override;
  void Adjust(const DecisionContext& ctx, const TheaterView& view, DoctrineTerms& terms,
              std::span<const TheaterChoice> options, std::span<double> utilities) const override;
  void Finish(const DecisionContext& ctx, std::span<TheaterChoice> choices) const override;

 private:
  // At an escalation where support comes first near home.
  bool SupportFirstRung(const TheaterView& view) const;
  // Near and at such an escalation.
  bool SupportFirst(const DecisionContext& ctx, const TheaterView& view) const;
  AustraliaParams params_;
};

ModelInfo AustraliaModelInfo();

}  // namespace overstretch
