// Why Eigen here: the Sobol estimators are a handful of array expressions
// over the N base samples, evaluated once per parameter and once per
// bootstrap resample; Eigen arrays keep them readable and vectorised.
#include "tools/studies/sensitivity.h"

#include <Eigen/Core>
#include <cmath>
#include <limits>

#include "tools/studies/statistics.h"

namespace overstretch::cli {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Sample mean and standard deviation (n - 1) of the finite values.
std::pair<double, double> MeanSd(const std::vector<double>& x) {
  const SummaryStats s = Summarise(x);
  return {s.mean, s.sd};
}

struct SobolArrays {
  Eigen::ArrayXd a;    // f(A_j)
  Eigen::ArrayXd b;    // f(B_j)
  Eigen::ArrayXXd ab;  // f(AB_j^(i)): rows j, columns i
};

// Indices from the arrays, with rows picked by `rows` (a bootstrap resample).
void Estimate(const SobolArrays& s, const std::vector<std::size_t>& rows, std::size_t dims,
              std::vector<double>* first, std::vector<double>* total, double* variance) {
  const Eigen::Index n = static_cast<Eigen::Index>(rows.size());
  Eigen::ArrayXd a(n), b(n);
  Eigen::ArrayXXd ab(n, static_cast<Eigen::Index>(dims));
  for (Eigen::Index r = 0; r < n; ++r) {
    const Eigen::Index j = static_cast<Eigen::Index>(rows[static_cast<std::size_t>(r)]);
    a(r) = s.a(j);
    b(r) = s.b(j);
    ab.row(r) = s.ab.row(j);
  }
  // Var(Y) over f(A) and f(B) together (as SALib does).
  const double mean = (a.sum() + b.sum()) / (2.0 * static_cast<double>(n));
  const double var =
      ((a - mean).square().sum() + (b - mean).square().sum()) / (2.0 * static_cast<double>(n) - 1);
  *variance = var;
  first->assign(dims, kNaN);
  total->assign(dims, kNaN);
  if (!(var > 0.0)) return;
  for (std::size_t i = 0; i < dims; ++i) {
    const Eigen::ArrayXd abi = ab.col(static_cast<Eigen::Index>(i));
    // f(B) centred: E[f(AB^i) − f(A)] = 0, so the expectation is unchanged,
    // but an output far from zero no longer inflates the estimator's variance.
    (*first)[i] = ((b - mean) * (abi - a)).mean() / var;
    (*total)[i] = 0.5 * (a - abi).square().mean() / var;
  }
}

}  // namespace

SobolResult SobolIndices(std::span<const double> f, std::size_t dims, int bootstrap,
                         std::uint64_t seed) {
  SobolResult result;
  result.indices.assign(dims, SobolIndex{kNaN, kNaN, kNaN, kNaN});
  const std::size_t block = dims + 2;
  if (dims == 0 || f.size() < block) return result;
  const std::size_t n = f.size() / block;

  // Keep the base samples whose outputs are all finite.
  std::vector<std::size_t> kept;
  for (std::size_t j = 0; j < n; ++j) {
    bool ok = true;
    for (std::size_t k = 0; k < block && ok; ++k) ok = std::isfinite(f[j * block + k]);
    if (ok) kept.push_back(j);
  }
  result.used = kept.size();
  if (kept.size() < 2) return result;

  SobolArrays s;
  const Eigen::Index m = static_cast<Eigen::Index>(kept.size());
  s.a.resize(m);
  s.b.resize(m);
  s.ab.resize(m, static_cast<Eigen::Index>(dims));
  for (Eigen::Index r = 0; r < m; ++r) {
    const std::size_t base = kept[static_cast<std::size_t>(r)] * block;
    s.a(r) = f[base];
    for (std::size_t i = 0; i < dims; ++i) s.ab(r, static_cast<Eigen::Index>(i)) = f[base + 1 + i];
    s.b(r) = f[base + dims + 1];
  }

  std::vector<std::size_t> rows(kept.size());
  for (std::size_t r = 0; r < rows.size(); ++r) rows[r] = r;
  std::vector<double> first, total;
  Estimate(s, rows, dims, &first, &total, &result.variance);
  for (std::size_t i = 0; i < dims; ++i) {
    result.indices[i].first = first[i];
    result.indices[i].total = total[i];
  }
  if (bootstrap <= 0) return result;

  // Bootstrap over base samples; the half-width is 1.96 standard deviations
  // of the resampled estimates (SALib's convention).
  DesignRandom random(seed ^ 0xB005'7000'0000'0000ULL);
  std::vector<std::vector<double>> first_samples(dims), total_samples(dims);
  double variance = 0.0;
  for (int b = 0; b < bootstrap; ++b) {
    for (std::size_t& r : rows) r = random.Below(kept.size());
    Estimate(s, rows, dims, &first, &total, &variance);
    for (std::size_t i = 0; i < dims; ++i) {
      if (std::isfinite(first[i])) first_samples[i].push_back(first[i]);
      if (std::isfinite(total[i])) total_samples[i].push_back(total[i]);
    }
  }
  for (std::size_t i = 0; i < dims; ++i) {
    result.indices[i].first_conf = 1.96 * MeanSd(first_samples[i]).second;
    result.indices[i].total_conf = 1.96 * MeanSd(total_samples[i]).second;
  }
  return result;
}

std::vector<MorrisIndex> MorrisIndices(const UnitDesign& design, std::span<const double> f) {
  const std::size_t dims = design.dims;
  std::vector<std::vector<double>> effects(dims);
  const std::size_t rows = std::min(design.points(), f.size());
  const std::size_t trajectories = dims == 0 ? 0 : rows / (dims + 1);
  for (std::size_t t = 0; t < trajectories; ++t) {
    for (std::size_t k = 0; k < dims; ++k) {
      const std::size_t p = t * (dims + 1) + k;
      // The dimension that moved between rows p and p + 1.
      std::size_t moved = dims;
      double delta = 0.0;
      for (std::size_t d = 0; d < dims; ++d) {
        const double diff = design.at(p + 1, d) - design.at(p, d);
        if (std::abs(diff) > 1e-12 && moved == dims) {
          moved = d;
          delta = diff;
        }
      }
      if (moved == dims || !std::isfinite(f[p]) || !std::isfinite(f[p + 1])) continue;
      effects[moved].push_back((f[p + 1] - f[p]) / delta);
    }
  }
  std::vector<MorrisIndex> result(dims);
  for (std::size_t d = 0; d < dims; ++d) {
    MorrisIndex& m = result[d];
    m.effects = effects[d].size();
    if (effects[d].empty()) {
      m.mu = m.mu_star = m.sigma = kNaN;
      continue;
    }
    std::vector<double> absolute;
    for (double e : effects[d]) absolute.push_back(std::abs(e));
    const auto [mu, sigma] = MeanSd(effects[d]);
    m.mu = mu;
    m.sigma = sigma;
    m.mu_star = MeanSd(absolute).first;
  }
  return result;
}

}  // namespace overstretch::cli
