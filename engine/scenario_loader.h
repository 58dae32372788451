// Loading and validating scenario files (YAML). yaml-cpp stays behind this
// header. The loader checks everything and reports every problem it finds
// (engine/diagnostics.h); a Scenario is returned only when there are none.
// The format is documented key by key in docs/scenario-format.md.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config_reader.h"
#include "engine/diagnostics.h"
#include "engine/model_registry.h"
#include "engine/scenario.h"

namespace overstretch {

// A `--set PATH=VALUE` override. Paths follow the file's structure, with
// entities addressed by id: `run.turns`, `actors.US.global_commitments`,
// `actors.US.doctrine.cost`, `actors.US.params.NAME`, `theaters.KOR.stakes.JPN`,
// `bases.GUAM.capacity`, `ties.US-JPN.trust` (the entry with from US, to JPN,
// or a `between: [US, JPN]` entry), `run.intensity.3` (list element),
// `injects.ID.enabled`, `injects.ID.turn`.
struct Override {
  std::string path;
  std::string value;  // a YAML scalar
  // How the user wrote it, for messages ("--seed 5"); empty: "--set PATH=VALUE".
  std::string origin = {};
};

// `text` with every lone CR (old Mac line ends) made a LF; CR LF is kept.
// YAML 1.2 counts a lone CR as a line break, yaml-cpp does not (it read a
// CR-only file as one comment line, "empty file").
std::string WithLineFeeds(std::string_view text);

// Parses "PATH=VALUE"; on failure returns nullopt and sets *error.
std::optional<Override> ParseOverride(std::string_view text, std::string* error);

struct LoadResult {
  std::optional<Scenario> scenario;     // set iff diagnostics is empty
  std::vector<Diagnostic> diagnostics;  // sorted by position
};

// A parsed scenario file, kept so that one file can be built into many
// Scenarios with different overrides (parameter sweeps) without re-reading.
class ScenarioSource {
 public:
  // Reads and parses `path`. Syntax errors, unreadable, oversized (> 8 MiB)
  // or too deeply nested (> 64 levels) files are reported in the result.
  static ScenarioSource FromFile(const std::string& path);
  static ScenarioSource FromText(std::string_view text, std::string display_name);

  ScenarioSource(ScenarioSource&&) noexcept;
  ScenarioSource& operator=(ScenarioSource&&) noexcept;
  ~ScenarioSource();

  // Problems found while reading and parsing (then Build always fails).
  const std::vector<Diagnostic>& parse_diagnostics() const;
  const std::string& display_name() const;

  // Applies the overrides to a copy of the parsed tree, validates it and
  // builds the Scenario. Thread-safe (const).
  LoadResult Build(std::span<const Override> overrides, const ModelRegistry& registry) const;

  // Build, also telling how the builder read each override's value: reads[i]
  // lists the typed reads of overrides[i]'s value (engine/config_reader.h),
  // their node pointers cleared. Patching a built Scenario for a design point
  // (engine/scenario_patcher.h) checks values exactly as these reads did.
  struct TracedBuild {
    LoadResult result;
    std::vector<std::vector<NodeRead>> reads;
  };
  TracedBuild BuildTraced(std::span<const Override> overrides, const ModelRegistry& registry) const;

  // Reads one inject effect written in the file's format, e.g.
  // `{set: actors.US.global_commitments, value: 0.9}` or
  // `{tie: {between: [JPN, ROK], intel: 0.5}}`, against the scenario that
  // Build(overrides, registry) gives: ids are resolved and values checked
  // exactly as for an effect of the file's `injects` (classroom facilitators
  // inject events between turns). The result holds an Inject of turn 1 with
  // that effect (two for a `between` tie), or the problems found; messages
  // name the effect `effect`, diagnostics have no position and the file
  // "inject".
  struct EffectResult {
    std::optional<Inject> inject;
    std::vector<Diagnostic> diagnostics;
  };
  EffectResult ParseEffect(std::string_view effect_yaml, std::span<const Override> overrides,
                           const ModelRegistry& registry) const;

 private:
  ScenarioSource();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The numeric keys of a `doctrine:` block with their defaults, ranges and
// meanings (every actor model scores options with them).
std::vector<ParamSpec> DoctrineParamSpecs();

// Convenience: FromFile(path).Build(overrides, registry).
LoadResult LoadScenarioFile(const std::string& path, std::span<const Override> overrides,
                            const ModelRegistry& registry);

}  // namespace overstretch
