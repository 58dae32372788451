// Running a study: every design point × replication on worker threads, each
// finished run handed to a RunSink (docs/studies.md, "How a sweep runs").
//
// Order. Runs are scheduled replication-major: replication 0 of every point,
// then replication 1, ... (in blocks of kReplicationBlock replications, so a
// worker builds a point's Scenario once per block), so a sweep stopped half
// way has covered the whole design evenly.
//
// Determinism. A run depends only on its design point and its seed
// RunSeed(study.seed, replication), never on the thread, the order or the
// number of jobs. Every point's replication r uses the same seed (common
// random numbers), so points differ only by their parameters.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "engine/metrics.h"
#include "engine/model_registry.h"
#include "tools/studies/design.h"
#include "tools/studies/results_store.h"
#include "tools/studies/study.h"

namespace overstretch::cli {

// Consecutive replications of one point handed to a worker as one task.
inline constexpr std::size_t kReplicationBlock = 4;

// The values of RunMetrics() for a summary (non-finite values as null).
std::array<std::optional<double>, kRunMetricCount> MetricValues(const RunSummary& summary);

// Receives finished runs, from any worker thread.
class RunSink {
 public:
  virtual ~RunSink() = default;
  virtual void Consume(RunRecord&& run) = 0;
  // True when the sink cannot take more (a write error): the sweep stops.
  virtual bool failed() const { return false; }
};

// Runs single runs of a study exactly as a sweep worker does: the same
// scenario building (a point's Scenario is built once and kept for the next
// runs of the same point), seeding and error handling. An MPI worker rank
// (tools/mpi_sweep.h) runs its share through this, so its runs equal a local
// sweep's. One StudyRunner per thread; the study, design and registry must
// outlive it.
class StudyRunner {
 public:
  StudyRunner(const Study& study, const UnitDesign& design, const ModelRegistry& registry);
  ~StudyRunner();
  StudyRunner(const StudyRunner&) = delete;
  StudyRunner& operator=(const StudyRunner&) = delete;

  // Run (point, replication); a failure is recorded in the run, never thrown.
  RunRecord Run(std::size_t point, std::size_t replication);

 private:
  struct State;
  const Study& study_;
  const UnitDesign& design_;
  const ModelRegistry& registry_;
  std::unique_ptr<State> state_;
};

struct SweepOptions {
  int jobs = 1;
  // Set (from a signal handler, another thread) to stop scheduling runs; the
  // runs in progress finish and are handed to the sink.
  const std::atomic<bool>* stop = nullptr;
  // Schedule at most this many runs (tests: a sweep cut short).
  std::uint64_t max_runs = UINT64_MAX;
  // Runs already done, [point * replications + replication] (resume); null: none.
  const std::vector<bool>* done = nullptr;
};

struct SweepProgress {
  std::atomic<std::uint64_t> finished{0};
  std::atomic<std::uint64_t> failed{0};
};

struct SweepStats {
  std::uint64_t finished = 0;  // runs handed to the sink (ok and failed)
  std::uint64_t failed = 0;
  bool stopped = false;  // stopped before every run was done
};

// Runs the study (see the top of this file). `progress` may be null.
SweepStats RunSweep(const Study& study, const UnitDesign& design, const ModelRegistry& registry,
                    const SweepOptions& options, RunSink& sink, SweepProgress* progress);

// Writes runs to a ResultsStore from its own thread. Consume queues a run,
// blocking while `capacity` runs wait (memory stays flat however fast the
// workers are); the writer commits every `batch` runs or `interval_ms`,
// whichever comes first.
class StoreWriter : public RunSink {
 public:
  StoreWriter(ResultsStore& store, std::size_t capacity = 4096, std::size_t batch = 256,
              int interval_ms = 500);
  ~StoreWriter() override;

  void Consume(RunRecord&& run) override;
  bool failed() const override { return failed_.load(); }
  // Writes and commits what is queued, stops the thread. False with *error
  // if any write failed.
  bool Finish(std::string* error);
  std::uint64_t committed() const { return committed_.load(); }

 private:
  void Loop();

  ResultsStore& store_;
  std::size_t capacity_;
  std::size_t batch_;
  int interval_ms_;
  std::mutex mutex_;
  std::condition_variable not_empty_;
  std::condition_variable not_full_;
  std::deque<RunRecord> queue_;
  bool closing_ = false;
  std::atomic<bool> failed_{false};
  std::string error_;
  std::atomic<std::uint64_t> committed_{0};
  std::thread thread_;
};

}  // namespace overstretch::cli
