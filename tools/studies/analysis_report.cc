// The sections `overstretch analyze` prints (analysis_report.h).
#include "tools/studies/analysis_report.h"

#include <fmt/format.h>

#include <cmath>

#include "tools/runio/csv.h"
#include "tools/runio/exit_status.h"
#include "tools/runio/text_table.h"
#include "tools/studies/sensitivity.h"

namespace overstretch::cli {
namespace {

constexpr std::size_t kMaxPointsShown = 40;

std::string Num(double x, int digits = 4) {
  return std::isfinite(x) ? fmt::format("{:.{}f}", x, digits) : std::string("n/a");
}

std::string Interval(double lo, double hi) {
  return std::isfinite(lo) && std::isfinite(hi) ? fmt::format("[{}, {}]", Num(lo), Num(hi))
                                                : std::string("n/a");
}

}  // namespace

void PrintSweepOverview(const SweepStatistics& stats, std::ostream& out) {
  const StudyResults& data = stats.data;
  const StudyRecord& study = data.study;
  const std::size_t points = data.points();
  const std::size_t dims = data.parameters.size();
  const std::size_t metrics = stats.metrics();
  const std::size_t runs = stats.runs, failed = stats.failed;

  const std::int64_t expected = study.points * study.replications;
  out << fmt::format("study {}: {} design, {} points × {} replications; {} of {} runs stored",
                     Printable(study.name), study.design, points, study.replications, runs,
                     expected);
  out << (failed > 0 ? fmt::format(", {} failed\n", failed) : std::string("\n"));
  if (static_cast<std::int64_t>(runs) < expected) {
    out << "(an unfinished sweep: statistics cover the runs stored; complete it with "
           "'overstretch sweep STUDY --out RESULTS --resume')\n";
  }

  // Per design point.
  if (points <= kMaxPointsShown) {
    for (std::size_t k = 0; k < metrics; ++k) {
      out << '\n' << study.metrics[k] << '\n';
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
      PrintTable(out, head, rows, "  ");
    }
  } else {
    out << fmt::format(
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
    PrintTable(out, {"metric", "n", "mean", "sd", "95% CI"}, rows, "  ");
  }
}

int PrintSensitivity(const SweepStatistics& stats, int bootstrap, const std::string& indices_csv,
                     std::ostream& out, std::string* error) {
  const StudyResults& data = stats.data;
  const StudyRecord& study = data.study;
  const std::size_t points = data.points();
  const std::size_t dims = data.parameters.size();
  const std::size_t metrics = stats.metrics();
  CsvWriter indices;
  const bool export_indices = !indices_csv.empty();
  if (export_indices) {
    if (!indices.Open(indices_csv, error)) return kExitBadInput;
    for (const char* h : {"method", "metric", "parameter", "S1", "S1_conf", "ST", "ST_conf", "mu",
                          "mu_star", "sigma", "effects"}) {
      indices.Text(h);
    }
    indices.EndRow();
  }
  if (study.design == "sobol") {
    out << fmt::format(
        "\nSobol indices (first order: Saltelli 2010; total: Jansen 1999; ± = 95% bootstrap "
        "interval half-width, {} resamples; outputs are per-point means over replications)\n",
        bootstrap);
    for (std::size_t k = 0; k < metrics; ++k) {
      const SobolResult r = SobolIndices(stats.PointMeans(k), dims, bootstrap, study.seed);
      out << fmt::format("\n{}  ({} of {} base samples usable, variance {})\n", study.metrics[k],
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
      PrintTable(out, {"parameter", "S1", "±", "ST", "±"}, rows, "  ");
    }
  } else if (study.design == "morris") {
    out << "\nMorris elementary effects (per full range of each parameter; outputs are "
           "per-point means over replications)\n";
    for (std::size_t k = 0; k < metrics; ++k) {
      const std::vector<MorrisIndex> r = MorrisIndices(data.design, stats.PointMeans(k));
      out << '\n' << study.metrics[k] << '\n';
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
      PrintTable(out, {"parameter", "mu*", "mu", "sigma", "effects"}, rows, "  ");
    }
  }
  if (export_indices && !indices.Close(error)) return kExitInternal;
  return kExitOk;
}

void PrintCompensation(std::ostream& out, const CompensationReport& report) {
  const std::string how =
      report.paired ? "paired by replication; bootstrap 95% CI"
                    : fmt::format(
                          "the design pairs no runs: commitments in up to {} bins of equal counts, "
                          "other parameters varying within them; differences of the bins' means, "
                          "bootstrap 95% CI over their runs",
                          kCompensationBins);
  out << fmt::format(
      "\ncompensation: {}'s shortfall against the lowest {} covered by other defenders ({})\n",
      Printable(report.patron), Printable(report.parameter), how);
  std::vector<std::vector<std::string>> rows;
  for (const CompensationLevel& l : report.levels) {
    const std::string level = l.commitments_high > l.commitments
                                  ? Num(l.commitments, 3) + "-" + Num(l.commitments_high, 3)
                                  : Num(l.commitments, 3);
    rows.push_back({level, std::to_string(l.patron.n), Num(l.patron.mean, 2),
                    Interval(l.patron.ci_low, l.patron.ci_high), Num(l.allied.mean, 2),
                    Interval(l.allied.ci_low, l.allied.ci_high),
                    report.paired ? std::to_string(l.pairs) : "-", Num(l.shortfall, 2),
                    Num(l.allied_gain, 2), Num(l.covered, 3),
                    Interval(l.covered_low, l.covered_high)});
  }
  PrintTable(out,
             {"commitments", "n", "patron_delivered", "95% CI", "allied_delivered", "95% CI",
              "pairs", "shortfall", "allied_gain", "covered", "95% CI"},
             rows, "  ");
}

}  // namespace overstretch::cli
