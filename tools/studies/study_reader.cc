// Reading study files (tools/studies/study.h) with the engine's configuration
// reader: the text is parsed by the scenario loader's YAML parser
// (engine/config_yaml.h: size, binary data, nesting depth, anchors and
// aliases, one document, YAML syntax) and read with its typed reader
// (engine/config_reader.h), so that a study's errors read
// FILE:LINE:COL: error: ... in the same words as a scenario's. Only what is
// particular to studies (designs, ranges, values, metrics, the base scenario
// built at every parameter's ends) has messages of its own.
#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <utility>

#include "engine/bounded_read.h"
#include "engine/config_reader.h"
#include "engine/config_yaml.h"
#include "tools/runio/csv.h"
#include "tools/studies/study.h"

namespace overstretch::cli {
namespace {

constexpr std::size_t kMaxStudyBytes = std::size_t{1} << 20;  // 1 MiB

const std::vector<std::string> kTopKeys = {
    "name",    "description", "scenario",     "set",  "parameters", "design",
    "samples", "levels",      "replications", "seed", "metrics",    "theater_turns"};
const std::vector<std::string> kParameterKeys = {"range", "values", "levels", "integer"};

std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string nearest = NearestCandidate(word, candidates);
  return nearest.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", nearest);
}

// "got 'abc'", "got a sequence": the ending of the engine reader's messages.
std::string Got(const ConfigNode& node) {
  return node.IsScalar() ? "got " + Quote(node.scalar) : std::string("got ") + KindName(node.kind);
}

// A node standing for a position (a parameter's key, kept in the Study).
ConfigNode At(int line, int column) {
  ConfigNode node;
  node.line = line;
  node.column = column;
  return node;
}

// The entries of a map with free keys (--set paths), each key once: keys that
// are not plain names and repeated keys are reported by the engine's reader
// and left out. False (after reporting) if `map` is not a map.
bool FreeEntries(const ConfigReader& reader, const ConfigNode& map, const std::string& path,
                 std::vector<const ConfigEntry*>* entries) {
  if (!map.IsMap()) {
    reader.Error(map, fmt::format("{}: expected a map, {}", path, Got(map)));
    return false;
  }
  std::vector<std::string> keys;
  for (const ConfigEntry& e : map.entries) {
    if (e.key.IsScalar()) keys.push_back(e.key.scalar);
  }
  reader.ExpectMap(map, path, keys);  // reports only odd and repeated keys
  std::set<std::string> seen;
  for (const ConfigEntry& e : map.entries) {
    if (e.key.IsScalar() && seen.insert(e.key.scalar).second) entries->push_back(&e);
  }
  return true;
}

void ReadRange(const ConfigReader& reader, const ConfigNode& spec, const ConfigNode& range,
               const std::string& path, const std::string& what, StudyParameter* p, bool* ok) {
  p->kind = StudyParameter::Kind::kRange;
  if (!range.IsSequence() || range.items.size() != 2) {
    reader.Error(range, fmt::format("{}: range: expected [LO, HI], two numbers", what));
    *ok = false;
    return;
  }
  const auto lo = reader.Number(range.items[0], path + ".range.0", Range{});
  const auto hi = reader.Number(range.items[1], path + ".range.1", Range{});
  if (!lo || !hi) {
    *ok = false;
    return;
  }
  if (!(*lo < *hi)) {
    reader.Error(range, fmt::format("{}: range: LO must be below HI, got [{}, {}]", what,
                                    FormatNumber(*lo), FormatNumber(*hi)));
    *ok = false;
    return;
  }
  p->lo = *lo;
  p->hi = *hi;
  if (const ConfigNode* integer_node = spec.Find("integer")) {
    const auto integer = reader.Bool(*integer_node, path + ".integer");
    if (!integer) {
      *ok = false;
      return;
    }
    p->integer = *integer;
    if (p->integer && (p->lo != std::floor(p->lo) || p->hi != std::floor(p->hi) ||
                       std::abs(p->lo) > 1e9 || std::abs(p->hi) > 1e9)) {
      reader.Error(range,
                   fmt::format("{}: an integer range needs whole-number ends within ±1e9", what));
      *ok = false;
      return;
    }
  }
  if (const ConfigNode* levels_node = spec.Find("levels")) {
    const auto levels = reader.Integer(*levels_node, path + ".levels", 2, kMaxLevels);
    if (!levels) {
      *ok = false;
      return;
    }
    p->levels = static_cast<int>(*levels);
  }
}

void ReadValues(const ConfigReader& reader, const ConfigNode& spec, const ConfigNode& values,
                const std::string& path, const std::string& what, StudyParameter* p, bool* ok) {
  p->kind = StudyParameter::Kind::kValues;
  if (const ConfigNode* levels_node = spec.Find("levels")) {
    reader.Error(
        *levels_node,
        fmt::format("{}: levels applies to a range; a list of values uses each value", what));
    *ok = false;
  }
  if (const ConfigNode* integer_node = spec.Find("integer")) {
    reader.Error(*integer_node, fmt::format("{}: integer applies to a range", what));
    *ok = false;
  }
  if (!values.IsSequence() || values.items.empty()) {
    reader.Error(values, fmt::format("{}: values: expected a non-empty sequence, {}", what,
                                     values.IsSequence() ? "got an empty one" : Got(values)));
    *ok = false;
    return;
  }
  if (values.items.size() > kMaxValues) {
    reader.Error(values, fmt::format("{}: values: at most {} values", what, kMaxValues));
    *ok = false;
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < values.items.size(); ++i) {
    const ConfigNode& v = values.items[i];
    const auto text = reader.String(v, fmt::format("{}.values.{}", path, i));
    if (!text) {
      *ok = false;
      continue;
    }
    if (!seen.insert(*text).second) {
      reader.Error(v, fmt::format("{}: values: {} is listed twice", what, Quote(*text)));
      *ok = false;
      continue;
    }
    p->values.push_back(*text);
    p->codes.push_back(ValueCode(*text, p->values.size() - 1));
  }
}

void ReadParameter(const ConfigReader& reader, const ConfigEntry& entry, Study* study) {
  const ConfigNode& key = entry.key;
  const ConfigNode& spec = entry.value;
  StudyParameter p;
  p.path = key.scalar;
  p.line = key.line;
  p.column = key.column;
  const std::string what = "parameter " + p.path;
  const std::string path = "parameters." + p.path;
  if (p.path.empty() || p.path.find('=') != std::string::npos ||
      p.path.find_first_of(" \t") != std::string::npos) {
    reader.Error(key, fmt::format("{}: a parameter is a --set path such as "
                                  "actors.US.global_commitments (no spaces or '=')",
                                  what));
    return;
  }
  if (!spec.IsMap()) {
    reader.Error(spec.IsNull() ? key : spec,
                 fmt::format("{}: expected a map with 'range: [LO, HI]' or 'values: [...]', {}",
                             what, Got(spec)));
    return;
  }
  reader.ExpectMap(spec, path, kParameterKeys);
  const ConfigNode* range = spec.Find("range");
  const ConfigNode* values = spec.Find("values");
  if ((range != nullptr) == (values != nullptr)) {
    reader.Error(
        key, fmt::format("{}: give exactly one of 'range: [LO, HI]' and 'values: [...]'", what));
    return;
  }
  bool ok = true;
  if (range != nullptr) {
    ReadRange(reader, spec, *range, path, what, &p, &ok);
  } else {
    ReadValues(reader, spec, *values, path, what, &p, &ok);
  }
  if (ok) study->parameters.push_back(std::move(p));
}

// Builds the base scenario with `overrides`; reports each problem at `at`,
// prefixed by `what`. Returns whether it built.
bool CheckBuild(const ConfigReader& reader, const Study& study, const ModelRegistry& registry,
                const std::vector<Override>& overrides, const ConfigNode& at,
                const std::string& what) {
  const LoadResult result = study.source->Build(overrides, registry);
  if (result.scenario) return true;
  int shown = 0;
  for (const Diagnostic& d : result.diagnostics) {
    if (++shown > 5) break;
    // A problem with the override itself names it; any other is a problem of
    // the scenario with this value (a cross-check), shown with its position.
    const bool from_override = d.file.rfind("--set ", 0) == 0;
    reader.Error(
        at, fmt::format(
                "{}: {}", what,
                from_override ? d.message : "the scenario does not build: " + FormatDiagnostic(d)));
  }
  if (result.diagnostics.empty()) {
    reader.Error(at, fmt::format("{}: the scenario does not build", what));
  }
  return false;
}

// The values a parameter is checked at when the study loads: both ends of
// its range, or each of its values.
std::vector<std::string> TriedValues(const StudyParameter& p) {
  if (p.kind == StudyParameter::Kind::kRange) return {FormatNumber(p.lo), FormatNumber(p.hi)};
  return p.values;
}

// The base scenario alone (with the fixed overrides), then each parameter at
// its tried values.
void Validate(const ConfigReader& reader, const Study& study, const ModelRegistry& registry,
              const ConfigNode& root) {
  const LoadResult base = study.source->Build(study.fixed, registry);
  if (!base.scenario) {
    const ConfigNode* scenario = root.Find("scenario");
    const ConfigNode* set = root.Find("set");
    for (const Diagnostic& d : base.diagnostics) {
      if (d.file.rfind("--set ", 0) == 0) {
        reader.Error(set ? *set : root, fmt::format("set: {}", FormatDiagnostic(d)));
      } else {
        reader.Error(*scenario,
                     fmt::format("the base scenario has errors: {}", FormatDiagnostic(d)));
      }
    }
    if (base.diagnostics.empty()) reader.Error(*scenario, "the base scenario does not build");
    return;
  }
  const ConfigNode* parameters = root.Find("parameters");
  for (const StudyParameter& p : study.parameters) {
    const std::vector<std::string> tried = TriedValues(p);
    const ConfigNode* spec = parameters->Find(p.path);
    const ConfigNode* values = spec != nullptr ? spec->Find("values") : nullptr;
    for (std::size_t i = 0; i < tried.size(); ++i) {
      std::vector<Override> overrides = study.fixed;
      overrides.push_back(Override{p.path, tried[i]});
      // A value is reported at the value itself, a range at the parameter.
      const ConfigNode at =
          p.kind == StudyParameter::Kind::kValues && values != nullptr && i < values->items.size()
              ? At(values->items[i].line, values->items[i].column)
              : At(p.line, p.column);
      if (!CheckBuild(reader, study, registry, overrides, at,
                      fmt::format("parameter {} = {}", p.path, tried[i]))) {
        break;  // one report per parameter is enough
      }
    }
  }
}

StudyLoadResult Finish(Diagnostics& diagnostics, std::optional<Study> study) {
  StudyLoadResult result;
  result.diagnostics = diagnostics.Sorted();
  if (result.diagnostics.empty()) result.study = std::move(study);
  return result;
}

bool ReadWholeFile(const std::string& path, std::size_t limit, std::string* text,
                   std::string* error) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = "cannot read: it is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("cannot open file: {}", std::strerror(errno));
    return false;
  }
  if (!ReadBounded(in, limit, text)) {
    *error = "cannot read file";
    return false;
  }
  if (text->size() > limit) {
    *error = fmt::format("file too large: the limit is {} MiB", limit >> 20);
    return false;
  }
  return true;
}

