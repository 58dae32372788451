// Studies: design names, the size of a design, parameter values and the
// overrides of a design point. Reading study files is study_reader.cc.
#include "tools/studies/study.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "tools/runio/csv.h"

namespace overstretch::cli {

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

}  // namespace overstretch::cli
