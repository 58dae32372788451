// Reading study files. The text first goes through the scenario loader's
// parser (ScenarioSource::FromText), only for its checks: size, binary data,
// nesting depth, anchors and aliases, one document, YAML syntax, each with
// its position. Text that passes is safe to hand to yaml-cpp's YAML::Load,
// whose nodes carry the positions used in our own messages.
#include "tools/studies/study.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <utility>

#include "tools/runio/csv.h"

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

// A scalar for a message: quoted, shortened, control characters replaced.
std::string Show(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 60)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 ? '?' : c);
  }
  if (text.size() > 60) out += "...";
  return "'" + out + "'";
}

}  // namespace

bool ParseBoolValue(std::string_view s, bool* value) {
  if (s == "true" || s == "True" || s == "TRUE") {
    *value = true;
    return true;
  }
  if (s == "false" || s == "False" || s == "FALSE") {
    *value = false;
    return true;
  }
  return false;
}

namespace {

class StudyReader {
 public:
  StudyReader(std::string file, Diagnostics* diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  void Error(const YAML::Node& at, const std::string& message) { Error(at.Mark(), message); }
  void Error(const YAML::Mark& mark, const std::string& message) {
    if (mark.is_null()) {
      diagnostics_->Error(file_, 0, 0, message);
    } else {
      diagnostics_->Error(file_, mark.line + 1, mark.column + 1, message);
    }
  }

  bool Scalar(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) return true;
    Error(node, fmt::format("{}: expected a single value, got {}", what, Kind(node)));
    return false;
  }

  std::optional<std::string> String(const YAML::Node& node, const std::string& what) {
    if (!Scalar(node, what)) return std::nullopt;
    return node.Scalar();
  }

  std::optional<double> Number(const YAML::Node& node, const std::string& what) {
    if (!Scalar(node, what)) return std::nullopt;
    const std::optional<double> x = ParseFiniteDouble(node.Scalar());
    if (!x)
      Error(node, fmt::format("{}: expected a finite number, got {}", what, Show(node.Scalar())));
    return x;
  }

  std::optional<long long> Integer(const YAML::Node& node, const std::string& what, long long min,
                                   long long max) {
    if (!Scalar(node, what)) return std::nullopt;
    const std::optional<long long> x = ParseInteger(node.Scalar());
    if (!x || *x < min || *x > max) {
      Error(node, fmt::format("{}: expected a whole number in [{}, {}], got {}", what, min, max,
                              Show(node.Scalar())));
      return std::nullopt;
    }
    return x;
  }

  std::optional<bool> Bool(const YAML::Node& node, const std::string& what) {
    if (!Scalar(node, what)) return std::nullopt;
    bool value = false;
    if (ParseBoolValue(node.Scalar(), &value)) return value;
    Error(node, fmt::format("{}: expected true or false, got {}", what, Show(node.Scalar())));
    return std::nullopt;
  }

  static const char* Kind(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return "nothing";
      case YAML::NodeType::Scalar:
        return "a single value";
      case YAML::NodeType::Sequence:
        return "a list";
      case YAML::NodeType::Map:
        return "a map";
    }
    return "?";
  }

  // The entries of a map, with unknown and repeated keys reported; non-scalar
  // keys are reported and skipped.
  std::vector<std::pair<YAML::Node, YAML::Node>> Entries(const YAML::Node& map,
                                                         const std::string& what,
                                                         const std::vector<std::string>* allowed) {
    std::vector<std::pair<YAML::Node, YAML::Node>> entries;
    std::vector<std::pair<std::string, YAML::Mark>> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const YAML::Node key = it->first;
      if (!key.IsScalar()) {
        Error(key, fmt::format("{}: keys must be plain names, got {}", what, Kind(key)));
        continue;
      }
      const std::string& name = key.Scalar();
      const auto previous =
          std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == name; });
      if (previous != seen.end()) {
        Error(key, fmt::format("{}: '{}' is repeated (first at line {}, column {})", what,
                               Show(name).substr(1, Show(name).size() - 2),
                               previous->second.line + 1, previous->second.column + 1));
        continue;
      }
      seen.emplace_back(name, key.Mark());
      if (allowed != nullptr &&
          std::find(allowed->begin(), allowed->end(), name) == allowed->end()) {
        Error(key, fmt::format("{}: unknown key {}{}; expected one of: {}", what, Show(name),
                               DidYouMean(name, *allowed), fmt::join(*allowed, ", ")));
        continue;
      }
      entries.emplace_back(key, it->second);
    }
    return entries;
  }

 private:
  std::string file_;
  Diagnostics* diagnostics_;
};

