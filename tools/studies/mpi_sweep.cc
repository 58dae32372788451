// The MPI side of a sweep (tools/mpi_sweep.h): only the MPI C API
// (point-to-point messages and two collectives), only in this file.
//
// Why rank 0 also runs work: on a small allocation (2 ranks on 2 cores) a
// coordinator that only waits would leave a core idle. It runs one run at a
// time and checks for messages between runs, so a worker's request waits at
// most one run; workers keep one request ahead, so that wait is hidden.
//
// Why rank 0 sleeps rather than blocks in MPI_Probe when it has nothing to
// run: Open MPI's blocking calls spin, and rank 0 must also notice a signal.
#include "tools/studies/mpi_sweep.h"

#include <fmt/format.h>

// The C API only: keep Open MPI's (and MPICH's) deprecated C++ bindings out.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "tools/runio/exit_status.h"

namespace overstretch::cli {
namespace {

constexpr int kTagWork = 1;     // rank 0 -> worker: a chunk (empty: no more work)
constexpr int kTagResults = 2;  // worker -> rank 0: the runs of a chunk, and a request
constexpr int kPrefetch = 2;    // requests a worker sends at start (one chunk ahead)
// Checks that the ranks share byte order and layout ("OVS1" read natively).
constexpr std::uint32_t kMagic = 0x3153564F;

// ------------------------------------------------------------ serialisation

class Writer {
 public:
  std::vector<char>& bytes() { return bytes_; }
  template <typename T>
  void Put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const char* p = reinterpret_cast<const char*>(&value);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
  }
  void PutString(const std::string& s) {
    Put(static_cast<std::uint32_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
  }

 private:
  std::vector<char> bytes_;
};

class Reader {
 public:
  Reader(const char* data, std::size_t size) : data_(data), size_(size) {}
  template <typename T>
  T Get() {
    static_assert(std::is_trivially_copyable_v<T>);
    Need(sizeof(T));
    T value;
    std::memcpy(&value, data_ + at_, sizeof(T));
    at_ += sizeof(T);
    return value;
  }
  std::string GetString() {
    const auto n = Get<std::uint32_t>();
    Need(n);
    std::string s(data_ + at_, n);
    at_ += n;
    return s;
  }
  bool at_end() const { return at_ == size_; }

