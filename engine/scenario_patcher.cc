#include "engine/scenario_patcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>

#include "engine/diagnostics.h"
#include "engine/scenario_equal.h"
#include "engine/scenario_numbers.h"

namespace overstretch {
namespace {

struct Number {
  double value = 0.0;
  NumberUse use = NumberUse::kFree;
};

std::vector<Number> Numbers(const Scenario& scenario) {
  Scenario copy = scenario;  // ForEachNumber visits mutable numbers
  std::vector<Number> numbers;
  ForEachNumber(copy, [&](double& x, NumberUse use) { numbers.push_back({x, use}); });
  return numbers;
}

bool Same(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// A value the YAML parser reads as the same plain scalar text: anything else
// (quotes, spaces, comments, flow syntax) is left to a full build.
bool PlainScalar(const std::string& text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' ||
           c == '+' || c == '-' || c == '_';
  });
}

// The first probe, and the first later one that is a different number.
std::pair<std::string, std::optional<std::string>> Probes(const PatchParameter& p) {
  const std::optional<double> first = ParseNumber(p.probes.front());
  for (std::size_t i = 1; i < p.probes.size(); ++i) {
    const std::optional<double> other = ParseNumber(p.probes[i]);
    if (!first || !other || !Same(*first, *other)) return {p.probes.front(), p.probes[i]};
  }
  return {p.probes.front(), std::nullopt};
}

// Writes values[slot.parameter] into each slot's number of `scenario`.
void Patch(Scenario& scenario, const std::vector<std::pair<std::size_t, double>>& slots) {
  std::size_t k = 0;
  std::size_t next = 0;
  ForEachNumber(scenario, [&](double& x, NumberUse) {
    if (next < slots.size() && slots[next].first == k) x = slots[next++].second;
    ++k;
  });
}

// Locates one parameter: the numbers where `with_second` differs from the
// base, each of which must hold the probe value and be free of cross-checks,
// and patching the base with them must give `with_second` exactly.
std::optional<std::vector<std::size_t>> Locate(const Scenario& base,
                                               const std::vector<Number>& base_numbers,
                                               const Scenario& with_second, double first,
                                               double second, std::string* reason) {
  const std::vector<Number> numbers = Numbers(with_second);
  if (numbers.size() != base_numbers.size()) {
    *reason = "its value changes the scenario's structure";
    return std::nullopt;
  }
  std::vector<std::size_t> at;
  std::vector<std::pair<std::size_t, double>> patch;
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    if (Same(numbers[k].value, base_numbers[k].value)) continue;
    if (!Same(base_numbers[k].value, first) || !Same(numbers[k].value, second)) {
      *reason = "it changes a number to other than its value";
      return std::nullopt;
    }
    if (numbers[k].use != NumberUse::kFree) {
      *reason = "the loader checks it against other numbers";
      return std::nullopt;
    }
    at.push_back(k);
    patch.emplace_back(k, second);
  }
  Scenario patched = base;
  Patch(patched, patch);
  if (!SameScenario(patched, with_second)) {
    *reason = "its value changes more than numbers";
    return std::nullopt;
  }
  return at;
}

}  // namespace

ScenarioPatcher ScenarioPatcher::Prepare(const ScenarioSource& source,
                                         std::span<const Override> fixed,
                                         std::span<const PatchParameter> parameters,
                                         const ModelRegistry& registry) {
  ScenarioPatcher patcher;
  auto disable = [&](std::string reason) {
    patcher.reason_ = std::move(reason);
    patcher.base_.reset();
    return std::move(patcher);
  };
  std::vector<Override> overrides(fixed.begin(), fixed.end());
  std::vector<std::pair<std::string, std::optional<std::string>>> probes;
  for (const PatchParameter& p : parameters) {
    if (p.probes.empty()) return disable(fmt::format("parameter {} has no values", p.path));
    probes.push_back(Probes(p));
    overrides.push_back(Override{p.path, probes.back().first});
  }
  ScenarioSource::TracedBuild traced = source.BuildTraced(overrides, registry);
  if (!traced.result.scenario) return disable("the base scenario does not build");
  patcher.base_ = std::move(traced.result.scenario);
  const std::vector<Number> base_numbers = Numbers(*patcher.base_);
  std::vector<bool> claimed(base_numbers.size(), false);
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    Parameter parameter{parameters[i].path, {}, std::nullopt};
    const std::vector<NodeRead>& reads = traced.reads[fixed.size() + i];
    if (reads.empty() ||
        std::any_of(reads.begin(), reads.end(), [](const NodeRead& r) { return !r.number; })) {
      return disable(fmt::format("parameter {} is not read as a number", parameter.path));
    }
    for (const NodeRead& read : reads) parameter.checks.push_back(read.range);
    const auto& [first, second] = probes[i];
    const std::optional<double> first_number = ParseNumber(first);
    const std::optional<double> second_number = second ? ParseNumber(*second) : std::nullopt;
    if (!PlainScalar(first) || !first_number ||
        (second && (!PlainScalar(*second) || !second_number))) {
      return disable(
          fmt::format("parameter {} has a value that is not a plain number", parameter.path));
    }
    if (!second) {
      parameter.fixed = first;
      patcher.parameters_.push_back(std::move(parameter));
      continue;
    }
    std::vector<Override> with_second = overrides;
    with_second[fixed.size() + i].value = *second;
    const LoadResult other = source.Build(with_second, registry);
    if (!other.scenario) {
      return disable(
          fmt::format("parameter {} = {} does not build with the others", parameter.path, *second));
    }
    std::string reason;
    const auto at = Locate(*patcher.base_, base_numbers, *other.scenario, *first_number,
                           *second_number, &reason);
    if (!at) return disable(fmt::format("parameter {}: {}", parameter.path, reason));
    for (std::size_t k : *at) {
      if (claimed[k]) return disable(fmt::format("parameter {} overlaps another", parameter.path));
      claimed[k] = true;
      patcher.slots_.push_back(Slot{k, i});
    }
    patcher.parameters_.push_back(std::move(parameter));
  }
  std::sort(patcher.slots_.begin(), patcher.slots_.end(),
            [](const Slot& a, const Slot& b) { return a.number < b.number; });
  return patcher;
}

std::optional<Scenario> ScenarioPatcher::Make(std::span<const std::string> values) const {
  if (!base_ || values.size() != parameters_.size()) return std::nullopt;
  Diagnostics ignored;
  const ConfigReader reader("", &ignored);
  std::vector<double> numbers(values.size(), 0.0);
  ConfigNode node;
  node.kind = ConfigNode::Kind::kScalar;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Parameter& p = parameters_[i];
    if (p.fixed) {
      if (values[i] != *p.fixed) return std::nullopt;
      continue;
    }
    if (!PlainScalar(values[i])) return std::nullopt;
    node.scalar = values[i];
    for (const Range& range : p.checks) {
      const std::optional<double> number = reader.Number(node, p.path, range);
      if (!number) return std::nullopt;
      numbers[i] = *number;
    }
  }
  std::vector<std::pair<std::size_t, double>> patch;
  patch.reserve(slots_.size());
  for (const Slot& slot : slots_) patch.emplace_back(slot.number, numbers[slot.parameter]);
  std::optional<Scenario> scenario = *base_;
  Patch(*scenario, patch);
  return scenario;
}

}  // namespace overstretch
