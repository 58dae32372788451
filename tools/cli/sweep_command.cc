// `overstretch sweep STUDY [--jobs N | --mpi] [--out FILE.sqlite] [--resume]
// [--design-only FILE.csv]`: runs a study into an SQLite results file
// (tools/studies/sweep.h; resume planning in tools/studies/sweep_plan.h), with
// a progress bar on a terminal and plain progress lines otherwise. Ctrl-C
// (SIGINT) or SIGTERM stops scheduling, saves the finished runs and says how
// to resume.
//
// With --mpi (under mpirun; tools/studies/mpi_sweep.h, docs/cluster.md) every rank
// loads the study; rank 0 goes through the same steps as a local sweep
// (results file, resume, progress, messages) with MpiSession::Coordinate in
// place of RunSweep, and the other ranks only run what it hands out.
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "tools/cli/commands.h"
#include "tools/studies/design.h"
#include "tools/studies/mpi_sweep.h"
#include "tools/studies/results_store.h"
#include "tools/studies/study.h"
#include "tools/studies/sweep.h"
#include "tools/studies/sweep_plan.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch sweep";
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void OnInterrupt(int) { g_interrupted.store(true); }

// Installs the handler for SIGINT and SIGTERM for its lifetime.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = false;
    struct sigaction action {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int_);
    sigaction(SIGTERM, &action, &old_term_);
  }
  ~InterruptGuard() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

std::string Duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long long s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string SafeStem(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    out.push_back(std::isalnum(c) || c == '-' || c == '_' || c == '.' ? static_cast<char>(c) : '_');
    if (out.size() >= 64) break;
  }
  if (out.empty() || out[0] == '.') out.insert(0, "study");
  return out;
}

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

