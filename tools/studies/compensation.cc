#include "tools/studies/compensation.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "engine/metrics.h"
#include "tools/studies/design.h"
#include "tools/studies/study.h"

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

using Pair = CompensationPair;

// Sets the 95% percentile interval of `level->covered` from `bootstrap`
// resamples, each a ratio drawn by resample(random) (NaN: no shortfall in
// that resample).
template <typename Resample>
void SetInterval(int bootstrap, std::uint64_t seed, Resample resample, CompensationLevel* level) {
  if (bootstrap <= 0) return;
  DesignRandom random(seed);
  std::vector<double> ratios;
  ratios.reserve(static_cast<std::size_t>(bootstrap));
  for (int b = 0; b < bootstrap; ++b) {
    const double r = resample(random);
    if (std::isfinite(r)) ratios.push_back(r);
  }
  // Resamples with no shortfall have no ratio; with too many of them the
  // interval says nothing, so it stays undefined.
  if (ratios.size() < static_cast<std::size_t>(bootstrap) * 9 / 10) return;
  std::sort(ratios.begin(), ratios.end());
  level->covered_low = Quantile(ratios, 0.025);
  level->covered_high = Quantile(ratios, 0.975);
}

void ClearCovered(CompensationLevel* level) {
  level->shortfall = level->allied_gain = level->covered = kNaN;
  level->covered_low = level->covered_high = kNaN;
}

// The paired estimate: mean gain over mean shortfall of the pairs, resampled by pair.
void SetPairedCovered(const std::vector<Pair>& pairs, int bootstrap, std::uint64_t seed,
                      CompensationLevel* level) {
  ClearCovered(level);
  level->pairs = pairs.size();
  if (pairs.empty()) return;
  auto ratio = [&](auto index) {
    double shortfall = 0.0, gain = 0.0;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      const Pair& pair = pairs[index(i)];  // one draw: the pair's two differences go together
      shortfall += pair.shortfall;
      gain += pair.gain;
    }
    return std::pair{shortfall, gain};
  };
  const auto [shortfall, gain] = ratio([](std::size_t i) { return i; });
  const double n = static_cast<double>(pairs.size());
  level->shortfall = shortfall / n;
  level->allied_gain = gain / n;
  if (!(shortfall > 0.0)) return;
  level->covered = gain / shortfall;
  if (pairs.size() < 2) return;
  SetInterval(
      bootstrap, seed,
      [&](DesignRandom& random) {
        const auto [s, g] = ratio([&](std::size_t) { return random.Below(pairs.size()); });
        return s > 0.0 ? g / s : kNaN;
      },
      level);
}

// Mean patron and allied force over the runs of one level (the two vectors
// hold one run per index), or over as many runs drawn with replacement.
std::pair<double, double> Means(const std::vector<double>& patron,
                                const std::vector<double>& allied, DesignRandom* random) {
  double p = 0.0, a = 0.0;
  for (std::size_t i = 0; i < patron.size(); ++i) {
    const std::size_t j = random ? random->Below(patron.size()) : i;
    p += patron[j];
    a += allied[j];
  }
  const double n = static_cast<double>(patron.size());
  return {p / n, a / n};
}

// The unpaired estimate: differences of the two levels' means, resampled
// within each level.
void SetUnpairedCovered(const std::vector<double>& patron_base,
                        const std::vector<double>& allied_base, const std::vector<double>& patron,
                        const std::vector<double>& allied, int bootstrap, std::uint64_t seed,
                        CompensationLevel* level) {
  ClearCovered(level);
  level->pairs = 0;
  if (patron_base.empty() || patron.empty()) return;
  auto ratio = [&](DesignRandom* random) {
    const auto [patron0, allied0] = Means(patron_base, allied_base, random);
    const auto [patron1, allied1] = Means(patron, allied, random);
    return std::pair{patron0 - patron1, allied1 - allied0};
  };
  const auto [shortfall, gain] = ratio(nullptr);
  level->shortfall = shortfall;
  level->allied_gain = gain;
  if (!(shortfall > 0.0)) return;
  level->covered = gain / shortfall;
  if (patron_base.size() < 2 || patron.size() < 2) return;
  SetInterval(
      bootstrap, seed,
      [&](DesignRandom& random) {
        const auto [s, g] = ratio(&random);
        return s > 0.0 ? g / s : kNaN;
      },
      level);
}

struct Levels {
  std::vector<std::size_t> of_point;  // point -> level
  std::vector<double> low, high;      // each level's lowest and highest value
};

