// Golden fingerprints: every shipped scenario, run for a few seeds, writes
// run directories whose bytes hash to the values in
// tests/data/golden_fingerprints.txt. A refactor must leave them unchanged; a
// deliberate model change regenerates the file and says so in its commit:
//
//   OVERSTRETCH_UPDATE_GOLDEN=1 build/tests/overstretch_tests --gtest_filter='Golden.*'
//
// The hash is FNV-1a over each file's name and bytes, in the order the run
// files are documented, so any change to any output changes it.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/run_into.h"
#include "tests/test_support.h"
#include "tools/cli/commands.h"
#include "tools/runio/run_output.h"

namespace overstretch {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kSeeds[] = {1, 2, 3};

std::uint64_t Fnv1a(std::uint64_t h, const std::string& bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string RunHash(const std::string& file, std::uint64_t seed, const fs::path& dir) {
  const Scenario sc = testing::LoadOrDie(testing::RepoPath(file));
  testing::RunInto(sc, seed, dir);
  std::uint64_t h = 14695981039346656037ULL;
  for (const char* name : cli::kRunFiles) {
    h = Fnv1a(h, name);
    h = Fnv1a(h, ReadAll(dir / name));
  }
  return fmt::format("{:016x}", h);
}

std::map<std::string, std::string> ReadGolden(const fs::path& path) {
  std::map<std::string, std::string> golden;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string key, hash;
    if (fields >> key >> hash) golden[key] = hash;
  }
  return golden;
}

// A small sweep of the default scenario, exported run by run: pins seeds per
// design point and replication, the stored metrics and their export.
std::string SweepHash(const fs::path& dir) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path study = dir / "study.yaml";
  std::ofstream(study) << "name: golden\nscenario: "
                       << testing::RepoPath("scenarios/sparse_us.yaml")
                       << "\ndesign: grid\nreplications: 3\nseed: 11\nparameters:\n"
                          "  actors.US.global_commitments: {values: [0.3, 0.9]}\n";
  std::ostringstream out, err;
  const auto db = (dir / "r.sqlite").string();
  const auto csv = (dir / "runs.csv").string();
  EXPECT_EQ(cli::RunCli(testing::BuiltinRegistry(),
                        {"sweep", study.string(), "--out", db, "--jobs", "2"}, out, err),
            0)
      << err.str();
  EXPECT_EQ(cli::RunCli(testing::BuiltinRegistry(), {"analyze", db, "--runs-csv", csv}, out, err),
            0)
      << err.str();
  return fmt::format("{:016x}", Fnv1a(14695981039346656037ULL, ReadAll(csv)));
}

TEST(Golden, ShippedScenariosKeepTheirFingerprints) {
  const fs::path golden_path = fs::path(OVERSTRETCH_TEST_DATA) / "golden_fingerprints.txt";
  const fs::path dir = fs::temp_directory_path() / fmt::format("overstretch-golden-{}", ::getpid());
  std::map<std::string, std::string> actual;
  const std::vector<std::string> files = testing::ShippedScenarios();
  ASSERT_GE(files.size(), 8u) << "the scenario library went missing";
  for (const std::string& file : files) {
    for (std::uint64_t seed : kSeeds) {
      actual[fmt::format("{}@{}", file, seed)] = RunHash(file, seed, dir);
    }
  }
  actual["sweep:sparse_us-grid"] = SweepHash(dir);
  fs::remove_all(dir);

  if (std::getenv("OVERSTRETCH_UPDATE_GOLDEN") != nullptr) {
    std::ofstream out(golden_path);
    out << "# scenario@seed  FNV-1a of the run directory (tests/golden_test.cc)\n";
    for (const auto& [key, hash] : actual) out << key << ' ' << hash << '\n';
    GTEST_SKIP() << "rewrote " << golden_path;
  }
  const std::map<std::string, std::string> golden = ReadGolden(golden_path);
  for (const auto& [key, hash] : actual) {
    const auto it = golden.find(key);
    if (it == golden.end()) {
      ADD_FAILURE() << key << " has no golden fingerprint (new scenario? regenerate)";
    } else {
      EXPECT_EQ(it->second, hash) << key << ": outputs changed";
    }
  }
  for (const auto& [key, hash] : golden) {
    if (!actual.contains(key)) ADD_FAILURE() << key << " is pinned but no longer shipped";
  }
}

}  // namespace
}  // namespace overstretch
