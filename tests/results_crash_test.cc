// Crash safety of a sweep's results file (docs/reliability.md, issue 12):
// the real `overstretch sweep` binary in a child process, killed with
// SIGKILL at many moments of its run — at random times (during the file's
// creation too), just before a commit and just after one (the commit kill
// hook, tools/studies/commit_kill_hook.h) — and run out of disk space
// (RLIMIT_FSIZE). After each fault: every stored run is whole (its `runs` row
// and all its `theater_turns` rows, equal to an uninterrupted sweep's), none
// is duplicated, nothing committed before is lost, and `sweep --resume`
// completes the file to exactly the uninterrupted sweep's results.
//
// Argument: the overstretch binary. Run time: about 25 s on 2 busy cores.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string g_binary;

using RunKey = std::pair<long long, long long>;  // (point, replication)

// A results file's runs (without the timing column) and theater turns, as
// text, by run; doubles exactly (hex).
struct Contents {
  std::map<RunKey, std::string> runs;
  std::map<RunKey, std::string> turns;
  long long run_rows = 0;  // rows of `runs` (duplicates would differ from runs.size())
  bool operator==(const Contents& o) const { return runs == o.runs && turns == o.turns; }
};

std::string Cell(sqlite3_stmt* st, int c) {
  switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL:
      return "null";
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(st, c));
    case SQLITE_FLOAT:
      return fmt::format("{:a}", sqlite3_column_double(st, c));
    default: {
      const unsigned char* t = sqlite3_column_text(st, c);
      return t ? "'" + std::string(reinterpret_cast<const char*>(t)) + "'" : "''";
    }
  }
}

// Reads `sql` row by row: key from columns 0-1, the other columns (but
// elapsed_us) joined into the row's text.
template <typename OnRow>
void Query(sqlite3* db, const std::string& sql, OnRow on_row) {
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::string text;
    for (int c = 2; c < sqlite3_column_count(st); ++c) {
      if (std::string(sqlite3_column_name(st, c)) == "elapsed_us") continue;
      text += Cell(st, c) + ",";
    }
    on_row(RunKey{sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1)}, text);
  }
  EXPECT_EQ(rc, SQLITE_DONE) << sqlite3_errmsg(db);
  sqlite3_finalize(st);
}

Contents Read(const fs::path& file) {
  Contents c;
  sqlite3* db = nullptr;
  // Read-write, as sqlite3, pandas and R open a file by default: after a kill
  // the write-ahead log may need recovery, which a read-only connection may
  // not run (SQLITE_READONLY_RECOVERY; docs/reliability.md says so).
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  Query(db, "SELECT * FROM runs ORDER BY point, replication", [&](RunKey k, const std::string& t) {
    c.runs[k] = t;
    ++c.run_rows;
  });
  Query(db, "SELECT * FROM theater_turns ORDER BY point, replication, turn, theater",
        [&](RunKey k, const std::string& t) { c.turns[k] += t + ";"; });
  sqlite3_close(db);
  return c;
}

struct Outcome {
  bool killed = false;  // by SIGKILL
  int exit_code = -1;   // when it exited
  std::string err;      // its stderr
};

