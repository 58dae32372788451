// Study files (validation with positions) and sweeps end to end: results in
// SQLite identical whatever --jobs is, a sweep cut short or killed and then
// resumed equal to an uninterrupted one, failing runs recorded, the
// interleaved order, and the commands on top (analyze, discover).
#include "tools/studies/sweep.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <tuple>

#include "tests/test_support.h"
#include "tools/cli/commands.h"
#include "tools/studies/compensation.h"
#include "tools/studies/results_store.h"
#include "tools/studies/study.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using overstretch::testing::BuiltinRegistry;
using overstretch::testing::RepoPath;

std::string Diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const Diagnostic& d : diagnostics) text += FormatDiagnostic(d) + "\n";
  return text;
}

// A small, quick study of sparse_us: 6 points × `replications`.
std::string TinyStudy(int replications = 5, const std::string& extra = "") {
  return "name: tiny\n"
         "scenario: " +
         RepoPath("scenarios/sparse_us.yaml") +
         "\n"
         "design: grid\n"
         "replications: " +
         std::to_string(replications) +
         "\n"
         "seed: 3\n"
         "set: {run.turns: 8}\n"
         "parameters:\n"
         "  actors.US.global_commitments: {range: [0.3, 0.9], levels: 3}\n"
         "  ties.JPN-US.access: {values: [0, 1]}\n" +
         extra;
}

// A run without its timing column, for comparisons.
using RunRow = std::tuple<std::int64_t, std::int64_t, std::uint64_t, bool, std::string,
                          std::array<std::optional<double>, kRunMetricCount>>;

std::vector<RunRow> ReadRuns(const fs::path& path) {
  std::string error;
  auto store = ResultsStore::Open(path.string(), false, &error);
  EXPECT_TRUE(store) << error;
  std::vector<RunRow> rows;
  if (!store) return rows;
  EXPECT_TRUE(store->ForEachRun(
      [&](const RunRecord& r) {
        rows.emplace_back(r.point, r.replication, r.seed, r.ok, r.error, r.metrics);
      },
      &error))
      << error;
  return rows;
}

// Every row of an SQL query over a results file, each column as a number:
// raw SQL, so that checks against it do not go through the results store.
std::vector<std::vector<double>> QueryNumbers(const fs::path& path, const char* sql) {
  std::vector<std::vector<double>> rows;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    std::vector<double>& row = rows.emplace_back();
    for (int c = 0; c < sqlite3_column_count(st); ++c) row.push_back(sqlite3_column_double(st, c));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

// analyze's compensation section of a results file (bootstrap 200, seed 1);
// nullopt, with a test failure, when the file cannot be read or the study
// does not vary the patron's commitments.
std::optional<CompensationReport> CompensationOf(const fs::path& path) {
  std::string error;
  auto store = ResultsStore::Open(path.string(), false, &error);
  EXPECT_TRUE(store) << error;
  StudyResults data;
  if (!store || !ReadStudyResults(*store, &data, &error)) {
    ADD_FAILURE() << error;
    return std::nullopt;
  }
  CompensationAnalysis analysis(data);
  EXPECT_TRUE(analysis.Active());
  if (!analysis.Active()) return std::nullopt;
  EXPECT_TRUE(store->ForEachRun([&](const RunRecord& r) { analysis.Add(r); }, &error)) << error;
  return analysis.Finish(200, 1);
}

class SweepTest : public testing::CommandLineTest {
 protected:
  fs::path Write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path;
  }
};

// ------------------------------------------------------------------ studies

TEST(StudyTest, ExampleStudiesLoad) {
  const StudyLoadResult a =
      LoadStudy(RepoPath("scenarios/studies/us_sparsity.yaml"), BuiltinRegistry());
  ASSERT_TRUE(a.study) << Diagnostics(a.diagnostics);
  EXPECT_EQ(a.study->points(), 20u);
  EXPECT_EQ(a.study->runs(), 2000u);
  EXPECT_EQ(a.study->design, DesignKind::kGrid);
  const StudyLoadResult b =
      LoadStudy(RepoPath("scenarios/studies/sparse_us_sobol.yaml"), BuiltinRegistry());
  ASSERT_TRUE(b.study) << Diagnostics(b.diagnostics);
  EXPECT_EQ(b.study->design, DesignKind::kSobol);
  EXPECT_GE(b.study->parameters.size(), 6u);
  EXPECT_EQ(b.study->points(), b.study->samples * (b.study->parameters.size() + 2));
}