void ReadParameter(StudyReader& reader, const YAML::Node& key, const YAML::Node& spec,
                   Study* study) {
  StudyParameter p;
  p.path = key.Scalar();
  p.line = key.Mark().line + 1;
  p.column = key.Mark().column + 1;
  const std::string what = "parameter " + p.path;
  if (p.path.empty() || p.path.find('=') != std::string::npos ||
      p.path.find_first_of(" \t") != std::string::npos) {
    reader.Error(key, fmt::format("{}: a parameter is a --set path such as "
                                  "actors.US.global_commitments (no spaces or '=')",
                                  what));
    return;
  }
  if (!spec.IsMap()) {
    reader.Error(spec.IsNull() ? key : spec,
                 fmt::format("{}: expected a map with 'range: [LO, HI]' or 'values: [...]', got {}",
                             what, StudyReader::Kind(spec)));
    return;
  }
  bool ok = true;
  const YAML::Node* range = nullptr;
  const YAML::Node* values = nullptr;
  std::optional<YAML::Node> levels_node, integer_node;
  const auto entries = reader.Entries(spec, what, &kParameterKeys);
  for (const auto& [k, v] : entries) {
    if (k.Scalar() == "range") range = &v;
    if (k.Scalar() == "values") values = &v;
    if (k.Scalar() == "levels") levels_node = v;
    if (k.Scalar() == "integer") integer_node = v;
  }
  if ((range != nullptr) == (values != nullptr)) {
    reader.Error(
        key, fmt::format("{}: give exactly one of 'range: [LO, HI]' and 'values: [...]'", what));
    return;
  }
  if (range != nullptr) {
    p.kind = StudyParameter::Kind::kRange;
    if (!range->IsSequence() || range->size() != 2) {
      reader.Error(*range, fmt::format("{}: range: expected [LO, HI], two numbers", what));
      return;
    }
    const auto lo = reader.Number((*range)[0], what + ": range");
    const auto hi = reader.Number((*range)[1], what + ": range");
    if (!lo || !hi) return;
    if (!(*lo < *hi)) {
      reader.Error(*range, fmt::format("{}: range: LO must be below HI, got [{}, {}]", what,
                                       FormatNumber(*lo), FormatNumber(*hi)));
      return;
    }
    p.lo = *lo;
    p.hi = *hi;
    if (integer_node) {
      const auto integer = reader.Bool(*integer_node, what + ": integer");
      if (!integer) return;
      p.integer = *integer;
      if (p.integer && (p.lo != std::floor(p.lo) || p.hi != std::floor(p.hi) ||
                        std::abs(p.lo) > 1e9 || std::abs(p.hi) > 1e9)) {
        reader.Error(*range, fmt::format("{}: an integer range needs whole-number ends within "
                                         "±1e9",
                                         what));
        return;
      }
    }
    if (levels_node) {
      const auto levels = reader.Integer(*levels_node, what + ": levels", 2, kMaxLevels);
      if (!levels) return;
      p.levels = static_cast<int>(*levels);
    }
  } else {
    p.kind = StudyParameter::Kind::kValues;
    if (levels_node) {
      reader.Error(*levels_node, fmt::format("{}: levels applies to a range; a list of values "
                                             "uses each value",
                                             what));
      ok = false;
    }
    if (integer_node) {
      reader.Error(*integer_node, fmt::format("{}: integer applies to a range", what));
      ok = false;
    }
    if (!values->IsSequence() || values->size() == 0) {
      reader.Error(*values, fmt::format("{}: values: expected a non-empty list, got {}", what,
                                        StudyReader::Kind(*values)));
      return;
    }
    if (values->size() > kMaxValues) {
      reader.Error(*values, fmt::format("{}: values: at most {} values", what, kMaxValues));
      return;
    }
    std::set<std::string> seen;
    std::size_t index = 0;
    for (const YAML::Node& v : *values) {
      const auto text = reader.String(v, what + ": values");
      if (!text) {
        ok = false;
        continue;
      }
      if (!seen.insert(*text).second) {
        reader.Error(v, fmt::format("{}: values: {} is listed twice", what, Show(*text)));
        ok = false;
        continue;
      }
      p.values.push_back(*text);
      p.codes.push_back(ValueCode(*text, index));
      ++index;
    }
  }
  if (ok) study->parameters.push_back(std::move(p));
}

