#include "tools/runio/summary_json.h"

#include <cmath>

#include "engine/version.h"
#include "engine/world_state.h"

namespace overstretch::cli {

using Json = nlohmann::ordered_json;

Json JsonNumber(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

Json JsonNumber(const std::optional<double>& x) {
  if (!x.has_value()) return nullptr;
  return JsonNumber(*x);
}

Json SummaryToJson(const RunSummary& summary, const Scenario& scenario) {
  Json j;
  j["scenario"] = summary.scenario;
  j["seed"] = summary.seed;
  j["version"] = kVersion;
  j["turns_played"] = summary.turns_played;
  j["deterrence_rate"] = JsonNumber(summary.deterrence_rate);
  j["theaters_lost"] = summary.theaters_lost;
  j["max_escalation"] = summary.max_escalation;
  j["nuclear_threshold_reached"] = summary.nuclear_threshold_reached;
  j["losses"] = Json{{"challengers", JsonNumber(summary.losses_challengers)},
                     {"defenders", JsonNumber(summary.losses_defenders)}};
  Json burden;
  burden["pooled"] = JsonNumber(summary.allied_burden_share);
  burden["conflict_turns"] = summary.conflict_turns;
  Json by_theater = Json::object();
  Json theaters = Json::object();
  // The summary lists theaters by index, the scenario by the same index.
  const std::size_t count = std::min(summary.theaters.size(), scenario.theaters.size());
  for (std::size_t k = 0; k < count; ++k) {
    const TheaterSummary& t = summary.theaters[k];
    const std::string& id = scenario.theaters[k].id;
    by_theater[id] = JsonNumber(t.allied_burden_share);
    Json tj;
    tj["opened"] = t.opened;
    tj["deterred"] = t.deterred;
    tj["lost"] = t.lost;
    tj["max_escalation"] = t.max_escalation;
    tj["final_control"] = JsonNumber(t.final_control);
    tj["final_status"] = TheaterStatusName(t.final_status);
    tj["conflict_turns"] = t.conflict_turns;
    theaters[id] = std::move(tj);
  }
  burden["by_theater"] = std::move(by_theater);
  j["allied_burden_share"] = std::move(burden);
  j["patron_peak_stretch"] = JsonNumber(summary.patron_peak_stretch);
  j["final_cohesion"] = JsonNumber(summary.final_cohesion);
  j["abandonment_events"] = summary.abandonment_events;
  j["theaters"] = std::move(theaters);
  return j;
}

std::string DumpJson(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace overstretch::cli
