// libFuzzer target: a saved game (`play --resume FILE`), replayed with no
// further input. The save is written to a file of this process's own; the
// scenario paths of the seed saves are relative to the repository root,
// which tests/fuzz/run_fuzz.sh runs from.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/fuzz/fuzz_support.h"
#include "tools/classroom/play.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace overstretch;
  static const std::string dir = [] {
    const auto path = std::filesystem::temp_directory_path() /
                      ("overstretch-fuzz-save-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    return path.string();
  }();
  const std::string file = dir + "/game.json";
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  cli::PlayOptions options;
  options.resume = file;
  options.save = dir + "/saved.json";
  options.out = dir + "/run";
  std::istringstream in;
  std::ostringstream out, err;
  (void)cli::RunPlay(options, fuzz::Registry(), in, out, err);
  return 0;
}
