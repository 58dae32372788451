// overstretch: the command-line program. Subcommands live in tools/*_command.cc.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "actors/builtin_models.h"
#include "tools/cli/commands.h"

int main(int argc, char** argv) {
  try {
    overstretch::ModelRegistry registry;
    overstretch::RegisterBuiltinModels(registry);
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    return overstretch::cli::RunCli(registry, args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "overstretch: internal error: " << e.what() << '\n';
    return overstretch::cli::kExitInternal;
  }
}
