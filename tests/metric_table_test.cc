// The run metrics table (engine/metrics.h): every entry yields a value of its
// declared type for finished runs of the shipped scenarios, names are unique
// snake_case, and docs/outputs.md holds exactly the table generated from it.
// After changing the table, rewrite the docs table with
//
//   OVERSTRETCH_UPDATE_DOCS=1 build/tests/overstretch_tests --gtest_filter='MetricTable.*'
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "engine/metrics.h"
#include "tests/test_support.h"

namespace overstretch {
namespace {

constexpr const char* kBegin =
    "<!-- run metrics: generated from engine/metrics.cc, checked by "
    "tests/metric_table_test.cc -->\n";
constexpr const char* kEnd = "<!-- end of run metrics -->\n";

// Pipes would end a Markdown table cell.
std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string MarkdownTable() {
  std::string md = "| metric | type | unit | kept by default | meaning |\n|---|---|---|---|---|\n";
  for (const RunMetric& m : RunMetrics()) {
    md += "| `" + std::string(m.name) + "` | " + MetricTypeName(m.type) +
          (m.nullable ? " or null" : "") + " | " + Cell(m.unit) + " | " + (m.outcome ? "yes" : "") +
          " | " + Cell(m.description) + " |\n";
  }
  return md;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(MetricTable, DocsOutputsHoldsTheGeneratedTable) {
  const std::string path = testing::RepoPath("docs/outputs.md");
  std::string doc = ReadAll(path);
  const std::size_t begin = doc.find(kBegin);
  ASSERT_NE(begin, std::string::npos) << path << " lacks the line " << kBegin;
  const std::size_t from = begin + std::string(kBegin).size();
  const std::size_t end = doc.find(kEnd, from);
  ASSERT_NE(end, std::string::npos) << path << " lacks the line " << kEnd;
  const std::string table = MarkdownTable();
  if (std::getenv("OVERSTRETCH_UPDATE_DOCS") != nullptr) {
    doc.replace(from, end - from, table);
    std::ofstream(path, std::ios::binary) << doc;
    GTEST_SKIP() << "rewrote the run metrics table of " << path;
  }
  EXPECT_EQ(doc.substr(from, end - from), table)
      << path << " differs from the table in engine/metrics.cc; rewrite it with "
      << "OVERSTRETCH_UPDATE_DOCS=1 build/tests/overstretch_tests --gtest_filter='MetricTable.*'";
}

TEST(MetricTable, NamesAreUniqueSnakeCaseAndDescribed) {
  std::set<std::string_view> names;
  for (const RunMetric& m : RunMetrics()) {
    EXPECT_TRUE(names.insert(m.name).second) << "duplicate " << m.name;
    EXPECT_FALSE(m.name.empty());
    for (char c : m.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << m.name;
    EXPECT_FALSE(m.description.empty()) << m.name;
    EXPECT_NE(m.value, nullptr) << m.name;
    EXPECT_EQ(RunMetricIndex(m.name), static_cast<std::size_t>(&m - RunMetrics().data()));
  }
  EXPECT_FALSE(RunMetricIndex("losses.challengers"));
}

// Every metric has a value of its type for every finished shipped run, unless
// it may be undefined; and a metric that may be undefined is defined in some
// run (a value that is always null is a missing computation).
TEST(MetricTable, EveryMetricYieldsAValueOfItsType) {
  std::vector<bool> ever_defined(kRunMetricCount, false);
  for (const std::string& file : testing::ShippedScenarios()) {
    const Scenario sc = testing::LoadOrDie(testing::RepoPath(file));
    Simulation sim(sc, testing::BuiltinRegistry());
    const RunSummary summary = sim.Run(1);
    for (std::size_t i = 0; i < kRunMetricCount; ++i) {
      const RunMetric& m = RunMetrics()[i];
      const MetricValue v = m.value(summary);
      if (!v) {
        EXPECT_TRUE(m.nullable) << file << ": " << m.name << " has no value";
        continue;
      }
      ever_defined[i] = true;
      EXPECT_TRUE(std::isfinite(*v)) << file << ": " << m.name;
      const bool whole = *v == std::floor(*v);
      const bool yes_no = *v == 0.0 || *v == 1.0;
      EXPECT_TRUE(m.type != MetricType::kInteger || whole) << file << ": " << m.name;
      EXPECT_TRUE(m.type != MetricType::kBool || yes_no) << file << ": " << m.name;
    }
  }
  for (std::size_t i = 0; i < kRunMetricCount; ++i) {
    EXPECT_TRUE(ever_defined[i]) << RunMetrics()[i].name << " is null in every shipped run";
  }
}

}  // namespace
}  // namespace overstretch