// Runs `overstretch ARGS` in a child with `env` set; kills it with SIGKILL
// after `kill_after` (if set); limits every file it writes to `fsize` bytes
// (if set; SIGXFSZ ignored, so a write past it fails with EFBIG as on a full
// disk).
Outcome RunChild(const std::vector<std::string>& args, const fs::path& err_file,
                 const std::vector<std::pair<std::string, std::string>>& env,
                 std::optional<std::chrono::microseconds> kill_after, std::optional<rlim_t> fsize) {
  const pid_t child = fork();
  if (child == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    if (fsize) {
      signal(SIGXFSZ, SIG_IGN);
      rlimit limit{*fsize, *fsize};
      setrlimit(RLIMIT_FSIZE, &limit);
    }
    if (!freopen(err_file.c_str(), "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(126);
    std::vector<char*> argv{g_binary.data()};
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(g_binary.c_str(), argv.data());
    _exit(127);
  }
  Outcome o;
  if (child < 0) {
    ADD_FAILURE() << "fork failed";
    return o;
  }
  int status = 0;
  if (kill_after) {
    const auto deadline = Clock::now() + *kill_after;
    while (Clock::now() < deadline && waitpid(child, &status, WNOHANG) == 0) {
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    if (waitpid(child, &status, WNOHANG) == 0) {
      kill(child, SIGKILL);
      waitpid(child, &status, 0);
    }
  } else {
    waitpid(child, &status, 0);
  }
  o.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  if (WIFEXITED(status)) o.exit_code = WEXITSTATUS(status);
  std::ifstream in(err_file);
  std::ostringstream text;
  text << in.rdbuf();
  o.err = text.str();
  return o;
}

class ResultsCrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / fmt::format("overstretch-results-crash-{}", getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // 4 points × 250 replications of an 8-turn sparse_us, every theater
    // turn stored: about half a second on 2 cores, in 4 commits of 256 runs.
    study_ = dir_ / "study.yaml";
    std::ofstream(study_) << "name: crash\nscenario: " << OVERSTRETCH_SOURCE_DIR
                          << "/scenarios/sparse_us.yaml\n"
                             "design: grid\nreplications: 250\nseed: 11\ntheater_turns: true\n"
                             "set: {run.turns: 8}\nparameters:\n"
                             "  actors.US.global_commitments: {values: [0.3, 0.9]}\n"
                             "  ties.JPN-US.access: {values: [0, 1]}\n";
    const auto start = Clock::now();
    const Outcome full = Sweep(dir_ / "reference.sqlite", false, {}, std::nullopt);
    full_time_ = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
    ASSERT_EQ(full.exit_code, 0) << full.err;
    reference_ = Read(dir_ / "reference.sqlite");
    ASSERT_EQ(reference_.runs.size(), 4u * 250u);
    ASSERT_EQ(reference_.turns.size(), reference_.runs.size());
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Outcome Sweep(const fs::path& out, bool resume,
                std::vector<std::pair<std::string, std::string>> env,
                std::optional<std::chrono::microseconds> kill_after,
                std::optional<rlim_t> fsize = std::nullopt) {
    std::vector<std::string> args{"sweep", study_.string(), "--jobs", "2", "--out", out.string()};
    if (resume) args.push_back("--resume");
    return RunChild(args, dir_ / "stderr.txt", env, kill_after, fsize);
  }

  // Every stored run whole and equal to the reference's, none duplicated,
  // no theater turns without their run, every run of `before` still there.
  // The file is absent or a results file (never half made).
  Contents CheckWhole(const fs::path& file, const Contents& before, const std::string& when) {
    SCOPED_TRACE(when);
    if (!fs::exists(file)) {
      EXPECT_TRUE(before.runs.empty()) << "the results file vanished";
      return {};
    }
    Contents now = Read(file);
    EXPECT_EQ(now.run_rows, static_cast<long long>(now.runs.size())) << "duplicated runs";
    for (const auto& [key, row] : now.runs) {
      EXPECT_EQ(row, reference_.runs.at(key)) << key.first << "/" << key.second;
      EXPECT_EQ(now.turns[key], reference_.turns.at(key))
          << "run " << key.first << "/" << key.second << " stored without all its theater turns";
    }
    for (const auto& [key, turns] : now.turns) {
      EXPECT_TRUE(now.runs.count(key)) << "theater turns without their run " << key.first;
    }
    for (const auto& [key, row] : before.runs) {
      EXPECT_TRUE(now.runs.count(key)) << "a committed run was lost: " << key.first;
    }
    return now;
  }

  fs::path dir_;
  fs::path study_;
  std::chrono::microseconds full_time_{};
  Contents reference_;
};

TEST_F(ResultsCrashTest, KilledAtManyMomentsEveryRunIsWholeAndResumeCompletesIdentically) {
  std::mt19937_64 rng(20261201);
  const fs::path file = dir_ / "killed.sqlite";
  Contents stored;
  int kills = 0, at_commit = 0, completions = 0;
  // Until 20 kills (a sweep may finish before its kill: it then starts again).
  for (int k = 0; kills < 20 && k < 50; ++k) {
    std::vector<std::pair<std::string, std::string>> env;
    std::optional<std::chrono::microseconds> after;
    if (k % 3 == 0) {  // just before the Nth commit
      env.emplace_back("OVERSTRETCH_TEST_KILL_AT_COMMIT", std::to_string(1 + rng() % 3));
    } else if (k % 3 == 1) {  // just after it
      env.emplace_back("OVERSTRETCH_TEST_KILL_AT_COMMIT", std::to_string(1 + rng() % 3) + "+");
    } else {  // at a random moment of the run, its start included
      after = std::chrono::microseconds(rng() % (full_time_.count() + 1));
    }
    const bool resume = fs::exists(file);
    const Outcome o = Sweep(file, resume, env, after);
    if (o.killed) {
      ++kills;
      if (!after) ++at_commit;
    } else {
      ASSERT_EQ(o.exit_code, 0) << "step " << k << ": " << o.err;
    }
    stored = CheckWhole(file, stored,
                        fmt::format("after step {} ({})", k, o.killed ? "killed" : "completed"));
    if (!o.killed) {  // done: identical to the uninterrupted sweep; start again
      EXPECT_TRUE(stored == reference_) << "step " << k;
      ++completions;
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
      stored = {};
    }
  }
  // Killed while creating the file (schema, study and design written, not
  // committed): no half-made file is left to block the next sweep.
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
  stored = {};
  const Outcome creating = Sweep(file, false, {{"OVERSTRETCH_TEST_KILL_AT_COMMIT", "0"}}, {});
  EXPECT_TRUE(creating.killed) << creating.err;
  EXPECT_FALSE(fs::exists(file));
  const Outcome after_creating = Sweep(file, false, {}, std::nullopt);
  ASSERT_EQ(after_creating.exit_code, 0) << after_creating.err;
  EXPECT_TRUE(CheckWhole(file, {}, "after a kill while creating") == reference_);
  // Whatever is left is completed by --resume, identically.
  if (fs::exists(file)) {
    const Outcome o = Sweep(file, true, {}, std::nullopt);
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_TRUE(CheckWhole(file, stored, "final resume") == reference_);
  }
  std::cout << fmt::format("{} kills ({} at a commit), {} sweeps completed; full sweep {} ms\n",
                           kills, at_commit, completions, full_time_.count() / 1000);
  EXPECT_GE(kills, 20);
  EXPECT_GE(at_commit, 10);
}

TEST_F(ResultsCrashTest, AFullDiskMidSweepIsAWriteErrorAndResumeCompletesIdentically) {
  const std::uintmax_t size = fs::file_size(dir_ / "reference.sqlite");
  int mid_sweep = 0;
  for (const double fraction : {0.05, 0.5, 0.8}) {
    SCOPED_TRACE(fraction);
    const fs::path file = dir_ / "full_disk.sqlite";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
    const auto limit = static_cast<rlim_t>(fraction * static_cast<double>(size));
    const Outcome o = Sweep(file, false, {}, std::nullopt, limit);
    ASSERT_FALSE(o.killed);
    EXPECT_EQ(o.exit_code, 1) << o.err;  // a write error (docs/cli.md)
    EXPECT_NE(o.err.find("error"), std::string::npos) << o.err;
    const Contents stored = CheckWhole(file, {}, "after the full disk");
    for (const auto& entry : fs::directory_iterator(dir_)) {  // no staging file left
      EXPECT_EQ(entry.path().string().find(".creating-"), std::string::npos) << entry.path();
    }
    if (!stored.runs.empty()) ++mid_sweep;
    // Space freed: --resume (or a new sweep, if the file could not even be
    // created) completes it identically.
    const Outcome again = Sweep(file, fs::exists(file), {}, std::nullopt);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(CheckWhole(file, stored, "resumed") == reference_);
  }
  EXPECT_GE(mid_sweep, 2);  // the disk filled up after some runs were stored
}

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  if (argc != 2) {
    std::cerr << "usage: results_crash_test OVERSTRETCH_BINARY\n";
    return 2;
  }
  g_binary = argv[1];
  return RUN_ALL_TESTS();
}
