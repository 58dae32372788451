// The compensation estimates (tools/studies/compensation.h) on made-up runs
// whose allies make up exactly half of every drop in the patron's force: the
// estimate is 0.5, and so is every bootstrap resample as long as the two
// numbers of a run (or of a pair of runs) are drawn together, so the
// interval collapses to 0.5. A resample that drew them apart would widen it.
#include "tools/studies/compensation.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "engine/metrics.h"
#include "tools/studies/results_store.h"

namespace overstretch::cli {
namespace {

constexpr int kReplications = 24;

// Two parameters, the patron's commitments first; one point per value.
StudyResults MadeUpStudy(const std::string& design, const std::vector<double>& commitments) {
  StudyResults data;
  data.study.scenario_text = "scenario: {name: made_up, patron: US}\n";
  data.study.design = design;
  data.study.replications = kReplications;
  data.parameters.resize(2);
  data.parameters[0].path = "actors.US.global_commitments";
  data.parameters[1].path = "run.fog";
  data.design.dims = 2;
  for (double c : commitments) {
    data.design.u.insert(data.design.u.end(), {c, 0.5});
    data.numbers.insert(data.numbers.end(), {c, 0.2});
    data.texts.insert(data.texts.end(), {std::to_string(c), "0.2"});
  }
  return data;
}

// Replication r at commitments c: the patron delivers less the higher c and
// the higher the replication's noise; the allies gain half of every drop.
RunRecord MadeUpRun(std::int64_t point, std::int64_t replication, double c) {
  static const std::size_t kPatron = *RunMetricIndex("patron_delivered");
  static const std::size_t kAllied = *RunMetricIndex("allied_delivered");
  const double noise = static_cast<double>((replication * 37) % 11);
  const double patron = 1000.0 - 600.0 * c - 20.0 * noise * c;
  RunRecord run;
  run.point = point;
  run.replication = replication;
  run.metrics[kPatron] = patron;
  run.metrics[kAllied] = 300.0 + 0.5 * (1000.0 - patron);
  return run;
}

CompensationReport Analyse(const StudyResults& data, const std::vector<double>& commitments) {
  CompensationAnalysis analysis(data);
  EXPECT_TRUE(analysis.Active());
  for (std::size_t p = 0; p < commitments.size(); ++p) {
    for (int r = 0; r < kReplications; ++r)
      analysis.Add(MadeUpRun(static_cast<std::int64_t>(p), r, commitments[p]));
  }
  return analysis.Finish(500, 7);
}

void ExpectHalfCovered(const CompensationLevel& level) {
  EXPECT_NEAR(level.covered, 0.5, 1e-12);
  EXPECT_NEAR(level.covered_low, 0.5, 1e-12);
  EXPECT_NEAR(level.covered_high, 0.5, 1e-12);
}

TEST(Compensation, APairedGridResamplesEachPairWhole) {
  const std::vector<double> commitments = {0.9, 0.1, 0.5};
  const CompensationReport report = Analyse(MadeUpStudy("grid", commitments), commitments);
  ASSERT_TRUE(report.paired);
  ASSERT_EQ(report.levels.size(), 3u);
  EXPECT_EQ(report.levels[0].commitments, 0.1);
  EXPECT_EQ(report.levels[2].commitments_high, 0.9);
  for (std::size_t level = 1; level < 3; ++level) {
    EXPECT_EQ(report.levels[level].pairs, static_cast<std::size_t>(kReplications));
    ExpectHalfCovered(report.levels[level]);
  }
}

TEST(Compensation, AnUnpairedDesignResamplesEachRunWhole) {
  std::vector<double> commitments;
  for (int i = 0; i < 20; ++i) commitments.push_back(0.1 + 0.04 * ((i * 7) % 20));
  const CompensationReport report =
      Analyse(MadeUpStudy("latin_hypercube", commitments), commitments);
  ASSERT_FALSE(report.paired);
  ASSERT_EQ(report.levels.size(), kCompensationBins);
  for (std::size_t level = 0; level < kCompensationBins; ++level) {
    EXPECT_EQ(report.levels[level].patron.n, 4u * kReplications);
    EXPECT_EQ(report.levels[level].pairs, 0u);
    if (level > 0) ExpectHalfCovered(report.levels[level]);
  }
  EXPECT_NEAR(report.levels[0].commitments, 0.1, 1e-12);
  EXPECT_NEAR(report.levels[0].commitments_high, 0.22, 1e-12);
}

// Few distinct values (a Morris design's levels): one level per value, unpaired.
TEST(Compensation, AnUnpairedDesignWithFewValuesKeepsEachValue) {
  std::vector<double> commitments;
  for (int i = 0; i < 12; ++i) commitments.push_back(i % 3 == 0 ? 0.3 : i % 3 == 1 ? 0.6 : 0.9);
  const CompensationReport report = Analyse(MadeUpStudy("morris", commitments), commitments);
  ASSERT_FALSE(report.paired);
  ASSERT_EQ(report.levels.size(), 3u);
  EXPECT_EQ(report.levels[1].commitments, 0.6);
  EXPECT_EQ(report.levels[1].commitments_high, 0.6);
  ExpectHalfCovered(report.levels[2]);
}

}  // namespace
}  // namespace overstretch::cli
