// The results file under faults (issue 12, items 6 and 7): a run is stored
// whole or not at all, a second writer is refused, a file the sweep cannot
// create is not left behind, a file that is not a results file is refused
// without being touched, the design CSV is atomic, write failures say why,
// and readers refuse runs outside the design and text in metric columns.
//
// Full disks are simulated with RLIMIT_FSIZE in a forked child (writes past
// the limit fail with EFBIG once SIGXFSZ is ignored), so the test needs no
// special file system and cannot disturb the parent.
#include "tools/studies/results_store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "tests/test_support.h"
#include "tools/cli/commands.h"
#include "tools/studies/study.h"
#include "tools/studies/sweep.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using overstretch::testing::BuiltinRegistry;
using overstretch::testing::RepoPath;

std::string TinyStudy() {
  return "name: tiny\nscenario: " + RepoPath("scenarios/sparse_us.yaml") +
         "\ndesign: grid\nreplications: 2\nseed: 3\nset: {run.turns: 4}\nparameters:\n"
         "  actors.US.global_commitments: {range: [0.3, 0.9], levels: 3}\n";
}

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs SQL on a results file from outside the store (a test's own connection).
void Sql(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "") << "\n" << sql;
  sqlite3_free(message);
  sqlite3_close(db);
}

std::int64_t Count(const fs::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  const std::int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

RunRecord MakeRun(std::int64_t point, std::int64_t replication, int turns) {
  RunRecord r;
  r.point = point;
  r.replication = replication;
  r.seed = 7;
  r.metrics[0] = 0.5;
  for (int t = 1; t <= turns; ++t) {
    TheaterTurnRow row;
    row.turn = t;
    row.theater = "korea";
    row.status = "active";
    r.theater_turns.push_back(row);
  }
  return r;
}

class ResultsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           (std::string("overstretch-store-") + info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    study_file_ = dir_ / "tiny.yaml";
    std::ofstream(study_file_) << TinyStudy();
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  int Cli(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return RunCli(BuiltinRegistry(), std::move(args), out_, err_);
  }

  // Runs `body` in a child whose files may not grow past `limit` bytes (a
  // full disk); returns the child's exit status and its stderr in *err.
  int WithFileSizeLimit(rlim_t limit, const std::function<int(std::ostream&)>& body,
                        std::string* err) {
    const fs::path err_file = dir_ / "child.err";
    const pid_t child = fork();
    if (child == 0) {
      std::ostringstream err_text;
      signal(SIGXFSZ, SIG_IGN);
      rlimit old{};
      getrlimit(RLIMIT_FSIZE, &old);
      const rlimit small{limit, old.rlim_max};  // the soft limit only, to restore it below
      setrlimit(RLIMIT_FSIZE, &small);
      const int code = body(err_text);
      setrlimit(RLIMIT_FSIZE, &old);
      std::ofstream(err_file) << err_text.str();
      _exit(code);
    }
    int status = 0;
    waitpid(child, &status, 0);
    *err = ReadBytes(err_file);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  fs::path dir_;
  fs::path study_file_;
  std::ostringstream out_;
  std::ostringstream err_;
};

// Item 6: a failure while storing a run's theater turns (injected by a
// trigger) must not leave its `runs` row behind for --resume to skip.
TEST_F(ResultsStoreTest, ARunIsStoredWholeOrNotAtAll) {
  const StudyLoadResult loaded = LoadStudy(study_file_.string(), BuiltinRegistry());
  ASSERT_TRUE(loaded.study);
  const fs::path path = dir_ / "r.sqlite";
  std::string error;
  auto store =
      ResultsStore::Create(path.string(), *loaded.study, MakeDesign(*loaded.study), &error);
  ASSERT_TRUE(store) << error;
  Sql(path,
      "CREATE TRIGGER fail BEFORE INSERT ON theater_turns WHEN NEW.point = 1 AND NEW.turn = 3 "
      "BEGIN SELECT RAISE(ABORT, 'injected write failure'); END;");
  {
    StoreWriter writer(*store, 8, 16, 1000);
    writer.Consume(MakeRun(0, 0, 5));
    writer.Consume(MakeRun(1, 0, 5));
    writer.Consume(MakeRun(2, 0, 5));
    EXPECT_FALSE(writer.Finish(&error));
    EXPECT_NE(error.find("injected write failure"), std::string::npos) << error;
  }
  store.reset();
  EXPECT_EQ(Count(path, "SELECT COUNT(*) FROM runs WHERE point = 0"), 1);
  EXPECT_EQ(Count(path, "SELECT COUNT(*) FROM theater_turns WHERE point = 0"), 5);
  EXPECT_EQ(Count(path, "SELECT COUNT(*) FROM runs WHERE point = 1"), 0);
  EXPECT_EQ(Count(path, "SELECT COUNT(*) FROM theater_turns WHERE point = 1"), 0);
}

// Item 7: a second writer on a file another sweep holds is refused up front,
// with a message, not a raw "UNIQUE constraint failed" midway.
TEST_F(ResultsStoreTest, ASecondResumeOnAFileBeingWrittenIsRefused) {
  const fs::path path = dir_ / "r.sqlite";
  ASSERT_EQ(Cli({"sweep", study_file_.string(), "--out", path.string()}), kExitOk) << err_.str();
  Sql(path, "DELETE FROM runs WHERE point = 2");
  std::string error;
  auto first = ResultsStore::Open(path.string(), true, &error);  // the sweep in progress
  ASSERT_TRUE(first) << error;
  EXPECT_EQ(Cli({"sweep", study_file_.string(), "--out", path.string(), "--resume"}),
            kExitBadInput);
  EXPECT_NE(err_.str().find("being written by another sweep"), std::string::npos) << err_.str();
  EXPECT_EQ(Count(path, "SELECT COUNT(*) FROM runs"), 4);
  // Once the first is done, --resume completes the file.
  first.reset();
  EXPECT_EQ(Cli({"sweep", study_file_.string(), "--out", path.string(), "--resume"}), kExitOk)
      << err_.str();
  EXPECT_EQ(Count(path, "SELECT COUNT(*) FROM runs"), 6);
}

// Where the lock cannot help (another file system), a duplicate run says what
// happened.
TEST_F(ResultsStoreTest, ADuplicateRunIsExplained) {
  const StudyLoadResult loaded = LoadStudy(study_file_.string(), BuiltinRegistry());
  ASSERT_TRUE(loaded.study);
  const fs::path path = dir_ / "r.sqlite";
  std::string error;
  auto store =
      ResultsStore::Create(path.string(), *loaded.study, MakeDesign(*loaded.study), &error);
  ASSERT_TRUE(store) << error;
  ASSERT_TRUE(store->Begin(&error) && store->Insert(MakeRun(0, 0, 0), &error)) << error;
  EXPECT_FALSE(store->Insert(MakeRun(0, 0, 0), &error));
  EXPECT_NE(error.find("already stored: another sweep is writing"), std::string::npos) << error;
  EXPECT_EQ(error.find("UNIQUE"), std::string::npos) << error;
}

// Item 7: a sweep that cannot create its file (a full disk) exits 1, the
// status of a write error, and leaves no file behind.
TEST_F(ResultsStoreTest, ASweepThatCannotCreateItsFileLeavesNothing) {
  const fs::path path = dir_ / "full.sqlite";
  std::string err;
  const int code = WithFileSizeLimit(
      2048,
      [&](std::ostream& err_text) {
        std::ostringstream out;
        return RunCli(BuiltinRegistry(), {"sweep", study_file_.string(), "--out", path.string()},
                      out, err_text);
      },
      &err);
  EXPECT_EQ(code, kExitInternal) << err;
  EXPECT_NE(err.find("full.sqlite"), std::string::npos) << err;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(fs::exists(path.string() + suffix)) << suffix;
  }
  // And a sweep with room then works.
  EXPECT_EQ(Cli({"sweep", study_file_.string(), "--out", path.string()}), kExitOk) << err_.str();
}

// Item 7: --resume on a file that is not a results file refuses it by reading
// only: an unrelated SQLite database and an empty file are left byte for byte.
TEST_F(ResultsStoreTest, ResumeRefusesForeignFilesWithoutTouchingThem) {
  const fs::path other = dir_ / "other.sqlite";
  Sql(other, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me');");
  const fs::path empty = dir_ / "empty.sqlite";
  std::ofstream(empty).close();
  for (const fs::path& path : {other, empty}) {
    const std::string before = ReadBytes(path);
    EXPECT_EQ(Cli({"sweep", study_file_.string(), "--out", path.string(), "--resume"}),
              kExitBadInput)
        << path;
    EXPECT_NE(err_.str().find("not an overstretch results file"), std::string::npos) << err_.str();
    EXPECT_EQ(ReadBytes(path), before) << path;
    EXPECT_FALSE(fs::exists(path.string() + "-wal")) << path;
    EXPECT_FALSE(fs::exists(path.string() + "-shm")) << path;
  }
}

// Item 7: --design-only writes the whole CSV or nothing, and a write error is
// exit status 1 with the system's reason.
TEST_F(ResultsStoreTest, DesignOnlyOnAFullDiskLeavesNoPartialCsv) {
  const fs::path csv = dir_ / "design.csv";
  std::string err;
  const int code = WithFileSizeLimit(
      16,
      [&](std::ostream& err_text) {
        std::ostringstream out;
        return RunCli(BuiltinRegistry(),
                      {"sweep", study_file_.string(), "--design-only", csv.string()}, out,
                      err_text);
      },
      &err);
  EXPECT_EQ(code, kExitInternal) << err;
  EXPECT_NE(err.find("File too large"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(csv));
  for (const auto& entry : fs::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find("design.csv"), std::string::npos)
        << entry.path();
  }
}

// Item 7: analyze counts only runs of the design and refuses a metric that is
// text (SQLite would read it as 0).
TEST_F(ResultsStoreTest, AnalyzeRefusesRunsOutsideTheDesignAndTextMetrics) {
  const fs::path path = dir_ / "r.sqlite";
  ASSERT_EQ(Cli({"sweep", study_file_.string(), "--out", path.string()}), kExitOk) << err_.str();
  ASSERT_EQ(Cli({"analyze", path.string()}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("6 of 6 runs stored"), std::string::npos) << out_.str();

  Sql(path,
      "INSERT INTO runs (point, replication, seed, status) SELECT point, 2, seed, status FROM "
      "runs WHERE point = 0 AND replication = 0");
  EXPECT_EQ(Cli({"analyze", path.string()}), kExitBadInput) << out_.str();
  EXPECT_NE(err_.str().find("outside the study's design (point 0, replication 2"),
            std::string::npos)
      << err_.str();
  EXPECT_EQ(out_.str().find("7 of 6"), std::string::npos) << out_.str();

  Sql(path,
      "DELETE FROM runs WHERE replication = 2; "
      "UPDATE runs SET final_cohesion = 'abc' WHERE point = 1 AND replication = 1");
  EXPECT_EQ(Cli({"analyze", path.string()}), kExitBadInput) << out_.str();
  EXPECT_NE(err_.str().find("metric final_cohesion holds 'abc', not a number"), std::string::npos)
      << err_.str();
}

// Item 7: a report that cannot be written says why, with the status of a
// write error, and leaves no partial page.
TEST_F(ResultsStoreTest, ReportWriteFailureSaysWhy) {
  const fs::path run = dir_ / "run";
  ASSERT_EQ(Cli({"run", std::string(OVERSTRETCH_TEST_DATA) + "/cli/small.yaml", "--out",
                 run.string(), "--quiet"}),
            kExitOk)
      << err_.str();
  const fs::path html = dir_ / "page.html";
  std::string err;
  const int code = WithFileSizeLimit(
      64,
      [&](std::ostream& err_text) {
        std::ostringstream out;
        return RunCli(BuiltinRegistry(), {"report", run.string(), "-o", html.string()}, out,
                      err_text);
      },
      &err);
  EXPECT_EQ(code, kExitInternal) << err;
  EXPECT_NE(err.find("cannot write " + html.string() + ": File too large"), std::string::npos)
      << err;
  EXPECT_FALSE(fs::exists(html));
}

}  // namespace
}  // namespace overstretch::cli
