#include "engine/metrics.h"

#include <algorithm>

namespace overstretch {

MetricsAccumulator::MetricsAccumulator(const Scenario& scenario) : scenario_(&scenario) {
  Reset();
}

void MetricsAccumulator::Reset() {
  theaters_.assign(scenario_->theaters.size(), PerTheater{});
  losses_c_ = losses_d_ = 0.0;
  peak_stretch_ = 0.0;
  any_turn_ = false;
  cohesion_ = 0.0;
  cohesion_defined_ = false;
  abandonments_ = 0;
}

void MetricsAccumulator::AddTurn(const TurnRecord& record) {
  any_turn_ = true;
  for (const TheaterTurn& t : record.theaters) {
    PerTheater& acc = theaters_[t.theater.get()];
    acc.status = t.status;
    if (!t.adjudicated) continue;
    acc.opened = true;
    acc.final_control = t.control;
    acc.max_escalation = std::max({acc.max_escalation, t.escalation_at_start, t.escalation});
    losses_c_ += t.losses_challengers;
    losses_d_ += t.losses_defenders;
    if (t.escalation >= 3) {
      ++acc.conflict_turns;
      acc.defenders_delivered += t.phi_defenders;
      acc.allied_delivered += t.phi_defenders - t.phi_patron;
    }
  }
  if (scenario_->has_patron) {
    peak_stretch_ = std::max(peak_stretch_, record.actors[scenario_->patron.get()].stretch);
  }
  cohesion_ = record.cohesion;
  cohesion_defined_ = record.cohesion_defined;
  abandonments_ += record.abandonments;
}

RunSummary MetricsAccumulator::Finish(std::uint64_t seed, int turns_played) const {
  RunSummary s;
  s.scenario = scenario_->name;
  s.seed = seed;
  s.turns_played = turns_played;
  int deterred = 0;
  double pooled_defenders = 0.0;
  double pooled_allied = 0.0;
  s.theaters.reserve(theaters_.size());
  for (const PerTheater& acc : theaters_) {
    TheaterSummary ts;
    ts.opened = acc.opened;
    ts.max_escalation = acc.max_escalation;
    ts.final_control = acc.final_control;
    ts.final_status = acc.status;
    ts.conflict_turns = acc.conflict_turns;
    if (acc.opened) {
      ++s.theaters_opened;
      ts.deterred = acc.max_escalation <= 2;
      ts.lost = acc.final_control >= 0.5;
      if (ts.deterred) ++deterred;
      if (ts.lost) ++s.theaters_lost;
    }
    if (acc.conflict_turns > 0 && acc.defenders_delivered > 0.0) {
      ts.allied_burden_share = acc.allied_delivered / acc.defenders_delivered;
    }
    pooled_defenders += acc.defenders_delivered;
    pooled_allied += acc.allied_delivered;
    s.conflict_turns += acc.conflict_turns;
    s.max_escalation = std::max(s.max_escalation, acc.max_escalation);
    s.theaters.push_back(ts);
  }
  if (s.theaters_opened > 0) s.deterrence_rate = double(deterred) / s.theaters_opened;
  s.nuclear_threshold_reached = s.max_escalation >= kMaxEscalation;
  s.losses_challengers = losses_c_;
  s.losses_defenders = losses_d_;
  if (s.conflict_turns > 0 && pooled_defenders > 0.0) {
    s.allied_burden_share = pooled_allied / pooled_defenders;
  }
  if (scenario_->has_patron && any_turn_) s.patron_peak_stretch = peak_stretch_;
  if (cohesion_defined_) s.final_cohesion = cohesion_;
  s.abandonment_events = abandonments_;
  return s;
}

}  // namespace overstretch