// Builds the base scenario with `overrides`; reports each problem at `at`,
// prefixed by `what`. Returns whether it built.
bool CheckBuild(StudyReader& reader, const Study& study, const ModelRegistry& registry,
                const std::vector<Override>& overrides, const YAML::Mark& at,
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

void Validate(StudyReader& reader, Study* study, const ModelRegistry& registry,
              const YAML::Node& root) {
  // The base scenario alone (with the fixed overrides).
  const LoadResult base = study->source->Build(study->fixed, registry);
  if (!base.scenario) {
    const YAML::Node at = root["scenario"];
    for (const Diagnostic& d : base.diagnostics) {
      if (d.file.rfind("--set ", 0) == 0) {
        reader.Error(root["set"].Mark(), fmt::format("set: {}", FormatDiagnostic(d)));
      } else {
        reader.Error(at, fmt::format("the base scenario has errors: {}", FormatDiagnostic(d)));
      }
    }
    if (base.diagnostics.empty()) reader.Error(at, "the base scenario does not build");
    return;
  }
  // Each parameter at both ends of its range, or at each of its values.
  const YAML::Node parameters = root["parameters"];
  for (const StudyParameter& p : study->parameters) {
    YAML::Mark mark;
    mark.line = p.line - 1;
    mark.column = p.column - 1;
    std::vector<std::string> tried;
    if (p.kind == StudyParameter::Kind::kRange) {
      tried = {FormatNumber(p.lo), FormatNumber(p.hi)};
    } else {
      tried = p.values;
    }
    for (std::size_t i = 0; i < tried.size(); ++i) {
      std::vector<Override> overrides = study->fixed;
      overrides.push_back(Override{p.path, tried[i]});
      YAML::Mark at = mark;
      if (p.kind == StudyParameter::Kind::kValues) {
        // At the value itself.
        const YAML::Node values = parameters[p.path]["values"];
        if (values.IsSequence() && i < values.size()) at = values[i].Mark();
      }
      if (!CheckBuild(reader, *study, registry, overrides, at,
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
  text->assign(limit + 1, '\0');
  in.read(text->data(), static_cast<std::streamsize>(text->size()));
  text->resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) {
    *error = "cannot read file";
    return false;
  }
  if (text->size() > limit) {
    *error = fmt::format("file too large: the limit is {} MiB", limit >> 20);
    return false;
  }
  return true;
}

}  // namespace

const char* DesignName(DesignKind kind) {
  switch (kind) {
    case DesignKind::kGrid:
      return "grid";
    case DesignKind::kLatinHypercube:
      return "latin_hypercube";
    case DesignKind::kSobol:
      return "sobol";
    case DesignKind::kMorris:
      return "morris";
  }
  return "?";
}

std::optional<DesignKind> ParseDesignName(std::string_view name) {
  for (DesignKind k :
       {DesignKind::kGrid, DesignKind::kLatinHypercube, DesignKind::kSobol, DesignKind::kMorris}) {
    if (name == DesignName(k)) return k;
  }
  return std::nullopt;
}

std::vector<std::string> DefaultStudyMetrics() {
  std::vector<std::string> names;
  for (const RunMetric& m : RunMetrics()) {
    if (m.outcome) names.emplace_back(m.name);
  }
  return names;
}

std::size_t Study::points() const {
  const std::size_t d = parameters.size();
  switch (design) {
    case DesignKind::kGrid: {
      std::size_t n = 1;
      for (const StudyParameter& p : parameters) {
        std::size_t levels = 0;
        if (p.kind == StudyParameter::Kind::kValues) {
          levels = p.values.size();
        } else if (p.integer) {
          levels = static_cast<std::size_t>(p.hi - p.lo) + 1;
          if (p.levels > 0) levels = std::min(levels, static_cast<std::size_t>(p.levels));
        } else {
          levels = static_cast<std::size_t>(p.levels > 0 ? p.levels : this->levels);
        }
        if (levels != 0 && n > kMaxDesignPoints * 10 / levels) return kMaxDesignPoints * 10;
        n *= levels;
      }
      return n;
    }
    case DesignKind::kLatinHypercube:
      return samples;
    case DesignKind::kSobol:
      return samples * (d + 2);
    case DesignKind::kMorris:
      return samples * (d + 1);
  }
  return 0;
}

double ValueCode(const std::string& text, std::size_t index) {
  bool b = false;
  if (const auto x = ParseFiniteDouble(text)) return *x;
  if (ParseBoolValue(text, &b)) return b ? 1.0 : 0.0;
  return static_cast<double>(index);
}

bool IsNumericValue(const StudyParameter& p, const std::string& text) {
  bool b = false;
  return p.kind == StudyParameter::Kind::kRange || ParseFiniteDouble(text).has_value() ||
         ParseBoolValue(text, &b);
}

ParameterValue ValueAt(const StudyParameter& p, double u) {
  u = std::clamp(u, 0.0, 1.0);
  ParameterValue v;
  if (p.kind == StudyParameter::Kind::kValues) {
    const std::size_t n = p.values.size();
    const std::size_t i = std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)));
    v.text = p.values[i];
    v.number = p.codes[i];
    return v;
  }
  if (p.integer) {
    const double count = p.hi - p.lo + 1;
    v.number = std::min(p.hi, p.lo + std::floor(u * count));
  } else {
    // Twelve significant digits: grid levels read 0.1, not 0.09999999999999999,
    // and no design needs more.
    v.number = std::clamp(p.lo + u * (p.hi - p.lo), p.lo, p.hi);
    v.number =
        std::clamp(std::strtod(fmt::format("{:.12g}", v.number).c_str(), nullptr), p.lo, p.hi);
  }
  v.text = FormatNumber(v.number);
  return v;
}

