// Where a sweep's patcher (engine/scenario_patcher.h: the base scenario built
// 1 + P times) is prepared: not when a study loads, so that a study used for
// its design alone (`sweep --design-only`) builds no probes, but by each
// process that runs design points, before its runs: ExecuteSweep, locally or
// on MPI rank 0, and an MPI worker rank before it works. Every point of the
// sweep is then patched (the fast path), not built in full.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "tests/test_support.h"
#include "tools/runio/exit_status.h"
#include "tools/studies/mpi_sweep.h"
#include "tools/studies/study.h"
#include "tools/studies/sweep_plan.h"
#include "tools/studies/sweep_ranks.h"
#include "tools/studies/sweep_session.h"

namespace overstretch::cli {
namespace {

using overstretch::testing::BuiltinRegistry;
using overstretch::testing::RepoPath;

// 6 points × 2 replications of sparse_us, 8 turns: quick to sweep.
std::string TinyStudy() {
  return "name: tiny\nscenario: " + RepoPath("scenarios/sparse_us.yaml") +
         "\ndesign: grid\nreplications: 2\nset: {run.turns: 8}\nparameters:\n"
         "  actors.US.global_commitments: {range: [0.3, 0.9], levels: 3}\n"
         "  run.fog: {range: [0, 2], levels: 2}\n";
}

// Whether the study's patcher is ready and patches every point of its design.
bool PatchesEveryPoint(const Study& study, const UnitDesign& design) {
  if (study.patcher == nullptr || !study.patcher->enabled()) return false;
  for (std::size_t point = 0; point < design.points(); ++point) {
    const std::vector<Override> overrides = PointOverrides(study, design, point);
    std::vector<std::string> values;
    for (std::size_t i = study.fixed.size(); i < overrides.size(); ++i) {
      values.push_back(overrides[i].value);
    }
    if (!study.patcher->Make(values)) return false;
  }
  return true;
}

// An MPI session of one rank of two, without MPI: the ranks agree, and the
// rank's part (Coordinate on rank 0, Work on the others) only notes whether
// the study it was given had its patcher ready.
class FakeSession : public MpiSession {
 public:
  explicit FakeSession(int rank) : MpiSession(rank, 2) {}
  bool Agree(bool ok, std::uint64_t, bool* leader_ok) override {
    *leader_ok = ok;
    return ok;
  }
  SweepStats Coordinate(const Study& study, const UnitDesign& design, const ModelRegistry&,
                        const SweepOptions&, RunSink&, SweepProgress*) override {
    patched = PatchesEveryPoint(study, design);
    runs_by_rank_.assign(2, 0);
    return {};
  }
  std::uint64_t Work(const Study& study, const UnitDesign& design, const ModelRegistry&,
                     const std::atomic<bool>*) override {
    patched = PatchesEveryPoint(study, design);
    return 0;
  }
  std::optional<bool> patched;  // set by the rank's part
};

class PatcherPreparation : public testing::CommandLineTest {
 protected:
  void SetUp() override {
    CommandLineTest::SetUp();
    study_file_ = (dir_ / "tiny.yaml").string();
    testing::WriteFile(study_file_, TinyStudy());
  }
  std::optional<LeaderStudy> Load(MpiSession* mpi, int* exit) {
    return LoadSweepStudy(study_file_, registry_, mpi, "test", err_, exit);
  }
  SweepOutcome Execute(LeaderStudy& leader, bool resume, MpiSession* mpi) {
    std::string error;
    std::optional<SweepPlan> plan =
        PlanSweep(leader.study, leader.design, (dir_ / "tiny.sqlite").string(), resume, &error);
    EXPECT_TRUE(plan) << error;
    if (!plan) return {};
    return ExecuteSweep(leader.study, leader.design, registry_, *plan, mpi, {}, err_);
  }
  std::string study_file_;
};

TEST_F(PatcherPreparation, LoadingAStudyBuildsNoProbes) {
  const StudyLoadResult loaded = LoadStudy(study_file_, registry_);
  ASSERT_TRUE(loaded.study) << testing::DiagnosticsText(loaded.diagnostics);
  EXPECT_EQ(loaded.study->patcher, nullptr);
  // What `sweep --design-only` has when it writes the design.
  int exit = -1;
  const std::optional<LeaderStudy> leader = Load(nullptr, &exit);
  ASSERT_TRUE(leader) << err_.str();
  EXPECT_EQ(leader->study.patcher, nullptr);
}

TEST_F(PatcherPreparation, ALocalSweepPatchesEveryPoint) {
  int exit = -1;
  std::optional<LeaderStudy> leader = Load(nullptr, &exit);
  ASSERT_TRUE(leader) << err_.str();
  const SweepOutcome outcome = Execute(*leader, false, nullptr);
  ASSERT_TRUE(outcome.written) << outcome.error;
  EXPECT_EQ(outcome.saved, leader->study.runs());
  EXPECT_TRUE(PatchesEveryPoint(leader->study, leader->design));
}

TEST_F(PatcherPreparation, AResumeWithNothingLeftBuildsNoProbes) {
  int exit = -1;
  std::optional<LeaderStudy> first = Load(nullptr, &exit);
  ASSERT_TRUE(first) << err_.str();
  ASSERT_TRUE(Execute(*first, false, nullptr).written);
  std::optional<LeaderStudy> again = Load(nullptr, &exit);
  ASSERT_TRUE(again) << err_.str();
  const SweepOutcome outcome = Execute(*again, true, nullptr);
  EXPECT_EQ(outcome.stats.finished, 0u);
  EXPECT_EQ(outcome.saved, again->study.runs());
  EXPECT_EQ(again->study.patcher, nullptr);
}

TEST_F(PatcherPreparation, MpiRankZeroPatchesEveryPoint) {
  FakeSession rank0(0);
  int exit = -1;
  std::optional<LeaderStudy> leader = Load(&rank0, &exit);
  ASSERT_TRUE(leader) << err_.str();
  EXPECT_EQ(leader->study.patcher, nullptr);
  Execute(*leader, false, &rank0);
  EXPECT_EQ(rank0.patched, std::optional<bool>(true));
}

TEST_F(PatcherPreparation, AnMpiWorkerRankPatchesEveryPoint) {
  FakeSession rank1(1);
  int exit = -1;
  EXPECT_FALSE(Load(&rank1, &exit));  // a worker does not lead
  EXPECT_EQ(exit, kExitOk) << err_.str();
  EXPECT_EQ(rank1.patched, std::optional<bool>(true));
}

}  // namespace
}  // namespace overstretch::cli
