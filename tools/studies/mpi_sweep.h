// Sweeps on MPI (docs/cluster.md): `mpirun -np N overstretch sweep STUDY --mpi`.
//
// Roles. Rank 0 is the coordinator: it alone opens the results file and
// writes it (through the sweep's StoreWriter: transactions every 256 runs or
// 0.5 s), shows progress, and hands out work. Ranks 1..N-1 are workers: they
// ask rank 0 for chunks of runs, run them with a StudyRunner (the sweep's own
// run function: same scenario building, same seeds, so the same results as a
// local sweep) and send the finished runs back. Between messages rank 0 runs
// work itself, one run at a time, answering messages first; so with N = 1
// rank 0 does everything, and on a 2-core machine 2 ranks use both cores.
//
// Work. Runs are handed out in the local sweep's interleaved order (blocks of
// kReplicationBlock replications of one point, replication-major), in chunks
// of whole blocks: about a (2 N)-th of what is left, between 1 block and
// kMpiMaxChunkRuns runs, so chunks shrink towards the end and a rank that
// finishes early simply asks again (dynamic load balancing). Each worker keeps
// one request ahead (it asks for two chunks at start), so it never waits for
// rank 0 between chunks.
//
// Messages are compact binary in the ranks' native byte order (ranks must
// share it: every cluster does; a magic number checks it): a chunk is a list
// of (point, replication); a result is a RunRecord (point, replication, seed,
// status, error, metrics, elapsed time, theater turns).
//
// Faults. Rank 0 commits runs as they arrive, so a worker that dies loses
// only its chunk in progress; Open MPI then aborts the job, and
// `overstretch sweep STUDY --out FILE --resume` (locally or on MPI) completes
// it. If rank 0 dies, the committed transactions survive (WAL,
// synchronous=FULL); the runs of its open transaction and those in flight are
// lost and rerun by --resume.
//
// This header has no MPI types: the MPI code is tools/studies/mpi_sweep.cc
// alone, linked only into the overstretch-mpi program (see StartMpiSession).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model_registry.h"
#include "tools/studies/design.h"
#include "tools/studies/study.h"
#include "tools/studies/sweep.h"

namespace overstretch::cli {

inline constexpr const char* kNoMpiMessage = "this build of overstretch has no MPI support";

// Largest chunk of runs handed to a worker at once.
inline constexpr std::size_t kMpiMaxChunkRuns = 128;

// One per process, from MPI_Init_thread to MPI_Finalize (its destructor).
// An interface so that only the overstretch-mpi program links MPI: see
// StartMpiSession.
class MpiSession {
 public:
  // On rank 0, tells the workers there is no work if Coordinate never ran
  // (rank 0 gave up early: a bad results file), then finalises MPI.
  virtual ~MpiSession() = default;
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  // Collective: true on every rank iff every rank has ok and the same
  // fingerprint (the same study and base scenario: see StudyFingerprint).
  // *leader_ok says whether rank 0 had ok (so that a worker reports its own
  // problem only when rank 0 does not report the same one).
  virtual bool Agree(bool ok, std::uint64_t fingerprint, bool* leader_ok) = 0;

  // Rank 0: runs the study over all ranks, handing finished runs to `sink`;
  // the contract of RunSweep (options.jobs is ignored: one run at a time per
  // rank). options.stop stops handing out work; the chunks in flight are
  // still collected.
  virtual SweepStats Coordinate(const Study& study, const UnitDesign& design,
                                const ModelRegistry& registry, const SweepOptions& options,
                                RunSink& sink, SweepProgress* progress) = 0;

  // Ranks > 0: runs what rank 0 hands out until it says there is no more.
  // `stop` (a signal) makes the worker finish its chunk and leave. Returns
  // the number of runs done.
  virtual std::uint64_t Work(const Study& study, const UnitDesign& design,
                             const ModelRegistry& registry, const std::atomic<bool>* stop) = 0;

  // Rank 0, after Coordinate: the runs each rank did.
  const std::vector<std::uint64_t>& runs_by_rank() const { return runs_by_rank_; }

 protected:
  MpiSession(int rank, int size) : rank_(rank), size_(size) {}
  int rank_ = 0;
  int size_ = 1;
  std::vector<std::uint64_t> runs_by_rank_;
};

// Starts this process's MPI session, or returns null with *error. Loading the
// MPI libraries costs every command at start-up, so the `overstretch` program
// does not link them: in a build with MPI, `sweep --mpi` re-runs its own
// command line as the sibling program overstretch-mpi (the same commands,
// linked with MPI; exec keeps the process, so mpirun's rank is unchanged),
// whose main() installs StartMpiWorld with SetMpiStarter. In a build without
// MPI it fails with kNoMpiMessage (tools/studies/mpi_launch.cc).
std::unique_ptr<MpiSession> StartMpiSession(std::string* error);

using MpiStarter = std::unique_ptr<MpiSession> (*)(std::string* error);
// Replaces what StartMpiSession does; main() calls it before any command runs.
void SetMpiStarter(MpiStarter starter);

// MPI_Init_thread and a session over MPI_COMM_WORLD (tools/studies/mpi_sweep.cc,
// in the overstretch_mpi library, which only overstretch-mpi links).
std::unique_ptr<MpiSession> StartMpiWorld(std::string* error);

// A hash (FNV-1a, 64-bit) of what must be identical on every rank: the study
// and base scenario texts, the design's size and the replications.
inline std::uint64_t StudyFingerprint(const Study& study, const UnitDesign& design) {
  std::uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](std::string_view bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ULL;
  };
  mix(study.text);
  mix(study.scenario_text);
  const std::string sizes = std::to_string(design.points()) + "x" +
                            std::to_string(study.parameters.size()) + "x" +
                            std::to_string(study.replications);
  mix(sizes);
  return h;
}

}  // namespace overstretch::cli
