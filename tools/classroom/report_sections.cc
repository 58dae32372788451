// The model's sections of the report (report_page.h): summary metrics, each
// theater's escalation, control and forces, forces and losses by actor,
// burden sharing, and trust. Every time-series chart marks the facilitator's
// actions (report_actions.cc) at the gap between turns where they happened.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "tools/classroom/report_page.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli::report {
namespace {

constexpr std::size_t kMaxTheaterCards = 24;
constexpr std::size_t kMaxSeries = 12;

// A run metric of a summary read by ReadRunDirectory (which checked its type).
std::string MetricValueText(const RunMetric& metric, const Json& summary) {
  MetricValue value;
  std::string error;
  return MetricFromJson(metric, summary, &value, &error) ? MetricText(metric, value) : "n/a";
}

std::vector<double> Gaps(int turns) { return std::vector<double>(turns, Nan()); }

std::string TheaterTable(const Json& theaters) {
  std::string html =
      "<table class=\"grid\"><tr><th>theater</th><th>opened</th>"
      "<th>deterred</th><th>lost</th><th>max escalation</th><th>final control</th>"
      "<th>final status</th><th>conflict turns</th><th>allied burden</th></tr>";
  for (const auto& [id, t] : theaters.items()) {
    const Json& burden = t.at("allied_burden_share");
    const std::string burden_text = burden.is_number() ? Fix(burden.get<double>(), 3) : "n/a";
    html += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>",
        E(id), t.at("opened").get<bool>() ? "yes" : "no",
        t.at("deterred").get<bool>() ? "yes" : "no",
        t.at("lost").get<bool>() ? "<b class=\"bad\">yes</b>" : "no",
        E(Level(t.at("max_escalation").get<int>())), Fix(t.at("final_control").get<double>(), 3),
        E(t.at("final_status").get<std::string>()), t.at("conflict_turns").get<int>(),
        E(burden_text));
  }
  return Scroll(html + "</table>");
}

// The charts of one theater.
std::string TheaterCard(const View& v, const std::string& id) {
  Series esc{"escalation", kEscalationColor, Gaps(v.turns), true};
  Series control{"control (challengers)", kChallengerColor, Gaps(v.turns)};
  Series p{"p (challengers' success)", kNeutralColor, Gaps(v.turns), false, true};
  Series phi_c{"delivered by challengers", kChallengerColor, Gaps(v.turns)};
  Series phi_d{"delivered by defenders", kDefenderColor, Gaps(v.turns), false, true};
  Series loss_c{"losses of challengers", kChallengerColor, std::vector<double>(v.turns, 0.0)};
  Series loss_d{"losses of defenders", kDefenderColor, std::vector<double>(v.turns, 0.0)};
  std::string status;
  double max_phi = 0.0;
  for (const ReportTheaterRow& r : v.d.theater_rows) {
    if (r.theater != id) continue;
    const std::size_t t = static_cast<std::size_t>(r.turn - 1);
    status = r.status;
    if (r.status == "pending") continue;
    esc.y[t] = r.escalation;
    control.y[t] = r.control;
    if (r.p_challengers) {
      p.y[t] = *r.p_challengers;
      phi_c.y[t] = r.phi_challengers;
      phi_d.y[t] = r.phi_defenders;
      max_phi = std::max({max_phi, r.phi_challengers, r.phi_defenders});
    }
    loss_c.y[t] = r.losses_challengers;
    loss_d.y[t] = r.losses_defenders;
  }
  const std::vector<Marker> marks = Markers(v.actions, id);
  std::string html = fmt::format(
      "<div class=\"card\"><h3>{} <small>final status: {}</small></h3><div class=\"row\">", E(id),
      E(status.empty() ? "n/a" : status));
  html += Figure("Escalation",
                 LineChart(id + " escalation", v.turns, EscalationAxis(), {esc}, marks), "");
  html += Figure("Control and success",
                 LineChart(id + " control", v.turns, UnitAxis(), {control, p}, marks),
                 Legend({control, p}));
  html +=
      Figure("Delivered force",
             LineChart(id + " delivered force", v.turns, ValueAxis(max_phi), {phi_c, phi_d}, marks),
             Legend({phi_c, phi_d}), "force units after the loss of strength with distance");
  html += Figure("Losses", StackedBars(id + " losses", v.turns, {loss_c, loss_d}, marks),
                 Legend({loss_c, loss_d}), "departure force units per turn");
  return html + "</div></div>";
}

