// The report serves a classroom debrief: the facilitator's overrides, undos
// and injects are marked on the charts between the right turns and listed
// once in words; the alliance graph starts before turn 1 and draws
// commitment, intelligence and access apart; the trust colours avoid a
// red–green pair; a branch compared with its original names both and where
// it left; each team's part holds only its own figures and decisions; the
// page is laid out for a phone and for print.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "tests/test_support.h"
#include "tools/classroom/play.h"
#include "tools/classroom/report.h"
#include "tools/classroom/report_page.h"
#include "tools/cli/commands.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;

const std::string kSmall = std::string(OVERSTRETCH_TEST_DATA) + "/cli/small.yaml";

// Beta (defender) and Gamma (challenger) each take one decision per turn in
// small.yaml's one theater; option 1 and 2 exist in every menu.
class DebriefTest : public testing::CommandLineTest {
 protected:
  // Plays `script` (facilitator commands and decisions) into dir_/NAME and
  // returns its report page (with `extra` report arguments).
  std::string PlayAndReport(const std::string& name, const std::string& script,
                            const std::string& save = "") {
    PlayOptions options;
    options.scenario = kSmall;
    options.humans = "Beta,Gamma";
    options.out = (dir_ / name).string();
    options.save = save;
    std::istringstream in(script);
    std::ostringstream out, err;
    EXPECT_EQ(RunPlay(options, registry_, in, out, err), kExitOk) << err.str() << out.str();
    EXPECT_EQ(Cli({"report", (dir_ / name).string(), "-o", "-"}), kExitOk) << err_.str();
    return out_.str();
  }
};

