// The `dprk` actor model (docs/model.md §3.5): the generic doctrine model plus, in
// every theater where the actor is a listed challenger,
//   provocation cycle  a cycle of `cycle_period` turns counted from the
//                      theater's opening: in its first half (provocation)
//                      options that leave the theater at crisis (2) gain
//                      `cycle_bonus` (escalate from 1, hold at 2); in the
//                      second half (calm) options that leave it at grey zone
//                      (1) gain it (de-escalate from 2, hold at 1). Defusing
//                      to 0 is not an option while the cycle runs, unless
//                      the position is hopeless: the observed success chance
//                      of its side is below `hopeless_p`;
//   opportunism        escalate options gain `opportunism` x S, S the
//                      patron's perceived stretch (actors/patron_stretch.h);
//   backing resolve    with B actors of its side that supported or deployed
//                      last turn (the public record: the PRC's backing, in
//                      the default scenario), the escalation cost of the
//                      rung the move reaches weighs 1 / (1 + backing_resolve B)
//                      of the doctrine's;
//   nuclear coercion   at escalation >= 4, options that reach or hold the
//                      nuclear threshold (5) get back `nuclear_coercion` x D
//                      of its extra cost over rung 4 (escalation weight x
//                      (cost[5] - cost[4]) + nuclear weight against a nuclear
//                      side), D = max(0, 1 - 2 p0) the dominance of the other
//                      side's observed delivered force (p0 its own side's
//                      observed success chance): the threat is worth most to
//                      the side that is losing conventionally.
//
// Parameters (actors.ID.params): the members of DprkParams, whose initialisers
// are the defaults; names, ranges and units in DprkModelInfo's table
// (actors/model_params.h), listed by `overstretch models`.
#pragma once

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

struct DprkParams {
  double cycle_period = 4.0;
  double cycle_bonus = 0.6;
  double hopeless_p = 0.05;
  double opportunism = 0.2;
  double backing_resolve = 0.3;
  double nuclear_coercion = 0.5;
};

// The phase of the provocation cycle at `turn` for a theater opened at
// `opened`: true in the provocation half (the first ceil(period / 2) turns of
// each cycle), false in the calm half.
bool ProvocationPhase(Turn turn, Turn opened, int period);

class DprkModel : public DoctrineModel {
 public:
  explicit DprkModel(const DprkParams& params) : params_(params) {}
  const DprkParams& params() const { return params_; }

 protected:
  bool Allows(const DecisionContext& ctx, const TheaterView& view,
              const TheaterChoice& option) const override;
  void Adjust(const DecisionContext& ctx, const TheaterView& view, DoctrineTerms& terms,
              std::span<const TheaterChoice> options, std::span<double> utilities) const override;

 private:
  int period() const;
  DprkParams params_;
};

ModelInfo DprkModelInfo();

}  // namespace overstretch