// The actors with the largest forces at turn 1, at most kMaxSeries.
std::set<std::string> LargestActors(const View& v) {
  std::vector<std::pair<double, std::string>> by_size;
  for (const std::string& a : v.actors) {
    double first = 0.0;
    for (const ReportActorRow& r : v.d.actor_rows) {
      if (r.actor == a) {
        first = r.forces;
        break;
      }
    }
    by_size.push_back({-first, a});
  }
  std::sort(by_size.begin(), by_size.end());
  if (by_size.size() > kMaxSeries) by_size.resize(kMaxSeries);
  std::set<std::string> chosen;
  for (const auto& [size, a] : by_size) chosen.insert(a);
  return chosen;
}

}  // namespace

std::string SummarySection(const View& v) {
  const Json& s = v.d.summary;
  std::string html = "<section id=\"summary\"><h2>Summary metrics</h2>";
  std::string table = "<table class=\"kv\">";
  // Every run metric of the table (engine/metrics.h), by its summary.json name.
  for (const RunMetric& m : RunMetrics()) {
    table +=
        fmt::format("<tr><th>{}</th><td>{}</td><td class=\"help\">{}</td></tr>",
                    E(std::string(m.name)), E(MetricValueText(m, s)),
                    E(fmt::format("{}{}{}", m.unit, m.unit.empty() ? "" : "; ", m.description)));
  }
  html += Scroll(table + "</table>");
  html += "<h3>Theaters</h3>" + TheaterTable(s.at("theaters"));
  return html + "</section>";
}

std::string TheaterSection(const View& v) {
  std::string html =
      "<section id=\"theaters\"><h2>Theaters: escalation, control and forces</h2>"
      "<p class=\"note\">Escalation levels: 0 latent, 1 tension, 2 crisis, 3 limited conflict, "
      "4 major conflict, 5 nuclear threshold. Control is the challengers' share of the "
      "theater's objectives; p is their contest success that turn. Dashed vertical lines "
      "between turns mark what the facilitator or the scenario's schedule did there "
      "(I: inject, O: override, U: undo, A: agreement; see \"Injects, overrides and undos\" "
      "below); a theater's charts show its own overrides and every other action.</p>";
  std::size_t shown = 0;
  for (const std::string& id : v.theaters) {
    if (shown++ == kMaxTheaterCards) {
      html += fmt::format("<p class=\"note\">{} more theaters not drawn.</p>",
                          v.theaters.size() - kMaxTheaterCards);
      break;
    }
    html += TheaterCard(v, id);
  }
  return html + "</section>";
}

std::string ForcesSection(const View& v) {
  const std::set<std::string> chosen = LargestActors(v);
  std::map<std::string, Series> forces, losses;
  double max_forces = 0.0, min_forces = 0.0;
  for (const std::string& a : v.actors) {
    if (chosen.count(a) == 0) continue;
    forces[a] = Series{a, v.ColorOf(a), Gaps(v.turns)};
    losses[a] = Series{a, v.ColorOf(a), std::vector<double>(v.turns, 0.0)};
  }
  for (const ReportActorRow& r : v.d.actor_rows) {
    auto it = forces.find(r.actor);
    if (it == forces.end()) continue;
    it->second.y[r.turn - 1] = r.forces;
    losses[r.actor].y[r.turn - 1] = r.losses;
    max_forces = std::max(max_forces, r.forces);
    if (r.forces > 0 && (min_forces == 0.0 || r.forces < min_forces)) min_forces = r.forces;
  }
  std::vector<Series> f, l;
  for (auto& [a, s] : forces) f.push_back(s);
  for (auto& [a, s] : losses) l.push_back(s);
  const std::string note = v.actors.size() > kMaxSeries
                               ? fmt::format("the {} largest actors; ", kMaxSeries)
                               : std::string();
  const std::vector<Marker> marks = Markers(v.actions);
  std::string html = "<section id=\"forces\"><h2>Forces and losses</h2><div class=\"row\">";
  html += Figure("Forces by actor",
                 LineChart("forces", v.turns, LogAxis(min_forces, max_forces), f, marks), Legend(f),
                 note +
                     "force units, logarithmic scale (each line up is ten times the one "
                     "below), so that small actors are not squashed under large ones");
  html += Figure("Losses by actor", StackedBars("losses", v.turns, l, marks), Legend(l),
                 "attrition per turn, force units");
  return html + "</div></section>";
}

