#include "engine/simulation.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/adjudication.h"
#include "engine/alliance_graph.h"
#include "engine/alliance_pull.h"
#include "engine/contest.h"
#include "engine/credibility.h"
#include "engine/delivery.h"
#include "engine/inadvertent_escalation.h"
#include "engine/injects.h"
#include "engine/mobilisation.h"
#include "engine/observation.h"
#include "engine/random_stream.h"
#include "engine/updates.h"

namespace overstretch {

// Scratch space of one turn, sized once per Simulation so that a turn does
// not allocate (sweeps play millions of them).
struct Simulation::Workspace {
  Workspace(const Scenario& s)
      : graph(s.actors.size()), planner(s) {
    const std::size_t n = s.actors.size();
    const std::size_t t = s.theaters.size();
    actor_keys.reserve(n);
    for (const auto& a : s.actors) actor_keys.push_back(StableKey(a.id));
    theater_keys.reserve(t);
    for (const auto& th : s.theaters) theater_keys.push_back(StableKey(th.id));
    available.assign(n, 0.0);
    chains.assign(n * n, 0.0);
    pooled.assign(n, 0.0);
    side.assign(n * t, Side::kNone);
    pull.assign(n * t, 0.0);
    views.assign(n * t, TheaterView{});
    choices.assign(n * t, TheaterChoice{});
    demand.assign(n * t, 0.0);
    deployed.assign(n * t, 0.0);
    delivered.assign(n * t, 0.0);
    source_of.assign(n * t, -1);
    losses.assign(n, 0.0);
    phi.assign(2 * t, 0.0);
    phi_patron.assign(t, 0.0);
    theater_turns.assign(t, TheaterTurn{});
    actor_turns.assign(n, ActorTurn{});
    betweenness.assign(n, 0.0);
    active.reserve(t);
    escalation_at_decision.reserve(t);
    sources.reserve(n * t);
    usable.reserve(n * t * s.bases.size());
    fatigue.assign(n, s.run.mobilisation.fatigue);
    grievance.assign(n, 0.0);
    if (s.run.mobilisation.enabled) mobilisation_k.assign(n * n, 0.0);
    reach.assign(n, 0.0);
    forces.assign(n, 0.0);
    trust_in.assign(2 * n, 0.0);
  }

  AllianceGraph graph;
  DeliveryPlanner planner;
  std::vector<std::uint64_t> actor_keys, theater_keys;
  std::vector<double> available, chains, pooled;
  std::vector<TheaterIndex> active;
  std::vector<int> escalation_at_decision;
  std::vector<Side> side;
  std::vector<double> pull;
  std::vector<TheaterView> views;
  std::vector<TheaterChoice> choices;
  std::vector<double> demand, deployed, delivered;
  std::vector<int> source_of;
  std::vector<double> losses, phi, phi_patron;
  std::vector<DeliverySource> sources;
  std::vector<std::uint8_t> usable;
  DeliveryResult delivery;
  std::vector<DecisionOutput::Logged> log;
  std::vector<WeighedOption> log_options;
  std::vector<TheaterTurn> theater_turns;
  std::vector<ActorTurn> actor_turns;
  std::vector<double> betweenness;
  std::vector<double> trust_delta;
  std::vector<double> fatigue, grievance, mobilisation_k;
  std::vector<double> reach, forces, trust_in;
};

Simulation::Simulation(const Scenario& scenario, const ModelRegistry& registry)
    : scenario_(&scenario) {
  models_.reserve(scenario.actors.size());
  for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
    const ActorDef& a = scenario.actors[i];
    const ModelInfo* info = registry.Find(a.model);
    if (info == nullptr) {
      throw std::invalid_argument("actor " + a.id + ": no actor model named '" + a.model + "'");
    }
    models_.push_back(info->make(scenario, ActorIndex(i)));
    if (!models_.back()) {
      throw std::invalid_argument("actor " + a.id + ": model '" + a.model + "' failed to build");
    }
  }
  ws_ = std::make_unique<Workspace>(scenario);
}

