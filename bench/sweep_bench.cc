// Benchmarks for sweeps (docs/performance.md): one turn and one whole run of
// sparse_us (also writing its run directory), building a design point's Scenario, a sweep of 1,000
// runs in process (no output, and with SQLite to a temporary file), and scaling with synthetic
// scenarios generated here (actors, theaters, turns; two shapes of ties).
//
//   ./build/bench/overstretch_bench --benchmark_filter='Sweep|SparseUs|Synthetic'
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "actors/builtin_models.h"
#include "engine/metrics.h"
#include "engine/scenario_loader.h"
#include "engine/simulation.h"
#include "engine/world_state.h"
#include "tools/runio/run_output.h"
#include "tools/studies/results_store.h"
#include "tools/studies/study.h"
#include "tools/studies/sweep.h"

namespace overstretch {
namespace {

const std::string kSparseUs = std::string(OVERSTRETCH_SOURCE_DIR) + "/scenarios/sparse_us.yaml";

Scenario LoadOrThrow(const ScenarioSource& source, const std::vector<Override>& overrides = {}) {
  LoadResult r = source.Build(overrides, BuiltinModels());
  if (!r.scenario) {
    throw std::runtime_error(r.diagnostics.empty() ? "cannot build"
                                                   : FormatDiagnostic(r.diagnostics.front()));
  }
  return std::move(*r.scenario);
}

// One turn of sparse_us: turn 1 from the initial state each iteration.
void BM_SparseUsTurn(benchmark::State& state) {
  const ScenarioSource source = ScenarioSource::FromFile(kSparseUs);
  const Scenario scenario = LoadOrThrow(source);
  Simulation simulation(scenario, BuiltinModels());
  const WorldState initial = MakeInitialState(scenario);
  MetricsAccumulator metrics(scenario);
  for (auto _ : state) {
    WorldState world = initial;
    metrics.Reset();
    simulation.PlayTurn(world, 1, metrics, nullptr);
    benchmark::DoNotOptimize(world);
  }
}
BENCHMARK(BM_SparseUsTurn);

// A whole run of sparse_us (until every theater has ended or 24 turns).
void BM_SparseUsRun(benchmark::State& state) {
  const ScenarioSource source = ScenarioSource::FromFile(kSparseUs);
  const Scenario scenario = LoadOrThrow(source);
  Simulation simulation(scenario, BuiltinModels());
  std::uint64_t seed = 1;
  double turns = 0;
  for (auto _ : state) {
    const RunSummary s = simulation.Run(seed++);
    turns += s.turns_played;
    benchmark::DoNotOptimize(s);
  }
  state.counters["turns/run"] = turns / static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SparseUsRun);

// The same run writing its run directory (`overstretch run`'s six files,
// tools/runio/run_output.h) into a temporary directory: the cost of the
// outputs is this less BM_SparseUsRun.
void BM_SparseUsRunWithOutputs(benchmark::State& state) {
  const ScenarioSource source = ScenarioSource::FromFile(kSparseUs);
  const Scenario scenario = LoadOrThrow(source);
  Simulation simulation(scenario, BuiltinModels());
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("overstretch_bench_run_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::uint64_t seed = 1;
  for (auto _ : state) {
    cli::RunOutputRecorder recorder(scenario, dir);
    std::string error;
    if (!recorder.Open(&error)) state.SkipWithError(error.c_str());
    simulation.Run(seed++, &recorder);
    if (!recorder.Close(&error)) state.SkipWithError(error.c_str());
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SparseUsRunWithOutputs);

// A whole run of sparse_us forced to play `turns` turns: theaters that never
// end (end margin 0, no end at zero escalation).
void BM_SparseUsTurns(benchmark::State& state) {
  const ScenarioSource source = ScenarioSource::FromFile(kSparseUs);
  const Scenario scenario = LoadOrThrow(source, {{"run.turns", std::to_string(state.range(0))},
                                                 {"run.end.margin", "0"},
                                                 {"run.end.at_zero", "false"}});
  Simulation simulation(scenario, BuiltinModels());
  std::uint64_t seed = 1;
  double turns = 0;
  for (auto _ : state) {
    const RunSummary s = simulation.Run(seed++);
    turns += s.turns_played;
    benchmark::DoNotOptimize(s);
  }
  state.counters["turns/run"] = turns / static_cast<double>(state.iterations());
}
BENCHMARK(BM_SparseUsTurns)->Arg(6)->Arg(12)->Arg(24)->Arg(48)->Arg(96);

// What a worker pays per design point: apply overrides to the parsed tree,
// validate, build the Scenario and its Simulation.
void BM_SparseUsBuildPoint(benchmark::State& state) {
  const ScenarioSource source = ScenarioSource::FromFile(kSparseUs);
  const std::vector<Override> overrides = {{"actors.US.global_commitments", "0.5"}};
  for (auto _ : state) {
    const Scenario scenario = LoadOrThrow(source, overrides);
    Simulation simulation(scenario, BuiltinModels());
    benchmark::DoNotOptimize(&simulation);
  }
}
BENCHMARK(BM_SparseUsBuildPoint);

// A study of sparse_us with 1,000 runs: 10 × 2 grid points × 50 replications.
cli::Study SweepStudy() {
  const std::string text = "name: bench\nscenario: " + kSparseUs +
                           "\ndesign: grid\nreplications: 50\nparameters:\n"
                           "  actors.US.global_commitments: {range: [0, 0.9], levels: 10}\n"
                           "  ties.JPN-US.access: {values: [0, 1]}\n";
  cli::StudyLoadResult r = cli::LoadStudyText(text, "bench.yaml", BuiltinModels());
  if (!r.study) throw std::runtime_error("bench study does not load");
  cli::PreparePatcher(&*r.study, BuiltinModels());  // as ExecuteSweep does
  return std::move(*r.study);
}

struct CountingSink : cli::RunSink {
  void Consume(cli::RunRecord&& run) override {
    benchmark::DoNotOptimize(run);
    count.fetch_add(1);
  }
  std::atomic<std::uint64_t> count{0};
};

// 1,000 runs in process, no output; Arg = jobs.
void BM_Sweep1000(benchmark::State& state) {
  const cli::Study study = SweepStudy();
  const cli::UnitDesign design = cli::MakeDesign(study);
  cli::SweepOptions options;
  options.jobs = static_cast<int>(state.range(0));
  for (auto _ : state) {
    CountingSink sink;
    cli::RunSweep(study, design, BuiltinModels(), options, sink, nullptr);
    if (sink.count != study.runs()) state.SkipWithError("runs missing");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(study.runs()));
}
BENCHMARK(BM_Sweep1000)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same into SQLite (a temporary file, WAL, synchronous=FULL); Arg = jobs.
void BM_Sweep1000Sqlite(benchmark::State& state) {
  const cli::Study study = SweepStudy();
  const cli::UnitDesign design = cli::MakeDesign(study);
  cli::SweepOptions options;
  options.jobs = static_cast<int>(state.range(0));
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("overstretch-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  int round = 0;
  for (auto _ : state) {
    const std::string path = (dir / ("sweep" + std::to_string(round++) + ".sqlite")).string();
    std::string error;
    auto store = cli::ResultsStore::Create(path, study, design, &error);
    if (!store) {
      state.SkipWithError(error.c_str());
      break;
    }
    cli::StoreWriter writer(*store);
    cli::RunSweep(study, design, BuiltinModels(), options, writer, nullptr);
    if (!writer.Finish(&error)) state.SkipWithError(error.c_str());
  }
  std::filesystem::remove_all(dir);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(study.runs()));
}
BENCHMARK(BM_Sweep1000Sqlite)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// ------------------------------------------------------------- synthetic

// A generated scenario: `actors` actors on a 30° × 60° patch of the western
// Pacific, `theaters` theaters each with one challenger and one defender
// (actors reused round-robin), one base per ten actors, all theaters open at
// turn 1 and never end early. The ties are one of two shapes:
// - kRingAndChord: a ring of commitments (0.6, with access and intel) plus
//   one chord of 0.3 from each actor to the seventh after it;
// - kRandom: out-degree 4, each actor committed to 4 distinct others drawn
//   from a fixed-seed std::mt19937 (its sequence is fixed by the standard),
//   commitment 0.2–0.9, access and intel on the first of the 4.
enum class TieShape { kRingAndChord, kRandom };

// The mobilised variant's rivalries: actor 4k is hostile to 4k+1 and 4k+2
// and they to it (small cycles of hostility, not one spanning the graph).
bool Rivals(int a, int b) {
  const int low = std::min(a, b);
  const int gap = std::max(a, b) - low;
  return low % 4 == 0 && (gap == 1 || gap == 2);
}

// `rivalries`: leave out the pairs Rivals names, which get a tie of their own.
std::string SyntheticTies(int actors, TieShape shape, bool rivalries) {
  std::string y = "ties:\n";
  auto tie = [&y](int from, int to, double commitment, bool first) {
    y += "  - {from: A" + std::to_string(from) + ", to: A" + std::to_string(to) +
         ", commitment: " + std::to_string(commitment) +
         (first ? ", access: 1.0, intel: 0.3}\n" : "}\n");
  };
  if (shape == TieShape::kRingAndChord) {
    for (int i = 0; i < actors; ++i) {
      const int j = (i + 1) % actors;
      const int k = (i + 7) % actors;
      tie(i, j, 0.6, true);
      if (k != i && k != j) tie(i, k, 0.3, false);
    }
    return y;
  }
  std::mt19937 rng(20261201);
  const int degree = std::min(4, actors - 1);
  for (int i = 0; i < actors; ++i) {
    std::vector<int> targets;
    while (static_cast<int>(targets.size()) < degree) {
      const int j = static_cast<int>(rng() % static_cast<std::uint32_t>(actors));
      if (j != i && std::find(targets.begin(), targets.end(), j) == targets.end() &&
          !(rivalries && Rivals(i, j))) {
        targets.push_back(j);
      }
    }
    for (std::size_t t = 0; t < targets.size(); ++t) {
      tie(i, targets[t], 0.2 + 0.7 * static_cast<double>(rng() % 1000) / 999.0, t == 0);
    }
  }
  return y;
}

std::string SyntheticRivalries(int actors) {
  std::string y;
  for (int i = 0; i < actors; ++i) {
    for (int j = i + 1; j < std::min(actors, i + 3); ++j) {
      if (Rivals(i, j)) {
        y += "  - {between: [A" + std::to_string(i) + ", A" + std::to_string(j) +
             "], hostility: 0.5}\n";
      }
    }
  }
  return y;
}

std::string SyntheticScenario(int actors, int theaters, int turns,
                              TieShape shape = TieShape::kRingAndChord, bool mobilised = false) {
  std::string y = "scenario: {name: synthetic, patron: A0}\n";
  y += "run: {turns: " + std::to_string(turns) + ", seed: 1, end: {margin: 0, at_zero: false}" +
       (mobilised ? ", mobilisation: {enabled: true}" : "") + "}\nactors:\n";
  for (int i = 0; i < actors; ++i) {
    const double lat = 5.0 + 30.0 * ((i * 37) % 101) / 101.0;
    const double lon = 100.0 + 60.0 * ((i * 53) % 103) / 103.0;
    y += "  A" + std::to_string(i) + ": {forces: " + std::to_string(10 + (i * 7) % 90) +
         ", home: [" + std::to_string(lat) + ", " + std::to_string(lon) + "], reach_km: 3000}\n";
  }
  y += "bases:\n";
  for (int b = 0; b < std::max(1, actors / 10); ++b) {
    const int host = (b * 10) % actors;
    y += "  B" + std::to_string(b) + ": {location: [" + std::to_string(10.0 + (b * 13) % 20) +
         ", " + std::to_string(120.0 + (b * 17) % 30) + "], host: A" + std::to_string(host) +
         ", capacity: 20}\n";
  }
  y += SyntheticTies(actors, shape, mobilised);
  if (mobilised) y += SyntheticRivalries(actors);
  y += "theaters:\n";
  for (int t = 0; t < theaters; ++t) {
    const int c = (2 * t) % actors;
    const int d = (2 * t + 1) % actors;
    y += "  T" + std::to_string(t) + ": {location: [" + std::to_string(8.0 + (t * 11) % 25) + ", " +
         std::to_string(110.0 + (t * 19) % 45) + "], opens: 1, challengers: [A" +
         std::to_string(c) + "], defenders: [A" + std::to_string(d) + "], value: 2}\n";
  }
  return y;
}

// Whole runs of a generated scenario, one seed after another.
void RunSynthetic(benchmark::State& state, const std::string& yaml) {
  const ScenarioSource source = ScenarioSource::FromText(yaml, "synthetic");
  Scenario scenario;
  try {
    scenario = LoadOrThrow(source);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  Simulation simulation(scenario, BuiltinModels());
  std::uint64_t seed = 1;
  double turns = 0;
  for (auto _ : state) {
    const RunSummary s = simulation.Run(seed++);
    turns += s.turns_played;
    benchmark::DoNotOptimize(s);
  }
  state.counters["turns/run"] = turns / static_cast<double>(state.iterations());
}

// Ring-and-chord ties. Arg 0 = actors, Arg 1 = theaters; 12 turns per run.
void BM_SyntheticRun(benchmark::State& state) {
  RunSynthetic(state, SyntheticScenario(static_cast<int>(state.range(0)),
                                        static_cast<int>(state.range(1)), 12));
}
BENCHMARK(BM_SyntheticRun)
    ->ArgsProduct({{10, 30, 100, 300, 1000}, {5}})
    ->ArgsProduct({{100}, {5, 10, 20, 50, 100}})
    ->Unit(benchmark::kMillisecond);

// Random ties of out-degree 4 (issue #13's scaling family, docs/performance.md).
// Arg 0 = actors, Arg 1 = theaters, Arg 2 = turns. 2,000 actors is the
// scenario loader's limit (kMaxActors).
void BM_RandomTiesRun(benchmark::State& state) {
  RunSynthetic(state,
               SyntheticScenario(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
                                 static_cast<int>(state.range(2)), TieShape::kRandom));
}
BENCHMARK(BM_RandomTiesRun)
    ->ArgsProduct({{8, 32, 128, 512, 1000, 2000}, {4}, {24}})
    ->ArgsProduct({{128}, {2, 8, 32}, {24}})
    ->ArgsProduct({{128}, {4}, {240, 2400}})
    ->Unit(benchmark::kMillisecond);

// The same with mobilisation on (docs/model.md §3.7) and the rivalries of
// SyntheticRivalries: the Richardson step every turn. Arg 0 = actors; 4
// theaters, 24 turns.
void BM_RandomTiesMobilisedRun(benchmark::State& state) {
  RunSynthetic(state, SyntheticScenario(static_cast<int>(state.range(0)), 4, 24, TieShape::kRandom,
                                        /*mobilised=*/true));
}
BENCHMARK(BM_RandomTiesMobilisedRun)
    ->Arg(128)
    ->Arg(512)
    ->Arg(1000)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond);

// Loading the mobilised scenario from its text (parse, validate, build,
// including the mobilisation stability check). Arg 0 = actors.
void BM_RandomTiesMobilisedLoad(benchmark::State& state) {
  const std::string yaml = SyntheticScenario(static_cast<int>(state.range(0)), 4, 24,
                                             TieShape::kRandom, /*mobilised=*/true);
  const ScenarioSource source = ScenarioSource::FromText(yaml, "synthetic");
  for (auto _ : state) {
    LoadResult r = source.Build({}, BuiltinModels());
    if (!r.scenario) {
      state.SkipWithError("synthetic scenario does not load");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_RandomTiesMobilisedLoad)
    ->Arg(128)
    ->Arg(512)
    ->Arg(1000)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace overstretch
