// `overstretch report`: a self-contained page from a run directory (no
// script, nothing fetched), every text from the files escaped, and strict
// reading: malformed files are a FILE:LINE error and exit status 2, never a
// crash. The page in a real browser is tests/report_chromium_test.sh.
#include "tools/classroom/report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "actors/builtin_models.h"
#include "tests/test_support.h"
#include "tools/classroom/play.h"
#include "tools/cli/commands.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::WriteFile;

const std::string kSmall = std::string(OVERSTRETCH_TEST_DATA) + "/cli/small.yaml";

// Replaces line `n` (from 1) of a file.
void ReplaceLine(const fs::path& path, int n, const std::string& line) {
  std::istringstream in(ReadFile(path));
  std::string out, l;
  for (int i = 1; std::getline(in, l); ++i) out += (i == n ? line : l) + "\n";
  WriteFile(path, out);
}

class ReportTest : public testing::CommandLineTest {
 protected:
  void SetUp() override {
    CommandLineTest::SetUp();
    run_ = dir_ / "run";
    ASSERT_EQ(Cli({"run", kSmall, "--out", run_.string(), "--quiet"}), kExitOk) << err_.str();
  }

  // Reports a corrupted copy of the run; returns the error text.
  std::string ReportError(const std::function<void(const fs::path&)>& corrupt) {
    const fs::path copy = dir_ / "corrupt";
    fs::remove_all(copy);
    fs::copy(run_, copy);
    fs::remove(dir_ / "c.html");
    corrupt(copy);
    EXPECT_EQ(Cli({"report", copy.string(), "-o", (dir_ / "c.html").string()}), kExitBadInput);
    EXPECT_FALSE(fs::exists(dir_ / "c.html"));
    return err_.str();
  }

  fs::path run_;
};

TEST_F(ReportTest, RunDirectoryGivesASelfContainedPage) {
  const fs::path html = dir_ / "report.html";
  ASSERT_EQ(Cli({"report", run_.string(), "-o", html.string()}), kExitOk) << err_.str();
  EXPECT_NE(out_.str().find("wrote " + html.string()), std::string::npos);
  const std::string page = ReadFile(html);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* section : {"id=\"summary\"", "id=\"theaters\"", "id=\"forces\"", "id=\"burden\"",
                              "id=\"trust\"", "id=\"graph\"", "id=\"events\""}) {
    EXPECT_NE(page.find(section), std::string::npos) << section;
  }
  EXPECT_GE(page.find("<svg") == std::string::npos ? 0 : 1, 1);
  // The run records the network before turn 1, so the graph starts there.
  EXPECT_EQ(ReadFile(run_ / "events.jsonl").rfind("{\"type\":\"initial_state\",\"turn\":0,", 0),
            0u);
  EXPECT_NE(page.find("At the start (before turn 1)"), std::string::npos);
  EXPECT_EQ(page.find("was written before runs recorded"), std::string::npos);
  EXPECT_NE(page.find("cli_small"), std::string::npos);
  EXPECT_NE(page.find("Alpha surges"), std::string::npos);  // the inject, a key event
  // Nothing to fetch, nothing to run.
  for (const char* banned : {"<script", "src=", "@import", "url(", "href=\"http", "<link"}) {
    EXPECT_EQ(page.find(banned), std::string::npos) << banned;
  }
  // Default output: next to the run directory.
  ASSERT_EQ(Cli({"report", run_.string()}), kExitOk) << err_.str();
  EXPECT_TRUE(fs::is_regular_file(dir_ / "run.html"));
  EXPECT_EQ(ReadFile(dir_ / "run.html"), page);
  // And the run directory is still a run directory (a rerun may replace it).
  EXPECT_EQ(Cli({"run", kSmall, "--out", run_.string(), "--quiet"}), kExitOk) << err_.str();
}

TEST_F(ReportTest, AnOlderRunWithoutItsStartingNetworkStartsAfterTurnOne) {
  std::string events = ReadFile(run_ / "events.jsonl");
  ASSERT_EQ(events.rfind("{\"type\":\"initial_state\"", 0), 0u);
  WriteFile(run_ / "events.jsonl", events.substr(events.find('\n') + 1));
  ASSERT_EQ(Cli({"report", run_.string(), "-o", "-"}), kExitOk) << err_.str();
  const std::string page = out_.str();
  EXPECT_EQ(page.find("At the start (before turn 1)"), std::string::npos);
  EXPECT_NE(page.find("After turn 1"), std::string::npos);
  EXPECT_NE(page.find("was written before runs recorded"), std::string::npos);
}

