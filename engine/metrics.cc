#include "engine/metrics.h"

#include <algorithm>
#include <iterator>

#include "engine/finite_check.h"

namespace overstretch {
namespace {

// The allies' share of the defenders' delivered force over conflict turns;
// 0 when the defenders delivered nothing: the allies bore none of it
// (docs/outputs.md).
double BurdenShare(double allied, double defenders) {
  return defenders > 0.0 ? allied / defenders : 0.0;
}

}  // namespace

MetricsAccumulator::MetricsAccumulator(const Scenario& scenario) : scenario_(&scenario) { Reset(); }

void MetricsAccumulator::Reset() {
  theaters_.assign(scenario_->theaters.size(), PerTheater{});
  losses_c_ = losses_d_ = 0.0;
  peak_stretch_ = 0.0;
  any_turn_ = false;
  cohesion_ = 0.0;
  cohesion_defined_ = false;
  abandonments_ = 0;
  patron_delivered_ = allied_delivered_ = 0.0;
}

void MetricsAccumulator::AddTurn(const TurnRecord& record) {
  CheckTurnFinite(*scenario_, record);  // before anything records the turn
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
    patron_delivered_ += t.phi_patron;
    allied_delivered_ += t.phi_defenders - t.phi_patron;
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
    if (acc.conflict_turns > 0) {
      ts.allied_burden_share = BurdenShare(acc.allied_delivered, acc.defenders_delivered);
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
  if (s.conflict_turns > 0) s.allied_burden_share = BurdenShare(pooled_allied, pooled_defenders);
  if (scenario_->has_patron && any_turn_) s.patron_peak_stretch = peak_stretch_;
  if (cohesion_defined_) s.final_cohesion = cohesion_;
  s.abandonment_events = abandonments_;
  if (scenario_->has_patron) s.patron_delivered = patron_delivered_;
  s.allied_delivered = allied_delivered_;
  return s;
}

}  // namespace overstretch

// ---- The run metrics table

namespace overstretch {
namespace {

// Designated initialisers: leaving out a field (a metric without its `value`)
// is a -Wmissing-field-initializers error under -Werror.
constexpr RunMetric kRunMetricTable[] = {
    {.name = "turns_played",
     .type = MetricType::kInteger,
     .nullable = false,
     .outcome = false,
     .unit = "turns",
     .description = "turns played; fewer than `run.turns` when every theater ended early",
     .value = [](const RunSummary& s) -> MetricValue { return s.turns_played; }},
    {.name = "deterrence_rate",
     .type = MetricType::kReal,
     .nullable = true,
     .outcome = true,
     .unit = "share [0, 1]",
     .description = "share of opened theaters that never passed crisis (escalation ≤ 2 "
                    "throughout); null if none opened",
     .value = [](const RunSummary& s) -> MetricValue { return s.deterrence_rate; }},
    {.name = "theaters_opened",
     .type = MetricType::kInteger,
     .nullable = false,
     .outcome = false,
     .unit = "theaters",
     .description = "theaters that were active (adjudicated) on at least one turn",
     .value = [](const RunSummary& s) -> MetricValue { return s.theaters_opened; }},
    {.name = "theaters_lost",
     .type = MetricType::kInteger,
     .nullable = false,
     .outcome = true,
     .unit = "theaters",
     .description = "opened theaters with control ≥ 0.5 at the end",
     .value = [](const RunSummary& s) -> MetricValue { return s.theaters_lost; }},
    {.name = "max_escalation",
     .type = MetricType::kInteger,
     .nullable = false,
     .outcome = true,
     .unit = "level 0–5",
     .description = "highest escalation reached in any theater",
     .value = [](const RunSummary& s) -> MetricValue { return s.max_escalation; }},
    {.name = "nuclear_threshold_reached",
     .type = MetricType::kBool,
     .nullable = false,
     .outcome = true,
     .unit = "",
     .description = "`max_escalation` reached 5",
     .value = [](const RunSummary& s) -> MetricValue { return s.nuclear_threshold_reached; }},
    {.name = "losses_challengers",
     .type = MetricType::kReal,
     .nullable = false,
     .outcome = true,
     .unit = "force units",
     .description = "attrition of actors while on the challengers' side, summed over the run",
     .value = [](const RunSummary& s) -> MetricValue { return s.losses_challengers; }},
    {.name = "losses_defenders",
     .type = MetricType::kReal,
     .nullable = false,
     .outcome = true,
     .unit = "force units",
     .description = "attrition of actors while on the defenders' side, summed over the run",
     .value = [](const RunSummary& s) -> MetricValue { return s.losses_defenders; }},
    {.name = "allied_burden_share",
     .type = MetricType::kReal,
     .nullable = true,
     .outcome = true,
     .unit = "share [0, 1]",
     .description = "non-patron share of the defenders' delivered force over the conflict "
                    "turns (escalation ≥ 3) of all theaters; null without conflict turns, 0 "
                    "when the defenders delivered nothing over them",
     .value = [](const RunSummary& s) -> MetricValue { return s.allied_burden_share; }},
    {.name = "conflict_turns",
     .type = MetricType::kInteger,
     .nullable = false,
     .outcome = false,
     .unit = "theater turns",
     .description = "turns at escalation ≥ 3, summed over theaters",
     .value = [](const RunSummary& s) -> MetricValue { return s.conflict_turns; }},
    {.name = "patron_peak_stretch",
     .type = MetricType::kReal,
     .nullable = true,
     .outcome = true,
     .unit = "ratio",
     .description = "highest `stretch` of the patron over the run (> 1: over-stretched); "
                    "null without a patron",
     .value = [](const RunSummary& s) -> MetricValue { return s.patron_peak_stretch; }},
    {.name = "final_cohesion",
     .type = MetricType::kReal,
     .nullable = true,
     .outcome = true,
     .unit = "share [0, 1]",
     .description = "`cohesion` after the last turn (share of pledged trust that survives); "
                    "null without commitments",
     .value = [](const RunSummary& s) -> MetricValue { return s.final_cohesion; }},
    {.name = "abandonment_events",
     .type = MetricType::kInteger,
     .nullable = false,
     .outcome = true,
     .unit = "events",
     .description = "abandonment events over the run",
     .value = [](const RunSummary& s) -> MetricValue { return s.abandonment_events; }},
    {.name = "patron_delivered",
     .type = MetricType::kReal,
     .nullable = true,
     .outcome = false,
     .unit = "force-unit-turns",
     .description = "force the patron delivered to the defenders' side, summed over theaters "
                    "and active turns; null without a patron",
     .value = [](const RunSummary& s) -> MetricValue { return s.patron_delivered; }},
    {.name = "allied_delivered",
     .type = MetricType::kReal,
     .nullable = false,
     .outcome = false,
     .unit = "force-unit-turns",
     .description = "force every defender other than the patron (allies, partners and the "
                    "local defenders) delivered, summed over theaters and active turns",
     .value = [](const RunSummary& s) -> MetricValue { return s.allied_delivered; }},
};
static_assert(std::size(kRunMetricTable) == kRunMetricCount,
              "kRunMetricCount (engine/metrics.h) must equal the number of table entries");

}  // namespace

std::span<const RunMetric, kRunMetricCount> RunMetrics() {
  return std::span<const RunMetric, kRunMetricCount>(kRunMetricTable);
}

std::optional<std::size_t> RunMetricIndex(std::string_view name) {
  for (std::size_t i = 0; i < kRunMetricCount; ++i) {
    if (kRunMetricTable[i].name == name) return i;
  }
  return std::nullopt;
}

std::vector<std::string> RunMetricNames() {
  std::vector<std::string> names;
  for (const RunMetric& m : kRunMetricTable) names.emplace_back(m.name);
  return names;
}

const char* MetricTypeName(MetricType type) {
  switch (type) {
    case MetricType::kReal:
      return "real";
    case MetricType::kInteger:
      return "integer";
    case MetricType::kBool:
      return "bool";
  }
  return "?";
}

}  // namespace overstretch
