// `overstretch analyze RESULTS [--csv FILE] [--indices-csv FILE]
// [--runs-csv FILE] [--bootstrap N]`: per design point the mean, standard
// deviation and 95% confidence interval of each kept metric; Sobol indices
// for sobol designs and Morris statistics for morris designs
// (tools/studies/analysis.h, tools/studies/sensitivity.h); this file parses
// the options and prints, with the share of the patron's shortfall allies
// cover when the study varies its commitments (tools/studies/compensation.h).
#include <fmt/format.h>

#include <cmath>
#include <memory>

#include "tools/cli/commands.h"
#include "tools/runio/csv.h"
#include "tools/studies/analysis.h"
#include "tools/studies/compensation.h"
#include "tools/studies/results_store.h"
#include "tools/studies/sensitivity.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch analyze";
constexpr std::size_t kMaxPointsShown = 40;

std::string Num(double x, int digits = 4) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, digits) : std::string("n/a");
}

// Keeps control characters of stored text off the terminal.
std::string Printable(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return text;
}

// A table with right-aligned columns (the first left-aligned).
void PrintTable(std::ostream& out, const std::vector<std::string>& head,
                const std::vector<std::vector<std::string>>& rows, const std::string& indent) {
  std::vector<std::size_t> width(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    width[c] = head[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto print = [&](const std::vector<std::string>& row) {
    std::string line = indent;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += c == 0 ? fmt::format("{:<{}}", row[c], width[c])
                     : fmt::format("  {:>{}}", row[c], width[c]);
    }
    out << line << '\n';
  };
  print(head);
  for (const auto& row : rows) print(row);
}

struct Options {
  std::string results;
  std::string csv;
  std::string indices_csv;
  std::string runs_csv;
  int bootstrap = 1000;
};

std::string Interval(double lo, double hi) {
  return std::isfinite(lo) && std::isfinite(hi) ? fmt::format("[{}, {}]", Num(lo), Num(hi))
                                                 : std::string("n/a");
}

// The compensation section (tools/studies/compensation.h).
void PrintCompensation(std::ostream& out, const CompensationReport& report) {
  out << fmt::format("\ncompensation: {}'s shortfall against the lowest {} covered by other "
                     "defenders (paired by replication; bootstrap 95% CI)\n",
                     Printable(report.patron), Printable(report.parameter));
  std::vector<std::vector<std::string>> rows;
  for (const CompensationLevel& l : report.levels) {
    rows.push_back({Num(l.commitments, 3), std::to_string(l.patron.n), Num(l.patron.mean, 2),
                    Interval(l.patron.ci_low, l.patron.ci_high), Num(l.allied.mean, 2),
                    Interval(l.allied.ci_low, l.allied.ci_high), std::to_string(l.pairs),
                    Num(l.shortfall, 2), Num(l.allied_gain, 2), Num(l.covered, 3),
                    Interval(l.covered_low, l.covered_high)});
  }
  PrintTable(out,
             {"commitments", "n", "patron_delivered", "95% CI", "allied_delivered", "95% CI",
              "pairs", "shortfall", "allied_gain", "covered", "95% CI"},
             rows, "  ");
}

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
  const int status =
      ReadSweepStatistics(*store, options.results, options.runs_csv, &stats, &error);
  if (status != kExitOk) return Fail(io, error, status);
  const StudyResults& data = stats.data;
  const StudyRecord& study = data.study;
  const std::size_t points = data.points();
  const std::size_t dims = data.parameters.size();
  const std::size_t metrics = stats.metrics();
  const std::size_t runs = stats.runs, failed = stats.failed;

  const std::int64_t expected = study.points * study.replications;
  io.out << fmt::format("study {}: {} design, {} points × {} replications; {} of {} runs stored",
                        Printable(study.name), study.design, points, study.replications, runs,
                        expected);
  io.out << (failed > 0 ? fmt::format(", {} failed\n", failed) : std::string("\n"));
  if (static_cast<std::int64_t>(runs) < expected) {
    io.out << "(an unfinished sweep: statistics cover the runs stored; complete it with "
              "'overstretch sweep STUDY --out RESULTS --resume')\n";
  }

  // Per design point.
  if (points <= kMaxPointsShown) {
    for (std::size_t k = 0; k < metrics; ++k) {
      io.out << '\n' << study.metrics[k] << '\n';
      std::vector<std::string> head = {"point"};
      for (const StudyParameter& p : data.parameters) head.push_back(Printable(p.path));
      for (const char* h : {"n", "mean", "sd", "95% CI"}) head.push_back(h);
      std::vector<std::vector<std::string>> rows;
      for (std::size_t point = 0; point < points; ++point) {
        const SummaryStats s = stats.at(point, k).Stats();
        std::vector<std::string> row = {std::to_string(point)};
        for (std::size_t i = 0; i < dims; ++i) {
          row.push_back(Printable(data.texts[point * dims + i]));
        }
        row.push_back(std::to_string(s.n));
        row.push_back(Num(s.mean));
        row.push_back(Num(s.sd));
        row.push_back(std::isfinite(s.ci_low)
                          ? fmt::format("[{}, {}]", Num(s.ci_low), Num(s.ci_high))
                          : std::string("n/a"));
        rows.push_back(std::move(row));
      }
      PrintTable(io.out, head, rows, "  ");
    }
  } else {
    io.out << fmt::format(
        "\n{} design points: per-point statistics go to --csv FILE; over all "
        "runs:\n",
        points);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < metrics; ++k) {
      const SummaryStats s = stats.Pooled(k);
      rows.push_back({study.metrics[k], std::to_string(s.n), Num(s.mean), Num(s.sd),
                      std::isfinite(s.ci_low)
                          ? fmt::format("[{}, {}]", Num(s.ci_low), Num(s.ci_high))
                          : std::string("n/a")});
    }
    PrintTable(io.out, {"metric", "n", "mean", "sd", "95% CI"}, rows, "  ");
  }

  if (!options.csv.empty()) {
    const int written = WritePointStatisticsCsv(stats, options.csv, &error);
    if (written != kExitOk) return Fail(io, error, written);
  }

  // Sensitivity indices from the per-point means.
  CsvWriter indices;
  const bool export_indices = !options.indices_csv.empty();
  if (export_indices) {
    if (!indices.Open(options.indices_csv, &error)) return Fail(io, error);
    for (const char* h : {"method", "metric", "parameter", "S1", "S1_conf", "ST", "ST_conf", "mu",
                          "mu_star", "sigma", "effects"}) {
      indices.Text(h);
    }
    indices.EndRow();
  }
  if (study.design == "sobol") {
    io.out << fmt::format(
        "\nSobol indices (first order: Saltelli 2010; total: Jansen 1999; ± = 95% bootstrap "
        "interval half-width, {} resamples; outputs are per-point means over replications)\n",
        options.bootstrap);
    for (std::size_t k = 0; k < metrics; ++k) {
      const SobolResult r = SobolIndices(stats.PointMeans(k), dims, options.bootstrap, study.seed);
      io.out << fmt::format("\n{}  ({} of {} base samples usable, variance {})\n", study.metrics[k],
                            r.used, points / (dims + 2), Num(r.variance, 6));
      std::vector<std::vector<std::string>> rows;
      for (std::size_t i = 0; i < dims; ++i) {
        const SobolIndex& s = r.indices[i];
        rows.push_back({Printable(data.parameters[i].path), Num(s.first, 3), Num(s.first_conf, 3),
                        Num(s.total, 3), Num(s.total_conf, 3)});
        if (export_indices) {
          indices.Text("sobol").Text(study.metrics[k]).Text(data.parameters[i].path);
          indices.Number(s.first).Number(s.first_conf).Number(s.total).Number(s.total_conf);
          indices.Empty().Empty().Empty().Empty().EndRow();
        }
      }
      PrintTable(io.out, {"parameter", "S1", "±", "ST", "±"}, rows, "  ");
    }
  } else if (study.design == "morris") {
    io.out << "\nMorris elementary effects (per full range of each parameter; outputs are "
              "per-point means over replications)\n";
    for (std::size_t k = 0; k < metrics; ++k) {
      const std::vector<MorrisIndex> r = MorrisIndices(data.design, stats.PointMeans(k));
      io.out << '\n' << study.metrics[k] << '\n';
      std::vector<std::vector<std::string>> rows;
      for (std::size_t i = 0; i < dims; ++i) {
        rows.push_back({Printable(data.parameters[i].path), Num(r[i].mu_star), Num(r[i].mu),
                        Num(r[i].sigma), std::to_string(r[i].effects)});
        if (export_indices) {
          indices.Text("morris").Text(study.metrics[k]).Text(data.parameters[i].path);
          indices.Empty().Empty().Empty().Empty();
          indices.Number(r[i].mu).Number(r[i].mu_star).Number(r[i].sigma);
          indices.Integer(static_cast<long long>(r[i].effects)).EndRow();
        }
      }
      PrintTable(io.out, {"parameter", "mu*", "mu", "sigma", "effects"}, rows, "  ");
    }
  }
  if (export_indices && !indices.Close(&error)) return Fail(io, error, kExitInternal);
  CompensationAnalysis compensation(data);
  if (compensation.Active()) {
    // A second stream over the runs: pairs by replication need every run.
    if (!store->ForEachRun([&](const RunRecord& r) { compensation.Add(r); }, &error)) {
      return Fail(io, error);
    }
    PrintCompensation(io.out, compensation.Finish(options.bootstrap, study.seed));
  }
  return kExitOk;
}

}  // namespace

Command AddAnalyzeCommand(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "analyze", "Statistics per design point, Sobol indices or Morris effects of a sweep");
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
