// libFuzzer target: `--set PATH=VALUE` overrides, one per input line (at most
// 8), parsed and applied to the default scenario, which is then validated.
#include <sstream>
#include <string>
#include <vector>

#include "engine/scenario_loader.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace overstretch;
  static const ScenarioSource base =
      ScenarioSource::FromFile(fuzz::RepoPath("scenarios/sparse_us.yaml"));
  std::vector<Override> overrides;
  std::istringstream lines{std::string(fuzz::Text(data, size))};
  std::string line;
  while (overrides.size() < 8 && std::getline(lines, line)) {
    std::string error;
    if (std::optional<Override> o = ParseOverride(line, &error)) overrides.push_back(*o);
  }
  (void)base.Build(overrides, fuzz::Registry());
  return 0;
}
