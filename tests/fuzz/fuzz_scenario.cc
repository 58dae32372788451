// libFuzzer target: a scenario file, parsed and built (validation included).
// Any input must give a scenario or diagnostics, never a crash, a hang or
// undefined behaviour.
#include "engine/scenario_loader.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace overstretch;
  const ScenarioSource source = ScenarioSource::FromText(fuzz::Text(data, size), "fuzz.yaml");
  if (source.parse_diagnostics().empty()) (void)source.Build({}, fuzz::Registry());
  return 0;
}
