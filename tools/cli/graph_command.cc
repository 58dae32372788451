// `overstretch graph SCENARIO [--format dot|graphml] [--turn T --run DIR]
// [--set PATH=VALUE]...`: the alliance graph, initial or as of a turn of a
// run written by `overstretch run` (read by tools/runio/graph_run_reader.h).
#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/cli/commands.h"
#include "tools/runio/csv.h"
#include "tools/runio/graph_export.h"
#include "tools/runio/graph_run_reader.h"

namespace overstretch::cli {
namespace {

constexpr const char* kCommand = "overstretch graph";

struct Options {
  std::string scenario;
  std::string format = "dot";
  std::string turn;
  std::string run;
  std::vector<std::string> sets;
  CLI::Option* turn_option = nullptr;
  CLI::Option* run_option = nullptr;
};

int Graph(const Options& options, const CommandIo& io) {
  const bool has_turn = options.turn_option->count() > 0;
  const bool has_run = options.run_option->count() > 0;
  if (has_turn != has_run) {
    io.err << fmt::format("{}: error: --turn and --run go together (--turn T --run DIR)\n",
                          kCommand);
    return kExitBadInput;
  }
  std::optional<long long> turn;
  if (has_turn) {
    turn = ParseInteger(options.turn);
    if (!turn || *turn < 1) {
      io.err << fmt::format("{}: error: --turn: expected a turn number >= 1, got '{}'\n", kCommand,
                            options.turn);
      return kExitBadInput;
    }
  }

  const std::optional<Scenario> scenario =
      LoadForCommand(io, kCommand, options.scenario, options.sets);
  if (!scenario) return kExitBadInput;
  GraphData graph = GraphFromScenario(*scenario);
  if (turn) {
    std::string error;
    if (!ReadGraphAtTurn(*scenario, options.run, *turn, &graph, &error)) {
      io.err << fmt::format("{}: error: {}\n", kCommand, error);
      return kExitBadInput;
    }
  }
  if (options.format == "graphml") {
    WriteGraphml(graph, io.out);
  } else {
    WriteDot(graph, io.out);
  }
  return kExitOk;
}

}  // namespace

Command AddGraphCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command = app.add_subcommand(
      "graph", "Print the alliance graph (actors and ties) as Graphviz DOT or GraphML");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<Options>();
  command->add_option("scenario", options->scenario, "Scenario file (YAML)")
      ->required()
      ->type_name("SCENARIO");
  command->add_option("--format", options->format, "Output format (default dot)")
      ->check(CLI::IsMember({"dot", "graphml"}))
      ->type_name("dot|graphml");
  options->turn_option =
      command->add_option("--turn", options->turn, "Show the ties as of this turn of --run")
          ->type_name("T");
  options->run_option =
      command->add_option("--run", options->run, "A run directory written by 'overstretch run'")
          ->type_name("DIR");
  AddSetOption(*command, &options->sets);
  return {command, [options](const CommandIo& io) { return Graph(*options, io); }};
}

}  // namespace overstretch::cli