void ReadMetrics(const ConfigReader& reader, const ConfigNode& node, Study* study) {
  if (!reader.ExpectSequence(node, "metrics")) return;
  if (node.items.empty()) {
    reader.Error(node, "metrics: expected at least one metric name");
    return;
  }
  const std::vector<std::string> names = RunMetricNames();
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const ConfigNode& m = node.items[i];
    const auto name = reader.String(m, fmt::format("metrics.{}", i));
    if (!name) continue;
    if (!RunMetricIndex(*name)) {
      reader.Error(m, fmt::format("metrics: unknown metric {}{}; known: {}", Quote(*name),
                                  DidYouMean(*name, names), fmt::join(names, ", ")));
    } else if (std::find(study->metrics.begin(), study->metrics.end(), *name) !=
               study->metrics.end()) {
      reader.Error(m, fmt::format("metrics: '{}' is listed twice", *name));
    } else {
      study->metrics.push_back(*name);
    }
  }
}

// The keys that take a value as it is: name, description, set, levels,
// replications, seed, metrics, theater_turns.
void ReadSettings(const ConfigReader& reader, const ConfigNode& root, Study* study) {
  if (const ConfigNode* n = root.Find("name")) {
    if (auto s = reader.String(*n, "name")) study->name = *s;
  }
  if (const ConfigNode* n = root.Find("description")) {
    if (auto s = reader.String(*n, "description")) study->description = *s;
  }
  std::vector<const ConfigEntry*> sets;
  if (const ConfigNode* n = root.Find("set"); n != nullptr && !n->IsNull()) {
    FreeEntries(reader, *n, "set", &sets);
  }
  for (const ConfigEntry* e : sets) {
    if (auto s = reader.String(e->value, JoinPath("set", e->key.scalar))) {
      study->fixed.push_back(Override{e->key.scalar, *s});
    }
  }
  if (const ConfigNode* n = root.Find("levels")) {
    if (auto l = reader.Integer(*n, "levels", 2, kMaxLevels)) study->levels = static_cast<int>(*l);
  }
  if (const ConfigNode* n = root.Find("replications")) {
    if (auto r = reader.Integer(*n, "replications", 1, 1'000'000)) {
      study->replications = static_cast<std::size_t>(*r);
    }
  }
  if (const ConfigNode* n = root.Find("seed")) {
    if (auto seed = reader.Unsigned64(*n, "seed")) study->seed = *seed;
  }
  if (const ConfigNode* n = root.Find("metrics")) {
    ReadMetrics(reader, *n, study);
  } else {
    study->metrics = DefaultStudyMetrics();
  }
  if (const ConfigNode* n = root.Find("theater_turns")) {
    if (auto b = reader.Bool(*n, "theater_turns")) study->theater_turns = *b;
  }
}

