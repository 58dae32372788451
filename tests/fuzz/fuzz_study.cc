// libFuzzer target: a study file, as if it sat in scenarios/studies/ (so
// that the shipped studies' relative scenario paths resolve).
#include "tests/fuzz/fuzz_support.h"
#include "tools/studies/study.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace overstretch;
  static const std::string name = fuzz::RepoPath("scenarios/studies/fuzz.yaml");
  (void)cli::LoadStudyText(fuzz::Text(data, size), name, fuzz::Registry());
  return 0;
}