 private:
  void Need(std::size_t n) const {
    if (size_ - at_ < n) throw std::runtime_error("truncated MPI message");
  }
  const char* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

void PutRun(Writer& w, const RunRecord& r) {
  w.Put(r.point);
  w.Put(r.replication);
  w.Put(r.seed);
  w.Put(static_cast<std::uint8_t>(r.ok ? 1 : 0));
  w.PutString(r.error);
  for (const std::optional<double>& m : r.metrics) {
    w.Put(static_cast<std::uint8_t>(m ? 1 : 0));
    if (m) w.Put(*m);
  }
  w.Put(r.elapsed_us);
  w.Put(static_cast<std::uint32_t>(r.theater_turns.size()));
  for (const TheaterTurnRow& t : r.theater_turns) {
    w.Put(static_cast<std::int32_t>(t.turn));
    w.PutString(t.theater);
    w.PutString(t.status);
    w.Put(static_cast<std::int32_t>(t.escalation));
    for (double x : {t.control, t.phi_challengers, t.phi_defenders, t.losses_challengers,
                     t.losses_defenders}) {
      w.Put(x);
    }
  }
}

RunRecord GetRun(Reader& r) {
  RunRecord run;
  run.point = r.Get<std::int64_t>();
  run.replication = r.Get<std::int64_t>();
  run.seed = r.Get<std::uint64_t>();
  run.ok = r.Get<std::uint8_t>() != 0;
  run.error = r.GetString();
  for (std::optional<double>& m : run.metrics) {
    if (r.Get<std::uint8_t>() != 0) {
      m = r.Get<double>();
    } else {
      m.reset();
    }
  }
  run.elapsed_us = r.Get<std::int64_t>();
  const auto turns = r.Get<std::uint32_t>();
  run.theater_turns.reserve(turns);
  for (std::uint32_t i = 0; i < turns; ++i) {
    TheaterTurnRow t;
    t.turn = r.Get<std::int32_t>();
    t.theater = r.GetString();
    t.status = r.GetString();
    t.escalation = r.Get<std::int32_t>();
    for (double* x : {&t.control, &t.phi_challengers, &t.phi_defenders, &t.losses_challengers,
                      &t.losses_defenders}) {
      *x = r.Get<double>();
    }
    run.theater_turns.push_back(std::move(t));
  }
  return run;
}

using RunId = std::pair<std::uint64_t, std::uint64_t>;  // (point, replication)

std::vector<char> ChunkMessage(const std::vector<RunId>& runs) {
  Writer w;
  w.Put(kMagic);
  w.Put(static_cast<std::uint32_t>(runs.size()));
  for (const RunId& id : runs) {
    w.Put(id.first);
    w.Put(id.second);
  }
  return std::move(w.bytes());
}

std::vector<RunId> ParseChunk(const std::vector<char>& bytes) {
  Reader r(bytes.data(), bytes.size());
  if (r.Get<std::uint32_t>() != kMagic) throw std::runtime_error("MPI ranks differ in byte order");
  std::vector<RunId> runs(r.Get<std::uint32_t>());
  for (RunId& id : runs) {
    id.first = r.Get<std::uint64_t>();
    id.second = r.Get<std::uint64_t>();
  }
  if (!r.at_end()) throw std::runtime_error("malformed MPI work message");
  return runs;
}

[[noreturn]] void Abort(int rank, const std::string& message) {
  std::cerr << fmt::format("overstretch sweep: rank {}: fatal: {}\n", rank, message);
  std::cerr.flush();
  MPI_Abort(MPI_COMM_WORLD, kExitInternal);
  std::abort();  // MPI_Abort does not return
}

// Receives a message whose envelope `status` was probed.
std::vector<char> Receive(const MPI_Status& status, int tag) {
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  std::vector<char> bytes(static_cast<std::size_t>(std::max(count, 0)));
  MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, tag, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return bytes;
}

void Send(const std::vector<char>& bytes, int to, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

// The runs still to do, in the local sweep's order (tools/sweep.h): task t is
// replications [b·block, (b+1)·block) of point t mod points, b = t / points.
class WorkQueue {
 public:
  WorkQueue(const Study& study, const UnitDesign& design, const SweepOptions& options)
      : points_(design.points()),
        replications_(study.replications),
        block_(std::min(kReplicationBlock, study.replications)),
        tasks_(static_cast<std::uint64_t>((replications_ + block_ - 1) / block_) * points_),
        done_(options.done),
        max_runs_(options.max_runs) {
    std::uint64_t already = 0;
    if (done_ != nullptr)
      already = static_cast<std::uint64_t>(std::count(done_->begin(), done_->end(), true));
    todo_ = study.runs() - already;
  }

  std::uint64_t todo() const { return todo_; }  // runs not done before this sweep
  std::uint64_t left() const { return todo_ - std::min(todo_, handed_); }
  bool empty() const { return next_task_ >= tasks_ || handed_ >= max_runs_; }

  // Appends the runs of the next task that has any left; false when none.
  bool NextTask(std::vector<RunId>* runs) {
    while (!empty()) {
      const std::uint64_t task = next_task_++;
      const std::size_t point = static_cast<std::size_t>(task % points_);
      const std::size_t first = static_cast<std::size_t>(task / points_) * block_;
      const std::size_t last = std::min(replications_, first + block_);
      bool any = false;
      for (std::size_t rep = first; rep < last && handed_ < max_runs_; ++rep) {
        if (done_ != nullptr && (*done_)[point * replications_ + rep]) continue;
        runs->emplace_back(point, rep);
        ++handed_;
        any = true;
      }
      if (any) return true;
    }
    return false;
  }

  // About a (2·ranks)-th of what is left, in whole tasks, at most
  // kMpiMaxChunkRuns runs (plus the rest of the last task).
  std::vector<RunId> Chunk(int ranks) {
    const std::uint64_t share = left() / (2 * static_cast<std::uint64_t>(std::max(ranks, 1)));
    const std::size_t target =
        static_cast<std::size_t>(std::clamp<std::uint64_t>(share, 1, kMpiMaxChunkRuns));
    std::vector<RunId> runs;
    while (runs.size() < target && NextTask(&runs)) {
    }
    return runs;
  }

 private:
  std::size_t points_;
  std::size_t replications_;
  std::size_t block_;
  std::uint64_t tasks_;
  const std::vector<bool>* done_;
  std::uint64_t max_runs_;
  std::uint64_t todo_ = 0;
  std::uint64_t next_task_ = 0;
  std::uint64_t handed_ = 0;
};

// The session of this process in MPI_COMM_WORLD.
class MpiWorldSession final : public MpiSession {
 public:
  MpiWorldSession(int rank, int size) : MpiSession(rank, size) {}
  ~MpiWorldSession() override;
  bool Agree(bool ok, std::uint64_t fingerprint, bool* leader_ok) override;
  SweepStats Coordinate(const Study& study, const UnitDesign& design, const ModelRegistry& registry,
                        const SweepOptions& options, RunSink& sink,
                        SweepProgress* progress) override;
  std::uint64_t Work(const Study& study, const UnitDesign& design, const ModelRegistry& registry,
                     const std::atomic<bool>* stop) override;

 private:
  bool agreed_ = false;       // Agree returned true
  bool coordinated_ = false;  // Coordinate ran (rank 0)
};

}  // namespace

std::unique_ptr<MpiSession> StartMpiWorld(std::string* error) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  if (initialized != 0) {
    *error = "MPI is already initialised in this process";
    return nullptr;
  }
  // Only the main thread calls MPI; rank 0's writer and progress threads do not.
  int provided = MPI_THREAD_SINGLE;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) {
    *error = "MPI_Init_thread failed";
    return nullptr;
  }
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    *error = "the MPI library does not support MPI_THREAD_FUNNELED";
    return nullptr;
  }
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return std::make_unique<MpiWorldSession>(rank, size);
}

