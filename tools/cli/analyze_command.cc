// `overstretch analyze RESULTS [--csv FILE] [--indices-csv FILE]
// [--runs-csv FILE] [--bootstrap N]`: per design point the mean, standard
// deviation and 95% confidence interval of each kept metric; Sobol indices
// for sobol designs and Morris statistics for morris designs
// (tools/studies/analysis.h, tools/studies/sensitivity.h), with the share of
// the patron's shortfall allies cover when the study varies its commitments
// (tools/studies/compensation.h). The sections are printed by
// tools/studies/analysis_report.h; this file parses the options.
#include <fmt/format.h>

#include <memory>

#include "tools/cli/commands.h"
#include "tools/studies/analysis.h"
#include "tools/studies/analysis_report.h"
#include "tools/studies/compensation.h"
#include "tools/studies/results_store.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch analyze";

struct Options {
  std::string results;
  std::string csv;
  std::string indices_csv;
  std::string runs_csv;
  int bootstrap = 1000;
};

int Fail(const CommandIo& io, const std::string& message, int code = kExitBadInput) {
  io.err << fmt::format("{}: error: {}\n", kCommand, message);
  return code;
}

int Analyze(const Options& options, const CommandIo& io) {
  if (options.bootstrap < 0 || options.bootstrap > 100000) {
    return Fail(io,
                fmt::format("--bootstrap: expected a number of resamples in [0, 100000], got {}",
                            options.bootstrap));
  }
  std::string error;
  std::unique_ptr<ResultsStore> store = ResultsStore::Open(options.results, false, &error);
  if (!store) return Fail(io, error);
  SweepStatistics stats;
  const int status = ReadSweepStatistics(*store, options.results, options.runs_csv, &stats, &error);
  if (status != kExitOk) return Fail(io, error, status);
  PrintSweepOverview(stats, io.out);
  if (!options.csv.empty()) {
    const int written = WritePointStatisticsCsv(stats, options.csv, &error);
    if (written != kExitOk) return Fail(io, error, written);
  }

  const int sensitivity =
      PrintSensitivity(stats, options.bootstrap, options.indices_csv, io.out, &error);
  if (sensitivity != kExitOk) return Fail(io, error, sensitivity);
  CompensationAnalysis compensation(stats.data);
  if (compensation.Active()) {
    // A second stream over the runs: pairs by replication need every run.
    if (!store->ForEachRun([&](const RunRecord& r) { compensation.Add(r); }, &error)) {
      return Fail(io, error);
    }
    PrintCompensation(io.out, compensation.Finish(options.bootstrap, stats.data.study.seed));
  }
  return kExitOk;
}

}  // namespace

Command AddAnalyzeCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command = app.add_subcommand(
      "analyze", "Statistics per design point, Sobol indices or Morris effects of a sweep");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<Options>();
  command->add_option("results", options->results, "Results file written by 'overstretch sweep'")
      ->required()
      ->type_name("RESULTS");
  command
      ->add_option("--csv", options->csv,
                   "Write per-point statistics (one row per point and metric) as CSV")
      ->type_name("FILE");
  command
      ->add_option("--indices-csv", options->indices_csv,
                   "Write Sobol indices or Morris statistics as CSV")
      ->type_name("FILE");
  command
      ->add_option("--runs-csv", options->runs_csv,
                   "Export every run (parameters, seed, status, metrics) as CSV")
      ->type_name("FILE");
  command
      ->add_option("--bootstrap", options->bootstrap,
                   "Bootstrap resamples for the Sobol confidence intervals (default 1000)")
      ->type_name("N");
  return {command, [options](const CommandIo& io) { return Analyze(*options, io); }};
}

}  // namespace overstretch::cli
