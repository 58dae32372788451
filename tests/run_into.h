// One run of a scenario written into a run directory, as `overstretch run
// --out` writes it: the golden fingerprints and the patcher's byte
// comparisons read what this writes. `dir` is emptied first; failures to
// open or close the outputs are test failures.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "engine/scenario.h"
#include "engine/simulation.h"
#include "tests/test_support.h"
#include "tools/runio/run_output.h"

namespace overstretch::testing {

inline void RunInto(const Scenario& scenario, std::uint64_t seed,
                    const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  Simulation sim(scenario, BuiltinRegistry());
  cli::RunOutputRecorder recorder(scenario, dir);
  std::string error;
  EXPECT_TRUE(recorder.Open(&error)) << error;
  sim.Run(seed, &recorder);
  EXPECT_TRUE(recorder.Close(&error)) << error;
}

}  // namespace overstretch::testing
