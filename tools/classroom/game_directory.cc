// Where a classroom game writes its run directory (game_directory.h).
#include "tools/classroom/game_directory.h"

#include <fmt/format.h>

#include <system_error>

#include "tools/runio/file_util.h"

namespace overstretch::cli {

namespace fs = std::filesystem;

namespace {

fs::path WithoutTrailingSlash(fs::path dir) {
  if (dir.filename().empty()) dir = dir.parent_path();  // "runs/class1/" -> "runs/class1"
  return dir;
}

}  // namespace

fs::path GameDirectory(const GameDirectoryRequest& request, const Scenario& scenario) {
  if (!request.out.empty()) return WithoutTrailingSlash(request.out);
  const bool saved_out = request.saved != nullptr && request.saved->out.is_string();
  const fs::path fresh = fs::path("runs") / fmt::format("{}-{}-{}", SafeName(scenario.name),
                                                        request.kind, scenario.run.seed);
  const fs::path own =
      saved_out ? WithoutTrailingSlash(request.saved->out.get<std::string>()) : fresh;
  if (!request.branch) return own;
  const std::string base = fmt::format("{}-branch{}", own.string(), request.branch_turn);
  std::error_code ec;
  fs::path dir = base;
  for (int n = 2; fs::exists(dir, ec) && n < 10'000; ++n) dir = fmt::format("{}-{}", base, n);
  return dir;
}

}  // namespace overstretch::cli