TEST_F(ReportTest, TextFromTheFilesIsEscaped) {
  std::string summary = ReadFile(run_ / "summary.json");
  const std::string name = "\"scenario\": \"cli_small\"";
  summary.replace(summary.find(name), name.size(),
                  "\"scenario\": \"<script>alert('x')</script> & \\u0007 \\\"q\\\"\"");
  WriteFile(run_ / "summary.json", summary);
  std::string events = ReadFile(run_ / "events.jsonl");
  const std::string label = "\"label\":\"Alpha surges\"";
  events.replace(events.find(label), label.size(), "\"label\":\"<img src=x onerror=alert(1)>\"");
  WriteFile(run_ / "events.jsonl", events);
  ASSERT_EQ(Cli({"report", run_.string(), "-o", "-"}), kExitOk) << err_.str();
  const std::string page = out_.str();
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;"), std::string::npos);
  EXPECT_NE(page.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_EQ(HtmlEscape("a\xff\x01<"), "a\xEF\xBF\xBD &lt;");
}

TEST_F(ReportTest, MalformedFilesAreFileLineErrors) {
  std::string e = ReportError([](const fs::path& d) {
    ReplaceLine(d / "theaters.csv", 3, "3,EAST,active,2,abc,,0,0,0,0,,0,0,0,0");
  });
  EXPECT_NE(e.find("theaters.csv:3: column 'control'"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) {
    ReplaceLine(d / "theaters.csv", 2, "1,EAST,active,9,0,,0,0,0,0,,0,0,0,0");
  });
  EXPECT_NE(e.find("theaters.csv:2: column 'escalation'"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) { ReplaceLine(d / "actors.csv", 1, "turn,actor"); });
  EXPECT_NE(e.find("actors.csv:1: unexpected header"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) { ReplaceLine(d / "network.csv", 2, "1,Alpha,\"Beta"); });
  EXPECT_NE(e.find("network.csv:2:"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) { ReplaceLine(d / "turns.csv", 4, "1,0.5,0,1"); });
  EXPECT_NE(e.find("turns.csv:4: turn 1 after turn 2"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) { ReplaceLine(d / "events.jsonl", 2, "{\"type\": 1"); });
  EXPECT_NE(e.find("events.jsonl:2: malformed JSON"), std::string::npos) << e;
  e = ReportError(
      [](const fs::path& d) { ReplaceLine(d / "events.jsonl", 1, std::string(200000, '[')); });
  EXPECT_NE(e.find("events.jsonl:1: JSON nested deeper"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) {
    ReplaceLine(d / "events.jsonl", 1, "{\"type\":\"abandonment\",\"turn\":1}");
  });
  EXPECT_NE(e.find("events.jsonl:1: abandonment event: 'abandoner' must be a string"),
            std::string::npos)
      << e;
  e = ReportError([](const fs::path& d) { WriteFile(d / "summary.json", "{\"scenario\": 3}"); });
  EXPECT_NE(e.find("summary.json: 'scenario' must be a string"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) { WriteFile(d / "summary.json", "{\"x\": 1e999999}"); });
  EXPECT_NE(e.find("summary.json"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) { fs::remove(d / "turns.csv"); });
  EXPECT_NE(e.find("turns.csv"), std::string::npos) << e;
  e = ReportError([](const fs::path& d) { WriteFile(d / "actors.csv", std::string("\0\1\2", 3)); });
  EXPECT_NE(e.find("actors.csv"), std::string::npos) << e;
  EXPECT_EQ(Cli({"report", (dir_ / "nothing").string()}), kExitBadInput);
  EXPECT_NE(err_.str().find("not a directory"), std::string::npos);
}

TEST_F(ReportTest, WorksOnAPlayedGame) {
  PlayOptions options;
  options.scenario = kSmall;
  options.humans = "Alpha";
  options.out = (dir_ / "played").string();
  std::istringstream in(
      "next\n3\ninject {set: actors.Beta.forces, value: 30}\nnext\n2\n"
      "override EAST control 0.4 <b>umpire</b> ruling\nnext\n1\nquit\n");
  std::ostringstream out, err;
  ASSERT_EQ(RunPlay(options, registry_, in, out, err), kExitOk) << err.str() << out.str();
  ASSERT_EQ(Cli({"report", (dir_ / "played").string(), "-o", "-"}), kExitOk) << err_.str();
  const std::string page = out_.str();
  EXPECT_NE(page.find("classroom game"), std::string::npos);
  EXPECT_NE(page.find("Human players"), std::string::npos);
  EXPECT_NE(page.find("O1 override"), std::string::npos);
  EXPECT_NE(page.find("&lt;b&gt;umpire&lt;/b&gt; ruling"), std::string::npos);
  EXPECT_NE(page.find("I1 inject"), std::string::npos);
}

}  // namespace
}  // namespace overstretch::cli

namespace overstretch::cli {
namespace {

// The report sets another run beside this one (a branch of a played game, or
// the same scenario with another seed or setting).
TEST_F(ReportTest, ComparesTwoRuns) {
  const fs::path other = dir_ / "other";
  ASSERT_EQ(Cli({"run", kSmall, "--seed", "9", "--out", other.string(), "--quiet"}), kExitOk)
      << err_.str();
  const fs::path html = dir_ / "compare.html";
  ASSERT_EQ(Cli({"report", run_.string(), "--compare", other.string(), "-o", html.string()}),
            kExitOk)
      << err_.str();
  const std::string page = ReadFile(html);
  EXPECT_NE(page.find("id=\"compare\""), std::string::npos);
  EXPECT_NE(page.find("<h2>run compared with other</h2>"), std::string::npos);
  EXPECT_NE(page.find("other is in " + other.string()), std::string::npos);
  EXPECT_NE(page.find("escalation, other"), std::string::npos);
  // Without --compare there is no such section; a broken other run is an error.
  ASSERT_EQ(Cli({"report", run_.string(), "-o", html.string()}), kExitOk);
  EXPECT_EQ(ReadFile(html).find("id=\"compare\""), std::string::npos);
  EXPECT_EQ(Cli({"report", run_.string(), "--compare", (dir_ / "missing").string(), "-o",
                 (dir_ / "x.html").string()}),
            kExitBadInput);
  EXPECT_FALSE(fs::exists(dir_ / "x.html"));
}

}  // namespace
}  // namespace overstretch::cli