// One level per distinct value; or, when `bin` and there are more distinct
// values than kCompensationBins, bins of about equal point counts in value
// order (equal values share a bin; empty bins are dropped).
Levels AssignLevels(const std::vector<double>& values, bool bin) {
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> distinct = sorted;
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  Levels out;
  std::vector<std::size_t> raw;
  for (double v : values) {
    if (!bin || distinct.size() <= kCompensationBins) {
      raw.push_back(static_cast<std::size_t>(std::lower_bound(distinct.begin(), distinct.end(), v) -
                                             distinct.begin()));
    } else {
      const auto below = static_cast<std::size_t>(
          std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin());
      raw.push_back(below * kCompensationBins / sorted.size());
    }
  }
  std::vector<std::size_t> used = raw;
  std::sort(used.begin(), used.end());
  used.erase(std::unique(used.begin(), used.end()), used.end());
  out.low.assign(used.size(), std::numeric_limits<double>::infinity());
  out.high.assign(used.size(), -std::numeric_limits<double>::infinity());
  for (std::size_t p = 0; p < values.size(); ++p) {
    const auto level =
        static_cast<std::size_t>(std::lower_bound(used.begin(), used.end(), raw[p]) - used.begin());
    out.of_point.push_back(level);
    out.low[level] = std::min(out.low[level], values[p]);
    out.high[level] = std::max(out.high[level], values[p]);
  }
  return out;
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
  paired_ = data.study.design == DesignName(DesignKind::kGrid);
  const std::size_t points = data.points();
  std::vector<double> values;
  for (std::size_t p = 0; p < points; ++p) values.push_back(data.numbers[p * dims + *parameter_]);
  Levels levels = AssignLevels(values, !paired_);
  point_level_ = std::move(levels.of_point);
  level_low_ = std::move(levels.low);
  level_high_ = std::move(levels.high);
  patron_values_.resize(level_low_.size());
  allied_values_.resize(level_low_.size());
  if (!paired_) return;
  std::map<std::vector<std::string>, std::size_t> unit_of;
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<std::string> others;
    for (std::size_t i = 0; i < dims; ++i) {
      if (i != *parameter_) others.push_back(data.texts[p * dims + i]);
    }
    point_unit_.push_back(unit_of.emplace(others, unit_of.size()).first->second);
  }
  units_ = unit_of.size();
  const std::size_t reps =
      static_cast<std::size_t>(std::max<std::int64_t>(0, data.study.replications));
  cells_.assign(level_low_.size() * units_ * reps, std::nullopt);
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
  if (!paired_) return;
  // A design listing the same values twice holds several runs per cell: the
  // first one pairs (equal parameters and seed give equal runs anyway).
  std::optional<Cell>& cell = cells_[(level * units_ + point_unit_[point]) * reps + rep];
  if (!cell) cell = Cell{*patron, *allied};
}

std::vector<CompensationPair> CompensationAnalysis::PairsWithBaseline(std::size_t level) const {
  const std::size_t reps = static_cast<std::size_t>(data_->study.replications);
  std::vector<Pair> pairs;
  for (std::size_t unit = 0; unit < units_; ++unit) {
    for (std::size_t rep = 0; rep < reps; ++rep) {
      const std::optional<Cell>& base = cells_[unit * reps + rep];
      const std::optional<Cell>& here = cells_[(level * units_ + unit) * reps + rep];
      if (base && here) pairs.push_back({base->patron - here->patron, here->allied - base->allied});
    }
  }
  return pairs;
}

CompensationReport CompensationAnalysis::Finish(int bootstrap, std::uint64_t seed) const {
  CompensationReport report;
  if (!parameter_) return report;
  report.patron = patron_;
  report.parameter = data_->parameters[*parameter_].path;
  report.paired = paired_;
  for (std::size_t level = 0; level < level_low_.size(); ++level) {
    CompensationLevel out;
    out.commitments = level_low_[level];
    out.commitments_high = level_high_[level];
    out.patron = Summarise(patron_values_[level]);
    out.allied = Summarise(allied_values_[level]);
    const std::uint64_t level_seed = SplitMix64(seed ^ level);
    if (paired_) {
      SetPairedCovered(PairsWithBaseline(level), bootstrap, level_seed, &out);
    } else {
      SetUnpairedCovered(patron_values_[0], allied_values_[0], patron_values_[level],
                         allied_values_[level], bootstrap, level_seed, &out);
    }
    report.levels.push_back(out);
  }
  return report;
}

}  // namespace overstretch::cli
