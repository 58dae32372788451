// `overstretch discover RESULTS --where 'METRIC OP NUMBER' [--alpha A]
// [--mass-min M] [--threshold D]`: scenario discovery with PRIM
// (tools/studies/prim.h) over the design parameters, one case per run; the
// --where condition and the cases come from tools/studies/discover.h, the
// printed trajectory and box from tools/studies/discover_report.h.
#include <fmt/format.h>

#include <memory>

#include "tools/cli/commands.h"
#include "tools/runio/csv.h"
#include "tools/studies/discover.h"
#include "tools/studies/discover_report.h"
#include "tools/studies/prim.h"
#include "tools/studies/results_store.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch discover";

struct Options {
  std::string results;
  std::string where;
  PrimOptions prim;
};

int Fail(const CommandIo& io, const std::string& message) {
  io.err << fmt::format("{}: error: {}\n", kCommand, message);
  return kExitBadInput;
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
  DiscoveryCases cases;
  if (!ReadDiscoveryCases(*store, data, *condition, &cases, &error)) return Fail(io, error);
  const std::string where = fmt::format("{} {} {}", RunMetrics()[condition->metric].name,
                                        condition->symbol, FormatNumber(condition->value));
  const std::vector<char>& y = cases.y;
  const std::size_t skipped = cases.skipped;
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
  const PrimResult result = Prim(cases.x, cases.y, cases.categorical, prim);
  PrintPrimResult(result, data, cases, prim, where, io.out);
  return kExitOk;
}

}  // namespace

Command AddDiscoverCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command = app.add_subcommand(
      "discover", "Scenario discovery (PRIM): where in parameter space a condition holds");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<Options>();
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
