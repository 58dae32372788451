// `overstretch validate SCENARIO [--set PATH=VALUE]...`: load and check a
// scenario without running it.
#include <memory>

#include "tools/cli/commands.h"

namespace overstretch::cli {

Command AddValidateCommand(CLI::App& app) {
  struct Options {
    std::string scenario;
    std::vector<std::string> sets;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "validate", "Check a scenario file: print 'ok', or every problem found (exit status 2)");
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
