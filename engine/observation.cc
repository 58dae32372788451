#include "engine/observation.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "engine/contest.h"
#include "engine/credibility.h"
#include "engine/delivery.h"
#include "engine/options.h"
#include "engine/turn_workspace.h"

namespace overstretch {

void PooledIntelligence(const WorldState& state, std::span<double> out) {
  // Start from each actor's own blind spot (1 - isr_i) and shrink it by every
  // partner that shares: intelligence sources are treated as independent, so
  // the chance that all of them miss is the product of their misses.
  for (std::size_t i = 0; i < state.actors.size(); ++i) out[i] = 1.0 - state.actors[i].attrs.isr;
  for (const auto& tie : state.ties) {  // sorted by (from, to): a fixed product order
    const double n = tie.attrs.intel;
    if (n <= 0.0) continue;
    out[tie.to.get()] *= 1.0 - n * state.actors[tie.from.get()].attrs.isr;
  }
  for (double& miss : out) miss = 1.0 - miss;
}

double ObserveForce(double true_force, double sigma, RandomStream& rng) {
  // The draw is consumed even when sigma is 0, so the streams of other
  // observations do not shift when one actor's fog is lifted.
  const double eps = rng.Normal();
  if (sigma <= 0.0) return true_force;
  return true_force * std::exp(sigma * eps - 0.5 * sigma * sigma);
}

namespace {

Side Opposite(Side s) {
  return s == Side::kChallengers ? Side::kDefenders
                                 : (s == Side::kDefenders ? Side::kChallengers : Side::kNone);
}

// Listed challengers and defenders are a theater's parties: they may not abstain.
bool IsParty(const Scenario& scenario, ActorIndex actor, TheaterIndex theater) {
  const auto& d = scenario.theaters[theater.get()].defenders;
  return IsChallenger(scenario, actor, theater) || std::binary_search(d.begin(), d.end(), actor);
}

// For every actor, the hosts of bases that grant it access (w.grant_*), by a
// counting sort of the ties on their target.
void IndexGrants(const WorldState& state, TurnWorkspace& w) {
  const auto grants = [&w](const TieState& tie) {
    return tie.attrs.access > 0.0 && tie.from != tie.to &&
           w.host_begin[tie.from.get()] < w.host_begin[tie.from.get() + 1];
  };
  std::fill(w.grant_begin.begin(), w.grant_begin.end(), 0);
  for (const TieState& tie : state.ties) {
    if (grants(tie)) ++w.grant_begin[tie.to.get() + 1];
  }
  for (std::size_t i = 0; i + 1 < w.grant_begin.size(); ++i) {
    w.grant_begin[i + 1] += w.grant_begin[i];
  }
  std::copy(w.grant_begin.begin(), w.grant_begin.end() - 1, w.grant_fill.begin());
  w.grant_hosts.resize(w.grant_begin.back());
  for (const TieState& tie : state.ties) {
    if (grants(tie)) w.grant_hosts[w.grant_fill[tie.to.get()]++] = tie.from;
  }
}

// Delivered share of the best route an actor can plan on: home, its own
// bases, and open bases whose host grants it access and stands on its side
// this turn (MayUseBase: the hosts' choices are not known yet). Only those
// hosts' bases are visited; the best share is a max, so their order does
// not matter.
double PlanningDelivery(const WorldState& state, const TurnWorkspace& w, ActorIndex i,
                        TheaterIndex k, Side side) {
  const double r = w.reach[i.get()];
  double share = w.planner.HomeShare(i, k, r);
  const auto consider = [&](ActorIndex host) {
    for (std::size_t h = w.host_begin[host.get()]; h < w.host_begin[host.get() + 1]; ++h) {
      const BaseIndex b = w.host_bases[h];
      if (state.base_capacity[b.get()] > 0.0) {
        share = std::max(share, w.planner.BaseShare(b, k, r));
      }
    }
  };
  consider(i);
  for (std::size_t g = w.grant_begin[i.get()]; g < w.grant_begin[i.get() + 1]; ++g) {
    const ActorIndex host = w.grant_hosts[g];
    assert(MayUseBase(state, host, i, true));
    if (w.side[w.slot(host.get(), k)] == side) consider(host);
  }
  return share;
}

// Position of a side (not kNone) in a theater's pair of SideSummary.
std::size_t SummarySlot(std::size_t a, Side side) {
  return a * 2 + (side == Side::kChallengers ? 0 : 1);
}

// The summaries of both sides of every active theater, each sum over the
// actors in index order (so the same sums as adding them up per observer),
// and the defenders' credibility of each.
void SummariseSides(const Scenario& scenario, const WorldState& state, TurnWorkspace& w) {
  for (std::size_t a = 0; a < w.active.size(); ++a) {
    const TheaterIndex k = w.active[a];
    SideSummary& c = w.summaries[SummarySlot(a, Side::kChallengers)];
    SideSummary& d = w.summaries[SummarySlot(a, Side::kDefenders)];
    c = d = SideSummary{};
    for (std::size_t j = 0; j < scenario.actors.size(); ++j) {
      const std::size_t js = w.slot(j, k);
      const ActorAttributes& attrs = state.actors[j].attrs;
      if (w.side[js] != Side::kNone && attrs.nuclear) {
        w.summaries[SummarySlot(a, w.side[js])].nuclear = true;
      }
      const Side last = state.last_side[js];
      if (last == Side::kNone) continue;
      SideSummary& s = w.summaries[SummarySlot(a, last)];
      if (state.last_choice[js].posture != Posture::kAbstain) ++s.backers;
      const double delivered = state.last_delivered[js];
      if (delivered > 0.0) {
        s.delivered += delivered;
        s.lethal += delivered * attrs.lethality;
      }
    }
    w.credibility[a] = DefendersCredibility(scenario, state, k);
  }
}

// The other side's early warning, what is at stake with allies, who asks for
// help, and what last turn's public record shows of both sides' backers and
// lethality. `own_ties`: the ties from `self`, sorted by target.
void ReadAllies(const Scenario& scenario, const WorldState& state, const TurnWorkspace& w,
                ActorIndex self, std::span<const TieState> own_ties, std::size_t a,
                TheaterView& v) {
  const std::size_t i = self.get();
  const TheaterIndex k = v.theater;
  const Side other = Opposite(v.side);
  const TheaterDef& def = scenario.theaters[k.get()];
  // How well the other side's parties see what is coming (early warning).
  for (ActorIndex j : v.side == Side::kChallengers ? def.defenders : def.challengers) {
    v.other_warning = std::max(v.other_warning, w.pooled[j.get()]);
  }
  for (ActorIndex j : v.side == Side::kChallengers ? def.challengers : def.defenders) {
    if (j == self) continue;
    const TieState* obligation = state.FindTie(self, j);
    const TieState* belief = state.FindTie(j, self);
    if (obligation && belief)
      v.credibility_at_stake += obligation->attrs.commitment * belief->attrs.trust;
  }
  // Help asked by the partners it is committed to on its side (a max: the
  // order of the partners does not matter).
  for (const TieState& obligation : own_ties) {
    const std::size_t js = w.slot(obligation.to.get(), k);
    if (obligation.to != self && obligation.attrs.commitment > 0.0 && w.side[js] == v.side) {
      v.help_requested =
          std::max(v.help_requested, obligation.attrs.commitment * state.last_choice[js].request);
    }
  }
  const SideSummary& own = w.summaries[SummarySlot(a, v.side)];
  const SideSummary& theirs = w.summaries[SummarySlot(a, other)];
  v.other_side_nuclear = theirs.nuclear;
  v.other_side_backers = theirs.backers;
  const std::size_t slot = w.slot(i, k);
  const bool self_backed =
      state.last_choice[slot].posture != Posture::kAbstain && state.last_side[slot] == v.side;
  v.own_side_backers = own.backers - (self_backed ? 1 : 0);
  v.own_lethality =
      own.delivered > 0.0 ? own.lethal / own.delivered : state.actors[i].attrs.lethality;
  v.other_lethality = theirs.delivered > 0.0 ? theirs.lethal / theirs.delivered : 0.0;
}

// Actor i's view of the a-th active theater, and its demand there.
void ObserveTheater(const Scenario& scenario, const WorldState& state, std::uint64_t seed,
                    Turn turn, TurnWorkspace& w, ActorIndex self,
                    std::span<const TieState> own_ties, std::size_t a, double sigma) {
  const std::size_t i = self.get();
  const TheaterIndex k = w.active[a];
  const std::size_t slot = w.slot(i, k);
  const TheaterState& th = state.theaters[k.get()];
  TheaterView& v = w.views[i * w.theater_count + a];
  v = TheaterView{};
  v.theater = k;
  v.side = w.side[slot];
  v.party = IsParty(scenario, self, k);
  v.pull = w.pull[slot];
  v.escalation = th.escalation;
  v.control = th.control;
  v.value = th.attrs.value;
  v.last = state.last_choice[slot];
  v.own_last_delivered = state.last_delivered[slot];

  RandomStream rng(seed, Purpose::kObserve, turn, w.actor_keys[i], w.theater_keys[k.get()]);
  const double seen_c =
      ObserveForce(state.last_phi[LastPhiSlot(k, Side::kChallengers)], sigma, rng);
  const double seen_d = ObserveForce(state.last_phi[LastPhiSlot(k, Side::kDefenders)], sigma, rng);
  if (v.side == Side::kNone) return;
  v.observed_own = v.side == Side::kChallengers ? seen_c : seen_d;
  v.observed_other = v.side == Side::kChallengers ? seen_d : seen_c;
  // Challengers discount force from allies the defenders do not trust.
  if (v.side == Side::kChallengers) v.observed_other *= w.credibility[a];
  v.delivery = PlanningDelivery(state, w, self, k, v.side);
  ReadAllies(scenario, state, w, self, own_ties, a, v);

  const double needed = w.stretch_need(v.observed_other);
  const double others = std::max(0.0, v.observed_own - v.own_last_delivered);
  w.demand[slot] = std::max(0.0, needed - others) / std::max(v.delivery, 1e-9);
}

}  // namespace

void ObserveTheaters(const Scenario& scenario, const WorldState& state, std::uint64_t seed,
                     Turn turn, TurnWorkspace& w) {
  PooledIntelligence(state, w.pooled);
  SummariseSides(scenario, state, w);
  IndexGrants(state, w);
  auto own_first = state.ties.begin();  // ties are sorted by (from, to)
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    auto own_last = own_first;
    while (own_last != state.ties.end() && own_last->from.get() == i) ++own_last;
    const std::span<const TieState> own_ties(own_first, own_last);
    own_first = own_last;
    const double sigma = ObservationSigma(scenario.run.fog, w.pooled[i]);
    for (std::size_t a = 0; a < w.active.size(); ++a) {
      ObserveTheater(scenario, state, seed, turn, w, ActorIndex(i), own_ties, a, sigma);
    }
  }
}

}  // namespace overstretch
