#include "engine/observation.h"

#include <algorithm>
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

// Delivered share of the best route an actor can plan on: home, its own
// bases, and open bases whose host grants it access and stands on its side
// this turn (MayUseBase: the hosts' choices are not known yet).
double PlanningDelivery(const Scenario& scenario, const WorldState& state, const TurnWorkspace& w,
                        ActorIndex i, TheaterIndex k, Side side) {
  const double r = w.reach[i.get()];
  double share = w.planner.HomeShare(i, k, r);
  for (std::size_t b = 0; b < scenario.bases.size(); ++b) {
    if (state.base_capacity[b] <= 0.0) continue;
    const ActorIndex host = scenario.bases[b].host;
    const bool host_on_side = w.side[w.slot(host.get(), k)] == side;
    if (MayUseBase(state, host, i, host_on_side)) {
      share = std::max(share, w.planner.BaseShare(BaseIndex(b), k, r));
    }
  }
  return share;
}

// The other side's early warning, what is at stake with allies, who asks for
// help, and what last turn's public record shows of both sides' backers and
// lethality.
void ReadAllies(const Scenario& scenario, const WorldState& state, const TurnWorkspace& w,
                ActorIndex self, TheaterView& v) {
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
  double lethal_own = 0.0, lethal_other = 0.0, del_own = 0.0, del_other = 0.0;
  for (std::size_t j = 0; j < scenario.actors.size(); ++j) {
    const std::size_t js = w.slot(j, k);
    if (j != i) {
      const TieState* obligation = state.FindTie(self, ActorIndex(j));
      if (obligation && obligation->attrs.commitment > 0.0 && w.side[js] == v.side) {
        v.help_requested = std::max(v.help_requested,
                                    obligation->attrs.commitment * state.last_choice[js].request);
      }
    }
    if (w.side[js] == other && state.actors[j].attrs.nuclear) v.other_side_nuclear = true;
    const bool backed = state.last_choice[js].posture != Posture::kAbstain;
    if (backed && state.last_side[js] == other) ++v.other_side_backers;
    if (backed && state.last_side[js] == v.side && j != i) ++v.own_side_backers;
    const double d = state.last_delivered[js];
    if (d > 0.0 && state.last_side[js] == v.side) {
      del_own += d;
      lethal_own += d * state.actors[j].attrs.lethality;
    } else if (d > 0.0 && state.last_side[js] == other) {
      del_other += d;
      lethal_other += d * state.actors[j].attrs.lethality;
    }
  }
  v.own_lethality = del_own > 0.0 ? lethal_own / del_own : state.actors[i].attrs.lethality;
  v.other_lethality = del_other > 0.0 ? lethal_other / del_other : 0.0;
}

// Actor i's view of the a-th active theater, and its demand there.
void ObserveTheater(const Scenario& scenario, const WorldState& state, std::uint64_t seed,
                    Turn turn, TurnWorkspace& w, ActorIndex self, std::size_t a, double sigma) {
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
  if (v.side == Side::kChallengers) v.observed_other *= DefendersCredibility(scenario, state, k);
  v.delivery = PlanningDelivery(scenario, state, w, self, k, v.side);
  ReadAllies(scenario, state, w, self, v);

  const RunSettings& run = scenario.run;
  const double needed = ForceForSuccess(v.observed_other, run.stretch_target, run.decisiveness);
  const double others = std::max(0.0, v.observed_own - v.own_last_delivered);
  w.demand[slot] = std::max(0.0, needed - others) / std::max(v.delivery, 1e-9);
}

}  // namespace

void ObserveTheaters(const Scenario& scenario, const WorldState& state, std::uint64_t seed,
                     Turn turn, TurnWorkspace& w) {
  PooledIntelligence(state, w.pooled);
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const double sigma = ObservationSigma(scenario.run.fog, w.pooled[i]);
    for (std::size_t a = 0; a < w.active.size(); ++a) {
      ObserveTheater(scenario, state, seed, turn, w, ActorIndex(i), a, sigma);
    }
  }
}

}  // namespace overstretch
