// `overstretch run SCENARIO [--seed N] [--turns N] [--set PATH=VALUE]...
// [--out DIR] [--quiet]`: one run, its files (tools/runio/run_output.h) and a
// readable summary on stdout (tools/runio/run_summary_text.h).
#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "engine/simulation.h"
#include "tools/cli/commands.h"
#include "tools/runio/csv.h"
#include "tools/runio/file_util.h"
#include "tools/runio/run_output.h"
#include "tools/runio/run_summary_text.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch run";

struct Options {
  std::string scenario;
  std::string seed;
  std::string turns;
  std::vector<std::string> sets;
  std::string out;
  bool quiet = false;
  CLI::Option* seed_option = nullptr;  // to tell "--seed ''" from no --seed
  CLI::Option* turns_option = nullptr;
  CLI::Option* out_option = nullptr;
};

int Run(const Options& options, const CommandIo& io) {
  std::vector<Override> extra;
  if (options.turns_option->count() > 0) {
    if (!IsDecimal(options.turns, true)) {
      io.err << fmt::format("{}: error: --turns: expected a whole number of turns, got '{}'\n",
                            kCommand, options.turns);
      return kExitBadInput;
    }
    extra.push_back(Override{"run.turns", options.turns, "--turns " + options.turns});
  }
  if (options.seed_option->count() > 0) {
    std::uint64_t seed = 0;
    const char* end = options.seed.data() + options.seed.size();
    const auto parsed = std::from_chars(options.seed.data(), end, seed);
    if (!IsDecimal(options.seed, false) || parsed.ec != std::errc() || parsed.ptr != end) {
      io.err << fmt::format("{}: error: --seed: expected a whole number in [0, {}], got '{}'\n",
                            kCommand, std::numeric_limits<std::uint64_t>::max(), options.seed);
      return kExitBadInput;
    }
    extra.push_back(Override{"run.seed", options.seed, "--seed " + options.seed});
  }

  const std::optional<Scenario> scenario =
      LoadForCommand(io, kCommand, options.scenario, options.sets, extra);
  if (!scenario) return kExitBadInput;
  const std::uint64_t seed = scenario->run.seed;

  const std::string dir = options.out_option->count() > 0
                              ? options.out
                              : fmt::format("runs/{}-{}", SafeName(scenario->name), seed);
  StagedDirectory staged(dir);
  std::string error;
  bool bad_input = false;
  if (!staged.Begin(&error, &bad_input)) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return bad_input ? kExitBadInput : kExitInternal;
  }

  Simulation simulation(*scenario, io.registry);
  RunOutputRecorder recorder(*scenario, staged.staging());
  if (!recorder.Open(&error)) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return kExitInternal;
  }
  const RunSummary summary = simulation.Run(seed, &recorder);
  if (!recorder.Close(&error) || !staged.Commit(&error)) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return kExitInternal;
  }
  if (!options.quiet) {
    PrintRunSummary(*scenario, summary, recorder.opened_at(), staged.target().string(), io.out);
  }
  return kExitOk;
}

}  // namespace

Command AddRunCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command =
      app.add_subcommand("run", "Run a scenario once and write its turn-by-turn files and summary");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<Options>();
  command->add_option("scenario", options->scenario, "Scenario file (YAML)")
      ->required()
      ->type_name("SCENARIO");
  options->seed_option =
      command->add_option("--seed", options->seed, "Random seed (overrides run.seed)")
          ->type_name("N");
  options->turns_option =
      command->add_option("--turns", options->turns, "Number of turns (same as --set run.turns=N)")
          ->type_name("N");
  AddSetOption(*command, &options->sets);
  options->out_option =
      command
          ->add_option("--out", options->out,
                       "Output directory (default runs/<scenario>-<seed>); an earlier run there "
                       "is replaced")
          ->type_name("DIR");
  command->add_flag("--quiet,-q", options->quiet, "Print nothing on success");
  return {command, [options](const CommandIo& io) { return Run(*options, io); }};
}

}  // namespace overstretch::cli
