// PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), for
// scenario discovery as in the EMA Workbench (Kwakkel 2017): starting from
// the box holding every case, repeatedly peel off the slice of at most
// `alpha` of the cases in the box, on one side of one dimension, that leaves
// the highest density (share of cases of interest) inside; stop when the box
// holds less than `mass_min` of all cases. Each box on the way is one step of
// the peeling trajectory. Continuous dimensions peel at the alpha quantile
// of the cases still in the box; categorical ones (discrete parameters) drop
// one category at a time. No pasting.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace overstretch::cli {

struct PrimOptions {
  double alpha = 0.05;     // peeling share
  double mass_min = 0.05;  // smallest box, as a share of all cases
  double threshold = 0.8;  // density the chosen box should reach
};

struct PrimBox {
  std::vector<double> lo;  // continuous dimensions: the limits (inclusive)
  std::vector<double> hi;
  std::vector<std::vector<double>> categories;  // categorical: the values still in
};

struct PrimStep {
  PrimBox box;
  std::size_t cases = 0;        // cases in the box
  std::size_t of_interest = 0;  // cases of interest in the box
  double coverage = 0.0;        // of_interest / all cases of interest
  double density = 0.0;         // of_interest / cases
  double mass = 0.0;            // cases / all cases
  std::size_t restricted = 0;   // dimensions whose limits are tighter than the data's
};

struct PrimResult {
  std::vector<PrimStep> trajectory;  // [0] is the whole data set
  std::size_t chosen = 0;            // the first step with density >= threshold, else the densest
};

// `x` holds the cases row by row (x.size() = cases × categorical.size()),
// `y` whether each case is of interest, `categorical[d]` whether dimension d
// is categorical. Non-finite x values are not allowed (callers leave such
// cases out). With no case, the trajectory is empty.
PrimResult Prim(std::span<const double> x, std::span<const char> y,
                const std::vector<bool>& categorical, const PrimOptions& options);

// Whether a box restricts dimension d compared with the first box.
bool Restricts(const PrimBox& box, const PrimBox& whole, std::size_t d,
               const std::vector<bool>& categorical);

}  // namespace overstretch::cli
