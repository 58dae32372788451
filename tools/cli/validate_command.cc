// `overstretch validate SCENARIO [--set PATH=VALUE]...`: load and check a
// scenario without running it.
#include <memory>

#include "tools/cli/commands.h"

namespace overstretch::cli {

Command AddValidateCommand(CLI::App& app, const std::vector<std::string>& args) {
  struct Options {
    std::string scenario;
    std::vector<std::string> sets;
  };
  CLI::App* command = app.add_subcommand(
      "validate", "Check a scenario file: print 'ok', or every problem found (exit status 2)");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<Options>();
  command->add_option("scenario", options->scenario, "Scenario file (YAML)")
      ->required()
      ->type_name("SCENARIO");
  AddSetOption(*command, &options->sets);

  return {command, [options](const CommandIo& io) {
            if (!LoadForCommand(io, "overstretch validate", options->scenario, options->sets)) {
              return kExitBadInput;
            }
            io.out << "ok\n";
            return kExitOk;
          }};
}

}  // namespace overstretch::cli
