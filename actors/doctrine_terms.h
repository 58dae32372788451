// The doctrine utility (docs/model.md §3.5) of an actor's options in one
// theater, the terms of its header comment in actors/doctrine_model.h. Most
// of its inputs depend only on the view (the side balances, the delivered
// share, the actor's forces), and the costly ones (a contest and a
// Lanchester fight per rung) only on the option's deploy share. Built once
// per view, DoctrineTerms computes the view's part once and each share's
// part the first time an option asks for it, then evaluates options from
// them with the arithmetic of one evaluation per option, so the results are
// the same bits. It holds references to the context and the view, which
// must outlive it; it allocates nothing.
#pragma once

#include <array>
#include <cstddef>

#include "engine/actor_model.h"

namespace overstretch {

class DoctrineTerms {
 public:
  DoctrineTerms(const DecisionContext& ctx, const TheaterView& view, bool challenger);

  // The utility of `option` in this view.
  double Utility(const TheaterChoice& option);

  // The same terms with the theater valued at `value` instead of view.value
  // (the value enters only the control term); shares already weighed carry over.
  DoctrineTerms Revalued(double value) const;

 private:
  // What an option's utility needs of its deploy share f.
  struct Share {
    double f = 0.0;
    double p = 0.0;           // contest success with f A_i eta added
    double p_surprise = 0.0;  // the same against the other side caught out (challengers)
    // Expected Lanchester loss share of its side at each rung.
    std::array<double, kMaxEscalation + 1> loss{};
  };
  static constexpr std::size_t kShares = 12;  // no allocation; more are computed each time

  Share Compute(double f) const;
  const Share& ForShare(double f);
  // A challenger's value of standing at `level` after deploying share f.
  double LevelValue(const Share& s, double f, int level) const;

  const DecisionContext* ctx_;
  const TheaterView* view_;
  bool challenger_;
  double others_ = 0.0;        // observed force of the rest of its side
  double control_ = 0.0;       // the control term's weight before rate and (2p - 1)
  double caught_ = 0.0;        // share of the other side caught out of position
  double base_risk_ = 0.0;     // escalation and nuclear exposure (others)
  double exposure_ = 1.0;      // the share of the risk deploying adds (others)
  bool compensates_ = false;   // a defender with a compensation weight
  double compensation_ = 0.0;  // compensation weight x own stake x shortfall
  std::array<Share, kShares> shares_{};
  std::size_t share_count_ = 0;
  Share spare_;  // a share beyond kShares
};

}  // namespace overstretch