Simulation::~Simulation() = default;

namespace {

bool Contains(const std::vector<ActorIndex>& sorted, ActorIndex i) {
  return std::binary_search(sorted.begin(), sorted.end(), i);
}

std::size_t SideSlot(TheaterIndex k, Side s) {
  return k.get() * 2 + (s == Side::kChallengers ? 0 : 1);
}

Side Opposite(Side s) {
  return s == Side::kChallengers ? Side::kDefenders
                                 : (s == Side::kDefenders ? Side::kChallengers : Side::kNone);
}

// Enforces the option rules on a choice, whoever made it: the engine is the
// one entry point that changes state, so a model, a script or a player can
// never apply an illegal option.
TheaterChoice Sanitise(TheaterChoice c, Side side, bool party, bool challenger) {
  if (!std::isfinite(c.share)) c.share = 0.0;
  if (!std::isfinite(c.request)) c.request = 0.0;
  c.share = std::clamp(c.share, 0.0, 1.0);
  c.request = std::clamp(c.request, 0.0, 1.0);
  if (c.posture != Posture::kAbstain && c.posture != Posture::kSupport &&
      c.posture != Posture::kDeploy) {
    c.posture = Posture::kAbstain;
  }
  if (c.move != Move::kDeescalate && c.move != Move::kHold && c.move != Move::kEscalate) {
    c.move = Move::kHold;
  }
  if (side == Side::kNone) return TheaterChoice{};
  if (c.posture == Posture::kDeploy && c.share <= 0.0) c.posture = Posture::kSupport;
  if (c.posture != Posture::kDeploy) c.share = 0.0;
  if (party && c.posture == Posture::kAbstain) c.posture = Posture::kSupport;
  if (!challenger) c.move = Move::kHold;
  return c;
}

}  // namespace

bool Simulation::Finished(const WorldState& state) const {
  if (state.turn >= scenario_->run.turns) return true;
  for (const TheaterState& t : state.theaters) {
    if (t.status == TheaterStatus::kPending || t.status == TheaterStatus::kActive) return false;
  }
  return true;
}