UnitDesign MakeDesign(const Study& study) {
  const std::size_t d = study.parameters.size();
  switch (study.design) {
    case DesignKind::kGrid: {
      std::vector<int> levels;
      std::unique_ptr<bool[]> midpoints(new bool[d]);
      for (std::size_t i = 0; i < d; ++i) {
        const StudyParameter& p = study.parameters[i];
        if (p.kind == StudyParameter::Kind::kValues) {
          levels.push_back(static_cast<int>(p.values.size()));
          midpoints[i] = true;
        } else if (p.integer && p.levels == 0) {
          levels.push_back(static_cast<int>(p.hi - p.lo) + 1);
          midpoints[i] = true;
        } else {
          levels.push_back(p.levels > 0 ? p.levels : study.levels);
          midpoints[i] = false;
        }
      }
      return GridDesign(levels, std::span<const bool>(midpoints.get(), d));
    }
    case DesignKind::kLatinHypercube:
      return LatinHypercubeDesign(study.samples, d, study.seed);
    case DesignKind::kSobol:
      return SaltelliDesign(study.samples, d, study.seed);
    case DesignKind::kMorris:
      return MorrisDesign(study.samples, d, study.levels, study.seed);
  }
  return {};
}

std::vector<Override> PointOverrides(const Study& study, const UnitDesign& design,
                                     std::size_t point) {
  std::vector<Override> overrides = study.fixed;
  for (std::size_t i = 0; i < study.parameters.size(); ++i) {
    overrides.push_back(
        Override{study.parameters[i].path, ValueAt(study.parameters[i], design.at(point, i)).text});
  }
  return overrides;
}

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
  StudyReader reader(display_name, &diagnostics);
  if (text.size() > kMaxStudyBytes) {
    diagnostics.Error(display_name, 0, 0, "file too large: the limit is 1 MiB");
    return Finish(diagnostics, std::nullopt);
  }
  // The scenario parser's safety checks first (see the top of this file).
  {
    const ScenarioSource check = ScenarioSource::FromText(text, display_name);
    if (!check.parse_diagnostics().empty()) {
      StudyLoadResult result;
      for (Diagnostic d : check.parse_diagnostics()) {
        if (d.message.rfind("empty file", 0) == 0)
          d.message = "empty file: expected a study (a map)";
        result.diagnostics.push_back(std::move(d));
      }
      return result;
    }
  }
  YAML::Node root;
  try {
    root = YAML::Load(WithLineFeeds(text));
  } catch (const YAML::Exception& e) {
    reader.Error(e.mark, "YAML syntax error: " + e.msg);
    return Finish(diagnostics, std::nullopt);
  } catch (const std::exception& e) {
    diagnostics.Error(display_name, 0, 0, std::string("cannot parse YAML: ") + e.what());
    return Finish(diagnostics, std::nullopt);
  }
  if (!root.IsMap()) {
    reader.Error(root, fmt::format("a study file is a map of keys ({}), got {}",
                                   fmt::join(kTopKeys, ", "), StudyReader::Kind(root)));
    return Finish(diagnostics, std::nullopt);
  }

  Study study;
  study.file = display_name;
  study.text = std::string(text);
  study.name = std::filesystem::path(display_name).stem().string();
  const auto entries = reader.Entries(root, "study", &kTopKeys);
  std::optional<YAML::Node> scenario_node, parameters_node, design_node, samples_node;
  bool metrics_given = false;
  for (const auto& [key, value] : entries) {
    const std::string& k = key.Scalar();
    if (k == "name") {
      if (auto s = reader.String(value, "name")) study.name = *s;
    } else if (k == "description") {
      if (auto s = reader.String(value, "description")) study.description = *s;
    } else if (k == "scenario") {
      scenario_node = value;
    } else if (k == "set") {
      if (value.IsNull()) continue;
      if (!value.IsMap()) {
        reader.Error(value, fmt::format("set: expected a map of PATH: VALUE, got {}",
                                        StudyReader::Kind(value)));
        continue;
      }
      for (const auto& [path, v] : reader.Entries(value, "set", nullptr)) {
        if (auto s = reader.String(v, "set " + path.Scalar())) {
          study.fixed.push_back(Override{path.Scalar(), *s});
        }
      }
    } else if (k == "parameters") {
      parameters_node = value;
    } else if (k == "design") {
      design_node = value;
    } else if (k == "samples") {
      samples_node = value;
    } else if (k == "levels") {
      if (auto l = reader.Integer(value, "levels", 2, kMaxLevels))
        study.levels = static_cast<int>(*l);
    } else if (k == "replications") {
      if (auto r = reader.Integer(value, "replications", 1, 1'000'000)) {
        study.replications = static_cast<std::size_t>(*r);
      }
    } else if (k == "seed") {
      if (reader.Scalar(value, "seed")) {
        const std::string& s = value.Scalar();
        std::uint64_t seed = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seed);
        if (s.empty() || ec != std::errc() || end != s.data() + s.size()) {
          reader.Error(value,
                       fmt::format("seed: expected a whole number in [0, 2^64), got {}", Show(s)));
        } else {
          study.seed = seed;
        }
      }
    } else if (k == "metrics") {
      metrics_given = true;
      if (!value.IsSequence() || value.size() == 0) {
        reader.Error(value, "metrics: expected a non-empty list of metric names");
        continue;
      }
      const std::vector<std::string> names = RunMetricNames();
      for (const YAML::Node& m : value) {
        const auto name = reader.String(m, "metrics");
        if (!name) continue;
        if (!RunMetricIndex(*name)) {
          reader.Error(m, fmt::format("metrics: unknown metric {}{}; known: {}", Show(*name),
                                      DidYouMean(*name, names), fmt::join(names, ", ")));
        } else if (std::find(study.metrics.begin(), study.metrics.end(), *name) !=
                   study.metrics.end()) {
          reader.Error(m, fmt::format("metrics: '{}' is listed twice", *name));
        } else {
          study.metrics.push_back(*name);
        }
      }
    } else if (k == "theater_turns") {
      if (auto b = reader.Bool(value, "theater_turns")) study.theater_turns = *b;
    }
  }
  if (!metrics_given) study.metrics = DefaultStudyMetrics();

  const YAML::Mark top = root.Mark();
  auto missing = [&](const char* key, const char* example) {
    reader.Error(top, fmt::format("missing key '{}' ({})", key, example));
  };

  // Design and samples.
  bool design_ok = false;
  if (!design_node) {
    missing("design", "grid, latin_hypercube, sobol or morris");
  } else if (auto name = reader.String(*design_node, "design")) {
    if (auto kind = ParseDesignName(*name)) {
      study.design = *kind;
      design_ok = true;
    } else {
      reader.Error(*design_node,
                   fmt::format("design: unknown design {}{}; expected grid, latin_hypercube, "
                               "sobol or morris",
                               Show(*name),
                               DidYouMean(*name, {"grid", "latin_hypercube", "sobol", "morris"})));
    }
  }
  if (design_ok) {
    if (study.design == DesignKind::kGrid) {
      if (samples_node) {
        reader.Error(*samples_node,
                     "samples: a grid design has no samples; give each range "
                     "its 'levels' (or a default 'levels')");
      }
    } else if (!samples_node) {
      missing("samples", study.design == DesignKind::kSobol    ? "base samples N, e.g. 512"
                         : study.design == DesignKind::kMorris ? "trajectories r, e.g. 20"
                                                               : "points, e.g. 200");
    } else if (auto s = reader.Integer(*samples_node, "samples", 1, kMaxDesignPoints)) {
      study.samples = static_cast<std::size_t>(*s);
    }
    if (study.design == DesignKind::kMorris && study.levels % 2 != 0) {
      reader.Error(root["levels"], fmt::format("levels: a Morris design needs an even number of "
                                               "levels, got {}",
                                               study.levels));
    }
  }

  // Parameters.
  if (!parameters_node) {
    missing("parameters", "a map of --set paths to {range: [LO, HI]} or {values: [...]}");
  } else if (!parameters_node->IsMap() || parameters_node->size() == 0) {
    reader.Error(*parameters_node,
                 fmt::format("parameters: expected a map of --set paths to {{range: [LO, HI]}} or "
                             "{{values: [...]}}, got {}",
                             parameters_node->IsMap() ? "an empty map"
                                                      : StudyReader::Kind(*parameters_node)));
  } else {
    for (const auto& [key, spec] : reader.Entries(*parameters_node, "parameters", nullptr)) {
      ReadParameter(reader, key, spec, &study);
    }
    if (parameters_node->size() > kMaxStudyParameters) {
      reader.Error(*parameters_node,
                   fmt::format("parameters: at most {} parameters", kMaxStudyParameters));
    }
    if (design_ok && study.design == DesignKind::kSobol &&
        parameters_node->size() > kMaxSobolParameters) {
      reader.Error(*parameters_node,
                   fmt::format("parameters: a sobol design takes at most {} parameters (the "
                               "Sobol sequence here has {} dimensions, two per parameter)",
                               kMaxSobolParameters, SobolSequence::kMaxDims));
    }
    for (const StudyParameter& p : study.parameters) {
      if (p.levels > 0 && design_ok && study.design != DesignKind::kGrid) {
        YAML::Mark m;
        m.line = p.line - 1;
        m.column = p.column - 1;
        reader.Error(m, fmt::format("parameter {}: levels applies to a grid design", p.path));
      }
      for (const Override& o : study.fixed) {
        if (o.path == p.path) {
          YAML::Mark m;
          m.line = p.line - 1;
          m.column = p.column - 1;
          reader.Error(m, fmt::format("parameter {} is also fixed under 'set'", p.path));
        }
      }
    }
  }
  if (design_ok && diagnostics.empty()) {
    const std::size_t points = study.points();
    if (points == 0 || points > kMaxDesignPoints) {
      reader.Error(*design_node,
                   fmt::format("the design has {} points; the limit is {}",
                               points > kMaxDesignPoints ? "too many" : "no", kMaxDesignPoints));
    } else if (study.runs() > kMaxStudyRuns) {
      reader.Error(*design_node, fmt::format("{} points × {} replications is more than {} runs",
                                             points, study.replications, kMaxStudyRuns));
    }
  }

  // The base scenario, relative to the study file.
  if (!scenario_node) {
    missing("scenario", "the base scenario file, relative to this file");
  } else if (auto s = reader.String(*scenario_node, "scenario")) {
    study.scenario = *s;
    std::filesystem::path path(*s);
    if (path.is_relative()) path = std::filesystem::path(display_name).parent_path() / path;
    study.scenario_path = path.lexically_normal().string();
    std::string scenario_text, error;
    if (!ReadWholeFile(study.scenario_path, std::size_t{8} << 20, &scenario_text, &error)) {
      reader.Error(*scenario_node, fmt::format("scenario {}: {}", study.scenario_path, error));
    } else {
      study.scenario_text = scenario_text;
      study.source = std::make_shared<const ScenarioSource>(
          ScenarioSource::FromText(scenario_text, study.scenario_path));
    }
  }

  if (diagnostics.empty() && study.source) Validate(reader, &study, registry, root);
  return Finish(diagnostics, std::move(study));
}

}  // namespace overstretch::cli
