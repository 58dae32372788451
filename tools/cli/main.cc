// overstretch: the command-line program. Subcommands live in tools/*_command.cc.
// Built twice when MPI is found: as overstretch, and with OVERSTRETCH_MPI_MAIN
// as overstretch-mpi, the only program that links MPI (sweep --mpi runs it).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "actors/builtin_models.h"
#include "tools/cli/commands.h"
#ifdef OVERSTRETCH_MPI_MAIN
#include "tools/studies/mpi_sweep.h"
#endif

int main(int argc, char** argv) {
  try {
#ifdef OVERSTRETCH_MPI_MAIN
    overstretch::cli::SetMpiStarter(overstretch::cli::StartMpiWorld);
#endif
    overstretch::ModelRegistry registry;
    overstretch::RegisterBuiltinModels(registry);
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    return overstretch::cli::RunCli(registry, args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "overstretch: internal error: " << e.what() << '\n';
    return overstretch::cli::kExitInternal;
  }
}