void Missing(const ConfigReader& reader, const ConfigNode& root, const char* key,
             const char* example) {
  reader.Error(root, fmt::format("missing required key '{}' in the top level ({})", key, example));
}

// The design and its samples; false if there is no valid design.
bool ReadDesign(const ConfigReader& reader, const ConfigNode& root, Study* study) {
  const ConfigNode* design = root.Find("design");
  if (design == nullptr) {
    Missing(reader, root, "design", "grid, latin_hypercube, sobol or morris");
    return false;
  }
  const auto name = reader.String(*design, "design");
  if (!name) return false;
  const std::optional<DesignKind> kind = ParseDesignName(*name);
  if (!kind) {
    reader.Error(*design,
                 fmt::format("design: unknown design {}{}; expected grid, "
                             "latin_hypercube, sobol or morris",
                             Quote(*name),
                             DidYouMean(*name, {"grid", "latin_hypercube", "sobol", "morris"})));
    return false;
  }
  study->design = *kind;
  const ConfigNode* samples = root.Find("samples");
  if (study->design == DesignKind::kGrid) {
    if (samples != nullptr) {
      reader.Error(*samples,
                   "samples: a grid design has no samples; give each range "
                   "its 'levels' (or a default 'levels')");
    }
  } else if (samples == nullptr) {
    Missing(reader, root, "samples",
            study->design == DesignKind::kSobol    ? "base samples N, e.g. 512"
            : study->design == DesignKind::kMorris ? "trajectories r, e.g. 20"
                                                   : "points, e.g. 200");
  } else if (auto s = reader.Integer(*samples, "samples", 1, kMaxDesignPoints)) {
    study->samples = static_cast<std::size_t>(*s);
  }
  if (study->design == DesignKind::kMorris && study->levels % 2 != 0) {
    const ConfigNode* levels = root.Find("levels");
    reader.Error(levels ? *levels : root,
                 fmt::format("levels: a Morris design needs an even number of levels, got {}",
                             study->levels));
  }
  return true;
}

