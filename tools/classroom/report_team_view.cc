// "What you saw vs. the truth" (report_page.h): for each human team of a
// played game, the estimates its briefing gave before each decision (its
// actor's `decision` events: last turn's delivered force of its side and of
// the other side, under fog) beside the true figures (theaters.csv of the
// turn before), then the team's own decisions. A team's section holds only
// its own estimates and decisions, so it can be handed to that team alone.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "tools/classroom/report_page.h"

namespace overstretch::cli::report {
namespace {

// Delivered force of each side per (turn, theater), from theaters.csv.
using Truth = std::map<std::pair<int, std::string>, const ReportTheaterRow*>;

Truth TrueForces(const ReportData& d) {
  Truth truth;
  for (const ReportTheaterRow& r : d.theater_rows) truth[{r.turn, r.theater}] = &r;
  return truth;
}

std::string Error(double seen, double truth) {
  if (!(truth > 0.0)) return seen > 0.0 ? "above nothing" : "exact";
  const double e = (seen - truth) / truth;
  if (std::fabs(e) < 0.005) return "exact";
  return fmt::format("{:+.0f}%", 100.0 * e);
}

std::string EstimateRow(const ReportEstimate& e, const Truth& truth) {
  // What the briefing estimated is last turn's delivered force: before turn 1, none.
  const auto it = truth.find({e.turn - 1, e.theater});
  const bool challenger = e.side == "challengers";
  double own = 0.0, other = 0.0;
  if (it != truth.end()) {
    own = challenger ? it->second->phi_challengers : it->second->phi_defenders;
    other = challenger ? it->second->phi_defenders : it->second->phi_challengers;
  }
  return fmt::format(
      "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}"
      "</td><td>{}</td></tr>",
      e.turn, E(e.theater), E(e.side), Fix(e.observed_own, 1), Fix(own, 1),
      E(Error(e.observed_own, own)), Fix(e.observed_other, 1), Fix(other, 1),
      E(Error(e.observed_other, other)));
}

std::string Decisions(const View& v, const std::string& actor) {
  std::string rows;
  for (const ReportEvent& ev : v.d.events) {
    const Json& j = ev.json;
    if (j.at("type") != "human_decision" || j.at("actor") != actor) continue;
    rows +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", j.at("turn").get<int>(),
                    E(j.at("theater").get<std::string>()), E(j.at("option").get<std::string>()));
  }
  if (rows.empty()) return "";
  return "<h4>Your decisions</h4>" +
         Scroll("<table class=\"grid\"><tr><th>turn</th><th>theater</th><th>decision</th></tr>" +
                rows + "</table>");
}

std::string TeamSection(const View& v, const std::string& actor, const Truth& truth) {
  std::string rows;
  for (const ReportEstimate& e : v.d.estimates) {
    // Turn 1's briefing has no estimate: nothing was delivered before it.
    if (e.actor == actor && e.side != "none" && e.turn > 1) rows += EstimateRow(e, truth);
  }
  std::string html = fmt::format(
      "<section class=\"team\" id=\"team-{0}\"><h2>Team {0}: what you saw vs. the truth</h2>",
      E(actor));
  if (rows.empty()) {
    html += "<p>No estimates recorded: this team was on no side of an active theater.</p>";
  } else {
    html += Scroll(
        "<table class=\"grid\"><tr><th>turn</th><th>theater</th><th>your side</th>"
        "<th>your side's force: you saw</th><th>true</th><th>error</th>"
        "<th>the other side's: you saw</th><th>true</th><th>error</th></tr>" +
        rows + "</table>");
  }
  return html + Decisions(v, actor) + "</section>";
}

}  // namespace

std::string TeamSections(const View& v) {
  if (v.humans.empty()) return "";
  const Truth truth = TrueForces(v.d);
  std::string html =
      "<section id=\"teams\"><h2>What each team saw</h2><p class=\"note\">Before deciding, each "
      "team's briefing estimated last turn's delivered force (force units) of its side and of "
      "the other side in every active theater it stood in, under fog (docs/model.md §3.4); "
      "\"true\" is what was delivered (theaters.csv of the turn before). A "
      "challenger's estimate of the defenders also discounts allies the defenders do not "
      "trust; the briefing showed the team's own side at least at what the team itself delivered, "
      "which it knew. Each team's part below holds only its own figures and "
      "decisions.</p></section>";
  for (const std::string& actor : v.humans) html += TeamSection(v, actor, truth);
  return html;
}

}  // namespace overstretch::cli::report
