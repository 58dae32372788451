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
// status). The action owns the parsed option values; a command added by name
// only has none.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const CommandIo& io)> action;
};

// Each adds its subcommand to `app`, and its options when the command line
// `args` names it: building every command's options was most of a short
// command's own start-up work, and a command that is not named cannot be
// parsed (`overstretch --help` lists names and descriptions only).
Command AddRunCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddValidateCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddGraphCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddModelsCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddSweepCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddAnalyzeCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddDiscoverCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddReportCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddPlayCommand(CLI::App& app, const std::vector<std::string>& args);
Command AddServeCommand(CLI::App& app, const std::vector<std::string>& args);

// Whether any word of `args` is `command`'s name (a value that happens to be
// a command's name only costs that command's options).
bool Names(const std::vector<std::string>& args, const CLI::App& command);

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
