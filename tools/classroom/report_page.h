// The parts of the after-action report page (tools/classroom/report.h), one
// idea per file: report_chart.cc draws charts, report_actions.cc reads the
// facilitator's actions, report_sections.cc the model's sections,
// report_graph.cc the alliance graph, report_events.cc the event lists,
// report_compare.cc two runs side by side, report_team_view.cc each team's
// estimates beside the truth; report_html.cc assembles the page.
//
// Every function returns HTML with all text escaped; nothing here reads files.
#pragma once

#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tools/classroom/report.h"

namespace overstretch::cli::report {

using Json = nlohmann::json;

std::string E(std::string_view text);  // HtmlEscape
std::string Fix(double x, int digits = 2);
std::string Level(int escalation);             // "3 (limited conflict)"
std::string Scroll(const std::string& table);  // a table that scrolls sideways on a phone

// ------------------------------------------------------------ colours
// Okabe–Ito (safe for the common colour-vision deficiencies), then Tol's
// muted colours; sides are vermillion (challengers) and blue (defenders).
std::string ActorColor(std::size_t index);
inline constexpr const char* kChallengerColor = "#D55E00";
inline constexpr const char* kDefenderColor = "#0072B2";
inline constexpr const char* kPatronColor = "#004C7A";
inline constexpr const char* kAlliesColor = "#56B4E9";
inline constexpr const char* kEscalationColor = "#6A3D9A";
inline constexpr const char* kNeutralColor = "#666666";
// Trust on a blue–orange scale: 0 orange, 0.5 grey, 1 blue (no red–green
// pair; the ends also differ in lightness).
std::string TrustColor(double trust);

// ------------------------------------------------------------ charts
struct Series {
  std::string name;
  std::string color;
  std::vector<double> y;  // per turn from 1; NaN: a gap
  bool step = false;
  bool dashed = false;
};
inline double Nan() { return std::numeric_limits<double>::quiet_NaN(); }

struct Axis {
  double min = 0.0;
  double max = 1.0;
  bool log = false;  // ticks at powers of ten; values below min drawn at min
  std::vector<std::pair<double, std::string>> ticks;
};
Axis ValueAxis(double max_value);
Axis LogAxis(double min_value, double max_value);
Axis UnitAxis();
Axis EscalationAxis();

// A vertical marker between turn T and T+1: something the facilitator did
// after turn T (before T+1), labelled with a short code; `title` is the
// full text (a tooltip, and the key beside the chart).
struct Marker {
  int after_turn = 0;
  std::string code;   // "O1"
  std::string kind;   // inject, override, undo, agreement: a CSS class
  std::string title;  // what happened, with the reason
};

std::string LineChart(const std::string& label, int turns, const Axis& y,
                      const std::vector<Series>& series, const std::vector<Marker>& markers = {});
std::string StackedBars(const std::string& label, int turns, const std::vector<Series>& stacks,
                        const std::vector<Marker>& markers = {});
std::string Legend(const std::vector<Series>& series);
std::string Figure(const std::string& title, const std::string& svg, const std::string& legend,
                   const std::string& caption = "");

// ------------------------------------------------------------ the run
// A facilitator's action of a played game, or a scheduled inject, once each.
struct Action {
  int after_turn = 0;    // applied after this turn (0: before turn 1)
  std::string kind;      // inject, override, undo, agreement, veto
  std::string theater;   // override: its theater; empty otherwise
  std::string headline;  // what the page shows: the narrative, else the effect in words
  std::string detail;    // effects in words, or the override's values and reason
  std::string code;      // I1, O1, U1, A1, V1: numbered per kind in order
  int line = 0;          // events.jsonl line of its first event
};
std::vector<Action> Actions(const ReportData& data);
// The markers of `actions` that concern `theater` (empty: all of them).
std::vector<Marker> Markers(const std::vector<Action>& actions, const std::string& theater = "");
std::string EffectWords(const Json& effect);

struct View {
  const ReportData& d;
  int turns = 0;
  std::vector<std::string> actors;  // sorted ids
  std::map<std::string, std::string> color;
  std::vector<std::string> theaters;  // sorted ids (from theaters.csv)
  std::vector<std::string> humans;    // played games, as named
  bool played = false;
  std::vector<Action> actions;

  explicit View(const ReportData& data);
  const std::string& ColorOf(const std::string& actor) const;
};

// ------------------------------------------------------------ sections
std::string SummarySection(const View& v);
std::string TheaterSection(const View& v);
std::string ForcesSection(const View& v);
std::string BurdenSection(const View& v);
std::string TrustSection(const View& v);
std::string GraphSection(const View& v);
std::string ActionsSection(const View& v);
std::string EventsSection(const View& v);
std::string PlayersSection(const View& v);
std::string TalksSection(const View& v);
std::string TeamSections(const View& v);
std::string ComparisonSection(const View& v, const View& other);
// The run's provenance ("branched from turn T of FILE"), empty when none.
std::string BranchNote(const View& v);

}  // namespace overstretch::cli::report
