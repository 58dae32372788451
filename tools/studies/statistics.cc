#include "tools/studies/statistics.h"

#include <cmath>
#include <limits>

namespace overstretch::cli {
namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void RunningStats::Add(double x) {
  if (!std::isfinite(x)) return;
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

void RunningStats::Merge(const RunningStats& other) {
  if (other.n_ == 0) return;
  const double n = static_cast<double>(n_ + other.n_);
  const double delta = other.mean_ - mean_;
  m2_ += other.m2_ + delta * delta * static_cast<double>(n_) * static_cast<double>(other.n_) / n;
  mean_ += delta * static_cast<double>(other.n_) / n;
  n_ += other.n_;
}

SummaryStats RunningStats::Stats() const {
  SummaryStats s;
  s.n = n_;
  s.mean = n_ > 0 ? mean_ : kNaN;
  s.sd = n_ > 1 ? std::sqrt(m2_ / static_cast<double>(n_ - 1)) : kNaN;
  if (n_ > 1) {
    const double half = StudentT975(n_ - 1) * s.sd / std::sqrt(static_cast<double>(n_));
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
  } else {
    s.ci_low = s.ci_high = kNaN;
  }
  return s;
}

SummaryStats Summarise(std::span<const double> x) {
  RunningStats running;
  for (double v : x) running.Add(v);
  return running.Stats();
}

double StudentT975(std::size_t df) {
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df == 0) return kNaN;
  if (df <= 30) return kTable[df - 1];
  const double z = 1.959963984540054;
  const double n = static_cast<double>(df);
  return z + (z * z * z + z) / (4 * n) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

}  // namespace overstretch::cli
