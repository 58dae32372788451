// How `sweep --mpi` gets its MPI session (tools/studies/mpi_sweep.h,
// StartMpiSession): the starter main() installed, or by default the
// overstretch-mpi program next to this one, run in place of this process
// with the same command line, or, in a build without MPI, an error.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "tools/studies/mpi_sweep.h"

namespace overstretch::cli {
namespace {

#ifdef OVERSTRETCH_MPI_PROGRAM
// Replaces this process by OVERSTRETCH_MPI_PROGRAM from this program's own
// directory, with this process's own arguments (as the kernel has them, so
// whatever called RunCli); returns only when it cannot.
std::unique_ptr<MpiSession> ExecMpiProgram(std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(cmdline)),
                         std::istreambuf_iterator<char>());
  if (ec || text.empty()) {
    *error = "cannot read this program's path and arguments from /proc/self";
    return nullptr;
  }
  const std::string program = (self.parent_path() / OVERSTRETCH_MPI_PROGRAM).string();
  std::vector<std::string> args;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\0', at);
    args.push_back(text.substr(at, end - at));
    at = end == std::string::npos ? text.size() : end + 1;
  }
  args[0] = program;
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  execv(program.c_str(), argv.data());
  *error = std::string("cannot run ") + program + ": " + std::strerror(errno) +
           " (it is built with overstretch when MPI is found)";
  return nullptr;
}
#endif

std::unique_ptr<MpiSession> NoMpi(std::string* error) {
  *error = kNoMpiMessage;
  return nullptr;
}

#ifdef OVERSTRETCH_MPI_PROGRAM
MpiStarter g_starter = ExecMpiProgram;
#else
MpiStarter g_starter = NoMpi;
#endif

}  // namespace

void SetMpiStarter(MpiStarter starter) { g_starter = starter != nullptr ? starter : NoMpi; }

std::unique_ptr<MpiSession> StartMpiSession(std::string* error) { return g_starter(error); }

}  // namespace overstretch::cli