TEST(StudyTest, GridValuesAndOverrides) {
  const StudyLoadResult r = LoadStudyText(TinyStudy(), "tiny.yaml", BuiltinRegistry());
  ASSERT_TRUE(r.study) << Diagnostics(r.diagnostics);
  const UnitDesign design = MakeDesign(*r.study);
  ASSERT_EQ(design.points(), 6u);
  const std::vector<Override> o = PointOverrides(*r.study, design, 3);
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[0].path, "run.turns");
  EXPECT_EQ(o[1].path, "actors.US.global_commitments");
  EXPECT_EQ(o[1].value, "0.6");
  EXPECT_EQ(o[2].path, "ties.JPN-US.access");
  EXPECT_EQ(o[2].value, "1");
}

// Issue 12, item 1, through a study's `set:` (16,000 segments took 1 GB).
TEST(StudyTest, LongSetPathIsRejectedInShort) {
  std::string path = "doctrine";
  for (int i = 0; i < 20000; ++i) path += ".x";
  const std::string text = "name: deep\nscenario: " + RepoPath("scenarios/sparse_us.yaml") +
                           "\ndesign: grid\nset:\n  ? " + path +
                           "\n  : 1\nparameters:\n  run.fog: {range: [0, 1]}\n";
  const StudyLoadResult r = LoadStudyText(text, "deep.yaml", BuiltinRegistry());
  EXPECT_FALSE(r.study);
  const std::string message = Diagnostics(r.diagnostics);
  EXPECT_NE(message.find("more than 16 segments"), std::string::npos) << message.substr(0, 400);
  EXPECT_LT(message.size(), 2000u);
}

struct BadStudy {
  const char* text;
  const char* where;    // "LINE:COL" expected in the diagnostic
  const char* message;  // substring expected
};

