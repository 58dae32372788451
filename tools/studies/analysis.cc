#include "tools/studies/analysis.h"

#include <limits>

#include "tools/runio/csv.h"
#include "tools/runio/exit_status.h"

namespace overstretch::cli {
namespace {

// Starts the per-run CSV: its header row.
bool OpenRunsCsv(const std::string& path, const StudyResults& data, CsvWriter* csv,
                 std::string* error) {
  if (!csv->Open(path, error)) return false;
  for (const char* h : {"point", "replication", "seed", "status", "error"}) csv->Text(h);
  for (const StudyParameter& p : data.parameters) csv->Text(p.path);
  for (const RunMetric& m : RunMetrics()) csv->Text(m.name);
  csv->EndRow();
  return true;
}

void WriteRunRow(const RunRecord& r, const StudyResults& data, CsvWriter* csv) {
  const std::size_t dims = data.parameters.size();
  const std::size_t point = static_cast<std::size_t>(r.point);
  csv->Integer(r.point).Integer(r.replication);
  csv->Text(std::to_string(r.seed)).Text(r.ok ? "ok" : "failed").Text(r.error);
  for (std::size_t i = 0; i < dims; ++i) csv->Text(data.texts[point * dims + i]);
  for (const std::optional<double>& v : r.metrics) {
    if (v) {
      csv->Number(*v);
    } else {
      csv->Empty();
    }
  }
  csv->EndRow();
}

}  // namespace

SummaryStats SweepStatistics::Pooled(std::size_t k) const {
  RunningStats all;
  for (std::size_t point = 0; point < data.points(); ++point) all.Merge(at(point, k));
  return all.Stats();
}

std::vector<double> SweepStatistics::PointMeans(std::size_t k) const {
  std::vector<double> f(data.points());
  for (std::size_t point = 0; point < f.size(); ++point) f[point] = at(point, k).Stats().mean;
  return f;
}

int ReadSweepStatistics(ResultsStore& store, const std::string& results_path,
                        const std::string& runs_csv, SweepStatistics* stats, std::string* error) {
  StudyResults& data = stats->data;
  if (!ReadStudyResults(store, &data, error)) return kExitBadInput;
  const std::size_t points = data.points();
  const std::size_t metrics = stats->metrics();
  std::vector<std::size_t> metric_index;
  for (const std::string& m : data.study.metrics) metric_index.push_back(*RunMetricIndex(m));
  stats->cell.assign(points * metrics, RunningStats{});
  stats->failed_at.assign(points, 0);

  CsvWriter csv;
  const bool export_runs = !runs_csv.empty();
  if (export_runs && !OpenRunsCsv(runs_csv, data, &csv, error)) return kExitBadInput;
  bool out_of_design = false;
  const bool read = store.ForEachRun(
      [&](const RunRecord& r) {
        if (r.point < 0 || static_cast<std::size_t>(r.point) >= points) {
          out_of_design = true;
          return;
        }
        const std::size_t point = static_cast<std::size_t>(r.point);
        ++stats->runs;
        if (!r.ok) {
          ++stats->failed;
          ++stats->failed_at[point];
        } else {
          for (std::size_t k = 0; k < metrics; ++k) {
            const std::optional<double>& v = r.metrics[metric_index[k]];
            if (v) stats->cell[point * metrics + k].Add(*v);
          }
        }
        if (export_runs) WriteRunRow(r, data, &csv);
      },
      error);
  if (!read) return kExitBadInput;
  if (out_of_design) {
    *error = results_path + ": holds runs outside the study's design";
    return kExitBadInput;
  }
  if (export_runs && !csv.Close(error)) return kExitInternal;
  return kExitOk;
}

int WritePointStatisticsCsv(const SweepStatistics& stats, const std::string& path,
                            std::string* error) {
  const StudyResults& data = stats.data;
  const std::size_t dims = data.parameters.size();
  CsvWriter csv;
  if (!csv.Open(path, error)) return kExitBadInput;
  csv.Text("point");
  for (const StudyParameter& p : data.parameters) csv.Text(p.path);
  for (const char* h : {"metric", "n", "failed", "mean", "sd", "ci_low", "ci_high"}) csv.Text(h);
  csv.EndRow();
  for (std::size_t point = 0; point < data.points(); ++point) {
    for (std::size_t k = 0; k < stats.metrics(); ++k) {
      const SummaryStats s = stats.at(point, k).Stats();
      csv.Integer(static_cast<long long>(point));
      for (std::size_t i = 0; i < dims; ++i) csv.Text(data.texts[point * dims + i]);
      csv.Text(data.study.metrics[k]).Integer(static_cast<long long>(s.n));
      csv.Integer(static_cast<long long>(stats.failed_at[point]));
      csv.Number(s.mean).Number(s.sd).Number(s.ci_low).Number(s.ci_high);
      csv.EndRow();
    }
  }
  if (!csv.Close(error)) return kExitInternal;
  return kExitOk;
}

}  // namespace overstretch::cli
