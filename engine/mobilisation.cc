#include "engine/mobilisation.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cassert>
#include <complex>
#include <limits>

namespace overstretch {
namespace {

// M = K - diag(fatigue), with K's own diagonal discarded: an actor's reaction
// to its own arms is what fatigue models, and scenario files may leave K_ii set.
Eigen::MatrixXd RichardsonMatrix(std::span<const double> k, std::span<const double> fatigue) {
  const auto n = static_cast<Eigen::Index>(fatigue.size());
  assert(k.size() == fatigue.size() * fatigue.size());
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::MatrixXd m = Eigen::Map<const RowMajor>(k.data(), n, n);
  for (Eigen::Index i = 0; i < n; ++i) m(i, i) = -fatigue[static_cast<std::size_t>(i)];
  return m;
}

}  // namespace

RichardsonCheck CheckRichardsonStep(std::span<const double> k, std::span<const double> fatigue,
                                    double step) {
  if (fatigue.empty()) return {true, std::numeric_limits<double>::infinity()};
  const Eigen::MatrixXd m = RichardsonMatrix(k, fatigue);
  // M is a general real matrix (K need not be symmetric: rivalries are not
  // mutual), so its eigenvalues may come in complex pairs.
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(m, /*computeEigenvectors=*/false);
  const Eigen::VectorXcd lambdas = solver.eigenvalues();

  RichardsonCheck check;
  check.stable = true;
  check.max_step = std::numeric_limits<double>::infinity();
  for (const std::complex<double>& lambda : lambdas) {
    // Explicit Euler multiplies the deviation from equilibrium along this
    // eigenvector by 1 + step * lambda each turn.
    if (std::abs(1.0 + step * lambda) >= 1.0) check.stable = false;
    // |1 + h lambda|^2 < 1  <=>  h (2 Re lambda + h |lambda|^2) < 0, so for
    // h > 0 the bound is h < -2 Re(lambda) / |lambda|^2, which needs Re < 0.
    // For real lambda this is the familiar 2 / |lambda|.
    if (lambda.real() >= 0.0) {
      check.max_step = 0.0;
    } else {
      check.max_step = std::min(check.max_step, -2.0 * lambda.real() / std::norm(lambda));
    }
  }
  return check;
}

void RichardsonStep(std::span<const double> k, std::span<const double> fatigue,
                    std::span<const double> grievance, double step, std::span<double> forces) {
  const auto n = static_cast<Eigen::Index>(fatigue.size());
  assert(grievance.size() == fatigue.size() && forces.size() == fatigue.size());
  const Eigen::MatrixXd m = RichardsonMatrix(k, fatigue);
  Eigen::Map<Eigen::VectorXd> f(forces.data(), n);
  const Eigen::Map<const Eigen::VectorXd> g(grievance.data(), n);
  // The right-hand side is evaluated into a temporary before the update, so
  // every actor reacts to last turn's forces (a simultaneous move).
  const Eigen::VectorXd rate = m * f + g;
  // Forces cannot go negative: fatigue or a negative grievance can only disarm.
  f = (f + step * rate).cwiseMax(0.0);
}

}  // namespace overstretch
