// Messages that used to mislead (issue 12, item 9): each bad input must be
// reported where the mistake is and in the user's own terms.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/loader_test_support.h"
#include "tests/test_support.h"
#include "tools/cli/commands.h"
#include "tools/studies/study.h"

namespace overstretch {
namespace {

namespace fs = std::filesystem;
using loader_testing::ExpectError;
using loader_testing::Load;

const std::string kMinimal =
    "scenario: {name: cr}\n"
    "actors:\n"
    "  A: {home: [0, 0]}\n";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(InputMessagesTest, CrOnlyLineEndsAreLineEnds) {
  std::string text = kMinimal;
  for (char& c : text) {
    if (c == '\n') c = '\r';
  }
  const LoadResult cr = Load(text);
  const LoadResult lf = Load(kMinimal);
  EXPECT_EQ(loader_testing::Text(cr), loader_testing::Text(lf));
  for (const Diagnostic& d : cr.diagnostics)
    EXPECT_EQ(d.message.find("empty file"), std::string::npos);
  // A shipped scenario with CR line ends loads like the original.
  std::string shipped = ReadFile(testing::RepoPath("scenarios/sparse_us.yaml"));
  ASSERT_FALSE(shipped.empty());
  const ScenarioSource original = ScenarioSource::FromText(shipped, "s.yaml");
  for (char& c : shipped) {
    if (c == '\n') c = '\r';
  }
  const ScenarioSource mac = ScenarioSource::FromText(shipped, "s.yaml");
  EXPECT_TRUE(mac.parse_diagnostics().empty()) << testing::DiagnosticsText(mac.parse_diagnostics());
  const LoadResult a = original.Build({}, testing::BuiltinRegistry());
  const LoadResult b = mac.Build({}, testing::BuiltinRegistry());
  ASSERT_TRUE(a.scenario && b.scenario) << testing::DiagnosticsText(b.diagnostics);
  EXPECT_EQ(a.scenario->name, b.scenario->name);
  EXPECT_EQ(a.scenario->actors.size(), b.scenario->actors.size());
}

TEST(InputMessagesTest, UnterminatedQuoteOnTheLastLineIsAnError) {
  ExpectError(Load(kMinimal + "  B: {home: [1, 1], name: \"open"), 4, 27,
              "unterminated quoted string: the \" opened here is never closed");
  ExpectError(Load(kMinimal + "  B: {home: [1, 1], name: 'open\n"), 4, 27,
              "unterminated quoted string: the ' opened here is never closed");
  // Closed quotes, escaped quotes and quotes inside plain words are fine.
  EXPECT_TRUE(Load(kMinimal + "  B: {home: [1, 1], name: \"a \\\" b\"}\n").diagnostics.empty());
  EXPECT_TRUE(Load(kMinimal + "  B: {home: [1, 1], name: 'it''s'}\n").diagnostics.empty());
  EXPECT_TRUE(Load(kMinimal + "  B: {home: [1, 1], name: don't}\n").diagnostics.empty());
  EXPECT_TRUE(Load(kMinimal + "  B: {home: [1, 1]}  # a \"comment\n").diagnostics.empty());
}

TEST(InputMessagesTest, UnclosedQuoteIsReportedWhereItOpens) {
  // The quote left open on line 4 swallows lines up to the next quote on
  // line 9; the parser only notices after it.
  const std::string text =
      "scenario:\n"
      "  name: x\n"
      "actors:\n"
      "  A: {home: [0, 0], name: \"Alpha}\n"
      "  B: {home: [1, 1]}\n"
      "  C: {home: [2, 2]}\n"
      "  D: {home: [3, 3]}\n"
      "  E: {home: [4, 4]}\n"
      "  F: {home: [5, 5], name: \"Foxtrot\"}\n";
  const LoadResult r = Load(text);
  ExpectError(r, 4, 27, "is its closing quote missing?");
  ExpectError(r, 4, 27, "the quoted string opened here runs on to 9:27");
}

TEST(InputMessagesTest, AliasMessageNamesTheAlias) {
  const LoadResult r =
      Load("scenario: {name: &base x}\nactors:\n  A: {home: [0, 0], name: *base}\n");
  ExpectError(r, 3, 27, "aliases (*base) are not supported");
  for (const Diagnostic& d : r.diagnostics) EXPECT_EQ(d.message.find("*name"), std::string::npos);
}

TEST(InputMessagesTest, NestingLimitHoldsAfterABlockScalar) {
  // "- - |" opens a block scalar whose content must be indented more than
  // the inner sequence (column 2); "  - [[[..." ends it and nests 200 deep.
  const std::string deep =
      "scenario:\n- - |\n  - " + std::string(200, '[') + std::string(200, ']') + "\n";
  ExpectError(Load(deep), 3, 64, "nesting deeper than 64 levels");
  // A block scalar whose text has brackets is still only text.
  const std::string text =
      kMinimal + "  B:\n    home: [1, 1]\n    name: |\n      " + std::string(100, '[') + "\n";
  EXPECT_TRUE(Load(text).diagnostics.empty()) << loader_testing::Text(Load(text));
  // A comment that ends in '|' does not open a block scalar either.
  const std::string commented =
      "scenario:\n- - 1 # |\n  - " + std::string(200, '[') + std::string(200, ']') + "\n";
  ExpectError(Load(commented), 3, 64, "nesting deeper than 64 levels");
}

TEST(InputMessagesTest, StudyWithCrOnlyLineEndsLoads) {
  std::string text = "name: cr\nscenario: " + testing::RepoPath("scenarios/sparse_us.yaml") +
                     "\ndesign: grid\nparameters:\n  run.turns: {values: [4, 5]}\n";
  for (char& c : text) {
    if (c == '\n') c = '\r';
  }
  const cli::StudyLoadResult loaded =
      cli::LoadStudyText(text, "cr.yaml", testing::BuiltinRegistry());
  EXPECT_TRUE(loaded.study) << testing::DiagnosticsText(loaded.diagnostics);
}

class InputMessagesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("overstretch-messages-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  int Cli(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return cli::RunCli(testing::BuiltinRegistry(), std::move(args), out_, err_);
  }
  fs::path dir_;
  std::ostringstream out_, err_;
};

TEST_F(InputMessagesCliTest, SeedOnAScalarFileBlamesTheFileNotASet) {
  const fs::path scalar = dir_ / "scalar.yaml";
  std::ofstream(scalar) << "hello\n";
  EXPECT_EQ(Cli({"run", scalar.string(), "--seed", "5", "--out", (dir_ / "o").string()}),
            cli::kExitBadInput);
  EXPECT_NE(err_.str().find("the top level: expected a map, got 'hello'"), std::string::npos)
      << err_.str();
  EXPECT_EQ(err_.str().find("--set"), std::string::npos) << err_.str();
  // On a map, an override from --seed is named as the user typed it.
  EXPECT_EQ(Cli({"run", testing::RepoPath("scenarios/sparse_us.yaml"), "--turns", "0", "--out",
                 (dir_ / "o").string()}),
            cli::kExitBadInput);
  EXPECT_NE(err_.str().find("--turns 0"), std::string::npos) << err_.str();
  EXPECT_EQ(err_.str().find("--set"), std::string::npos) << err_.str();
}

TEST_F(InputMessagesCliTest, ReportDotInsideARunDirectoryNamesThePageAfterIt) {
  const fs::path run = dir_ / "myrun";
  ASSERT_EQ(Cli({"run", std::string(OVERSTRETCH_TEST_DATA) + "/cli/small.yaml", "--out",
                 run.string(), "--quiet"}),
            cli::kExitOk)
      << err_.str();
  const fs::path cwd = fs::current_path();
  fs::current_path(run);
  const int code = Cli({"report", "."});
  fs::current_path(cwd);
  EXPECT_EQ(code, cli::kExitOk) << err_.str();
  EXPECT_TRUE(fs::is_regular_file(dir_ / "myrun.html"));
  EXPECT_FALSE(fs::exists(run / "..html"));
  EXPECT_FALSE(fs::exists(dir_ / "..html"));
}

}  // namespace
}  // namespace overstretch
