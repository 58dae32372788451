// `overstretch report`: a self-contained HTML after-action report of one run
// directory (docs/outputs.md), from `overstretch run` or `overstretch play`.
//
// Reading is strict: every file is checked against its documented columns
// and types, and the first problem is reported as "FILE:LINE: message" rather
// than guessed around. Everything taken from the files is escaped for HTML;
// the page has inline CSS and inline SVG only, no script, font or image to
// fetch, so it opens offline and in a locked-down browser.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace overstretch::cli {

struct ReportTheaterRow {
  int turn = 0;
  std::string theater;
  std::string status;
  int escalation = 0;
  double control = 0.0;
  std::optional<double> p_challengers;  // empty: not adjudicated that turn
  double phi_challengers = 0.0;
  double phi_defenders = 0.0;
  int coalition_challengers = 0;
  int coalition_defenders = 0;
  std::optional<double> patron_share;
  double patron_delivered = 0.0;
  double allied_delivered = 0.0;
  double losses_challengers = 0.0;
  double losses_defenders = 0.0;
};

struct ReportActorRow {
  int turn = 0;
  std::string actor;
  double forces = 0.0;
  double available = 0.0;
  double deployed = 0.0;
  double losses = 0.0;
  double stretch = 0.0;
  std::optional<double> trust_in;
  std::vector<std::string> postures;  // one per theater, in theater-column order
};

struct ReportTieRow {
  int turn = 0;
  std::string from;
  std::string to;
  double commitment = 0.0;
  double access = 0.0;
  double intel = 0.0;
  double trust = 0.0;
  double hostility = 0.0;
};

// The ties and forces before turn 1 (a played game's `initial_state` event);
// unknown for a model run, whose network.csv starts after turn 1.
struct ReportStart {
  bool known = false;
  std::vector<ReportTieRow> ties;  // turn 0
  std::vector<std::pair<std::string, double>> forces;
};

// What a human team's actor estimated before deciding in one theater (its
// `decision` event): the delivered force of its side and of the other side
// last turn, under fog.
struct ReportEstimate {
  int turn = 0;
  std::string actor;
  std::string theater;
  std::string side;  // challengers, defenders
  double observed_own = 0.0;
  double observed_other = 0.0;
};

struct ReportTurnRow {
  int turn = 0;
  std::optional<double> cohesion;
  int abandonments = 0;
  int active_theaters = 0;
};

// One line of events.jsonl worth showing. Decisions are only counted (human
// players' estimates are kept as ReportEstimate); initial_state is `start`.
struct ReportEvent {
  int line = 0;
  nlohmann::json json;
};

struct ReportData {
  std::string dir;   // as given, for the page title
  std::string name;  // what the page calls the run (--name, else the directory's name)
  std::vector<std::string> theaters;  // ids, from the actors.csv columns
  std::vector<ReportTheaterRow> theater_rows;
  std::vector<ReportActorRow> actor_rows;
  std::vector<ReportTieRow> tie_rows;
  std::vector<ReportTurnRow> turn_rows;
  std::vector<ReportEvent> events;
  std::size_t decision_events = 0;
  ReportStart start;
  std::vector<ReportEstimate> estimates;  // human actors' only, in file order
  nlohmann::json summary;
};

// Reads the six files of a run directory. False with *error
// ("DIR/FILE:LINE: what is wrong") on any missing file or malformed content.
bool ReadRunDirectory(const std::filesystem::path& dir, ReportData* data, std::string* error);

// The whole report page; with `compare`, a section sets the other run (a
// branch of a played game, or another setting) beside this one. Each run is
// called by its `name`.
std::string RenderReportHtml(const ReportData& data, const ReportData* compare = nullptr);

// Text for HTML content and attribute values: & < > " ' escaped, control
// characters turned into spaces, invalid UTF-8 replaced by U+FFFD.
std::string HtmlEscape(std::string_view text);

// Whether a JSON text nests no deeper than `max_depth` arrays/objects (the
// JSON parser recurses once per level: hostile input must not exhaust the stack).
bool JsonDepthWithin(std::string_view text, int max_depth);

}  // namespace overstretch::cli
