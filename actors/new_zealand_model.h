// The `new_zealand` actor model (docs/model.md §3.5): a small force that prefers
// non-military contributions, a nuclear-free policy, and a closest partner.
// The generic doctrine model plus three rules:
//   support first  support options gain `support_bonus`; deploy options cost
//                  `deploy_penalty` x f more (f the share of A_i): disaster
//                  relief, diplomacy and ISR before combat forces.
//   nuclear-free   at the nuclear threshold (escalation 5) it withdraws: only
//                  abstention is allowed there, or support if it is a listed
//                  party (parties may not abstain).
//   closest partner  its closest partner c is the actor it holds the highest
//                  commitment tie to (m_NZ,c > 0; ties to the first in id
//                  order). Where c stood on its side and backed it (support
//                  or deploy) last turn, support and deploy options gain
//                  `partner_weight` x m_NZ,c x tau_c,NZ: standing beside c is
//                  worth the trust c places in it, as the credibility term
//                  values the trust of a theater's parties. Support and deploy
//                  gain alike, so the rule fights abstention, not the
//                  preference for support.
//
// Parameters (actors.ID.params): the members of NewZealandParams, whose initialisers
// are the defaults; names, ranges and units in NewZealandModelInfo's table
// (actors/model_params.h), listed by `overstretch models`.
#pragma once

#include <optional>

#include "actors/doctrine_model.h"
#include "engine/model_registry.h"

namespace overstretch {

struct NewZealandParams {
  double support_bonus = 0.1;
  double deploy_penalty = 0.5;
  double partner_weight = 0.2;
};

// The actor `self` holds the highest commitment tie to (m > 0), first in id
// order on ties; nullopt without one.
std::optional<ActorIndex> ClosestPartner(const WorldState& state, ActorIndex self);

class NewZealandModel : public DoctrineModel {
 public:
  explicit NewZealandModel(const NewZealandParams& params) : params_(params) {}
  const NewZealandParams& params() const { return params_; }

  // m_NZ,c x tau_c,NZ if its closest partner backed its side in the theater
  // last turn, else 0.
  static double PartnerEngagement(const DecisionContext& ctx, const TheaterView& view);

 protected:
  bool Allows(const DecisionContext& ctx, const TheaterView& view,
              const TheaterChoice& option) const override;
  void Adjust(const DecisionContext& ctx, const TheaterView& view, DoctrineTerms& terms,
              std::span<const TheaterChoice> options, std::span<double> utilities) const override;

 private:
  NewZealandParams params_;
};

ModelInfo NewZealandModelInfo();

}  // namespace overstretch
