// Every real number of a Scenario, visited in one fixed order: what a design
// point's parameters may change without rebuilding the Scenario
// (engine/scenario_patcher.h). Integers, flags, ids and structure are not
// numbers here: a parameter that changes them needs a full build.
#pragma once

#include "engine/scenario.h"

namespace overstretch {

// kCoupled: the loader checks the number against others as well as against
// its own range (run.decisiveness with run.stretch_target, the order of
// run.control_rate and run.escalation_cost at levels 4 and 5, deploy levels,
// a script step's share with its posture, the mobilisation stability check
// over step, reaction, fatigue and hostility). A new check in
// engine/scenario_builder.cc that relates numbers must mark them here.
enum class NumberUse : unsigned char { kFree, kCoupled };

// Calls visit(double&, NumberUse) for each number of `s` in a fixed order.
template <class Visit>
void ForEachNumber(Scenario& s, Visit&& visit) {
  constexpr NumberUse kFree = NumberUse::kFree;
  constexpr NumberUse kCoupled = NumberUse::kCoupled;
  auto place = [&](LatLon& at) {
    visit(at.lat_deg, kFree);
    visit(at.lon_deg, kFree);
  };
  auto table = [&](EscalationTable& t, bool coupled_top) {
    for (std::size_t e = 0; e < t.size(); ++e)
      visit(t[e], coupled_top && e >= 4 ? kCoupled : kFree);
  };
  auto tie = [&](TieAttributes& t) {
    visit(t.commitment, kFree);
    visit(t.access, kFree);
    visit(t.intel, kFree);
    visit(t.trust, kFree);
    visit(t.hostility, kCoupled);
  };
  RunSettings& r = s.run;
  for (double* x : {&r.days_per_turn, &r.fog}) visit(*x, kFree);
  visit(r.decisiveness, kCoupled);
  table(r.intensity, false);
  table(r.control_rate, true);
  table(r.escalation_cost, true);
  for (double* x : {&r.trust_gain, &r.trust_loss, &r.reputation, &r.abandon_min, &r.abandon_share,
                    &r.trust_deterrence, &r.end_margin}) {
    visit(*x, kFree);
  }
  visit(r.stretch_target, kCoupled);
  for (double* x : {&r.mobilisation.step, &r.mobilisation.reaction, &r.mobilisation.fatigue}) {
    visit(*x, kCoupled);
  }
  for (double* x : {&r.inadvertent.rate, &r.inadvertent.losses, &r.inadvertent.stretch}) {
    visit(*x, kFree);
  }
  for (ActorDef& actor : s.actors) {
    ActorAttributes& a = actor.attrs;
    for (double* x : {&a.forces, &a.global_commitments, &a.home_reserve, &a.readiness, &a.reach_km,
                      &a.lethality, &a.regeneration, &a.isr, &a.grievance}) {
      visit(*x, kFree);
    }
    place(a.home);
    Doctrine& d = actor.doctrine;
    for (double* x : {&d.security, &d.resolve, &d.credibility, &d.cost, &d.support_cost,
                      &d.escalation, &d.nuclear, &d.sanctions, &d.war_cost, &d.horizon,
                      &d.lookahead, &d.help, &d.home_defence, &d.compensation, &d.surprise,
                      &d.inertia, &d.rationality, &d.join_threshold, &d.offensive_pull}) {
      visit(*x, kFree);
    }
    for (double& level : d.deploy_levels) visit(level, kCoupled);
    for (auto& [name, value] : actor.model_params) visit(value, kFree);
    for (ScriptStep& step : actor.script) visit(step.share, kCoupled);
  }
  for (BaseDef& base : s.bases) {
    place(base.location);
    visit(base.capacity, kFree);
  }
  for (TieDef& t : s.ties) tie(t.attrs);
  for (TheaterDef& theater : s.theaters) {
    place(theater.location);
    visit(theater.initial_control, kFree);
    visit(theater.attrs.value, kFree);
    for (double& stake : theater.attrs.stakes) visit(stake, kFree);
  }
  for (Inject& inject : s.injects) {
    for (Effect& effect : inject.effects) {
      visit(effect.value, kFree);
      tie(effect.tie);
    }
  }
}

}  // namespace overstretch
