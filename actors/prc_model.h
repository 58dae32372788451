// The `prc` actor model (docs/model.md §3.5): the generic doctrine model plus
//   opportunism  escalate options gain `opportunism` x S, S the patron's
//                stretch as the PRC perceives it (actors/patron_stretch.h);
//   coalition    a challenger's options cost `coalition` x n(n-1)/2 x l more,
//                n the opposing actors that backed (supported or deployed)
//                last turn, l the rung the move reaches: coordinated sanctions
//                bite harder than the sum of unilateral ones (the doctrine's
//                `sanctions` term already charges per backer);
//   backing      where it is not a party but pulls to the challengers (e.g.
//                through its commitment to a challenger), support and deploy
//                options gain `backing` x pull.
//
// Parameters (actors.ID.params): the members of PrcParams, whose initialisers
// are the defaults; names, ranges and units in PrcModelInfo's table
// (actors/model_params.h), listed by `overstretch models`.
#pragma once

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

struct PrcParams {
  double opportunism = 0.25;
  double coalition = 0.005;
  double backing = 0.1;
};

class PrcModel : public DoctrineModel {
 public:
  explicit PrcModel(const PrcParams& params) : params_(params) {}
  const PrcParams& params() const { return params_; }

 protected:
  void Adjust(const DecisionContext& ctx, const TheaterView& view, DoctrineTerms& terms,
              std::span<const TheaterChoice> options, std::span<double> utilities) const override;

 private:
  PrcParams params_;
};

ModelInfo PrcModelInfo();

}  // namespace overstretch