TEST(StudyTest, BadStudiesAreReportedAtTheirPositions) {
  const BadStudy cases[] = {
      {"scenario: ../sparse_us.yaml\ndesign: grid\nreplicatons: 3\nparameters:\n  run.fog: "
       "{range: [0, 1]}\n",
       "3:1", "did you mean 'replications'"},
      {"scenario: ../sparse_us.yaml\ndesign: gird\nparameters:\n  run.fog: {range: [0, 1]}\n",
       "2:9", "unknown design 'gird'"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters:\n  actors.USA.global_commitments: "
       "{range: [0, 0.5]}\n",
       "4:3", "no actor 'USA'"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters:\n  actors.US.global_commitments: "
       "{range: [0, 1.5]}\n",
       "4:3", "parameter actors.US.global_commitments = 1.5"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters:\n  ties.JPN-US.access:\n    "
       "values: [0, 2]\n",
       "5:17", "parameter ties.JPN-US.access = 2"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters:\n  run.fog: {range: [0.5, 0.1]}\n",
       "4:20", "LO must be below HI"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters:\n  run.fog: {values: [0.1, 0.1]}\n",
       "4:27", "listed twice"},
      {"scenario: ../sparse_us.yaml\ndesign: sobol\nparameters:\n  run.fog: {range: [0, 1]}\n",
       "1:1", "missing required key 'samples'"},
      {"scenario: ../nowhere.yaml\ndesign: grid\nparameters:\n  run.fog: {range: [0, 1]}\n", "1:11",
       "cannot open file"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nmetrics: [deterrence_rate, cohesion]\n"
       "parameters:\n  run.fog: {range: [0, 1]}\n",
       "3:28", "unknown metric 'cohesion'"},
      {"scenario: ../sparse_us.yaml\ndesign: morris\nsamples: 4\nlevels: 5\nparameters:\n"
       "  run.fog: {range: [0, 1]}\n",
       "4:9", "even number of levels"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters:\n  run.fog: {range: [0, 1], "
       "values: [1]}\n",
       "4:3", "exactly one of"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nreplications: -1\nparameters:\n  run.fog: "
       "{range: [0, 1]}\n",
       "3:15", "replications"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters: [run.fog]\n", "3:13",
       "expected a map"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nparameters:\n  run.fog: {range: [0, 1]\n", "",
       "YAML syntax error"},
      {"- just\n- a list\n", "1:1", "the top level: expected a map, got a sequence"},
      {"scenario: ../sparse_us.yaml\ndesign: grid\nseed: &a 1\nparameters:\n  run.fog: {range: "
       "[0, 1]}\n",
       "3:7", "anchors"},
  };
  const std::string file = RepoPath("scenarios/studies/bad.yaml");
  for (const BadStudy& c : cases) {
    const StudyLoadResult r = LoadStudyText(c.text, file, BuiltinRegistry());
    EXPECT_FALSE(r.study) << c.text;
    const std::string text = Diagnostics(r.diagnostics);
    EXPECT_NE(text.find(c.message), std::string::npos) << c.text << "\n--\n" << text;
    const std::string prefix = file + ":" + c.where + (std::string(c.where).empty() ? "" : ":");
    EXPECT_EQ(text.rfind(prefix, 0), 0u) << c.text << "\n--\n" << text;
    EXPECT_NE(text.find(": error: "), std::string::npos) << text;
  }
}

// Common random numbers: two design points with identical parameters get the
// same seed per replication and so the same metrics, while a point with other
// parameters differs (the test could fail either way).
TEST_F(SweepTest, EqualPointsGiveEqualMetricsPerReplication) {
  const fs::path study = Write("crn.yaml",
                               "name: crn\n"
                               "scenario: " +
                                   RepoPath("scenarios/sparse_us.yaml") +
                                   "\n"
                                   "design: grid\n"
                                   "replications: 6\n"
                                   "seed: 11\n"
                                   "set: {run.turns: 8}\n"
                                   "parameters:\n"
                                   "  actors.US.global_commitments: {values: [0.5, 0.9, 0.50]}\n");
  ASSERT_EQ(Cli({"sweep", study.string(), "--jobs", "2", "--out", (dir_ / "crn.sqlite").string()}),
            kExitOk)
      << err_.str();
  const auto runs = ReadRuns(dir_ / "crn.sqlite");
  ASSERT_EQ(runs.size(), 18u);
  std::map<std::pair<std::int64_t, std::int64_t>, const RunRow*> by_key;
  for (const RunRow& r : runs) by_key[{std::get<0>(r), std::get<1>(r)}] = &r;
  int differing = 0;
  for (std::int64_t rep = 0; rep < 6; ++rep) {
    const RunRow& a = *by_key.at({0, rep});
    const RunRow& b = *by_key.at({1, rep});
    const RunRow& c = *by_key.at({2, rep});
    EXPECT_TRUE(std::get<3>(a) && std::get<3>(c));
    EXPECT_EQ(std::get<2>(a), std::get<2>(c));  // same seed
    EXPECT_EQ(std::get<2>(a), std::get<2>(b));  // seeds depend on the replication only
    EXPECT_TRUE(std::get<5>(a) == std::get<5>(c)) << "replication " << rep;
    if (std::get<5>(a) != std::get<5>(b)) ++differing;
  }
  // Other parameters, same seeds: the runs still differ (the parameter matters).
  EXPECT_GT(differing, 0);
}

TEST_F(SweepTest, StudyCommandRejectsBadStudyWithExit2AndRunsNothing) {
  const fs::path study = Write("bad.yaml", "design: grid\nparameters: {}\n");
  const fs::path out = dir_ / "out.sqlite";
  EXPECT_EQ(Cli({"sweep", study.string(), "--out", out.string()}), kExitBadInput);
  EXPECT_NE(err_.str().find(study.string() + ":1:1: error: missing required key 'scenario'"),
            std::string::npos)
      << err_.str();
  EXPECT_FALSE(fs::exists(out));
  // Hostile input: binary data, a directory, a missing file.
  Write("binary.yaml", std::string("design: grid\n\x01\x02", 15));
  EXPECT_EQ(Cli({"sweep", (dir_ / "binary.yaml").string()}), kExitBadInput);
  EXPECT_EQ(Cli({"sweep", dir_.string()}), kExitBadInput);
  EXPECT_EQ(Cli({"sweep", (dir_ / "missing.yaml").string()}), kExitBadInput);
  EXPECT_EQ(Cli({"sweep", study.string(), "--jobs", "0"}), kExitBadInput);
}

// ------------------------------------------------------------------ sweeps

TEST_F(SweepTest, ResultsAreIdenticalWhateverJobsIs) {
  const fs::path study = Write("tiny.yaml", TinyStudy());
  ASSERT_EQ(Cli({"sweep", study.string(), "--jobs", "1", "--out", (dir_ / "j1.sqlite").string()}),
            kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("30 of 30 runs"), std::string::npos) << out_.str();
  ASSERT_EQ(Cli({"sweep", study.string(), "--jobs", "2", "--out", (dir_ / "j2.sqlite").string()}),
            kExitOk)
      << err_.str();
  const auto a = ReadRuns(dir_ / "j1.sqlite");
  const auto b = ReadRuns(dir_ / "j2.sqlite");
  ASSERT_EQ(a.size(), 30u);
  EXPECT_TRUE(a == b);
  for (const RunRow& r : a) {
    EXPECT_TRUE(std::get<3>(r)) << std::get<4>(r);
    EXPECT_EQ(std::get<2>(r), RunSeed(3, static_cast<std::uint64_t>(std::get<1>(r))));
  }
  // An existing results file is not overwritten.
  EXPECT_EQ(Cli({"sweep", study.string(), "--out", (dir_ / "j1.sqlite").string()}), kExitBadInput);
  EXPECT_NE(err_.str().find("--resume"), std::string::npos);
}

TEST_F(SweepTest, AddingReplicationsKeepsExistingRuns) {
  const fs::path five = Write("five.yaml", TinyStudy(5));
  const fs::path seven = Write("seven.yaml", TinyStudy(7));
  ASSERT_EQ(Cli({"sweep", five.string(), "--out", (dir_ / "a.sqlite").string()}), kExitOk);
  ASSERT_EQ(Cli({"sweep", seven.string(), "--out", (dir_ / "b.sqlite").string()}), kExitOk);
  const auto a = ReadRuns(dir_ / "a.sqlite");
  auto b = ReadRuns(dir_ / "b.sqlite");
  std::erase_if(b, [](const RunRow& r) { return std::get<1>(r) >= 5; });
  EXPECT_TRUE(a == b);
}

TEST_F(SweepTest, ResumeAfterACutShortSweepEqualsAnUninterruptedOne) {
  const fs::path study_file = Write("tiny.yaml", TinyStudy(6));
  const StudyLoadResult loaded = LoadStudy(study_file.string(), BuiltinRegistry());
  ASSERT_TRUE(loaded.study) << Diagnostics(loaded.diagnostics);
  const UnitDesign design = MakeDesign(*loaded.study);
  const fs::path cut = dir_ / "cut.sqlite";
  {
    std::string error;
    auto store = ResultsStore::Create(cut.string(), *loaded.study, design, &error);
    ASSERT_TRUE(store) << error;
    StoreWriter writer(*store, 8, 4, 50);
    SweepOptions options;
    options.jobs = 2;
    options.max_runs = 11;  // stop after 11 of 36 runs
    const SweepStats stats =
        RunSweep(*loaded.study, design, BuiltinRegistry(), options, writer, nullptr);
    ASSERT_TRUE(writer.Finish(&error)) << error;
    EXPECT_TRUE(stats.stopped);
    EXPECT_EQ(stats.finished, 11u);
  }
  EXPECT_EQ(ReadRuns(cut).size(), 11u);
  ASSERT_EQ(Cli({"sweep", study_file.string(), "--out", cut.string(), "--resume"}), kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("11 done before"), std::string::npos) << out_.str();
  ASSERT_EQ(Cli({"sweep", study_file.string(), "--out", (dir_ / "full.sqlite").string()}), kExitOk);
  EXPECT_TRUE(ReadRuns(cut) == ReadRuns(dir_ / "full.sqlite"));
  // Resuming a complete sweep runs nothing; a changed study is refused.
  ASSERT_EQ(Cli({"sweep", study_file.string(), "--out", cut.string(), "--resume"}), kExitOk);
  EXPECT_NE(out_.str().find("0 runs in"), std::string::npos) << out_.str();
  const fs::path changed = Write("tiny.yaml", TinyStudy(6) + "# changed\n");
  EXPECT_EQ(Cli({"sweep", changed.string(), "--out", cut.string(), "--resume"}), kExitBadInput);
  EXPECT_NE(err_.str().find("the study file changed"), std::string::npos) << err_.str();
}

TEST_F(SweepTest, ResumeAfterKill9EqualsAnUninterruptedSweep) {
  // A bigger study, so that the child is still running when it is killed.
  const std::string text = TinyStudy(150);
  const fs::path study = Write("big.yaml", text);
  const fs::path killed = dir_ / "killed.sqlite";
  const std::uint64_t total = 6 * 150;
  std::int64_t at_kill = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    fs::remove(killed);
    fs::remove(dir_ / "killed.sqlite-wal");
    fs::remove(dir_ / "killed.sqlite-shm");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      std::ostringstream out, err;
      const int code =
          RunCli(BuiltinRegistry(),
                 {"sweep", study.string(), "--jobs", "2", "--out", killed.string()}, out, err);
      _exit(code);
    }
    // Wait for some committed runs, then kill -9.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      std::string error;
      if (fs::exists(killed)) {
        auto store = ResultsStore::Open(killed.string(), false, &error);
        if (store) {
          at_kill = store->CountRuns(&error);
          if (at_kill > 0) break;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    if (WIFSIGNALED(status) && at_kill > 0 && static_cast<std::uint64_t>(at_kill) < total) break;
  }
  ASSERT_GT(at_kill, 0);
  const auto before = ReadRuns(killed);
  EXPECT_GE(before.size(), static_cast<std::size_t>(at_kill));
  ASSERT_EQ(Cli({"sweep", study.string(), "--jobs", "2", "--out", killed.string(), "--resume"}),
            kExitOk)
      << err_.str();
  ASSERT_EQ(Cli({"sweep", study.string(), "--jobs", "1", "--out", (dir_ / "full.sqlite").string()}),
            kExitOk);
  const auto resumed = ReadRuns(killed);
  EXPECT_EQ(resumed.size(), total);
  EXPECT_TRUE(resumed == ReadRuns(dir_ / "full.sqlite"));
}

TEST_F(SweepTest, FailingRunsAreRecordedAndTheSweepGoesOn) {
  // run.turns must be a whole number: both ends (4 and 6) build, the levels
  // 4.5 and 5.5 in between do not.
  const std::string text = "name: failing\nscenario: " + RepoPath("scenarios/sparse_us.yaml") +
                           "\ndesign: grid\nreplications: 2\nparameters:\n"
                           "  run.turns: {range: [4, 6], levels: 5}\n";
  const fs::path study = Write("failing.yaml", text);
  const fs::path out = dir_ / "failing.sqlite";
  ASSERT_EQ(Cli({"sweep", study.string(), "--out", out.string()}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("4 failed"), std::string::npos) << out_.str();
  const auto runs = ReadRuns(out);
  ASSERT_EQ(runs.size(), 10u);
  for (const RunRow& r : runs) {
    const bool should_fail = std::get<0>(r) == 1 || std::get<0>(r) == 3;
    EXPECT_EQ(std::get<3>(r), !should_fail) << std::get<0>(r);
    if (should_fail) {
      const std::string expected = std::get<0>(r) == 1 ? "run.turns=4.5" : "run.turns=5.5";
      EXPECT_NE(std::get<4>(r).find(expected), std::string::npos) << std::get<4>(r);
      EXPECT_FALSE(std::get<5>(r)[0].has_value());  // metrics NULL
    }
  }
  // analyze copes with the failed points.
  ASSERT_EQ(Cli({"analyze", out.string()}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("4 failed"), std::string::npos) << out_.str();
}

TEST_F(SweepTest, RunsGoInInterleavedOrder) {
  const StudyLoadResult loaded = LoadStudyText(TinyStudy(12), "tiny.yaml", BuiltinRegistry());
  ASSERT_TRUE(loaded.study);
  const UnitDesign design = MakeDesign(*loaded.study);
  struct Collect : RunSink {
    void Consume(RunRecord&& run) override {
      std::lock_guard lock(mutex);
      runs.emplace_back(run.point, run.replication);
    }
    std::mutex mutex;
    std::vector<std::pair<std::int64_t, std::int64_t>> runs;
  } sink;
  SweepOptions options;
  options.jobs = 1;
  options.max_runs = 6 * kReplicationBlock;  // one round
  RunSweep(*loaded.study, design, BuiltinRegistry(), options, sink, nullptr);
  ASSERT_EQ(sink.runs.size(), 6 * kReplicationBlock);
  std::vector<int> per_point(6, 0);
  for (const auto& [point, rep] : sink.runs) {
    ++per_point[static_cast<std::size_t>(point)];
    EXPECT_LT(rep, static_cast<std::int64_t>(kReplicationBlock));
  }
  for (int n : per_point) EXPECT_EQ(n, static_cast<int>(kReplicationBlock));
}

TEST_F(SweepTest, AnalyzeAndDiscoverReadTheResults) {
  const fs::path study = Write("tiny.yaml", TinyStudy(10));
  const fs::path out = dir_ / "tiny.sqlite";
  ASSERT_EQ(Cli({"sweep", study.string(), "--out", out.string()}), kExitOk) << err_.str();
  const fs::path csv = dir_ / "stats.csv";
  const fs::path runs_csv = dir_ / "runs.csv";
  ASSERT_EQ(Cli({"analyze", out.string(), "--csv", csv.string(), "--runs-csv", runs_csv.string()}),
            kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("deterrence_rate"), std::string::npos);
  EXPECT_NE(out_.str().find("95% CI"), std::string::npos);
  std::ifstream in(csv);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header,
            "point,actors.US.global_commitments,ties.JPN-US.access,metric,n,failed,mean,sd,ci_low,"
            "ci_high");
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 6u * 10u);  // points × default metrics
  std::ifstream runs_in(runs_csv);
  lines = 0;
  for (std::string line; std::getline(runs_in, line);) ++lines;
  EXPECT_EQ(lines, 1u + 60u);

  ASSERT_EQ(Cli({"discover", out.string(), "--where", "final_cohesion < 0.9"}), kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("PRIM: where final_cohesion < 0.9"), std::string::npos) << out_.str();
  EXPECT_EQ(Cli({"discover", out.string(), "--where", "cohesion < 1"}), kExitBadInput);
  EXPECT_NE(err_.str().find("unknown metric 'cohesion'"), std::string::npos) << err_.str();
  EXPECT_EQ(Cli({"analyze", (dir_ / "nothing.sqlite").string()}), kExitBadInput);
  EXPECT_EQ(Cli({"analyze", study.string()}), kExitBadInput);  // not SQLite
  EXPECT_NE(err_.str().find("error"), std::string::npos);
}

// `analyze`'s statistics per point, checked against a computation of our own
// from the stored runs: two-pass mean and sample sd, and a 95% interval from
// the textbook Student-t quantiles.
TEST_F(SweepTest, AnalyzeStatisticsMatchAnIndependentComputationFromTheRuns) {
  const fs::path study = Write("tiny.yaml", TinyStudy(5));
  const fs::path out = dir_ / "tiny.sqlite";
  ASSERT_EQ(Cli({"sweep", study.string(), "--out", out.string()}), kExitOk) << err_.str();
  const fs::path csv = dir_ / "stats.csv";
  ASSERT_EQ(Cli({"analyze", out.string(), "--csv", csv.string()}), kExitOk) << err_.str();
  const std::vector<RunRow> runs = ReadRuns(out);
  ASSERT_EQ(runs.size(), 30u);
  const double t975[] = {0.0, 12.706, 4.303, 3.182, 2.776};  // by degrees of freedom

  std::ifstream in(csv);
  std::string line;
  std::getline(in,
               line);  // header: point, 2 parameters, metric, n, failed, mean, sd, ci_low, ci_high
  std::size_t rows = 0, with_interval = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, ',');) f.push_back(field);
    if (f.size() == 9) f.emplace_back();  // an empty last field (no interval)
    ASSERT_EQ(f.size(), 10u) << line;
    ++rows;
    const std::int64_t point = std::stoll(f[0]);
    const std::optional<std::size_t> metric = RunMetricIndex(f[3]);
    ASSERT_TRUE(metric) << f[3];
    std::vector<double> x;
    for (const RunRow& r : runs) {
      const auto& value = std::get<5>(r)[*metric];
      if (std::get<0>(r) == point && std::get<3>(r) && value) x.push_back(*value);
    }
    ASSERT_EQ(std::stoul(f[4]), x.size()) << line;
    if (x.size() < 2) continue;
    double sum = 0.0;
    for (double v : x) sum += v;
    const double mean = sum / static_cast<double>(x.size());
    double ss = 0.0;
    for (double v : x) ss += (v - mean) * (v - mean);
    const double sd = std::sqrt(ss / static_cast<double>(x.size() - 1));
    const double half = t975[x.size() - 1] * sd / std::sqrt(static_cast<double>(x.size()));
    const double tol = 1e-9 * (1.0 + std::abs(mean) + sd);
    EXPECT_NEAR(std::stod(f[6]), mean, tol) << line;
    EXPECT_NEAR(std::stod(f[7]), sd, tol) << line;
    if (sd > 0.0) {
      ++with_interval;
      EXPECT_NEAR(std::stod(f[8]), mean - half, tol) << line;
      EXPECT_NEAR(std::stod(f[9]), mean + half, tol) << line;
    }
  }
  EXPECT_EQ(rows, 6u * 10u);
  EXPECT_GT(with_interval, 0u) << "every metric was constant: the intervals went unchecked";
}

