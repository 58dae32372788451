#include "tools/runio/summary_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

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

Json MetricJson(const RunMetric& metric, const MetricValue& value) {
  if (!value || !std::isfinite(*value)) return nullptr;
  switch (metric.type) {
    case MetricType::kInteger:
      return static_cast<std::int64_t>(*value);
    case MetricType::kBool:
      return *value != 0.0;
    case MetricType::kReal:
      break;
  }
  return *value;
}

bool MetricFromJson(const RunMetric& metric, const nlohmann::json& summary, MetricValue* value,
                    std::string* error) {
  const std::string name(metric.name);
  const auto it = summary.find(name);
  if (it == summary.end()) {
    *error = fmt::format("missing '{}'", name);
    return false;
  }
  value->reset();
  if (it->is_null() && metric.nullable) return true;
  switch (metric.type) {
    case MetricType::kBool:
      if (it->is_boolean()) *value = it->get<bool>() ? 1.0 : 0.0;
      break;
    case MetricType::kInteger:
      if (it->is_number_integer()) *value = it->get<double>();
      break;
    case MetricType::kReal:
      if (it->is_number()) *value = it->get<double>();
      break;
  }
  if (!*value) {
    *error = fmt::format("'{}' must be {}{}", name,
                         metric.type == MetricType::kBool      ? "true or false"
                         : metric.type == MetricType::kInteger ? "a whole number"
                                                               : "a number",
                         metric.nullable ? " or null" : "");
    return false;
  }
  return true;
}

std::string MetricText(const RunMetric& metric, const MetricValue& value) {
  if (!value || !std::isfinite(*value)) return "n/a";
  switch (metric.type) {
    case MetricType::kInteger:
      return fmt::format("{}", static_cast<std::int64_t>(*value));
    case MetricType::kBool:
      return *value != 0.0 ? "yes" : "no";
    case MetricType::kReal:
      break;
  }
  return fmt::format("{:.3f}", *value);
}

Json SummaryToJson(const RunSummary& summary, const Scenario& scenario) {
  Json j;
  j["scenario"] = summary.scenario;
  j["seed"] = summary.seed;
  j["version"] = kVersion;
  for (const RunMetric& m : RunMetrics()) j[std::string(m.name)] = MetricJson(m, m.value(summary));
  Json theaters = Json::object();
  // The summary lists theaters by index, the scenario by the same index.
  const std::size_t count = std::min(summary.theaters.size(), scenario.theaters.size());
  for (std::size_t k = 0; k < count; ++k) {
    const TheaterSummary& t = summary.theaters[k];
    Json tj;
    tj["opened"] = t.opened;
    tj["deterred"] = t.deterred;
    tj["lost"] = t.lost;
    tj["max_escalation"] = t.max_escalation;
    tj["final_control"] = JsonNumber(t.final_control);
    tj["final_status"] = TheaterStatusName(t.final_status);
    tj["conflict_turns"] = t.conflict_turns;
    tj["allied_burden_share"] = JsonNumber(t.allied_burden_share);
    theaters[scenario.theaters[k].id] = std::move(tj);
  }
  j["theaters"] = std::move(theaters);
  return j;
}

std::string DumpJson(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace overstretch::cli
