// Scenarios for the design points of a sweep made by patching one built
// Scenario, rather than copying the parsed file, applying the overrides and
// building from the tree for every point (about 1 M instructions, a third of
// a sparse_us run, paid by every run of a one-replication design).
//
// Prepare builds the base: the fixed overrides and every varied parameter at
// its first probe value. Then once per parameter with a second probe value:
// the numbers that differ (engine/scenario_numbers.h) are where the parameter
// lands, whatever the loader's rules (an actor inherits `doctrine.*` unless it
// sets the key, ties without `trust` take `run.trust.initial`, a `between` tie
// is two entries), and the builder's reads of the value are the checks every
// new value must pass, with the loader's own ranges. The patcher stays
// disabled, and every point is built in full, when a parameter is anything
// but a number free of cross-checks, or when patching the base does not give
// exactly the full build at the second probe.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/config_reader.h"
#include "engine/model_registry.h"
#include "engine/scenario.h"
#include "engine/scenario_loader.h"

namespace overstretch {

struct PatchParameter {
  std::string path;                 // a --set path
  std::vector<std::string> probes;  // values that build; two that differ locate the parameter
};

class ScenarioPatcher {
 public:
  static ScenarioPatcher Prepare(const ScenarioSource& source, std::span<const Override> fixed,
                                 std::span<const PatchParameter> parameters,
                                 const ModelRegistry& registry);

  bool enabled() const { return base_.has_value(); }
  const std::string& disabled_because() const { return reason_; }

  // The Scenario that source.Build(fixed + {parameters[i].path = values[i]})
  // gives, or nullopt when a value does not pass its checks (or the patcher is
  // disabled): the caller then builds in full, which reports the problem in
  // the loader's words. Thread-safe (const).
  std::optional<Scenario> Make(std::span<const std::string> values) const;

 private:
  struct Slot {
    std::size_t number = 0;     // position in ForEachNumber's order
    std::size_t parameter = 0;  // whose value it takes
  };
  struct Parameter {
    std::string path;
    std::vector<Range> checks;         // the builder's reads of the value, all numbers
    std::optional<std::string> fixed;  // only one value was probed: it must be that one
  };

  std::optional<Scenario> base_;
  std::vector<Parameter> parameters_;
  std::vector<Slot> slots_;  // sorted by number
  std::string reason_;
};

}  // namespace overstretch