std::string BurdenSection(const View& v) {
  Series patron{"patron", kPatronColor, std::vector<double>(v.turns, 0.0)};
  Series allies{"allies and partners", kAlliesColor, std::vector<double>(v.turns, 0.0)};
  double patron_total = 0.0, allied_total = 0.0;
  for (const ReportTheaterRow& r : v.d.theater_rows) {
    if (!r.patron_share || !r.p_challengers) continue;
    const double pv = r.phi_defenders * *r.patron_share;
    patron.y[r.turn - 1] += pv;
    allies.y[r.turn - 1] += r.phi_defenders - pv;
    patron_total += pv;
    allied_total += r.phi_defenders - pv;
  }
  std::string html =
      "<section id=\"burden\"><h2>Burden sharing</h2>"
      "<p class=\"note\">The defenders' delivered force in every active theater, split between "
      "the patron and everyone else on the defenders' side.</p><div class=\"row\">";
  html += Figure("Defenders' delivered force: patron vs allies",
                 StackedBars("burden", v.turns, {patron, allies}, Markers(v.actions)),
                 Legend({patron, allies}), "summed over theaters, force units");
  const double total = patron_total + allied_total;
  std::string table = "<table class=\"kv\">";
  table += fmt::format("<tr><th>patron, all turns</th><td>{}</td></tr>", Fix(patron_total, 1));
  table += fmt::format("<tr><th>allies, all turns</th><td>{}</td></tr>", Fix(allied_total, 1));
  table += fmt::format("<tr><th>allied share, all turns</th><td>{}</td></tr>",
                       total > 0 ? Fix(allied_total / total, 3) : "n/a");
  html += "<div class=\"card small\">" + Scroll(table + "</table>") +
          "<p class=\"note\">summary.json's allied burden share counts conflict turns "
          "(escalation ≥ 3) only.</p></div>";
  return html + "</div></section>";
}

std::string TrustSection(const View& v) {
  Series cohesion{"cohesion (share of pledged trust that survives)", "#111111", Gaps(v.turns)};
  for (const ReportTurnRow& r : v.d.turn_rows) {
    if (r.cohesion) cohesion.y[r.turn - 1] = *r.cohesion;
  }
  std::map<std::string, Series> trust;
  for (const ReportActorRow& r : v.d.actor_rows) {
    if (!r.trust_in) continue;
    auto it = trust.find(r.actor);
    if (it == trust.end()) {
      if (trust.size() >= kMaxSeries) continue;
      it = trust.emplace(r.actor, Series{r.actor, v.ColorOf(r.actor), Gaps(v.turns)}).first;
    }
    it->second.y[r.turn - 1] = *r.trust_in;
  }
  std::vector<Series> t;
  for (auto& [a, s] : trust) t.push_back(s);
  const std::vector<Marker> marks = Markers(v.actions);
  std::string html = "<section id=\"trust\"><h2>Trust over time</h2><div class=\"row\">";
  html += Figure("Alliance cohesion", LineChart("cohesion", v.turns, UnitAxis(), {cohesion}, marks),
                 Legend({cohesion}));
  html += Figure("Trust placed in each actor",
                 LineChart("trust in actors", v.turns, UnitAxis(), t, marks), Legend(t),
                 "mean trust of the allies it is committed to");
  return html + "</div></section>";
}

}  // namespace overstretch::cli::report