void Simulation::PlayTurn(WorldState& state, std::uint64_t seed, MetricsAccumulator& metrics,
                          Recorder* recorder, const DecisionOverride* override_decision) {
  const Scenario& sc = *scenario_;
  const RunSettings& run = sc.run;
  Workspace& w = *ws_;
  const std::size_t n = sc.actors.size();
  const std::size_t tcount = sc.theaters.size();
  const std::size_t bcount = sc.bases.size();
  const Turn turn = state.turn + 1;

  // ---- 1. Injects and scheduled openings -------------------------------
  for (const Inject& inject : sc.injects) {
    if (inject.turn != turn) continue;
    for (const Effect& e : inject.effects) ApplyEffect(sc, state, e, turn, recorder);
    if (recorder != nullptr) recorder->OnInject(turn, inject);
  }
  for (std::size_t k = 0; k < tcount; ++k) {
    TheaterState& th = state.theaters[k];
    if (th.status == TheaterStatus::kPending && sc.theaters[k].opens == turn) {
      OpenTheater(sc, state, TheaterIndex(k), sc.theaters[k].opening_escalation, turn, recorder);
    }
  }

  for (std::size_t i = 0; i < n; ++i) w.available[i] = AvailableForce(state.actors[i].attrs);
  std::vector<double>& reach = w.reach;
  for (std::size_t i = 0; i < n; ++i) reach[i] = state.actors[i].attrs.reach_km;

  // A theater that opens this turn has no adjudicated turn to observe yet:
  // actors see the transport optimum of its direct parties' full force.
  {
    w.sources.clear();
    w.usable.clear();
    for (std::size_t k = 0; k < tcount; ++k) {
      if (state.theaters[k].status != TheaterStatus::kActive || state.theaters[k].opened != turn) {
        continue;
      }
      const TheaterDef& def = sc.theaters[k];
      state.last_phi[SideSlot(TheaterIndex(k), Side::kChallengers)] = 0.0;
      state.last_phi[SideSlot(TheaterIndex(k), Side::kDefenders)] = 0.0;
      for (std::size_t i = 0; i < n; ++i) state.last_delivered[i * tcount + k] = 0.0;
      for (const auto* group : {&def.challengers, &def.defenders}) {
        for (ActorIndex i : *group) {
          w.sources.push_back(DeliverySource{i, TheaterIndex(k), w.available[i.get()]});
          for (std::size_t b = 0; b < bcount; ++b) {
            const ActorIndex host = sc.bases[b].host;
            const TieState* grant = state.FindTie(host, i);
            const bool allied_host = Contains(*group, host);
            w.usable.push_back(host == i || (allied_host && grant && grant->attrs.access > 0.0));
          }
        }
      }
    }
    if (!w.sources.empty()) {
      w.planner.Solve(w.sources, reach, state.base_capacity, w.usable, w.delivery);
      // Accumulate in source order (actor order within each group).
      for (std::size_t s = 0; s < w.sources.size(); ++s) {
        const DeliverySource& src = w.sources[s];
        const TheaterDef& def = sc.theaters[src.theater.get()];
        const Side side = Contains(def.challengers, src.actor) ? Side::kChallengers : Side::kDefenders;
        state.last_phi[SideSlot(src.theater, side)] += w.delivery.delivered[s];
        state.last_delivered[src.actor.get() * tcount + src.theater.get()] = w.delivery.delivered[s];
      }
    }
  }

  w.active.clear();
  for (std::size_t k = 0; k < tcount; ++k) {
    if (state.theaters[k].status == TheaterStatus::kActive) w.active.push_back(TheaterIndex(k));
  }

  // ---- 2. Alliance graph: strongest chains of commitment ---------------
  if (state.ties_structure_changed) {
    w.graph.Rebuild(state.ties);
    state.ties_structure_changed = false;
  } else {
    w.graph.UpdateWeights(state.ties);
  }
  w.graph.StrongestChains(w.chains);

  // Sides for every actor in every active theater (MODEL.md §5, alliance pull).
  ComputeSides(sc, state, w.active, w.chains, w.side, w.pull);

  // ---- 3. Observe -------------------------------------------------------
  PooledIntelligence(state, w.pooled);
  const double beta = run.decisiveness;
  for (std::size_t i = 0; i < n; ++i) {
    const double sigma = ObservationSigma(run.fog, w.pooled[i]);
    for (std::size_t a = 0; a < w.active.size(); ++a) {
      const TheaterIndex k = w.active[a];
      const std::size_t slot = i * tcount + k.get();
      const TheaterDef& def = sc.theaters[k.get()];
      const TheaterState& th = state.theaters[k.get()];
      TheaterView& v = w.views[i * tcount + a];
      v = TheaterView{};
      v.theater = k;
      v.side = w.side[slot];
      v.party = Contains(def.challengers, ActorIndex(i)) || Contains(def.defenders, ActorIndex(i));
      v.pull = w.pull[slot];
      v.escalation = th.escalation;
      v.control = th.control;
      v.value = th.attrs.value;
      v.last = state.last_choice[slot];
      v.own_last_delivered = state.last_delivered[slot];

      RandomStream rng(seed, Purpose::kObserve, turn, w.actor_keys[i], w.theater_keys[k.get()]);
      const double seen_c = ObserveForce(state.last_phi[SideSlot(k, Side::kChallengers)], sigma, rng);
      const double seen_d = ObserveForce(state.last_phi[SideSlot(k, Side::kDefenders)], sigma, rng);
      if (v.side == Side::kNone) continue;
      const Side other = Opposite(v.side);
      v.observed_own = v.side == Side::kChallengers ? seen_c : seen_d;
      v.observed_other = v.side == Side::kChallengers ? seen_d : seen_c;
      // Challengers discount force from allies the defenders do not trust.
      if (v.side == Side::kChallengers) v.observed_other *= DefendersCredibility(sc, state, k);

      // Best usable route for planning: home, own bases, and bases of hosts
      // that grant access and stand on the same side this turn.
      const double r = reach[i];
      double share = w.planner.HomeShare(ActorIndex(i), k, r);
      for (std::size_t b = 0; b < bcount; ++b) {
        if (state.base_capacity[b] <= 0.0) continue;
        const ActorIndex host = sc.bases[b].host;
        bool ok = host.get() == i;
        if (!ok) {
          const TieState* grant = state.FindTie(host, ActorIndex(i));
          ok = grant && grant->attrs.access > 0.0 && w.side[host.get() * tcount + k.get()] == v.side;
        }
        if (ok) share = std::max(share, w.planner.BaseShare(BaseIndex(b), k, r));
      }
      v.delivery = share;

      // What is at stake with allies, and who asks for help.
      const auto& parties = v.side == Side::kChallengers ? def.challengers : def.defenders;
      for (ActorIndex j : parties) {
        if (j.get() == i) continue;
        const TieState* obligation = state.FindTie(ActorIndex(i), j);
        const TieState* belief = state.FindTie(j, ActorIndex(i));
        if (obligation && belief) {
          v.credibility_at_stake += obligation->attrs.commitment * belief->attrs.trust;
        }
      }
      double lethal_own = 0.0, lethal_other = 0.0, del_own = 0.0, del_other = 0.0;
      for (std::size_t j = 0; j < n; ++j) {
        const std::size_t js = j * tcount + k.get();
        if (j != i) {
          const TieState* obligation = state.FindTie(ActorIndex(i), ActorIndex(j));
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

      // Demand: departure force that would lift its side to stretch_target.
      const double needed = ForceForSuccess(v.observed_other, run.stretch_target, beta);
      const double others = std::max(0.0, v.observed_own - v.own_last_delivered);
      w.demand[slot] = std::max(0.0, needed - others) / std::max(v.delivery, 1e-9);
    }
  }

  // ---- 4. Decide --------------------------------------------------------
  const bool log_decisions = recorder != nullptr && recorder->wants_decisions();
  std::fill(w.choices.begin(), w.choices.end(), TheaterChoice{});
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t count = w.active.size();
    std::span<const TheaterView> views(w.views.data() + i * tcount, count);
    std::span<TheaterChoice> out_choices(w.choices.data() + i * tcount, count);
    DecisionContext ctx{sc,
                        state,
                        ActorIndex(i),
                        turn,
                        sc.actors[i].doctrine,
                        state.actors[i].attrs.forces,
                        w.available[i],
                        views,
                        std::span<const double>(w.chains.data() + i * n, n)};
    w.log.clear();
    DecisionOutput out{out_choices, log_decisions ? &w.log : nullptr};
    const bool overridden = override_decision != nullptr && (*override_decision)(ctx, out);
    if (!overridden && count > 0) {
      RandomStream rng(seed, Purpose::kDecide, turn, w.actor_keys[i]);
      models_[i]->Decide(ctx, rng, out);
    }
    // Validate, then scale deployments pro rata if their shares exceed 1.
    double total = 0.0;
    for (std::size_t a = 0; a < count; ++a) {
      const TheaterDef& def = sc.theaters[w.active[a].get()];
      const bool challenger = Contains(def.challengers, ActorIndex(i));
      out_choices[a] = Sanitise(out_choices[a], views[a].side, views[a].party, challenger);
      total += out_choices[a].share;
    }
    if (total > 1.0) {
      for (std::size_t a = 0; a < count; ++a) out_choices[a].share /= total;
    }
    // Move the choices to their theater slots (views are packed by active position).
    for (std::size_t a = count; a-- > 0;) {
      const TheaterIndex k = w.active[a];
      const TheaterChoice c = out_choices[a];
      out_choices[a] = TheaterChoice{};
      w.choices[i * tcount + k.get()] = c;
    }
    if (log_decisions) {
      for (std::size_t a = 0; a < count; ++a) {
        w.log_options.clear();
        std::size_t chosen = 0;
        double draw = -1.0;
        for (const auto& entry : w.log) {
          if (entry.view != a) continue;
          if (entry.chosen) {
            chosen = w.log_options.size();
            draw = entry.draw;
          }
          w.log_options.push_back(entry.option);
        }
        const TheaterView& v = views[a];
        recorder->OnDecision(DecisionRecord{turn, ActorIndex(i), v.theater, v.side, v.pull,
                                            v.observed_own, v.observed_other, w.log_options,
                                            chosen, draw, w.choices[i * tcount + v.theater.get()]});
      }
    }
  }

  // ---- 5. Adjudicate ----------------------------------------------------
  w.sources.clear();
  w.usable.clear();
  std::fill(w.source_of.begin(), w.source_of.end(), -1);
  std::fill(w.deployed.begin(), w.deployed.end(), 0.0);
  std::fill(w.delivered.begin(), w.delivered.end(), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (TheaterIndex k : w.active) {
      const std::size_t slot = i * tcount + k.get();
      const TheaterChoice& c = w.choices[slot];
      if (c.posture != Posture::kDeploy) continue;
      const double x = c.share * w.available[i];
      w.deployed[slot] = x;
      if (x <= 0.0) continue;
      w.source_of[slot] = static_cast<int>(w.sources.size());
      w.sources.push_back(DeliverySource{ActorIndex(i), k, x});
      for (std::size_t b = 0; b < bcount; ++b) {
        // A base is usable by its host, or by an actor the host grants access
        // and stands beside in this theater (support is what grants access).
        const ActorIndex host = sc.bases[b].host;
        bool ok = host.get() == i;
        if (!ok) {
          const TieState* grant = state.FindTie(host, ActorIndex(i));
          const std::size_t hs = host.get() * tcount + k.get();
          ok = grant && grant->attrs.access > 0.0 && w.choices[hs].posture != Posture::kAbstain &&
               w.choices[hs].grant_access && w.side[hs] == w.side[slot];
        }
        w.usable.push_back(ok ? 1 : 0);
      }
    }
  }
  if (!w.sources.empty()) w.planner.Solve(w.sources, reach, state.base_capacity, w.usable, w.delivery);
  for (std::size_t s = 0; s < w.sources.size(); ++s) {
    const DeliverySource& src = w.sources[s];
    w.delivered[src.actor.get() * tcount + src.theater.get()] = w.delivery.delivered[s];
  }

  std::fill(w.losses.begin(), w.losses.end(), 0.0);
  w.escalation_at_decision.clear();
  for (std::size_t k = 0; k < tcount; ++k) {
    TheaterTurn& rec = w.theater_turns[k];
    rec = TheaterTurn{};
    rec.theater = TheaterIndex(k);
  }
  // The patron's stretch this turn, bounded to [0, 1): it drives the hazard
  // of inadvertent escalation (§3.6).
  const double patron_stretch =
      sc.has_patron ? BoundedStretch(ActorStretch(w.demand, w.side, w.active, sc.patron.get(),
                                                  tcount, w.available[sc.patron.get()]))
                    : 0.0;
  for (TheaterIndex k : w.active) {
    const TheaterDef& def = sc.theaters[k.get()];
    TheaterState& th = state.theaters[k.get()];
    TheaterTurn& rec = w.theater_turns[k.get()];
    w.escalation_at_decision.push_back(th.escalation);

    double phi_c = 0.0, phi_d = 0.0, lethal_c = 0.0, lethal_d = 0.0, phi_patron = 0.0;
    int coalition_c = 0, coalition_d = 0;
    for (std::size_t i = 0; i < n; ++i) {  // sorted-id order: sums are reproducible
      const std::size_t slot = i * tcount + k.get();
      const double d = w.delivered[slot];
      const Side side = w.side[slot];
      const bool backs = w.choices[slot].posture != Posture::kAbstain;
      if (side == Side::kChallengers) {
        phi_c += d;
        lethal_c += d * state.actors[i].attrs.lethality;
        coalition_c += backs ? 1 : 0;
      } else if (side == Side::kDefenders) {
        phi_d += d;
        lethal_d += d * state.actors[i].attrs.lethality;
        coalition_d += backs ? 1 : 0;
        if (sc.has_patron && sc.patron.get() == i) phi_patron += d;
      }
    }
    const double p = ContestSuccess(phi_c, phi_d, beta);
    int move = -1;
    for (ActorIndex c : def.challengers) {
      move = std::max(move, static_cast<int>(w.choices[c.get() * tcount + k.get()].move));
    }
    const int before = th.escalation;
    const double control_before = th.control;
    th.escalation = ApplyMove(th.escalation, move);
    th.max_escalation = std::max(th.max_escalation, th.escalation);
    const Attrition att = ResolveAttrition(run, th.escalation, phi_c, phi_d,
                                           phi_d > 0 ? lethal_d / phi_d : 0.0,
                                           phi_c > 0 ? lethal_c / phi_c : 0.0);
    double lost_c = 0.0, lost_d = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t slot = i * tcount + k.get();
      const double x = w.deployed[slot];
      if (x <= 0.0) continue;
      const double share = w.side[slot] == Side::kChallengers ? att.loss_share_challengers
                                                              : att.loss_share_defenders;
      const double lost = x * share;
      w.losses[i] += lost;
      (w.side[slot] == Side::kChallengers ? lost_c : lost_d) += lost;
    }
    th.control = AdvanceControl(run, th.escalation, th.control, p);
    if (th.control > run.end_margin) th.exceeded_margin = true;
    const Inadvertence accident = InadvertentStep(run, seed, turn, w.theater_keys[k.get()],
                                                  th.escalation, att, patron_stretch);
    if (accident.happened) {
      ++th.escalation;
      th.max_escalation = std::max(th.max_escalation, th.escalation);
    }
    th.status = StatusAfter(run, th.escalation, th.control, th.exceeded_margin);

    state.last_phi[SideSlot(k, Side::kChallengers)] = phi_c;
    state.last_phi[SideSlot(k, Side::kDefenders)] = phi_d;

    rec.status = th.status;
    rec.adjudicated = true;
    rec.escalation_at_start = before;
    rec.escalation = th.escalation;
    rec.control = th.control;
    rec.p_challengers = p;
    rec.phi_challengers = phi_c;
    rec.phi_defenders = phi_d;
    rec.coalition_challengers = coalition_c;
    rec.coalition_defenders = coalition_d;
    rec.phi_patron = phi_patron;
    rec.losses_challengers = lost_c;
    rec.losses_defenders = lost_d;
    if (recorder != nullptr) {
      recorder->OnAdjudication(AdjudicationRecord{turn, k, before, th.escalation, move, phi_c, phi_d,
                                                  p, control_before, th.control, att.days_fought,
                                                  att.loss_share_challengers,
                                                  att.loss_share_defenders, th.status,
                                                  accident.hazard, accident.happened});
      if (th.escalation == kMaxEscalation && before < kMaxEscalation) {
        recorder->OnNuclearThreshold(
            NuclearRecordOf(def, turn, k, accident, w.choices, tcount, patron_stretch));
      }
    }
  }
  for (std::size_t k = 0; k < tcount; ++k) {
    if (!w.theater_turns[k].adjudicated) {
      const TheaterState& th = state.theaters[k];
      w.theater_turns[k].status = th.status;
      w.theater_turns[k].escalation = th.escalation;
      w.theater_turns[k].escalation_at_start = th.escalation;
      w.theater_turns[k].control = th.control;
    }
  }

  // ---- 6. Update --------------------------------------------------------
  for (std::size_t i = 0; i < n; ++i) {
    ActorState& a = state.actors[i];
    a.attrs.forces = std::max(0.0, a.attrs.forces - w.losses[i]);
    a.losses_total += w.losses[i];
  }
  Regenerate(state);
  const int abandonments =
      UpdateTrust(sc, state, turn, w.active, w.escalation_at_decision, w.choices, w.side,
                  w.delivered, w.theater_turns, w.trust_delta, recorder);
  if (run.mobilisation.enabled) {
    std::fill(w.mobilisation_k.begin(), w.mobilisation_k.end(), 0.0);
    for (const TieState& tie : state.ties) {
      if (tie.from != tie.to) {
        w.mobilisation_k[tie.from.get() * n + tie.to.get()] =
            run.mobilisation.reaction * tie.attrs.hostility;
      }
    }
    std::vector<double>& forces = w.forces;
    for (std::size_t i = 0; i < n; ++i) {
      forces[i] = state.actors[i].attrs.forces;
      // Without hostility an actor's forces stay where it started: the
      // grievance offsets fatigue at the initial level.
      w.grievance[i] = state.actors[i].attrs.grievance +
                       run.mobilisation.fatigue * state.actors[i].initial_forces;
    }
    RichardsonStep(w.mobilisation_k, w.fatigue, w.grievance, run.mobilisation.step, forces);
    for (std::size_t i = 0; i < n; ++i) state.actors[i].attrs.forces = forces[i];
  }

  // Public record for next turn's observations and decisions.
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < tcount; ++k) {
      const std::size_t slot = i * tcount + k;
      state.last_choice[slot] = w.choices[slot];
      state.last_side[slot] = w.side[slot];
      state.last_delivered[slot] = w.delivered[slot];
    }
  }

  // ---- 7. Record --------------------------------------------------------
  const bool network = recorder != nullptr && recorder->wants_network();
  if (network) w.graph.Betweenness(w.betweenness);
  for (std::size_t i = 0; i < n; ++i) {
    ActorTurn& rec = w.actor_turns[i];
    rec = ActorTurn{};
    rec.actor = ActorIndex(i);
    rec.forces = state.actors[i].attrs.forces;
    rec.available = w.available[i];
    rec.losses = w.losses[i];
    for (TheaterIndex k : w.active) rec.deployed += w.deployed[i * tcount + k.get()];
    rec.stretch = ActorStretch(w.demand, w.side, w.active, i, tcount, w.available[i]);
    rec.betweenness = network ? w.betweenness[i] : 0.0;
  }
  // Trust placed in i: tau_ji on ties j -> i for every j that i is committed to.
  {
    std::vector<double>& sum = w.trust_in;  // [0, n): trust sums; [n, 2n): counts
    std::fill(sum.begin(), sum.end(), 0.0);
    for (const TieState& tie : state.ties) {
      if (tie.attrs.commitment <= 0.0) continue;
      const TieState* belief = state.FindTie(tie.to, tie.from);
      if (belief == nullptr) continue;
      sum[tie.from.get()] += belief->attrs.trust;
      sum[n + tie.from.get()] += 1.0;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (sum[n + i] > 0.0) {
        w.actor_turns[i].trust_in = sum[i] / sum[n + i];
        w.actor_turns[i].trust_in_defined = true;
      }
    }
  }
  TurnRecord record;
  record.turn = turn;
  record.theaters = w.theater_turns;
  record.actors = w.actor_turns;
  record.deployed = w.deployed;
  record.choices = w.choices;
  record.sides = w.side;
  record.ties = state.ties;
  const Cohesion cohesion = CohesionOf(state);
  record.cohesion_defined = cohesion.defined;
  record.cohesion = cohesion.value;
  record.abandonments = abandonments;
  state.turn = turn;
  metrics.AddTurn(record);
  if (recorder != nullptr) recorder->OnTurn(record);
}

RunSummary Simulation::Run(std::uint64_t seed, Recorder* recorder) {
  WorldState state = MakeInitialState(*scenario_);
  MetricsAccumulator metrics(*scenario_);
  while (!Finished(state)) PlayTurn(state, seed, metrics, recorder);
  RunSummary summary = metrics.Finish(seed, state.turn);
  if (recorder != nullptr) recorder->OnEnd(summary);
  return summary;
}

}  // namespace overstretch
