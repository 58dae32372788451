#include "tools/studies/prim.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace overstretch::cli {
namespace {

struct Candidate {
  std::size_t dim = 0;
  bool valid = false;
  std::vector<std::size_t> keep;
  PrimBox box;
  double density = -1.0;
};

double Density(const std::vector<std::size_t>& cases, std::span<const char> y) {
  if (cases.empty()) return 0.0;
  std::size_t hits = 0;
  for (std::size_t c : cases) hits += y[c] != 0 ? 1 : 0;
  return static_cast<double>(hits) / static_cast<double>(cases.size());
}

// Better: higher density; on a tie, the peel that keeps more cases.
bool Better(const Candidate& a, const Candidate& b) {
  if (!b.valid) return a.valid;
  if (!a.valid) return false;
  if (a.density != b.density) return a.density > b.density;
  return a.keep.size() > b.keep.size();
}

PrimStep MakeStep(const PrimBox& box, const std::vector<std::size_t>& cases,
                  std::span<const char> y, std::size_t total, std::size_t total_interest,
                  const PrimBox& whole, const std::vector<bool>& categorical) {
  PrimStep step;
  step.box = box;
  step.cases = cases.size();
  for (std::size_t c : cases) step.of_interest += y[c] != 0 ? 1 : 0;
  step.coverage = total_interest == 0
                      ? 0.0
                      : static_cast<double>(step.of_interest) / static_cast<double>(total_interest);
  step.density = cases.empty()
                     ? 0.0
                     : static_cast<double>(step.of_interest) / static_cast<double>(cases.size());
  step.mass = static_cast<double>(cases.size()) / static_cast<double>(total);
  for (std::size_t d = 0; d < categorical.size(); ++d) {
    if (Restricts(box, whole, d, categorical)) ++step.restricted;
  }
  return step;
}

}  // namespace

bool Restricts(const PrimBox& box, const PrimBox& whole, std::size_t d,
               const std::vector<bool>& categorical) {
  if (categorical[d]) return box.categories[d].size() < whole.categories[d].size();
  return box.lo[d] > whole.lo[d] || box.hi[d] < whole.hi[d];
}

PrimResult Prim(std::span<const double> x, std::span<const char> y,
                const std::vector<bool>& categorical, const PrimOptions& options) {
  PrimResult result;
  const std::size_t dims = categorical.size();
  const std::size_t total = std::min(y.size(), dims == 0 ? y.size() : x.size() / dims);
  if (total == 0) return result;
  std::size_t total_interest = 0;
  for (std::size_t c = 0; c < total; ++c) total_interest += y[c] != 0 ? 1 : 0;
  auto at = [&](std::size_t c, std::size_t d) { return x[c * dims + d]; };

  std::vector<std::size_t> cases(total);
  for (std::size_t c = 0; c < total; ++c) cases[c] = c;
  PrimBox whole;
  whole.lo.assign(dims, std::numeric_limits<double>::infinity());
  whole.hi.assign(dims, -std::numeric_limits<double>::infinity());
  whole.categories.assign(dims, {});
  for (std::size_t d = 0; d < dims; ++d) {
    for (std::size_t c : cases) {
      whole.lo[d] = std::min(whole.lo[d], at(c, d));
      whole.hi[d] = std::max(whole.hi[d], at(c, d));
      if (categorical[d]) whole.categories[d].push_back(at(c, d));
    }
    auto& cat = whole.categories[d];
    std::sort(cat.begin(), cat.end());
    cat.erase(std::unique(cat.begin(), cat.end()), cat.end());
  }
  PrimBox box = whole;
  result.trajectory.push_back(MakeStep(box, cases, y, total, total_interest, whole, categorical));
  const double min_cases = options.mass_min * static_cast<double>(total);

  std::vector<double> values;
  while (true) {
    Candidate best;
    for (std::size_t d = 0; d < dims; ++d) {
      auto consider = [&](auto remove, auto update_box) {
        Candidate candidate;
        candidate.dim = d;
        for (std::size_t c : cases) {
          if (!remove(at(c, d))) candidate.keep.push_back(c);
        }
        if (candidate.keep.size() == cases.size() || candidate.keep.empty() ||
            static_cast<double>(candidate.keep.size()) < min_cases) {
          return;
        }
        candidate.valid = true;
        candidate.density = Density(candidate.keep, y);
        candidate.box = box;
        update_box(candidate);
        if (Better(candidate, best)) best = std::move(candidate);
      };
      if (categorical[d]) {
        if (box.categories[d].size() < 2) continue;
        for (double category : box.categories[d]) {
          consider([category](double v) { return v == category; },
                   [&, category](Candidate& c) {
                     auto& cats = c.box.categories[d];
                     cats.erase(std::find(cats.begin(), cats.end(), category));
                   });
        }
        continue;
      }
      values.clear();
      for (std::size_t c : cases) values.push_back(at(c, d));
      std::sort(values.begin(), values.end());
      if (values.front() == values.back()) continue;
      const std::size_t n = values.size();
      // Lower side: drop the cases below the alpha quantile (at least the
      // smallest value when ties make the quantile the minimum).
      double low_q = values[static_cast<std::size_t>(std::floor(options.alpha * n))];
      if (low_q == values.front()) {
        low_q = *std::upper_bound(values.begin(), values.end(), values.front());
      }
      consider([low_q](double v) { return v < low_q; },
               [&, low_q](Candidate& c) { c.box.lo[d] = low_q; });
      std::size_t hi_index = static_cast<std::size_t>(std::ceil((1.0 - options.alpha) * n));
      hi_index = hi_index == 0 ? 0 : hi_index - 1;
      double high_q = values[std::min(hi_index, n - 1)];
      if (high_q == values.back()) {
        high_q = *(std::lower_bound(values.begin(), values.end(), values.back()) - 1);
      }
      consider([high_q](double v) { return v > high_q; },
               [&, high_q](Candidate& c) { c.box.hi[d] = high_q; });
    }
    if (!best.valid) break;
    cases = std::move(best.keep);
    box = std::move(best.box);
    result.trajectory.push_back(MakeStep(box, cases, y, total, total_interest, whole, categorical));
  }

  // The first box dense enough (the widest such), else the densest.
  result.chosen = 0;
  bool found = false;
  for (std::size_t s = 0; s < result.trajectory.size(); ++s) {
    if (result.trajectory[s].density >= options.threshold) {
      result.chosen = s;
      found = true;
      break;
    }
  }
  if (!found) {
    for (std::size_t s = 1; s < result.trajectory.size(); ++s) {
      if (result.trajectory[s].density > result.trajectory[result.chosen].density) {
        result.chosen = s;
      }
    }
  }
  return result;
}

}  // namespace overstretch::cli
