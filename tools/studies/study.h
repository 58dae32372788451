// Study files (docs/studies.md): a base scenario, the parameters to vary
// (by the same paths as `--set`, each with a range or a list of values), an
// experimental design, replications, a base seed and the metrics to report.
// Loading validates everything and reports every problem as
// `FILE:LINE:COL: error: MESSAGE` (engine/diagnostics.h); a Study is returned
// only when there are none. yaml-cpp stays behind this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/diagnostics.h"
#include "engine/metrics.h"
#include "engine/model_registry.h"
#include "engine/scenario_loader.h"
#include "engine/scenario_patcher.h"
#include "tools/studies/design.h"

namespace overstretch::cli {

enum class DesignKind { kGrid, kLatinHypercube, kSobol, kMorris };

// "grid", "latin_hypercube", "sobol", "morris".
const char* DesignName(DesignKind kind);
std::optional<DesignKind> ParseDesignName(std::string_view name);

// Limits that keep a study (and its resume bookkeeping) a sane size.
inline constexpr std::size_t kMaxStudyParameters = 64;
inline constexpr std::size_t kMaxDesignPoints = 10'000'000;
inline constexpr std::uint64_t kMaxStudyRuns = 1'000'000'000;
inline constexpr std::size_t kMaxValues = 1000;
inline constexpr int kMaxLevels = 1000;

struct StudyParameter {
  enum class Kind { kRange, kValues };

  std::string path;  // a --set path
  Kind kind = Kind::kRange;
  double lo = 0.0;  // kRange
  double hi = 0.0;
  bool integer = false;             // kRange: whole numbers lo..hi, each equally likely
  int levels = 0;                   // kRange in a grid design: number of equally spaced values
  std::vector<std::string> values;  // kValues: YAML scalar texts, as written
  std::vector<double> codes;        // kValues: numeric code per value (number, 1/0, or index)
  int line = 0;                     // position of the parameter's key
  int column = 0;

  bool discrete() const { return kind == Kind::kValues || integer; }
};

// A parameter's value at unit coordinate u in [0, 1]: the text given to
// --set and its number (the value, 1/0 for booleans, the index for text).
struct ParameterValue {
  std::string text;
  double number = 0.0;
};
ParameterValue ValueAt(const StudyParameter& parameter, double u);

// The number of value `index` of a list: the value if it is a number, 1 or 0
// for true or false, else the index.
double ValueCode(const std::string& text, std::size_t index);

// Whether `text` is a YAML boolean (true/false, True/False, TRUE/FALSE).
bool ParseBoolValue(std::string_view text, bool* value);

// Whether a parameter's value text is stored and exported as a number (a
// number, or a boolean as 1/0) rather than as text.
bool IsNumericValue(const StudyParameter& parameter, const std::string& text);

struct Study {
  std::string file;  // the study file as given
  std::string text;  // its content
  std::string name;
  std::string description;
  std::string scenario;                          // as written in the file
  std::string scenario_path;                     // resolved against the study file's folder
  std::string scenario_text;                     // the base scenario's content
  std::shared_ptr<const ScenarioSource> source;  // the base scenario, parsed
  std::vector<Override> fixed;                   // `set:` overrides, applied to every run
  // Makes each design point's scenario from the built base; null until
  // PreparePatcher (each point is then built in full).
  std::shared_ptr<const ScenarioPatcher> patcher;
  std::vector<StudyParameter> parameters;
  DesignKind design = DesignKind::kGrid;
  std::size_t samples =
      0;           // latin_hypercube: points; sobol: base samples N; morris: trajectories r
  int levels = 4;  // morris: grid levels p; grid: default levels of a range
  std::size_t replications = 1;
  std::uint64_t seed = 1;
  std::vector<std::string> metrics;  // reported by analyze, in order
  bool theater_turns = false;        // store per-turn theater metrics

  std::size_t points() const;
  std::uint64_t runs() const { return static_cast<std::uint64_t>(points()) * replications; }
};

struct StudyLoadResult {
  std::optional<Study> study;           // set iff diagnostics is empty
  std::vector<Diagnostic> diagnostics;  // sorted by position
};

// Reads, parses and validates a study file, then loads its base scenario and
// builds it with every parameter at both ends of its range (every value of a
// list): a bad path or value is reported at the parameter's position.
StudyLoadResult LoadStudy(const std::string& path, const ModelRegistry& registry);

// The same from text; `display_name` names the file in diagnostics and the
// base scenario path is resolved against `display_name`'s folder.
StudyLoadResult LoadStudyText(std::string_view text, const std::string& display_name,
                              const ModelRegistry& registry);

// Prepares study->patcher (engine/scenario_patcher.h), which makes the design
// points' scenarios without building each in full: the base scenario built
// 1 + P times for P parameters (5.8 M instructions for five). Loading leaves
// it to the processes that run points, each calling this once before its
// runs (ExecuteSweep; an MPI worker rank in LoadSweepStudy), so that a study
// loaded for anything else (`sweep --design-only`, a plan that fails) never
// pays for it.
void PreparePatcher(Study* study, const ModelRegistry& registry);

// The study's design on the unit cube (deterministic from its seed).
UnitDesign MakeDesign(const Study& study);

// The overrides of design point `point`: the study's fixed ones, then one per
// parameter.
std::vector<Override> PointOverrides(const Study& study, const UnitDesign& design,
                                     std::size_t point);

// The metrics a study keeps when it lists none: the table's outcomes
// (RunMetric::outcome, engine/metrics.h), in table order.
std::vector<std::string> DefaultStudyMetrics();

}  // namespace overstretch::cli