void ReadParameters(const ConfigReader& reader, const ConfigNode& root, bool design_ok,
                    Study* study) {
  const ConfigNode* node = root.Find("parameters");
  if (node == nullptr) {
    Missing(reader, root, "parameters",
            "a map of --set paths to {range: [LO, HI]} or {values: [...]}");
    return;
  }
  if (!node->IsMap() || node->entries.empty()) {
    reader.Error(*node, fmt::format("parameters: expected a map of --set paths to {{range: [LO, "
                                    "HI]}} or {{values: [...]}}, {}",
                                    node->IsMap() ? "got an empty map" : Got(*node)));
    return;
  }
  std::vector<const ConfigEntry*> entries;
  FreeEntries(reader, *node, "parameters", &entries);
  for (const ConfigEntry* e : entries) ReadParameter(reader, *e, study);
  if (entries.size() > kMaxStudyParameters) {
    reader.Error(*node, fmt::format("parameters: at most {} parameters", kMaxStudyParameters));
  }
  if (design_ok && study->design == DesignKind::kSobol && entries.size() > kMaxSobolParameters) {
    reader.Error(*node, fmt::format("parameters: a sobol design takes at most {} parameters (the "
                                    "Sobol sequence here has {} dimensions, two per parameter)",
                                    kMaxSobolParameters, SobolSequence::kMaxDims));
  }
  for (const StudyParameter& p : study->parameters) {
    if (p.levels > 0 && design_ok && study->design != DesignKind::kGrid) {
      reader.Error(At(p.line, p.column),
                   fmt::format("parameter {}: levels applies to a grid design", p.path));
    }
    for (const Override& o : study->fixed) {
      if (o.path == p.path) {
        reader.Error(At(p.line, p.column),
                     fmt::format("parameter {} is also fixed under 'set'", p.path));
      }
    }
  }
}