// The text between `open` (first occurrence) and the next `close`.
std::string Between(const std::string& page, const std::string& open, const std::string& close) {
  const std::size_t a = page.find(open);
  if (a == std::string::npos) return "";
  const std::size_t b = page.find(close, a);
  return page.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The number written right after the first `prefix` in `text` (NAN if none).
// No <regex>: GCC 12 warns inside it (maybe-uninitialized) under ASan -O2.
double NumberAfter(const std::string& text, const std::string& prefix) {
  const std::size_t at = text.find(prefix);
  return at == std::string::npos ? NAN : std::strtod(text.c_str() + at + prefix.size(), nullptr);
}

// The x of the turn axis label `turn` in an SVG chart.
double TickX(const std::string& svg, int turn) {
  const std::string label =
      "class=\"tick\" text-anchor=\"middle\">" + std::to_string(turn) + "</text>";
  const std::size_t end = svg.find(label);
  if (end == std::string::npos) return NAN;
  const std::size_t start = svg.rfind("<text x=\"", end);
  return start == std::string::npos ? NAN : NumberAfter(svg.substr(start, end - start), "x=\"");
}

TEST_F(DebriefTest, AnOverrideIsMarkedBetweenItsTurnsWithItsReason) {
  // Turn 1, then an inject; turn 2, then the override; turn 3.
  const std::string page =
      PlayAndReport("played",
                    "next\n1\n1\ninject {set: actors.Beta.forces, value: 30}\nnext\n2\n1\n"
                    "override EAST escalation 4 border clash ruled\nnext\n1\n1\nquit\n");
  // The first chart of the theater EAST carries the override's marker.
  const std::string svg = Between(page, "<svg class=\"chart\"", "</svg>");
  const std::string marker = Between(svg, "<g class=\"marker override\">", "</g>");
  ASSERT_FALSE(marker.empty()) << svg;
  EXPECT_NE(marker.find("border clash ruled"), std::string::npos) << marker;
  EXPECT_NE(marker.find("after turn 2"), std::string::npos) << marker;
  EXPECT_NE(marker.find(">O1</text>"), std::string::npos) << marker;
  const double x = NumberAfter(marker, "<line x1=\"");
  ASSERT_FALSE(std::isnan(x)) << marker;
  EXPECT_LT(TickX(svg, 2), x);
  EXPECT_GT(TickX(svg, 3), x);
  // The inject: before turn 2, one marker and one row in the key events, in words.
  EXPECT_NE(Between(svg, "<g class=\"marker inject\">", "</g>").find("after turn 1"),
            std::string::npos);
  const std::string events = Between(page, "id=\"events\"", "</section>");
  EXPECT_EQ(Count(events, "I1 inject"), 1u) << events;
  EXPECT_NE(events.find("Beta forces → 30"), std::string::npos) << events;
  EXPECT_EQ(Count(events, "O1 override"), 1u) << events;
  EXPECT_EQ(page.find("{set:"), std::string::npos);  // never the raw command
  EXPECT_NE(Between(page, "id=\"actions\"", "</section>").find("border clash ruled"),
            std::string::npos);
}

TEST_F(DebriefTest, AnUndoIsListedAndMarkedAndTheUndoneStepIsGone) {
  const std::string page = PlayAndReport(
      "undone", "next\n1\n1\noverride EAST control 0.9 mistaken ruling\nundo\nnext\n1\n1\nquit\n");
  const std::string svg = Between(page, "<svg class=\"chart\"", "</svg>");
  EXPECT_NE(svg.find("<g class=\"marker undo\">"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("<g class=\"marker override\">"), std::string::npos) << svg;
  const std::string events = Between(page, "id=\"events\"", "</section>");
  EXPECT_EQ(Count(events, "U1 undo"), 1u) << events;
  EXPECT_NE(events.find("mistaken ruling"), std::string::npos) << events;
}

TEST_F(DebriefTest, TheGraphStartsBeforeTurnOneAndShowsACutOfIntelligence) {
  // small.yaml: Alpha shares intelligence with Beta (0.5), Beta gives Alpha
  // access to its bases (1.0). The facilitator cuts both after turn 1.
  const std::string page = PlayAndReport(
      "cut", "next\n1\n1\ninject {cut: {between: [Alpha, Beta]}}\nnext\n1\n1\nquit\n");
  const std::string graph = Between(page, "id=\"graph\"", "</section>");
  ASSERT_NE(graph.find("At the start (before turn 1)"), std::string::npos) << graph;
  const std::string start = Between(graph, "<svg class=\"graph\"", "</svg>");
  const std::string end = Between(graph, "aria-label=\"alliance graph: After turn", "</svg>");
  ASSERT_FALSE(end.empty());
  EXPECT_NE(start.find("Alpha → Beta: intelligence shared 0.50"), std::string::npos) << start;
  EXPECT_NE(start.find("Beta → Alpha: Alpha may use Beta&#39;s bases"), std::string::npos);
  EXPECT_NE(start.find("Alpha → Beta: commitment 1.00"), std::string::npos);
  EXPECT_EQ(end.find("intelligence shared"), std::string::npos) << end;
  EXPECT_EQ(end.find("bases"), std::string::npos) << end;
  EXPECT_NE(Between(graph, "Ties that changed", "</table>").find("Alpha → Beta"),
            std::string::npos);
  // The legend tells the three instruments apart.
  for (const char* word : {"commitment", "intelligence", "base access"}) {
    EXPECT_NE(Between(graph, "class=\"legend\"", "</div>").find(word), std::string::npos) << word;
  }
}

// Hue in degrees of "#RRGGBB".
double Hue(const std::string& hex) {
  const double r = std::stoi(hex.substr(1, 2), nullptr, 16) / 255.0;
  const double g = std::stoi(hex.substr(3, 2), nullptr, 16) / 255.0;
  const double b = std::stoi(hex.substr(5, 2), nullptr, 16) / 255.0;
  const double hi = std::max({r, g, b}), lo = std::min({r, g, b}), c = hi - lo;
  if (c < 0.05) return -1;  // grey: no hue
  double h = hi == r ? std::fmod((g - b) / c, 6.0) : hi == g ? (b - r) / c + 2 : (r - g) / c + 4;
  h *= 60;
  return h < 0 ? h + 360 : h;
}

double Luminance(const std::string& hex) {
  const double r = std::stoi(hex.substr(1, 2), nullptr, 16);
  const double g = std::stoi(hex.substr(3, 2), nullptr, 16);
  const double b = std::stoi(hex.substr(5, 2), nullptr, 16);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

TEST(ReportPalette, TrustHasNoRedGreenPairAndItsEndsDifferInLightness) {
  bool reddish = false, greenish = false;
  for (int i = 0; i <= 20; ++i) {
    const double h = Hue(report::TrustColor(i / 20.0));
    if (h < 0) continue;
    reddish |= h < 20 || h > 340;
    greenish |= h > 75 && h < 165;
  }
  EXPECT_FALSE(reddish && greenish);
  EXPECT_FALSE(greenish);
  EXPECT_GT(std::fabs(Luminance(report::TrustColor(0)) - Luminance(report::TrustColor(1))), 20);
}

TEST_F(DebriefTest, ABranchComparedWithItsOriginalNamesBothAndWhereItLeft) {
  const fs::path save = dir_ / "class1.json";
  PlayAndReport("class1", "next\n1\n1\nnext\n1\n1\nnext\n1\n1\nquit\n", save.string());
  PlayOptions branch;
  branch.branch = save.string();
  branch.branch_turn = 2;
  branch.out = (dir_ / "what_if").string();
  std::istringstream in("override EAST control 0.1 ceasefire\nnext\n2\n2\nquit\n");
  std::ostringstream out, err;
  ASSERT_EQ(RunPlay(branch, registry_, in, out, err), kExitOk) << err.str() << out.str();
  ASSERT_EQ(Cli({"report", (dir_ / "what_if").string(), "--compare", (dir_ / "class1").string(),
                 "-o", "-"}),
            kExitOk)
      << err_.str();
  const std::string page = out_.str();
  const std::string compare = Between(page, "id=\"compare\"", "</section>");
  ASSERT_FALSE(compare.empty());
  EXPECT_NE(compare.find("<h2>what_if compared with class1</h2>"), std::string::npos) << compare;
  EXPECT_NE(compare.find("saved in " + save.string() + " up to the end of turn 2"),
            std::string::npos)
      << compare;
  EXPECT_NE(compare.find("difference (what_if − class1)"), std::string::npos);
  // Turn 3: the branch's override and other decisions, beside the original's.
  const std::string side = Between(compare, "class=\"grid side\"", "</table>");
  const std::string row3 = Between(side, "<td>3</td>", "</tr>");
  EXPECT_NE(row3.find("ceasefire"), std::string::npos) << side;
  EXPECT_NE(Between(side, "<tr class=\"differs\"><td>3</td>", "</tr>"), "") << side;
  EXPECT_EQ(Between(side, "<tr class=\"differs\"><td>1</td>", "</tr>"), "") << side;
  // Names given on the command line replace the directories' names.
  ASSERT_EQ(Cli({"report", (dir_ / "what_if").string(), "--compare", (dir_ / "class1").string(),
                 "--name", "ceasefire", "--compare-name", "as played", "-o", "-"}),
            kExitOk);
  EXPECT_NE(out_.str().find("<h2>ceasefire compared with as played</h2>"), std::string::npos);
}

TEST_F(DebriefTest, EachTeamSeesItsOwnEstimatesBesideTheTruthAndNothingOfTheOther) {
  const std::string page = PlayAndReport("teams", "next\n2\n1\nnext\n2\n1\nnext\n2\n1\nquit\n");
  const std::string beta = Between(page, "id=\"team-Beta\"", "</section>");
  const std::string gamma = Between(page, "id=\"team-Gamma\"", "</section>");
  ASSERT_FALSE(beta.empty());
  ASSERT_FALSE(gamma.empty());
  EXPECT_EQ(beta.find("Gamma"), std::string::npos) << beta;
  EXPECT_EQ(gamma.find("Beta"), std::string::npos) << gamma;
  // One estimate row per turn after the first (Beta stands in EAST every
  // turn; turn 1's briefing has nothing delivered to estimate), with the truth.
  EXPECT_EQ(Count(Between(beta, "you saw", "</table>"), "<tr><td>"), 2u) << beta;
  EXPECT_NE(beta.find("<th>true</th>"), std::string::npos);
  EXPECT_NE(Between(beta, "Your decisions", "</table>"), "");
}

TEST_F(DebriefTest, ThePageIsLaidOutForAPhoneAndForPrint) {
  const std::string page = PlayAndReport("layout", "next\n1\n1\nnext\n1\n1\nquit\n");
  EXPECT_NE(page.find("<meta name=\"viewport\" content=\"width=device-width"), std::string::npos);
  EXPECT_NE(page.find("@media print"), std::string::npos);
  // Every chart scales (a viewBox) and every table sits in a sideways scroller.
  EXPECT_EQ(Count(page, "<svg class="), Count(page, "<svg class=\"chart\" viewBox=") +
                                            Count(page, "<svg class=\"graph\" viewBox="));
  EXPECT_EQ(Count(page, "<table"), Count(page, "<div class=\"scroll\"><table"));
  // Tick labels at 390 px: the chart's box is the screen less the page's,
  // card's and figure's padding and borders (CSS below 600 px: 10 + 6 + 6 px
  // each side, 2 px of borders each side).
  const double font = NumberAfter(page, "svg .tick{font-size:");
  const double width = NumberAfter(page, "<svg class=\"chart\" viewBox=\"0 0 ");
  ASSERT_GT(font, 0.0);
  ASSERT_GT(width, 0.0);
  const double box = 390 - 2 * (10 + 6 + 6 + 2);
  EXPECT_GE(font * std::min(1.0, box / width), 11.0);
}

}  // namespace
}  // namespace overstretch::cli
