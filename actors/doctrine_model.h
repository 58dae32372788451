// The generic doctrine model (docs/model.md §3.5): scores every option of every
// active theater by expected utility with the actor's doctrine weights and
// picks one by a logit response, P(option) ∝ exp(lambda U).
//
// Utility of option o = (posture, share f, move) for actor i in theater k,
// with its side S, its observed balance (own side without itself, other
// side), delivered share eta and p(o) the contest success of S once i adds
// f A_i eta:
//   security     W V H rate[l] (2 p(o) - 1)      W = resolve for challenger
//                                                parties, security x pull else;
//                                                l = level after the move for
//                                                challengers, e + 1 for others
//   credibility  + credibility * stake * {+1 deploy, 0 support, -1 abstain}, e >= 2
//   help         + help * requested * f
//   cost         - cost * f - support_cost [support]
//   escalation   - escalation * cost[l] (challengers) or cost[e] * f (others)
//   nuclear      - nuclear [l = 5 against a nuclear side] (challengers),
//                - nuclear * f [e >= 4 against a nuclear side] (others)
//   sanctions    - sanctions * backers of the other side * l   (challenger parties)
//   war          - war_cost * f * expected Lanchester loss share at l (l >= 3)
//   inertia      + inertia [same posture and share as last turn]
// Challengers weigh each posture jointly with a move; "escalate" is valued
// at the best rung it opens (the most attractive level above the current
// one), since a single step to crisis gains little by itself.
// docs/model.md gives the reasoning for each term.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "actors/doctrine_terms.h"
#include "engine/actor_model.h"
#include "engine/model_registry.h"
#include "engine/options.h"  // the options it weighs: LegalOptions

namespace overstretch {

// The doctrine utility of one option (see the header comment); to weigh
// several options of one view, build its DoctrineTerms once instead.
double DoctrineUtility(const DecisionContext& ctx, const TheaterView& view,
                       const TheaterChoice& option, bool challenger);

// Chooses among utilities by logit (or argmax), writes probabilities, and
// returns the index; *draw receives the uniform draw used (-1 for argmax or
// a single option).
std::size_t ChooseOption(std::span<const double> utilities, const Doctrine& doctrine,
                         RandomStream& rng, std::span<double> probabilities, double* draw);

// The generic model, and the base of the country models: they add their
// distinctive logic through the three hooks, which by default do nothing.
class DoctrineModel : public ActorModel {
 public:
  void Decide(const DecisionContext& ctx, RandomStream& rng, DecisionOutput& out) const override;

 protected:
  // Whether `option` is open to the actor at all (e.g. legal constraints).
  // At least one option of every theater must stay allowed; if a hook
  // removes them all, the first option is kept.
  virtual bool Allows(const DecisionContext& /*ctx*/, const TheaterView& /*view*/,
                      const TheaterChoice& /*option*/) const {
    return true;
  }
  // The utilities of one theater's options after the actor's own
  // considerations: on entry utilities[o] is the doctrine utility of
  // options[o], and `terms` gives it for any other option. Called once per
  // view, so that what a model adds per view is computed once.
  virtual void Adjust(const DecisionContext& /*ctx*/, const TheaterView& /*view*/,
                      DoctrineTerms& /*terms*/, std::span<const TheaterChoice> /*options*/,
                      std::span<double> /*utilities*/) const {}
  // Runs once after a choice was made in every theater: priorities across
  // theaters, requests for help, access decisions. `choices` matches ctx.theaters.
  virtual void Finish(const DecisionContext& /*ctx*/, std::span<TheaterChoice> /*choices*/) const {}
};

ModelInfo DoctrineModelInfo();

}  // namespace overstretch
