#include "tools/studies/compensation.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "engine/metrics.h"
#include "tools/studies/design.h"

namespace overstretch::cli {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The base scenario's `scenario.patron`, or "" (none, or not readable).
std::string PatronId(const std::string& scenario_text) {
  try {
    const YAML::Node root = YAML::Load(scenario_text);
    const YAML::Node patron = root["scenario"]["patron"];
    if (patron && patron.IsScalar()) return patron.Scalar();
  } catch (const YAML::Exception&) {
  }
  return "";
}

// Percentile q in [0, 1] of sorted values (linear interpolation).
double Quantile(const std::vector<double>& sorted, double q) {
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const std::size_t lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

struct Pair {
  double shortfall;  // patron(base) - patron(L)
  double gain;       // allied(L) - allied(base)
};

double Covered(const std::vector<Pair>& pairs, const std::vector<std::size_t>& pick) {
  double shortfall = 0.0, gain = 0.0;
  for (std::size_t i : pick) {
    shortfall += pairs[i].shortfall;
    gain += pairs[i].gain;
  }
  return shortfall > 0.0 ? gain / shortfall : kNaN;
}

void SetCovered(const std::vector<Pair>& pairs, int bootstrap, std::uint64_t seed,
                CompensationLevel* level) {
  level->pairs = pairs.size();
  level->shortfall = level->allied_gain = level->covered = kNaN;
  level->covered_low = level->covered_high = kNaN;
  if (pairs.empty()) return;
  double shortfall = 0.0, gain = 0.0;
  for (const Pair& p : pairs) {
    shortfall += p.shortfall;
    gain += p.gain;
  }
  const double n = static_cast<double>(pairs.size());
  level->shortfall = shortfall / n;
  level->allied_gain = gain / n;
  if (!(shortfall > 0.0)) return;
  level->covered = gain / shortfall;
  if (bootstrap <= 0 || pairs.size() < 2) return;
  DesignRandom random(seed);
  std::vector<std::size_t> pick(pairs.size());
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(bootstrap));
  for (int b = 0; b < bootstrap; ++b) {
    for (std::size_t& i : pick) i = random.NextU64() % pairs.size();
    const double r = Covered(pairs, pick);
    if (std::isfinite(r)) ratios.push_back(r);
  }
  // Resamples with no shortfall have no ratio; with too many of them the
  // interval says nothing, so it stays undefined.
  if (ratios.size() < static_cast<std::size_t>(bootstrap) * 9 / 10) return;
  std::sort(ratios.begin(), ratios.end());
  level->covered_low = Quantile(ratios, 0.025);
  level->covered_high = Quantile(ratios, 0.975);
}

}  // namespace

CompensationAnalysis::CompensationAnalysis(const StudyResults& data) : data_(&data) {
  patron_ = PatronId(data.study.scenario_text);
  if (patron_.empty()) return;
  const std::string path = "actors." + patron_ + ".global_commitments";
  const std::size_t dims = data.parameters.size();
  for (std::size_t i = 0; i < dims; ++i) {
    if (data.parameters[i].path == path) parameter_ = i;
  }
  if (!parameter_) return;
  const std::size_t points = data.points();
  for (std::size_t p = 0; p < points; ++p)
    level_values_.push_back(data.numbers[p * dims + *parameter_]);
  std::sort(level_values_.begin(), level_values_.end());
  level_values_.erase(std::unique(level_values_.begin(), level_values_.end()), level_values_.end());
  std::map<std::vector<std::string>, std::size_t> unit_of;
  for (std::size_t p = 0; p < points; ++p) {
    const double v = data.numbers[p * dims + *parameter_];
    point_level_.push_back(static_cast<std::size_t>(
        std::lower_bound(level_values_.begin(), level_values_.end(), v) - level_values_.begin()));
    std::vector<std::string> others;
    for (std::size_t i = 0; i < dims; ++i) {
      if (i != *parameter_) others.push_back(data.texts[p * dims + i]);
    }
    point_unit_.push_back(unit_of.emplace(others, unit_of.size()).first->second);
  }
  units_ = unit_of.size();
  const std::size_t reps =
      static_cast<std::size_t>(std::max<std::int64_t>(0, data.study.replications));
  cells_.assign(level_values_.size() * units_ * reps, std::nullopt);
  patron_values_.resize(level_values_.size());
  allied_values_.resize(level_values_.size());
}

void CompensationAnalysis::Add(const RunRecord& run) {
  if (!parameter_ || !run.ok || run.point < 0 || run.replication < 0) return;
  const std::size_t point = static_cast<std::size_t>(run.point);
  const std::size_t rep = static_cast<std::size_t>(run.replication);
  const std::size_t reps = static_cast<std::size_t>(data_->study.replications);
  if (point >= point_level_.size() || rep >= reps) return;
  static const std::size_t kPatron = *RunMetricIndex("patron_delivered");
  static const std::size_t kAllied = *RunMetricIndex("allied_delivered");
  const std::optional<double>& patron = run.metrics[kPatron];
  const std::optional<double>& allied = run.metrics[kAllied];
  if (!patron || !allied) return;
  const std::size_t level = point_level_[point];
  patron_values_[level].push_back(*patron);
  allied_values_[level].push_back(*allied);
  // A design listing the same values twice holds several runs per cell: the
  // first one pairs (equal parameters and seed give equal runs anyway).
  std::optional<Cell>& cell = cells_[(level * units_ + point_unit_[point]) * reps + rep];
  if (!cell) cell = Cell{*patron, *allied};
}

CompensationReport CompensationAnalysis::Finish(int bootstrap, std::uint64_t seed) const {
  CompensationReport report;
  if (!parameter_) return report;
  report.patron = patron_;
  report.parameter = data_->parameters[*parameter_].path;
  const std::size_t reps = static_cast<std::size_t>(data_->study.replications);
  for (std::size_t level = 0; level < level_values_.size(); ++level) {
    CompensationLevel out;
    out.commitments = level_values_[level];
    out.patron = Summarise(patron_values_[level]);
    out.allied = Summarise(allied_values_[level]);
    std::vector<Pair> pairs;
    for (std::size_t unit = 0; unit < units_; ++unit) {
      for (std::size_t rep = 0; rep < reps; ++rep) {
        const std::optional<Cell>& base = cells_[unit * reps + rep];
        const std::optional<Cell>& here = cells_[(level * units_ + unit) * reps + rep];
        if (base && here)
          pairs.push_back({base->patron - here->patron, here->allied - base->allied});
      }
    }
    SetCovered(pairs, bootstrap, SplitMix64(seed ^ level), &out);
    report.levels.push_back(out);
  }
  return report;
}

}  // namespace overstretch::cli
