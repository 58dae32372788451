#include "engine/scenario_equal.h"

#include <algorithm>
#include <tuple>

namespace overstretch {
namespace {

auto Tie(const LatLon& x) { return std::tie(x.lat_deg, x.lon_deg); }

bool Same(const LatLon& a, const LatLon& b) { return Tie(a) == Tie(b); }

bool Same(const ActorAttributes& a, const ActorAttributes& b) {
  auto tie = [](const ActorAttributes& x) {
    return std::tie(x.forces, x.global_commitments, x.home_reserve, x.readiness, x.reach_km,
                    x.lethality, x.regeneration, x.isr, x.grievance, x.nuclear);
  };
  return tie(a) == tie(b) && Same(a.home, b.home);
}

bool Same(const Doctrine& a, const Doctrine& b) {
  auto tie = [](const Doctrine& x) {
    return std::tie(x.security, x.resolve, x.credibility, x.cost, x.support_cost, x.escalation,
                    x.nuclear, x.sanctions, x.war_cost, x.horizon, x.lookahead, x.help,
                    x.home_defence, x.compensation, x.surprise, x.inertia, x.rationality, x.argmax,
                    x.join_threshold, x.offensive_pull, x.deploy_levels);
  };
  return tie(a) == tie(b);
}

bool Same(const ScriptStep& a, const ScriptStep& b) {
  return std::tie(a.turn, a.theater, a.posture, a.share, a.move) ==
         std::tie(b.turn, b.theater, b.posture, b.share, b.move);
}

bool Same(const ActorDef& a, const ActorDef& b) {
  return std::tie(a.id, a.name, a.model, a.model_params) ==
             std::tie(b.id, b.name, b.model, b.model_params) &&
         Same(a.attrs, b.attrs) && Same(a.doctrine, b.doctrine) &&
         std::equal(a.script.begin(), a.script.end(), b.script.begin(), b.script.end(),
                    [](const ScriptStep& x, const ScriptStep& y) { return Same(x, y); });
}

bool Same(const BaseDef& a, const BaseDef& b) {
  return std::tie(a.id, a.name, a.host, a.capacity) == std::tie(b.id, b.name, b.host, b.capacity) &&
         Same(a.location, b.location);
}

bool Same(const TieAttributes& a, const TieAttributes& b) {
  return std::tie(a.commitment, a.access, a.intel, a.trust, a.hostility) ==
         std::tie(b.commitment, b.access, b.intel, b.trust, b.hostility);
}

bool Same(const TieDef& a, const TieDef& b) {
  return a.from == b.from && a.to == b.to && Same(a.attrs, b.attrs);
}

bool Same(const TheaterDef& a, const TheaterDef& b) {
  return std::tie(a.id, a.name, a.opens, a.opening_escalation, a.initial_control, a.challengers,
                  a.defenders, a.attrs.value, a.attrs.stakes) ==
             std::tie(b.id, b.name, b.opens, b.opening_escalation, b.initial_control, b.challengers,
                      b.defenders, b.attrs.value, b.attrs.stakes) &&
         Same(a.location, b.location);
}

bool Same(const Effect& a, const Effect& b) {
  return std::tie(a.kind, a.entity, a.other, a.field, a.value, a.tie_mask) ==
             std::tie(b.kind, b.entity, b.other, b.field, b.value, b.tie_mask) &&
         Same(a.tie, b.tie);
}

bool Same(const Inject& a, const Inject& b) {
  return a.turn == b.turn && a.label == b.label &&
         std::equal(a.effects.begin(), a.effects.end(), b.effects.begin(), b.effects.end(),
                    [](const Effect& x, const Effect& y) { return Same(x, y); });
}

bool Same(const RunSettings& a, const RunSettings& b) {
  auto tie = [](const RunSettings& x) {
    return std::tie(x.turns, x.days_per_turn, x.fog, x.decisiveness, x.intensity, x.control_rate,
                    x.escalation_cost, x.trust_gain, x.trust_loss, x.reputation, x.abandon_min,
                    x.abandon_share, x.trust_deterrence, x.end_margin, x.end_at_zero,
                    x.stretch_target, x.seed, x.mobilisation.enabled, x.mobilisation.step,
                    x.mobilisation.reaction, x.mobilisation.fatigue, x.inadvertent.rate,
                    x.inadvertent.losses, x.inadvertent.stretch);
  };
  return tie(a) == tie(b);
}

template <class T>
bool SameAll(const std::vector<T>& a, const std::vector<T>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const T& x, const T& y) { return Same(x, y); });
}

}  // namespace

bool SameScenario(const Scenario& a, const Scenario& b) {
  return std::tie(a.name, a.description, a.source_file, a.patron, a.has_patron) ==
             std::tie(b.name, b.description, b.source_file, b.patron, b.has_patron) &&
         Same(a.run, b.run) && SameAll(a.actors, b.actors) && SameAll(a.bases, b.bases) &&
         SameAll(a.ties, b.ties) && SameAll(a.theaters, b.theaters) &&
         SameAll(a.injects, b.injects);
}

}  // namespace overstretch
