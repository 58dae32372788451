// A planned sweep run with its writer and progress display (sweep_session.h).
#include "tools/studies/sweep_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace overstretch::cli {
namespace {

std::string Duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const long long s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
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

}  // namespace

SweepOutcome ExecuteSweep(Study& study, const UnitDesign& design, const ModelRegistry& registry,
                          SweepPlan& plan, MpiSession* mpi, const SweepSessionOptions& options,
                          std::ostream& err) {
  const std::uint64_t todo = study.runs() - plan.already;
  if (todo > 0) PreparePatcher(&study, registry);
  StoreWriter writer(*plan.store);
  SweepOptions sweep_options;
  sweep_options.jobs = options.jobs;
  sweep_options.stop = options.stop;
  sweep_options.done = plan.done.empty() ? nullptr : &plan.done;
  SweepProgress progress;
  std::atomic<bool> running{true};
  std::thread display(
      [&] { ShowProgress(running, progress, todo, plan.already, err, options.terminal); });
  const auto start = std::chrono::steady_clock::now();
  SweepOutcome outcome;
  outcome.stats = mpi ? mpi->Coordinate(study, design, registry, sweep_options, writer, &progress)
                      : RunSweep(study, design, registry, sweep_options, writer, &progress);
  outcome.written = writer.Finish(&outcome.error);
  running = false;
  display.join();
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  outcome.saved = plan.already + writer.committed();
  if (outcome.written && mpi) {
    std::string shares;
    for (std::size_t r = 0; r < mpi->runs_by_rank().size(); ++r) {
      shares += fmt::format("{}{}: {}", r == 0 ? "" : ", ", r, mpi->runs_by_rank()[r]);
    }
    err << fmt::format("sweep: runs by rank: {}\n", shares);
  }
  return outcome;
}

}  // namespace overstretch::cli