TEST_F(SweepTest, SobolAndMorrisStudiesAnalyze) {
  const std::string common = "scenario: " + RepoPath("scenarios/sparse_us.yaml") +
                             "\nreplications: 1\nset: {run.turns: 4}\nparameters:\n"
                             "  actors.US.global_commitments: {range: [0.3, 0.9]}\n"
                             "  run.fog: {range: [0, 0.8]}\n"
                             "  ties.JPN-US.access: {values: [0, 1]}\n";
  const fs::path sobol = Write("sobol.yaml", "design: sobol\nsamples: 16\n" + common);
  ASSERT_EQ(Cli({"sweep", sobol.string(), "--out", (dir_ / "sobol.sqlite").string()}), kExitOk)
      << err_.str();
  ASSERT_EQ(Cli({"analyze", (dir_ / "sobol.sqlite").string(), "--bootstrap", "50"}), kExitOk)
      << err_.str();
  EXPECT_NE(out_.str().find("Sobol indices"), std::string::npos) << out_.str();
  const fs::path morris = Write("morris.yaml", "design: morris\nsamples: 5\nlevels: 4\n" + common);
  ASSERT_EQ(Cli({"sweep", morris.string(), "--out", (dir_ / "morris.sqlite").string()}), kExitOk)
      << err_.str();
  ASSERT_EQ(Cli({"analyze", (dir_ / "morris.sqlite").string()}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("mu*"), std::string::npos) << out_.str();
  const fs::path csv = dir_ / "design.csv";
  ASSERT_EQ(Cli({"sweep", morris.string(), "--design-only", csv.string()}), kExitOk);
  std::ifstream in(csv);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  EXPECT_EQ(lines, 1u + 5u * 4u);
}

// analyze's compensation section against an independent computation from the
// stored runs (raw SQL): per level, the allies' mean paired gain over the
// patron's mean paired shortfall against the lowest commitment level.
TEST_F(SweepTest, CompensationMatchesAnIndependentComputation) {
  const fs::path study = Write("comp.yaml",
                               "name: comp\n"
                               "scenario: " +
                                   RepoPath("scenarios/sparse_us.yaml") +
                                   "\n"
                                   "design: grid\n"
                                   "replications: 12\n"
                                   "seed: 5\n"
                                   "set: {run.turns: 10}\n"
                                   "parameters:\n"
                                   "  actors.US.global_commitments: {values: [0.9, 0.1, 0.5]}\n");
  const fs::path out = dir_ / "comp.sqlite";
  ASSERT_EQ(Cli({"sweep", study.string(), "--out", out.string()}), kExitOk) << err_.str();

  // Independently: point p has commitments {0.9, 0.1, 0.5}[p]; the baseline is 0.1 (point 1).
  std::map<std::pair<int, int>, std::pair<double, double>>
      runs;  // (point, rep) -> (patron, allied)
  for (const std::vector<double>& r :
       QueryNumbers(out,
                    "SELECT point, replication, patron_delivered, allied_delivered "
                    "FROM runs WHERE status = 'ok'")) {
    runs[{static_cast<int>(r[0]), static_cast<int>(r[1])}] = {r[2], r[3]};
  }
  ASSERT_EQ(runs.size(), 36u);
  auto covered = [&](int point) {
    double gain = 0.0, shortfall = 0.0;
    for (int rep = 0; rep < 12; ++rep) {
      shortfall += runs.at({1, rep}).first - runs.at({point, rep}).first;
      gain += runs.at({point, rep}).second - runs.at({1, rep}).second;
    }
    return std::pair{gain / shortfall, shortfall / 12.0};
  };
  const auto [covered_09, shortfall_09] = covered(0);
  const auto [covered_05, shortfall_05] = covered(2);
  ASSERT_GT(shortfall_09, 0.0);  // a stretched patron delivers less: else nothing to test

  const std::optional<CompensationReport> computed = CompensationOf(out);
  ASSERT_TRUE(computed);
  const CompensationReport& report = *computed;
  EXPECT_EQ(report.patron, "US");
  ASSERT_EQ(report.levels.size(), 3u);
  EXPECT_DOUBLE_EQ(report.levels[0].commitments, 0.1);
  EXPECT_DOUBLE_EQ(report.levels[2].commitments, 0.9);
  EXPECT_EQ(report.levels[0].pairs, 12u);
  EXPECT_NEAR(report.levels[0].shortfall, 0.0, 1e-12);  // the baseline against itself
  EXPECT_NEAR(report.levels[2].shortfall, shortfall_09, 1e-9);
  EXPECT_NEAR(report.levels[2].covered, covered_09, 1e-9);
  if (shortfall_05 > 0.0) {
    EXPECT_NEAR(report.levels[1].covered, covered_05, 1e-9);
  }
  EXPECT_LE(report.levels[2].covered_low, report.levels[2].covered);
  EXPECT_GE(report.levels[2].covered_high, report.levels[2].covered);
  double patron_mean_09 = 0.0;
  for (int rep = 0; rep < 12; ++rep) patron_mean_09 += runs.at({0, rep}).first / 12.0;
  EXPECT_NEAR(report.levels[2].patron.mean, patron_mean_09, 1e-9);

  // analyze prints the section; a study that does not vary the patron's
  // commitments prints none.
  ASSERT_EQ(Cli({"analyze", out.string()}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("compensation: US's shortfall"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find(fmt::format("{:.3f}", covered_09)), std::string::npos) << out_.str();
  ASSERT_EQ(
      Cli({"sweep",
           Write("access.yaml", "name: access\nscenario: " + RepoPath("scenarios/sparse_us.yaml") +
                                    "\ndesign: grid\nreplications: 1\nseed: 1\n"
                                    "set: {run.turns: 4}\nparameters:\n"
                                    "  ties.JPN-US.access: {values: [0, 1]}\n")
               .string(),
           "--out", (dir_ / "access.sqlite").string()}),
      kExitOk)
      << err_.str();
  ASSERT_EQ(Cli({"analyze", (dir_ / "access.sqlite").string()}), kExitOk) << err_.str();
  EXPECT_EQ(out_.str().find("compensation:"), std::string::npos) << out_.str();
}

// A Latin hypercube gives every point its own commitment value, so nothing
// pairs: the compensation section bins the points (10 points: 5 bins of the
// 2 next values each) and compares the bins' means, computed here straight
// from the stored runs (raw SQL).
TEST_F(SweepTest, CompensationOfALatinHypercubeComparesBinsOfPoints) {
  const fs::path study =
      Write("lhs.yaml", "name: lhs\nscenario: " + RepoPath("scenarios/sparse_us.yaml") +
                            "\ndesign: latin_hypercube\nsamples: 10\n"
                            "replications: 6\nseed: 3\n"
                            "set: {run.turns: 10}\nparameters:\n"
                            "  actors.US.global_commitments: {range: [0.1, 0.9]}\n"
                            "  run.fog: {range: [0.0, 0.5]}\n");
  const fs::path out = dir_ / "lhs.sqlite";
  ASSERT_EQ(Cli({"sweep", study.string(), "--out", out.string()}), kExitOk) << err_.str();

  std::vector<std::pair<double, std::pair<double, double>>>
      runs;  // (commitments, (patron, allied))
  for (const std::vector<double>& r :
       QueryNumbers(out,
                    "SELECT d.\"actors.US.global_commitments\", r.patron_delivered, "
                    "r.allied_delivered FROM runs r JOIN design_points d USING (point) "
                    "WHERE r.status = 'ok'")) {
    runs.push_back({r[0], {r[1], r[2]}});
  }
  ASSERT_EQ(runs.size(), 60u);
  std::sort(runs.begin(), runs.end());  // by commitments: bin b holds runs [12b, 12b + 12)
  auto mean = [&](int bin, bool allied) {
    double sum = 0.0;
    for (int i = 12 * bin; i < 12 * bin + 12; ++i)
      sum += allied ? runs[static_cast<std::size_t>(i)].second.second
                    : runs[static_cast<std::size_t>(i)].second.first;
    return sum / 12.0;
  };

  const std::optional<CompensationReport> computed = CompensationOf(out);
  ASSERT_TRUE(computed);
  const CompensationReport& report = *computed;
  EXPECT_FALSE(report.paired);
  ASSERT_EQ(report.levels.size(), kCompensationBins);
  for (std::size_t b = 0; b < report.levels.size(); ++b) {
    const CompensationLevel& level = report.levels[b];
    EXPECT_EQ(level.patron.n, 12u) << b;
    EXPECT_EQ(level.pairs, 0u);
    EXPECT_DOUBLE_EQ(level.commitments, runs[12 * b].first) << b;
    EXPECT_DOUBLE_EQ(level.commitments_high, runs[12 * b + 11].first) << b;
    EXPECT_LT(level.commitments, level.commitments_high) << b;
    const int bin = static_cast<int>(b);
    const double shortfall = mean(0, false) - mean(bin, false);
    EXPECT_NEAR(level.shortfall, shortfall, 1e-9) << b;
    EXPECT_NEAR(level.allied_gain, mean(bin, true) - mean(0, true), 1e-9) << b;
    if (b > 0 && shortfall > 0.0) {
      EXPECT_NEAR(level.covered, level.allied_gain / shortfall, 1e-12) << b;
      EXPECT_LE(level.covered_low, level.covered) << b;
      EXPECT_GE(level.covered_high, level.covered) << b;
    }
  }
  ASSERT_GT(mean(0, false) - mean(4, false), 0.0);  // a stretched patron delivers less

  ASSERT_EQ(Cli({"analyze", out.string()}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("the design pairs no runs"), std::string::npos) << out_.str();
  EXPECT_NE(out_.str().find(fmt::format("{:.3f}-{:.3f}", runs[48].first, runs[59].first)),
            std::string::npos)
      << out_.str();
}

// A results file whose metric columns are not this version's (here one is
// renamed, as a file from a version with other metrics would have it) is
// refused with the column named, not read into the wrong metrics.
TEST_F(SweepTest, ResultsWithOtherMetricColumnsAreRefused) {
  const fs::path study = Write("tiny.yaml", TinyStudy(1));
  const fs::path out = dir_ / "tiny.sqlite";
  ASSERT_EQ(Cli({"sweep", study.string(), "--out", out.string()}), kExitOk) << err_.str();
  ASSERT_EQ(Cli({"analyze", out.string()}), kExitOk) << err_.str();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(out.string().c_str(), &db), SQLITE_OK);
  const int rc = sqlite3_exec(db, "ALTER TABLE runs RENAME COLUMN final_cohesion TO cohesion",
                              nullptr, nullptr, nullptr);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK);
  EXPECT_EQ(Cli({"analyze", out.string()}), kExitBadInput);
  EXPECT_NE(err_.str().find("has column 'cohesion REAL' where this version expects "
                            "'final_cohesion REAL'"),
            std::string::npos)
      << err_.str();
}

}  // namespace
}  // namespace overstretch::cli
