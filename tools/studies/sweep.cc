#include "tools/studies/sweep.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <exception>
#include <memory>
#include <optional>

#include "engine/recorder.h"
#include "engine/simulation.h"
#include "engine/world_state.h"

namespace overstretch::cli {
namespace {

std::optional<double> Finite(const std::optional<double>& x) {
  return x && std::isfinite(*x) ? x : std::nullopt;
}

// Keeps the theaters' state turn by turn (the optional theater_turns table).
class TheaterTurnRecorder : public Recorder {
 public:
  explicit TheaterTurnRecorder(const Scenario& scenario) : scenario_(scenario) {}
  void OnTurn(const TurnRecord& r) override {
    for (const TheaterTurn& t : r.theaters) {
      TheaterTurnRow row;
      row.turn = r.turn;
      row.theater = scenario_.theaters[t.theater.get()].id;
      row.status = TheaterStatusName(t.status);
      row.escalation = t.escalation;
      row.control = t.control;
      row.phi_challengers = t.phi_challengers;
      row.phi_defenders = t.phi_defenders;
      row.losses_challengers = t.losses_challengers;
      row.losses_defenders = t.losses_defenders;
      rows.push_back(std::move(row));
    }
  }
  std::vector<TheaterTurnRow> rows;

 private:
  const Scenario& scenario_;
};

// What a worker keeps for the design point it is working on.
struct PointContext {
  std::size_t point = SIZE_MAX;
  std::unique_ptr<Scenario> scenario;
  std::unique_ptr<Simulation> simulation;
  std::string error;  // why the point cannot run (build diagnostics), if it cannot
};

// The scenario of design point `point`: patched from the study's base when
// the patcher can (engine/scenario_patcher.h), else built in full, which
// also reports any problem with the point's values.
LoadResult PointScenario(const Study& study, const UnitDesign& design,
                         const ModelRegistry& registry, std::size_t point) {
  const std::vector<Override> overrides = PointOverrides(study, design, point);
  if (study.patcher != nullptr && study.patcher->enabled()) {
    std::vector<std::string> values;
    for (std::size_t i = study.fixed.size(); i < overrides.size(); ++i) {
      values.push_back(overrides[i].value);
    }
    LoadResult patched;
    patched.scenario = study.patcher->Make(values);
    if (patched.scenario) return patched;
  }
  return study.source->Build(overrides, registry);
}

void Prepare(const Study& study, const UnitDesign& design, const ModelRegistry& registry,
             std::size_t point, PointContext* context) {
  context->point = point;
  context->simulation.reset();
  context->scenario.reset();
  context->error.clear();
  try {
    LoadResult result = PointScenario(study, design, registry, point);
    if (!result.scenario) {
      std::string message;
      for (const Diagnostic& d : result.diagnostics) {
        if (!message.empty()) message += "; ";
        message += FormatDiagnostic(d);
        if (message.size() > 2000) break;
      }
      context->error = message.empty() ? "the scenario does not build" : message;
      return;
    }
    context->scenario = std::make_unique<Scenario>(std::move(*result.scenario));
    context->simulation = std::make_unique<Simulation>(*context->scenario, registry);
  } catch (const std::exception& e) {
    context->simulation.reset();
    context->error = fmt::format("cannot build the scenario: {}", e.what());
  }
}

RunRecord RunOne(const Study& study, PointContext& context, std::size_t point,
                 std::size_t replication) {
  RunRecord record;
  record.point = static_cast<std::int64_t>(point);
  record.replication = static_cast<std::int64_t>(replication);
  record.seed = RunSeed(study.seed, replication);
  if (!context.simulation) {
    record.ok = false;
    record.error = context.error;
    return record;
  }
  const auto start = std::chrono::steady_clock::now();
  try {
    RunSummary summary;
    if (study.theater_turns) {
      TheaterTurnRecorder recorder(*context.scenario);
      summary = context.simulation->Run(record.seed, &recorder);
      record.theater_turns = std::move(recorder.rows);
    } else {
      summary = context.simulation->Run(record.seed);
    }
    record.metrics = MetricValues(summary);
  } catch (const std::exception& e) {
    record.ok = false;
    record.error = fmt::format("the run failed: {}", e.what());
    record.theater_turns.clear();
    // The Simulation's scratch space may be inconsistent after a throw.
    context.point = SIZE_MAX;
  }
  record.elapsed_us = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  return record;
}

}  // namespace

std::array<std::optional<double>, kRunMetricCount> MetricValues(const RunSummary& s) {
  std::array<std::optional<double>, kRunMetricCount> values{};
  for (std::size_t m = 0; m < kRunMetricCount; ++m) values[m] = Finite(RunMetrics()[m].value(s));
  return values;
}

SweepStats RunSweep(const Study& study, const UnitDesign& design, const ModelRegistry& registry,
                    const SweepOptions& options, RunSink& sink, SweepProgress* progress) {
  const std::size_t points = design.points();
  const std::size_t replications = study.replications;
  const std::size_t block = std::min(kReplicationBlock, replications);
  const std::size_t rounds = (replications + block - 1) / block;
  const std::uint64_t tasks = static_cast<std::uint64_t>(rounds) * points;

  std::atomic<std::uint64_t> next_task{0};
  std::atomic<std::uint64_t> scheduled{0};
  std::atomic<std::uint64_t> finished{0};
  std::atomic<std::uint64_t> failed{0};
  std::atomic<bool> cut_short{false};

  auto should_stop = [&] {
    return (options.stop != nullptr && options.stop->load(std::memory_order_relaxed)) ||
           sink.failed();
  };

  std::atomic<bool> interrupted{false};  // some run was left undone
  auto worker = [&] {
    PointContext context;
    while (true) {
      if (should_stop() || cut_short.load(std::memory_order_relaxed)) {
        if (next_task.load() < tasks) interrupted = true;
        break;
      }
      const std::uint64_t task = next_task.fetch_add(1);
      if (task >= tasks) break;
      const std::size_t round = static_cast<std::size_t>(task / points);
      const std::size_t point = static_cast<std::size_t>(task % points);
      const std::size_t first = round * block;
      const std::size_t last = std::min(replications, first + block);
      for (std::size_t rep = first; rep < last; ++rep) {
        if (options.done != nullptr && (*options.done)[point * replications + rep]) continue;
        if (should_stop()) {
          interrupted = true;
          break;
        }
        if (scheduled.fetch_add(1) >= options.max_runs) {
          cut_short = true;
          interrupted = true;
          break;
        }
        if (context.point != point) Prepare(study, design, registry, point, &context);
        RunRecord record = RunOne(study, context, point, rep);
        const bool ok = record.ok;
        sink.Consume(std::move(record));
        finished.fetch_add(1);
        if (!ok) failed.fetch_add(1);
        if (progress != nullptr) {
          progress->finished.fetch_add(1, std::memory_order_relaxed);
          if (!ok) progress->failed.fetch_add(1, std::memory_order_relaxed);
        }
      }
    }
  };

  const int jobs = std::max(1, options.jobs);
  std::vector<std::thread> threads;
  for (int j = 1; j < jobs; ++j) threads.emplace_back(worker);
  worker();
  for (std::thread& t : threads) t.join();

  SweepStats stats;
  stats.finished = finished.load();
  stats.failed = failed.load();
  stats.stopped = interrupted.load() || sink.failed();
  return stats;
}

// ------------------------------------------------------------------ single runs

struct StudyRunner::State {
  PointContext context;
};

StudyRunner::StudyRunner(const Study& study, const UnitDesign& design,
                         const ModelRegistry& registry)
    : study_(study), design_(design), registry_(registry), state_(std::make_unique<State>()) {}

StudyRunner::~StudyRunner() = default;

RunRecord StudyRunner::Run(std::size_t point, std::size_t replication) {
  PointContext& context = state_->context;
  if (context.point != point) Prepare(study_, design_, registry_, point, &context);
  return RunOne(study_, context, point, replication);
}

// ------------------------------------------------------------------ writer

StoreWriter::StoreWriter(ResultsStore& store, std::size_t capacity, std::size_t batch,
                         int interval_ms)
    : store_(store),
      capacity_(std::max<std::size_t>(capacity, 1)),
      batch_(std::max<std::size_t>(batch, 1)),
      interval_ms_(interval_ms),
      thread_([this] { Loop(); }) {}

StoreWriter::~StoreWriter() {
  std::string ignored;
  Finish(&ignored);
}

void StoreWriter::Consume(RunRecord&& run) {
  std::unique_lock lock(mutex_);
  not_full_.wait(lock, [&] { return queue_.size() < capacity_ || closing_ || failed_.load(); });
  if (closing_ || failed_.load()) return;
  queue_.push_back(std::move(run));
  not_empty_.notify_one();
}

bool StoreWriter::Finish(std::string* error) {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  not_empty_.notify_all();
  not_full_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (failed_.load()) {
    *error = error_;
    return false;
  }
  return true;
}

void StoreWriter::Loop() {
  using Clock = std::chrono::steady_clock;
  bool in_transaction = false;
  std::size_t pending = 0;  // runs inserted since the last commit
  auto last_commit = Clock::now();
  const auto interval = std::chrono::milliseconds(interval_ms_);
  std::vector<RunRecord> taken;
  auto fail = [&](const std::string& message) {
    std::lock_guard lock(mutex_);
    error_ = message;
    failed_ = true;
    queue_.clear();
    not_full_.notify_all();
  };
  while (true) {
    bool closing = false;
    {
      std::unique_lock lock(mutex_);
      not_empty_.wait_for(lock, interval / 4, [&] { return !queue_.empty() || closing_; });
      while (!queue_.empty() && taken.size() < batch_) {
        taken.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      closing = closing_ && queue_.empty();
      not_full_.notify_all();
    }
    std::string error;
    for (RunRecord& run : taken) {
      if (!in_transaction) {
        if (!store_.Begin(&error)) return fail(error);
        in_transaction = true;
      }
      if (!store_.Insert(run, &error)) {
        std::string ignored;
        store_.Commit(&ignored);  // keep what was fine before
        return fail(error);
      }
      ++pending;
    }
    taken.clear();
    const bool due = pending >= batch_ || Clock::now() - last_commit >= interval;
    if (in_transaction && (due || closing)) {
      if (!store_.Commit(&error)) return fail(error);
      in_transaction = false;
      committed_ += pending;
      pending = 0;
      last_commit = Clock::now();
    }
    if (closing) return;
  }
}

}  // namespace overstretch::cli
