#include "engine/mobilisation.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cassert>
#include <complex>
#include <cstdint>
#include <limits>
#include <vector>

namespace overstretch {
namespace {

// Narrows the check by one eigenvalue of M.
void Account(std::complex<double> lambda, double step, RichardsonCheck* check) {
  // Explicit Euler multiplies the deviation from equilibrium along this
  // eigenvector by 1 + step * lambda each turn.
  if (std::abs(1.0 + step * lambda) >= 1.0) check->stable = false;
  // |1 + h lambda|^2 < 1  <=>  h (2 Re lambda + h |lambda|^2) < 0, so for
  // h > 0 the bound is h < -2 Re(lambda) / |lambda|^2, which needs Re < 0.
  // For real lambda this is the familiar 2 / |lambda|.
  if (lambda.real() >= 0.0) {
    check->max_step = 0.0;
  } else {
    check->max_step = std::min(check->max_step, -2.0 * lambda.real() / std::norm(lambda));
  }
}

// The diagonal block of M for one strongly connected component: rows and
// columns are `members`; `local[i]` is actor i's position among them.
Eigen::MatrixXd ComponentBlock(const ReactionMatrix& k, std::span<const double> fatigue,
                               std::span<const std::uint32_t> members,
                               std::span<const std::uint32_t> component,
                               std::span<const std::uint32_t> local) {
  const auto size = static_cast<Eigen::Index>(members.size());
  Eigen::MatrixXd m = Eigen::MatrixXd::Zero(size, size);
  for (Eigen::Index a = 0; a < size; ++a) {
    const std::uint32_t i = members[static_cast<std::size_t>(a)];
    m(a, a) = -fatigue[i];
    const auto columns = k.Columns(i);
    const auto values = k.Values(i);
    for (std::size_t e = 0; e < columns.size(); ++e) {
      // Entries toward other components lie off the block diagonal of the
      // block-triangular form and do not change the eigenvalues.
      if (component[columns[e]] == component[i]) m(a, local[columns[e]]) = values[e];
    }
  }
  return m;
}

}  // namespace

RichardsonCheck CheckRichardsonStep(const ReactionMatrix& k, std::span<const double> fatigue,
                                    double step) {
  const std::size_t n = fatigue.size();
  assert(k.size() == n);
  RichardsonCheck check{true, std::numeric_limits<double>::infinity(), 0};
  // Permuted into its strongly connected components, M is block triangular,
  // so its eigenvalues are those of its diagonal blocks.
  std::size_t count = 0;
  const std::vector<std::uint32_t> component = k.Components(&count);
  std::vector<std::uint32_t> begin(count + 1, 0), members(n), local(n);
  for (std::size_t i = 0; i < n; ++i) ++begin[component[i] + 1];
  for (std::size_t c = 0; c < count; ++c) begin[c + 1] += begin[c];
  std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i) {
    local[i] = fill[component[i]] - begin[component[i]];
    members[fill[component[i]]++] = i;
  }
  for (std::size_t c = 0; c < count; ++c) {
    if (begin[c + 1] - begin[c] > kMaxHostilityCycle) {
      return {false, 0.0, begin[c + 1] - begin[c]};
    }
  }
  for (std::size_t c = 0; c < count; ++c) {
    const std::span<const std::uint32_t> block =
        std::span<const std::uint32_t>(members).subspan(begin[c], begin[c + 1] - begin[c]);
    if (block.size() == 1) {
      // An actor in no cycle of hostility: its own eigenvalue, -fatigue.
      Account({-fatigue[block[0]], 0.0}, step, &check);
      continue;
    }
    // A general real matrix (rivalries are not mutual), so its eigenvalues
    // may come in complex pairs.
    const Eigen::EigenSolver<Eigen::MatrixXd> solver(
        ComponentBlock(k, fatigue, block, component, local), /*computeEigenvectors=*/false);
    for (const std::complex<double>& lambda : solver.eigenvalues()) Account(lambda, step, &check);
  }
  return check;
}

void RichardsonStep(const ReactionMatrix& k, std::span<const double> fatigue,
                    std::span<const double> grievance, double step, std::span<const double> forces,
                    std::span<double> next) {
  const std::size_t n = fatigue.size();
  assert(k.size() == n && grievance.size() == n && forces.size() == n && next.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto columns = k.Columns(i);
    const auto values = k.Values(i);
    // Zero entries of K are skipped: adding +0 to a sum that starts at +0
    // changes nothing, so this is the dense sum term for term.
    double rate = 0.0;
    std::size_t e = 0;
    for (; e < columns.size() && columns[e] < i; ++e) rate += values[e] * forces[columns[e]];
    rate += -fatigue[i] * forces[i];
    for (; e < columns.size(); ++e) rate += values[e] * forces[columns[e]];
    rate += grievance[i];
    // Forces cannot go negative: fatigue or a negative grievance can only disarm.
    next[i] = std::max(forces[i] + step * rate, 0.0);
  }
}

}  // namespace overstretch