// The base scenario, relative to the study file.
void ReadScenario(const ConfigReader& reader, const ConfigNode& root,
                  const std::string& display_name, Study* study) {
  const ConfigNode* node = root.Find("scenario");
  if (node == nullptr) {
    Missing(reader, root, "scenario", "the base scenario file, relative to this file");
    return;
  }
  const auto s = reader.String(*node, "scenario");
  if (!s) return;
  study->scenario = *s;
  std::filesystem::path path(*s);
  if (path.is_relative()) path = std::filesystem::path(display_name).parent_path() / path;
  study->scenario_path = path.lexically_normal().string();
  std::string scenario_text, error;
  if (!ReadWholeFile(study->scenario_path, std::size_t{8} << 20, &scenario_text, &error)) {
    reader.Error(*node, fmt::format("scenario {}: {}", study->scenario_path, error));
    return;
  }
  study->scenario_text = scenario_text;
  study->source = std::make_shared<const ScenarioSource>(
      ScenarioSource::FromText(scenario_text, study->scenario_path));
}

}  // namespace

StudyLoadResult LoadStudy(const std::string& path, const ModelRegistry& registry) {
  std::string text, error;
  if (!ReadWholeFile(path, kMaxStudyBytes, &text, &error)) {
    Diagnostics diagnostics;
    diagnostics.Error(path, 0, 0, error);
    return Finish(diagnostics, std::nullopt);
  }
  return LoadStudyText(text, path, registry);
}

StudyLoadResult LoadStudyText(std::string_view text, const std::string& display_name,
                              const ModelRegistry& registry) {
  Diagnostics diagnostics;
  const ConfigReader reader(display_name, &diagnostics);
  if (text.size() > kMaxStudyBytes) {
    diagnostics.Error(display_name, 0, 0, "file too large: the limit is 1 MiB");
    return Finish(diagnostics, std::nullopt);
  }
  const std::optional<ConfigNode> parsed = ParseConfigYaml(text, display_name, &diagnostics);
  if (!parsed) return Finish(diagnostics, std::nullopt);
  const ConfigNode& root = *parsed;
  if (root.IsNull() && root.line == 0) {
    diagnostics.Error(display_name, 0, 0, "empty file: expected a study (a map)");
    return Finish(diagnostics, std::nullopt);
  }
  if (!reader.ExpectMap(root, "", kTopKeys)) return Finish(diagnostics, std::nullopt);

  Study study;
  study.file = display_name;
  study.text = std::string(text);
  study.name = std::filesystem::path(display_name).stem().string();
  ReadSettings(reader, root, &study);
  const bool design_ok = ReadDesign(reader, root, &study);
  ReadParameters(reader, root, design_ok, &study);
  if (design_ok && diagnostics.empty()) {
    const std::size_t points = study.points();
    const ConfigNode& design = *root.Find("design");
    if (points == 0 || points > kMaxDesignPoints) {
      reader.Error(design,
                   fmt::format("the design has {} points; the limit is {}",
                               points > kMaxDesignPoints ? "too many" : "no", kMaxDesignPoints));
    } else if (study.runs() > kMaxStudyRuns) {
      reader.Error(design, fmt::format("{} points × {} replications is more than {} runs", points,
                                       study.replications, kMaxStudyRuns));
    }
  }
  ReadScenario(reader, root, display_name, &study);
  if (diagnostics.empty() && study.source) Validate(reader, study, registry, root);
  return Finish(diagnostics, std::move(study));
}

// Located with the values the study was validated at (TriedValues).
void PreparePatcher(Study* study, const ModelRegistry& registry) {
  std::vector<PatchParameter> parameters;
  for (const StudyParameter& p : study->parameters) {
    parameters.push_back(PatchParameter{p.path, TriedValues(p)});
  }
  study->patcher = std::make_shared<const ScenarioPatcher>(
      ScenarioPatcher::Prepare(*study->source, study->fixed, parameters, registry));
}

}  // namespace overstretch::cli
