// RunSummary as JSON: the content of summary.json and of the "end" event of
// events.jsonl (docs/outputs.md). Theaters are keyed by id; undefined metrics
// are null, never NaN.
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

// The summary with exactly the keys documented in docs/outputs.md.
nlohmann::ordered_json SummaryToJson(const RunSummary& summary, const Scenario& scenario);

// Serialises one JSON value on one line; invalid UTF-8 in strings (which a
// scenario file may smuggle into names and labels) is replaced, not thrown.
std::string DumpJson(const nlohmann::ordered_json& value, int indent = -1);

}  // namespace overstretch::cli
