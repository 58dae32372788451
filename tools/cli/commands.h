// The `overstretch` command line: one subcommand per file (run, validate,
// graph, models, sweep, analyze, discover, report, play, serve), parsed with CLI11.
// Each file parses options, calls a library and prints. main() and the tests
// both go through RunCli, so the tests exercise exactly what users type.
//
// Exit status (tools/runio/exit_status.h): 0 ok, 2 bad input (arguments,
// scenario errors, unreadable run files), 1 internal error (reported by main
// for an escaping exception).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/model_registry.h"
#include "engine/scenario.h"
#include "engine/scenario_loader.h"
#include "tools/runio/exit_status.h"

namespace overstretch::cli {

// Runs the command line `args` (without the program name). Normal output goes
// to `out`, diagnostics to `err`. May throw on internal errors.
int RunCli(const ModelRegistry& registry, std::vector<std::string> args, std::ostream& out,
           std::ostream& err);

struct CommandIo {
  const ModelRegistry& registry;
  std::ostream& out;
  std::ostream& err;
};

// A subcommand and what runs it after a successful parse (returns the exit
// status). The action owns the parsed option values.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const CommandIo& io)> action;
};

// Each adds its subcommand (and its options) to `app`.
Command AddRunCommand(CLI::App& app);
Command AddValidateCommand(CLI::App& app);
Command AddGraphCommand(CLI::App& app);
Command AddModelsCommand(CLI::App& app);
Command AddSweepCommand(CLI::App& app);
Command AddAnalyzeCommand(CLI::App& app);
Command AddDiscoverCommand(CLI::App& app);
Command AddReportCommand(CLI::App& app);
Command AddPlayCommand(CLI::App& app);
Command AddServeCommand(CLI::App& app);

// Shared by the subcommands that read a scenario.

// Adds the repeatable `--set PATH=VALUE` option.
void AddSetOption(CLI::App& command, std::vector<std::string>* sets);

// Loads `path` with the --set texts and then `extra` overrides (from other
// options, each with its origin, e.g. "--seed 5") applied in order. Reports a malformed --set or
// every diagnostic on io.err, prefixed with `command` ("overstretch run"), and returns nullopt.
std::optional<Scenario> LoadForCommand(const CommandIo& io, const std::string& command,
                                       const std::string& path,
                                       const std::vector<std::string>& sets,
                                       const std::vector<Override>& extra = {});

}  // namespace overstretch::cli
