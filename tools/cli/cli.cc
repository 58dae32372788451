#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "engine/diagnostics.h"
#include "engine/finite_check.h"
#include "engine/scenario_loader.h"
#include "engine/version.h"
#include "tools/cli/commands.h"

namespace overstretch::cli {

int RunCli(const ModelRegistry& registry, std::vector<std::string> args, std::ostream& out,
           std::ostream& err) {
  CLI::App app{"Overstretch: a policy wargame of alliances under strain.", "overstretch"};
  app.set_version_flag("--version", fmt::format("overstretch {}", kVersion));
  app.require_subcommand(1);
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return fmt::format("overstretch: error: {}\nRun '{} --help' for more information.\n", e.what(),
                       failed->get_name().empty() ? "overstretch" : failed->get_name());
  });

  const std::vector<Command> commands = {
      AddRunCommand(app, args),      AddValidateCommand(app, args), AddGraphCommand(app, args),
      AddModelsCommand(app, args),   AddSweepCommand(app, args),    AddAnalyzeCommand(app, args),
      AddDiscoverCommand(app, args), AddReportCommand(app, args),   AddPlayCommand(app, args),
      AddServeCommand(app, args)};

  // CLI11 would report a mistyped command as "a subcommand is required".
  if (!args.empty() && !args.front().empty() && args.front().front() != '-' &&
      std::none_of(commands.begin(), commands.end(),
                   [&](const Command& c) { return c.app->get_name() == args.front(); })) {
    err << fmt::format(
        "overstretch: error: unknown command '{}' (commands: run, validate, graph, models, "
        "sweep, analyze, discover, report, play, serve)\n"
        "Run 'overstretch --help' for more information.\n",
        args.front());
    return kExitBadInput;
  }

  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes its arguments reversed
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? kExitOk : kExitBadInput;
  }

  const CommandIo io{registry, out, err};
  for (const Command& command : commands) {
    if (!command.app->parsed()) continue;
    try {
      return command.action(io);
    } catch (const NonFiniteError& e) {
      // Bad input that validation could not see alone: the run's files are
      // staged, so nothing half-written remains (docs/reliability.md).
      err << fmt::format("{}: error: {}\n", command.app->get_name(), e.what());
      return kExitBadInput;
    }
  }
  err << "overstretch: error: no command given\n";
  return kExitBadInput;
}

bool Names(const std::vector<std::string>& args, const CLI::App& command) {
  return std::find(args.begin(), args.end(), command.get_name()) != args.end();
}

void AddSetOption(CLI::App& command, std::vector<std::string>* sets) {
  command
      .add_option("--set", *sets,
                  "Override a scenario value, e.g. --set run.turns=12 or "
                  "--set actors.US.doctrine.cost=0.8 (repeatable)")
      ->type_name("PATH=VALUE")
      ->allow_extra_args(false);
}

std::optional<Scenario> LoadForCommand(const CommandIo& io, const std::string& command,
                                       const std::string& path,
                                       const std::vector<std::string>& sets,
                                       const std::vector<Override>& extra) {
  std::vector<Override> overrides;
  bool bad = false;
  auto parse = [&](const std::string& text) {
    std::string error;
    std::optional<Override> o = ParseOverride(text, &error);
    if (!o) {
      io.err << fmt::format(
          "{}: error: --set: {}\n", command,
          error.empty() ? fmt::format("expected PATH=VALUE, got '{}'", text) : error);
      bad = true;
      return;
    }
    overrides.push_back(std::move(*o));
  };
  for (const std::string& text : sets) parse(text);
  if (bad) return std::nullopt;
  overrides.insert(overrides.end(), extra.begin(), extra.end());

  LoadResult result = LoadScenarioFile(path, overrides, io.registry);
  if (!result.diagnostics.empty() || !result.scenario) {
    for (const Diagnostic& d : result.diagnostics) io.err << FormatDiagnostic(d) << '\n';
    if (result.diagnostics.empty()) {
      io.err << fmt::format("{}: error: {}: the scenario could not be loaded\n", command, path);
    }
    return std::nullopt;
  }
  return std::move(result.scenario);
}

}  // namespace overstretch::cli
