// The PRIM trajectory and chosen box `overstretch discover` prints
// (discover_report.h).
#include "tools/studies/discover_report.h"

#include <fmt/format.h>

#include "tools/runio/csv.h"
#include "tools/runio/text_table.h"

namespace overstretch::cli {
namespace {

std::string Limits(const PrimBox& box, const StudyResults& data, std::size_t d,
                   const std::vector<bool>& categorical) {
  const StudyParameter& p = data.parameters[d];
  if (categorical[d]) {
    std::vector<std::string> names;
    for (double code : box.categories[d]) {
      std::string name = FormatNumber(code);
      for (std::size_t v = 0; v < p.values.size(); ++v) {
        if (p.codes[v] == code) name = p.values[v];
      }
      names.push_back(Printable(name));
    }
    return fmt::format("in {{{}}}", fmt::join(names, ", "));
  }
  return fmt::format("{} .. {}", FormatNumber(box.lo[d]), FormatNumber(box.hi[d]));
}

}  // namespace

void PrintPrimResult(const PrimResult& result, const StudyResults& data,
                     const DiscoveryCases& cases, const PrimOptions& prim, const std::string& where,
                     std::ostream& out) {
  const std::size_t dims = data.parameters.size();
  const std::vector<bool>& categorical = cases.categorical;
  const std::size_t skipped = cases.skipped;
  const PrimStep& first = result.trajectory.front();
  out << fmt::format(
      "PRIM: where {}: {} of {} runs ({:.1f}%){}; peeling alpha {}, mass_min {}, threshold {}\n\n",
      where, first.of_interest, first.cases, 100.0 * first.density,
      skipped > 0 ? fmt::format(" ({} failed or undefined runs left out)", skipped) : "",
      FormatNumber(prim.alpha), FormatNumber(prim.mass_min), FormatNumber(prim.threshold));

  out << fmt::format("{:>4}  {:>8}  {:>7}  {:>6}  {:>6}  {:>10}  {}\n", "step", "coverage",
                     "density", "mass", "runs", "restricted", "box");
  for (std::size_t s = 0; s < result.trajectory.size(); ++s) {
    const PrimStep& step = result.trajectory[s];
    std::vector<std::string> limits;
    for (std::size_t d = 0; d < dims; ++d) {
      if (Restricts(step.box, first.box, d, categorical)) {
        limits.push_back(fmt::format("{} {}", Printable(data.parameters[d].path),
                                     Limits(step.box, data, d, categorical)));
      }
    }
    out << fmt::format("{:>4}  {:>8.3f}  {:>7.3f}  {:>6.3f}  {:>6}  {:>10}  {}{}\n", s,
                       step.coverage, step.density, step.mass, step.cases, step.restricted,
                       limits.empty() ? "(all)" : fmt::format("{}", fmt::join(limits, "; ")),
                       s == result.chosen ? "  <- chosen" : "");
  }
  const PrimStep& chosen = result.trajectory[result.chosen];
  out << fmt::format("\nchosen box (step {}): coverage {:.3f}, density {:.3f}, mass {:.3f}{}\n",
                     result.chosen, chosen.coverage, chosen.density, chosen.mass,
                     chosen.density >= prim.threshold
                         ? ""
                         : " (no box reached the density threshold: the densest)");
  for (std::size_t d = 0; d < dims; ++d) {
    const bool restricted = Restricts(chosen.box, first.box, d, categorical);
    out << fmt::format("  {:<40} {}{}\n", Printable(data.parameters[d].path),
                       Limits(chosen.box, data, d, categorical),
                       restricted ? "" : "  (not restricted)");
  }
}

}  // namespace overstretch::cli
