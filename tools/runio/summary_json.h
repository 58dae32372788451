// RunSummary as JSON: the content of summary.json and of the "end" event of
// events.jsonl (docs/outputs.md): one key per run metric (engine/metrics.h,
// RunMetrics), named and typed as in the table, then the theaters keyed by
// id. Undefined metrics are null, never NaN.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "engine/metrics.h"
#include "engine/scenario.h"

namespace overstretch::cli {

// A number, or null when it is absent or not finite.
nlohmann::ordered_json JsonNumber(double x);
nlohmann::ordered_json JsonNumber(const std::optional<double>& x);

// A metric's value as its table type says (number, whole number, bool), or null.
nlohmann::ordered_json MetricJson(const RunMetric& metric, const MetricValue& value);
// The inverse, for readers of summary.json: false (with *error naming the key)
// when the key is missing or its value is not of the metric's type.
bool MetricFromJson(const RunMetric& metric, const nlohmann::json& summary, MetricValue* value,
                    std::string* error);
// A metric's value for people: "n/a", "0.500", "3", "yes".
std::string MetricText(const RunMetric& metric, const MetricValue& value);

// The summary with exactly the keys documented in docs/outputs.md.
nlohmann::ordered_json SummaryToJson(const RunSummary& summary, const Scenario& scenario);

// Serialises one JSON value on one line; invalid UTF-8 in strings (which a
// scenario file may smuggle into names and labels) is replaced, not thrown.
std::string DumpJson(const nlohmann::ordered_json& value, int indent = -1);

}  // namespace overstretch::cli