MpiWorldSession::~MpiWorldSession() {
  if (rank_ == 0 && agreed_ && !coordinated_ && size_ > 1) {
    // The workers are in Work, waiting: answer each one's first requests
    // with "no more work".
    const std::vector<char> none = ChunkMessage({});
    for (int w = 1; w < size_; ++w) {
      for (int i = 0; i < kPrefetch; ++i) {
        MPI_Status status;
        MPI_Probe(w, kTagResults, MPI_COMM_WORLD, &status);
        Receive(status, kTagResults);
        Send(none, w, kTagWork);
      }
    }
  }
  MPI_Finalize();
}

bool MpiWorldSession::Agree(bool ok, std::uint64_t fingerprint, bool* leader_ok) {
  int leader = ok ? 1 : 0;
  MPI_Bcast(&leader, 1, MPI_INT, 0, MPI_COMM_WORLD);
  *leader_ok = leader != 0;
  // Both fingerprint and ok, reduced by min and max: equal on every rank iff
  // min == max.
  std::uint64_t mine[2] = {fingerprint, ok ? 1U : 0U};
  std::uint64_t lo[2] = {0, 0};
  std::uint64_t hi[2] = {0, 0};
  MPI_Allreduce(mine, lo, 2, MPI_UINT64_T, MPI_MIN, MPI_COMM_WORLD);
  MPI_Allreduce(mine, hi, 2, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
  agreed_ = lo[0] == hi[0] && lo[1] == 1;
  return agreed_;
}

SweepStats MpiWorldSession::Coordinate(const Study& study, const UnitDesign& design,
                                       const ModelRegistry& registry, const SweepOptions& options,
                                       RunSink& sink, SweepProgress* progress) {
  coordinated_ = true;
  runs_by_rank_.assign(static_cast<std::size_t>(size_), 0);
  WorkQueue queue(study, design, options);
  StudyRunner runner(study, design, registry);
  SweepStats stats;

  // Per worker: messages it will send (kPrefetch requests, then one per
  // non-empty chunk it was given) and messages received. It is finished when
  // the two are equal: it then has every answer it asked for and exits.
  std::vector<std::uint64_t> expected(static_cast<std::size_t>(size_), kPrefetch);
  std::vector<std::uint64_t> received(static_cast<std::size_t>(size_), 0);
  expected[0] = 0;
  auto workers_finished = [&] {
    for (int w = 1; w < size_; ++w) {
      if (received[static_cast<std::size_t>(w)] != expected[static_cast<std::size_t>(w)]) {
        return false;
      }
    }
    return true;
  };
  auto stopping = [&] {
    return (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) ||
           sink.failed();
  };
  auto consume = [&](RunRecord&& run) {
    const bool ok = run.ok;
    sink.Consume(std::move(run));
    ++stats.finished;
    if (!ok) ++stats.failed;
    if (progress != nullptr) {
      progress->finished.fetch_add(1, std::memory_order_relaxed);
      if (!ok) progress->failed.fetch_add(1, std::memory_order_relaxed);
    }
  };

  std::vector<RunId> own;  // the task rank 0 is running itself
  std::size_t own_next = 0;
  while (true) {
    // Messages first: results to store, and each request answered at once.
    while (true) {
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kTagResults, MPI_COMM_WORLD, &flag, &status);
      if (flag == 0) break;
      const int from = status.MPI_SOURCE;
      const std::vector<char> bytes = Receive(status, kTagResults);
      bool want_more = false;
      try {
        Reader r(bytes.data(), bytes.size());
        if (r.Get<std::uint32_t>() != kMagic)
          throw std::runtime_error("ranks differ in byte order");
        want_more = r.Get<std::uint8_t>() != 0;
        const auto count = r.Get<std::uint32_t>();
        for (std::uint32_t i = 0; i < count; ++i) consume(GetRun(r));
        runs_by_rank_[static_cast<std::size_t>(from)] += count;
        if (!r.at_end()) throw std::runtime_error("malformed MPI results message");
      } catch (const std::exception& e) {
        Abort(0, fmt::format("from rank {}: {}", from, e.what()));
      }
      ++received[static_cast<std::size_t>(from)];
      if (want_more) {
        const std::vector<RunId> chunk = stopping() ? std::vector<RunId>{} : queue.Chunk(size_);
        if (!chunk.empty()) ++expected[static_cast<std::size_t>(from)];
        Send(ChunkMessage(chunk), from, kTagWork);
      }
    }
    // Then one run of its own.
    if (stopping()) {
      own.clear();
      own_next = 0;
    } else if (own_next == own.size()) {
      own.clear();
      own_next = 0;
      queue.NextTask(&own);
    }
    if (own_next < own.size()) {
      const RunId id = own[own_next++];
      consume(runner.Run(static_cast<std::size_t>(id.first), static_cast<std::size_t>(id.second)));
      ++runs_by_rank_[0];
      continue;
    }
    if (workers_finished()) break;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  stats.stopped = stats.finished < queue.todo();
  return stats;
}

std::uint64_t MpiWorldSession::Work(const Study& study, const UnitDesign& design,
                                    const ModelRegistry& registry, const std::atomic<bool>* stop) {
  StudyRunner runner(study, design, registry);
  auto request = [](bool want_more, const std::vector<char>& results, std::uint32_t count) {
    Writer w;
    w.Put(kMagic);
    w.Put(static_cast<std::uint8_t>(want_more ? 1 : 0));
    w.Put(count);
    std::vector<char> bytes = std::move(w.bytes());
    bytes.insert(bytes.end(), results.begin(), results.end());
    Send(bytes, 0, kTagResults);
  };
  for (int i = 0; i < kPrefetch; ++i) request(true, {}, 0);
  int outstanding = kPrefetch;  // requests not answered yet
  bool asking = true;           // false once rank 0 said "no more" or a signal came
  std::uint64_t runs = 0;
  Writer results;
  while (outstanding > 0) {
    MPI_Status status;
    MPI_Probe(0, kTagWork, MPI_COMM_WORLD, &status);
    std::vector<RunId> chunk;
    try {
      chunk = ParseChunk(Receive(status, kTagWork));
    } catch (const std::exception& e) {
      Abort(rank_, e.what());
    }
    --outstanding;
    if (chunk.empty()) {
      asking = false;
      continue;
    }
    results.bytes().clear();
    for (const RunId& id : chunk) {
      PutRun(results,
             runner.Run(static_cast<std::size_t>(id.first), static_cast<std::size_t>(id.second)));
    }
    runs += chunk.size();
    if (stop != nullptr && stop->load(std::memory_order_relaxed)) asking = false;
    request(asking, results.bytes(), static_cast<std::uint32_t>(chunk.size()));
    if (asking) ++outstanding;
  }
  return runs;
}

}  // namespace overstretch::cli
