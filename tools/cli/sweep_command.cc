// `overstretch sweep STUDY [--jobs N | --mpi] [--out FILE.sqlite] [--resume]
// [--design-only FILE.csv]`: runs a study into an SQLite results file
// (tools/studies/sweep.h; resume planning in tools/studies/sweep_plan.h; the
// run with its writer and progress display in tools/studies/sweep_session.h),
// with a progress bar on a terminal and plain progress lines otherwise.
// Ctrl-C (SIGINT) or SIGTERM stops scheduling, saves the finished runs and
// says how to resume (tools/studies/sweep_interrupt.h).
//
// With --mpi (under mpirun; tools/studies/mpi_sweep.h, docs/cluster.md) every
// rank loads the study (tools/studies/sweep_ranks.h); rank 0 goes through the
// same steps as a local sweep (results file, resume, progress, messages) with
// MpiSession::Coordinate in place of RunSweep, and the other ranks only run
// what it hands out.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>

#include "tools/cli/commands.h"
#include "tools/studies/design.h"
#include "tools/studies/mpi_sweep.h"
#include "tools/studies/results_store.h"
#include "tools/studies/study.h"
#include "tools/studies/sweep.h"
#include "tools/studies/sweep_interrupt.h"
#include "tools/studies/sweep_plan.h"
#include "tools/studies/sweep_ranks.h"
#include "tools/studies/sweep_session.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch sweep";

struct Options {
  std::string study;
  int jobs = 0;
  std::string out;
  bool resume = false;
  bool mpi = false;
  std::string design_only;
  CLI::Option* jobs_option = nullptr;
  CLI::Option* design_only_option = nullptr;
};

int WriteDesign(const Study& study, const UnitDesign& design, const std::string& path,
                const CommandIo& io) {
  std::string error;
  if (!WriteDesignCsv(study, design, path, &error)) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return kExitInternal;  // a write error (docs/studies.md)
  }
  io.out << fmt::format("wrote {} ({} design points × {} parameters, design {})\n", path,
                        design.points(), study.parameters.size(), DesignName(study.design));
  return kExitOk;
}

// What became of the sweep, and its exit status.
int Finished(const SweepOutcome& run, const std::string& study_file, const std::string& out,
             std::uint64_t total, const CommandIo& io) {
  if (!run.written) {
    io.err << fmt::format("{}: error: writing {}: {}\n", kCommand, out, run.error);
    return kExitInternal;
  }
  if (run.stats.stopped) {
    io.err << fmt::format(
        "{}: interrupted: {} of {} runs saved in {}; resume with:\n  overstretch sweep {} --out "
        "{} --resume\n",
        kCommand, run.saved, total, out, study_file, out);
    return kExitInterrupted;
  }
  const SweepStats& stats = run.stats;
  io.out << fmt::format(
      "{} runs in {:.1f} s ({:.0f} runs/s){}; {} of {} runs in {}\n", stats.finished, run.seconds,
      run.seconds > 0 ? static_cast<double>(stats.finished) / run.seconds : 0.0,
      stats.failed > 0 ? fmt::format(", {} failed (see runs.error)", stats.failed) : "", run.saved,
      total, out);
  return kExitOk;
}

int Sweep(const Options& options, const CommandIo& io) {
  std::unique_ptr<MpiSession> mpi;
  if (options.mpi) {
    const char* conflict = options.jobs_option->count() > 0
                               ? "--jobs does not combine with --mpi (run one rank per core)"
                           : options.design_only_option->count() > 0
                               ? "--design-only does not combine with --mpi"
                               : nullptr;
    std::string error;
    if (conflict == nullptr) mpi = StartMpiSession(&error);
    if (!mpi) {
      io.err << fmt::format("{}: error: {}\n", kCommand, conflict ? conflict : error);
      return kExitBadInput;
    }
  }
  int exit = kExitOk;
  std::optional<LeaderStudy> leader =
      LoadSweepStudy(options.study, io.registry, mpi.get(), kCommand, io.err, &exit);
  if (!leader) return exit;
  Study& study = leader->study;  // ExecuteSweep prepares its patcher
  const UnitDesign& design = leader->design;
  if (options.design_only_option->count() > 0) {
    return WriteDesign(study, design, options.design_only, io);
  }

  const int jobs =
      options.jobs_option->count() == 0
          ? static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1U, 1024U))
          : options.jobs;
  if (jobs < 1 || jobs > 1024) {
    io.err << fmt::format("{}: error: --jobs: expected a number of threads in [1, 1024], got {}\n",
                          kCommand, options.jobs);
    return kExitBadInput;
  }
  const std::string out = options.out.empty() ? DefaultResultsPath(study) : options.out;

  std::string error;
  StoreFailure failure = StoreFailure::kBadInput;
  std::optional<SweepPlan> plan = PlanSweep(study, design, out, options.resume, &error, &failure);
  if (!plan) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return failure == StoreFailure::kWrite ? kExitInternal : kExitBadInput;
  }
  const std::uint64_t already = plan->already;
  const std::uint64_t total = study.runs();
  io.out << fmt::format(
      "{}: {} design points ({}) × {} replications = {} runs{}, {} -> {}\n", study.name,
      study.points(), DesignName(study.design), study.replications, total,
      already > 0 ? fmt::format(" ({} done before)", already) : "",
      mpi ? fmt::format("{} MPI ranks", mpi->size()) : fmt::format("{} jobs", jobs), out);
  io.out.flush();

  InterruptGuard guard;
  const bool terminal = &io.err == &std::cerr && isatty(STDERR_FILENO) == 1;
  const SweepOutcome run =
      ExecuteSweep(study, design, io.registry, *plan, mpi.get(),
                   {.jobs = jobs, .stop = InterruptGuard::stop(), .terminal = terminal}, io.err);
  return Finished(run, options.study, out, total, io);
}

}  // namespace

Command AddSweepCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command = app.add_subcommand(
      "sweep", "Run a study (every design point × replication) into an SQLite results file");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<Options>();
  command->add_option("study", options->study, "Study file (YAML, docs/studies.md)")
      ->required()
      ->type_name("STUDY");
  options->jobs_option =
      command->add_option("--jobs,-j", options->jobs, "Worker threads (default: all cores)")
          ->type_name("N");
  command
      ->add_option("--out,-o", options->out,
                   "Results file (default <study name>.sqlite); must not exist unless --resume")
      ->type_name("FILE.sqlite");
  command->add_flag("--resume", options->resume,
                    "Complete an interrupted sweep in --out: run only the missing runs");
  command->add_flag("--mpi", options->mpi,
                    "Share the runs between MPI ranks (under mpirun; rank 0 writes --out; "
                    "docs/cluster.md)");
  options->design_only_option =
      command
          ->add_option("--design-only", options->design_only,
                       "Write the design (one row per point, one column per parameter) as CSV "
                       "and run nothing")
          ->type_name("FILE.csv");
  return {command, [options](const CommandIo& io) { return Sweep(*options, io); }};
}

}  // namespace overstretch::cli