// Prints progress until `running` turns false.
void ShowProgress(const std::atomic<bool>& running, const SweepProgress& progress,
                  std::uint64_t todo, std::uint64_t already, std::ostream& err, bool terminal) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  auto last_line = start;
  auto line = [&](bool final) {
    const std::uint64_t done = progress.finished.load();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const double left = rate > 0 ? static_cast<double>(todo - std::min(todo, done)) / rate : NAN;
    const std::uint64_t failed = progress.failed.load();
    const std::string failures = failed > 0 ? fmt::format(", {} failed", failed) : "";
    const std::uint64_t total = todo + already;
    if (terminal) {
      constexpr int kWidth = 30;
      const double share = todo == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(todo);
      const int filled = static_cast<int>(share * kWidth);
      err << fmt::format("\r[{}{}] {}/{} runs  {:.0f} runs/s  {} left{}\x1b[K",
                         std::string(static_cast<std::size_t>(filled), '#'),
                         std::string(static_cast<std::size_t>(kWidth - filled), '.'),
                         done + already, total, rate, final ? Duration(0) : Duration(left),
                         failures);
      if (final) err << '\n';
    } else {
      err << fmt::format("sweep: {}/{} runs, {:.0f} runs/s, {} left{}\n", done + already, total,
                         rate, final ? Duration(0) : Duration(left), failures);
    }
    err.flush();
  };
  const auto tick = std::chrono::milliseconds(terminal ? 200 : 100);
  while (running.load()) {
    std::this_thread::sleep_for(tick);
    if (terminal || Clock::now() - last_line >= std::chrono::seconds(5)) {
      if (running.load()) line(false);
      last_line = Clock::now();
    }
  }
  line(true);
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
    if (conflict == nullptr) mpi = MpiSession::Start(&error);
    if (!mpi) {
      io.err << fmt::format("{}: error: {}\n", kCommand, conflict ? conflict : error);
      return kExitBadInput;
    }
  }
  const bool leader = !mpi || mpi->rank() == 0;  // rank 0 speaks and writes
  const StudyLoadResult loaded = LoadStudy(options.study, io.registry);
  if (!loaded.study) {
    bool leader_ok = false;
    if (mpi) mpi->Agree(false, 0, &leader_ok);
    if (!leader && !leader_ok) return kExitBadInput;  // rank 0 reports it
    if (!leader) io.err << fmt::format("{}: rank {}: ", kCommand, mpi->rank());
    for (const Diagnostic& d : loaded.diagnostics) io.err << FormatDiagnostic(d) << '\n';
    if (loaded.diagnostics.empty()) {
      io.err << fmt::format("{}: error: {}: the study could not be loaded\n", kCommand,
                            options.study);
    }
    return kExitBadInput;
  }
  const Study& study = *loaded.study;
  const UnitDesign design = MakeDesign(study);
  if (mpi) {
    bool leader_ok = false;
    if (!mpi->Agree(true, StudyFingerprint(study, design), &leader_ok)) {
      if (leader) {
        io.err << fmt::format(
            "{}: error: {}: the MPI ranks do not all see the same study and base scenario (a "
            "file differs or is missing on some node)\n",
            kCommand, options.study);
      }
      return kExitBadInput;
    }
    if (!leader) {
      InterruptGuard guard;
      mpi->Work(study, design, io.registry, &g_interrupted);
      return g_interrupted.load() ? kExitInterrupted : kExitOk;
    }
  }
  if (options.design_only_option->count() > 0) {
    return WriteDesign(study, design, options.design_only, io);
  }

  int jobs = options.jobs;
  if (options.jobs_option->count() == 0) {
    jobs = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  } else if (jobs < 1 || jobs > 1024) {
    io.err << fmt::format("{}: error: --jobs: expected a number of threads in [1, 1024], got {}\n",
                          kCommand, options.jobs);
    return kExitBadInput;
  }
  const std::string out = options.out.empty() ? SafeStem(study.name) + ".sqlite" : options.out;

  std::string error;
  StoreFailure failure = StoreFailure::kBadInput;
  std::optional<SweepPlan> plan = PlanSweep(study, design, out, options.resume, &error, &failure);
  if (!plan) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return failure == StoreFailure::kWrite ? kExitInternal : kExitBadInput;
  }
  ResultsStore* store = plan->store.get();
  std::vector<bool>& done = plan->done;
  const std::uint64_t already = plan->already;

  const std::uint64_t total = study.runs();
  const std::uint64_t todo = total - already;
  io.out << fmt::format(
      "{}: {} design points ({}) × {} replications = {} runs{}, {} -> {}\n", study.name,
      study.points(), DesignName(study.design), study.replications, total,
      already > 0 ? fmt::format(" ({} done before)", already) : "",
      mpi ? fmt::format("{} MPI ranks", mpi->size()) : fmt::format("{} jobs", jobs), out);
  io.out.flush();

  InterruptGuard guard;
  StoreWriter writer(*store);
  SweepOptions sweep_options;
  sweep_options.jobs = jobs;
  sweep_options.stop = &g_interrupted;
  sweep_options.done = options.resume ? &done : nullptr;
  SweepProgress progress;
  SweepStats stats;
  std::atomic<bool> running{true};
  const bool terminal = &io.err == &std::cerr && isatty(STDERR_FILENO) == 1;
  std::thread display([&] { ShowProgress(running, progress, todo, already, io.err, terminal); });
  const auto start = std::chrono::steady_clock::now();
  stats = mpi ? mpi->Coordinate(study, design, io.registry, sweep_options, writer, &progress)
              : RunSweep(study, design, io.registry, sweep_options, writer, &progress);
  const bool written = writer.Finish(&error);
  running = false;
  display.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (!written) {
    io.err << fmt::format("{}: error: writing {}: {}\n", kCommand, out, error);
    return kExitInternal;
  }
  const std::uint64_t saved = already + writer.committed();
  if (mpi) {
    std::string shares;
    for (std::size_t r = 0; r < mpi->runs_by_rank().size(); ++r) {
      shares += fmt::format("{}{}: {}", r == 0 ? "" : ", ", r, mpi->runs_by_rank()[r]);
    }
    io.err << fmt::format("sweep: runs by rank: {}\n", shares);
  }
  if (stats.stopped) {
    io.err << fmt::format(
        "{}: interrupted: {} of {} runs saved in {}; resume with:\n  overstretch sweep {} --out "
        "{} --resume\n",
        kCommand, saved, total, out, options.study, out);
    return kExitInterrupted;
  }
  io.out << fmt::format(
      "{} runs in {:.1f} s ({:.0f} runs/s){}; {} of {} runs in {}\n", stats.finished, seconds,
      seconds > 0 ? static_cast<double>(stats.finished) / seconds : 0.0,
      stats.failed > 0 ? fmt::format(", {} failed (see runs.error)", stats.failed) : "", saved,
      total, out);
  return kExitOk;
}

}  // namespace

Command AddSweepCommand(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "sweep", "Run a study (every design point × replication) into an SQLite results file");
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
