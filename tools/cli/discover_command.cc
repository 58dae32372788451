// `overstretch discover RESULTS --where 'METRIC OP NUMBER' [--alpha A]
// [--mass-min M] [--threshold D]`: scenario discovery with PRIM
// (tools/studies/prim.h) over the design parameters, one case per run; the
// --where condition is parsed by tools/studies/discover.h.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <memory>

#include "tools/cli/commands.h"
#include "tools/runio/csv.h"
#include "tools/studies/discover.h"
#include "tools/studies/prim.h"
#include "tools/studies/results_store.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch discover";

std::string Printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return text;
}

struct Options {
  std::string results;
  std::string where;
  PrimOptions prim;
};

int Fail(const CommandIo& io, const std::string& message) {
  io.err << fmt::format("{}: error: {}\n", kCommand, message);
  return kExitBadInput;
}

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

int Discover(const Options& options, const CommandIo& io) {
  std::string error;
  const std::optional<Condition> condition = ParseCondition(options.where, &error);
  if (!condition) return Fail(io, "--where: " + error);
  const PrimOptions& prim = options.prim;
  if (!(prim.alpha > 0 && prim.alpha < 0.5))
    return Fail(io, "--alpha: expected a share in (0, 0.5)");
  if (!(prim.mass_min > 0 && prim.mass_min < 1))
    return Fail(io, "--mass-min: expected a share in (0, 1)");
  if (!(prim.threshold >= 0 && prim.threshold <= 1))
    return Fail(io, "--threshold: expected a share in [0, 1]");

  std::unique_ptr<ResultsStore> store = ResultsStore::Open(options.results, false, &error);
  StudyResults data;
  if (!store || !ReadStudyResults(*store, &data, &error)) return Fail(io, error);
  const std::size_t dims = data.parameters.size();
  std::vector<bool> categorical(dims);
  for (std::size_t d = 0; d < dims; ++d) {
    categorical[d] = data.parameters[d].kind == StudyParameter::Kind::kValues;
  }

  std::vector<double> x;
  std::vector<char> y;
  std::size_t skipped = 0;
  const bool read = store->ForEachRun(
      [&](const RunRecord& r) {
        const std::optional<double>& v = r.metrics[condition->metric];
        if (!r.ok || !v || r.point < 0 || static_cast<std::size_t>(r.point) >= data.points()) {
          ++skipped;
          return;
        }
        const std::size_t point = static_cast<std::size_t>(r.point);
        x.insert(x.end(), data.numbers.begin() + static_cast<std::ptrdiff_t>(point * dims),
                 data.numbers.begin() + static_cast<std::ptrdiff_t>((point + 1) * dims));
        y.push_back(condition->Holds(*v) ? 1 : 0);
      },
      &error);
  if (!read) return Fail(io, error);
  const std::string where = fmt::format("{} {} {}", RunMetrics()[condition->metric].name,
                                        condition->symbol, FormatNumber(condition->value));
  if (y.empty()) {
    return Fail(io, fmt::format("no run to analyse: {} runs stored have no value of {} (failed or "
                                "undefined)",
                                skipped, RunMetrics()[condition->metric].name));
  }
  std::size_t hits = 0;
  for (char h : y) hits += h != 0 ? 1 : 0;
  if (hits == 0 || hits == y.size()) {
    io.out << fmt::format(
        "where {}: {} of {} runs: nothing to discover{}\n", where, hits, y.size(),
        skipped > 0 ? fmt::format(" ({} failed or undefined runs left out)", skipped) : "");
    return kExitOk;
  }
  const PrimResult result = Prim(x, y, categorical, prim);
  const PrimStep& first = result.trajectory.front();
  io.out << fmt::format(
      "PRIM: where {}: {} of {} runs ({:.1f}%){}; peeling alpha {}, mass_min {}, threshold {}\n\n",
      where, first.of_interest, first.cases, 100.0 * first.density,
      skipped > 0 ? fmt::format(" ({} failed or undefined runs left out)", skipped) : "",
      FormatNumber(prim.alpha), FormatNumber(prim.mass_min), FormatNumber(prim.threshold));

  io.out << fmt::format("{:>4}  {:>8}  {:>7}  {:>6}  {:>6}  {:>10}  {}\n", "step", "coverage",
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
    io.out << fmt::format("{:>4}  {:>8.3f}  {:>7.3f}  {:>6.3f}  {:>6}  {:>10}  {}{}\n", s,
                          step.coverage, step.density, step.mass, step.cases, step.restricted,
                          limits.empty() ? "(all)" : fmt::format("{}", fmt::join(limits, "; ")),
                          s == result.chosen ? "  <- chosen" : "");
  }
  const PrimStep& chosen = result.trajectory[result.chosen];
  io.out << fmt::format("\nchosen box (step {}): coverage {:.3f}, density {:.3f}, mass {:.3f}{}\n",
                        result.chosen, chosen.coverage, chosen.density, chosen.mass,
                        chosen.density >= prim.threshold
                            ? ""
                            : " (no box reached the density threshold: the densest)");
  for (std::size_t d = 0; d < dims; ++d) {
    const bool restricted = Restricts(chosen.box, first.box, d, categorical);
    io.out << fmt::format("  {:<40} {}{}\n", Printable(data.parameters[d].path),
                          Limits(chosen.box, data, d, categorical),
                          restricted ? "" : "  (not restricted)");
  }
  return kExitOk;
}

}  // namespace

Command AddDiscoverCommand(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "discover", "Scenario discovery (PRIM): where in parameter space a condition holds");
  command->add_option("results", options->results, "Results file written by 'overstretch sweep'")
      ->required()
      ->type_name("RESULTS");
  command
      ->add_option("--where", options->where,
                   "The condition, per run: METRIC OP NUMBER, OP one of < <= > >= == !=, "
                   "e.g. 'deterrence_rate < 0.5'")
      ->required()
      ->type_name("CONDITION");
  command->add_option("--alpha", options->prim.alpha, "Peeling share (default 0.05)")
      ->type_name("A");
  command
      ->add_option("--mass-min", options->prim.mass_min,
                   "Stop peeling below this share of the runs (default 0.05)")
      ->type_name("M");
  command
      ->add_option("--threshold", options->prim.threshold,
                   "Choose the widest box at least this dense (default 0.8)")
      ->type_name("D");
  return {command, [options](const CommandIo& io) { return Discover(*options, io); }};
}

}  // namespace overstretch::cli
