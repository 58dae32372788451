// The after-action report page: inline CSS and hand-drawn SVG, no script.
// Charts are small multiples over turns; colours are fixed per actor (sorted
// id order) and per side, so the same actor looks the same everywhere.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "engine/version.h"
#include "tools/classroom/report.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

using Json = nlohmann::json;

constexpr const char* kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                    "#9467bd", "#8c564b", "#e377c2", "#17becf",
                                    "#bcbd22", "#7f7f7f", "#393b79", "#ad494a"};
constexpr const char* kChallengerColor = "#c0392b";
constexpr const char* kDefenderColor = "#2471a3";
constexpr const char* kPatronColor = "#1a5276";
constexpr const char* kAlliesColor = "#48c9b0";
constexpr std::size_t kMaxTheaterCards = 24;
constexpr std::size_t kMaxSeries = 12;
constexpr std::size_t kMaxEventRows = 400;
constexpr std::size_t kMaxGraphActors = 60;

const char* const kLevels[] = {"latent",           "tension",        "crisis",
                               "limited conflict", "major conflict", "nuclear threshold"};

std::string E(std::string_view text) { return HtmlEscape(text); }

std::string Fix(double x, int digits = 2) {
  if (!std::isfinite(x)) return "n/a";
  return fmt::format("{:.{}f}", x, digits);
}

std::string Level(int e) {
  return e >= 0 && e <= 5 ? fmt::format("{} ({})", e, kLevels[e]) : fmt::format("{}", e);
}

// Round numbers for axes: 1, 2, 2.5, 5 times a power of ten.
double NiceCeiling(double x) {
  if (!(x > 0.0) || !std::isfinite(x)) return 1.0;
  const double p = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * p >= x * (1 - 1e-12)) return m * p;
  }
  return 10.0 * p;
}

std::string TickText(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e9) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.3g}", v);
}

// ------------------------------------------------------------------ charts

struct Series {
  std::string name;
  std::string color;
  std::vector<double> x;
  std::vector<double> y;  // NaN: a gap
  bool step = false;
  bool dashed = false;
};

struct Axis {
  double min = 0.0;
  double max = 1.0;
  std::vector<std::pair<double, std::string>> ticks;
};

Axis TurnAxis(int turns) {
  Axis a;
  a.min = 1;
  a.max = std::max(turns, 2);
  const int step = std::max(1, static_cast<int>(NiceCeiling(a.max / 10.0)));
  // Every `step` turns; turn 1 only when it does not crowd the next tick.
  if (step == 1 || step >= 4) a.ticks.push_back({1, "1"});
  for (int t = step; t <= static_cast<int>(a.max); t += step) {
    if (t > 1) a.ticks.push_back({static_cast<double>(t), fmt::format("{}", t)});
  }
  return a;
}

Axis ValueAxis(double max_value) {
  Axis a;
  a.max = NiceCeiling(max_value);
  for (int i = 0; i <= 4; ++i) {
    const double v = a.max * i / 4.0;
    a.ticks.push_back({v, TickText(v)});
  }
  return a;
}

Axis UnitAxis() {
  Axis a;
  for (int i = 0; i <= 4; ++i) a.ticks.push_back({i / 4.0, TickText(i / 4.0)});
  return a;
}

Axis EscalationAxis() {
  Axis a;
  a.max = 5;
  for (int i = 0; i <= 5; ++i) a.ticks.push_back({static_cast<double>(i), fmt::format("{}", i)});
  return a;
}

struct Frame {
  double width = 520, height = 200;
  double left = 46, right = 12, top = 12, bottom = 30;
  Axis x, y;
  double Px(double v) const {
    return left + (v - x.min) / (x.max - x.min) * (width - left - right);
  }
  double Py(double v) const {
    return height - bottom - (v - y.min) / (y.max - y.min) * (height - top - bottom);
  }
};

std::string OpenSvg(const Frame& f, const std::string& label) {
  std::string s = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "role=\"img\" aria-label=\"{2}\" xmlns=\"http://www.w3.org/2000/svg\">",
      f.width, f.height, E(label));
  // Grid and axes.
  for (const auto& [v, text] : f.y.ticks) {
    const double y = f.Py(v);
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"end\">{}</text>",
        f.left, y, f.width - f.right, y, f.left - 5, y + 3.5, E(text));
  }
  for (const auto& [v, text] : f.x.ticks) {
    const double x = f.Px(v);
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" class=\"axis\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" class=\"tick\" text-anchor=\"middle\">{4}</text>",
        x, f.height - f.bottom, f.height - f.bottom + 4, f.height - f.bottom + 15, E(text));
  }
  s += fmt::format(
      "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" class=\"axis\"/>"
      "<text x=\"{3:.1f}\" y=\"{4:.1f}\" class=\"tick\" text-anchor=\"middle\">turn</text>",
      f.left, f.height - f.bottom, f.width - f.right, (f.left + f.width - f.right) / 2,
      f.height - 3);
  return s;
}

std::string LineChart(const std::string& label, const Axis& x, const Axis& y,
                      const std::vector<Series>& series, const std::vector<double>& marks = {}) {
  Frame f;
  f.x = x;
  f.y = y;
  std::string s = OpenSvg(f, label);
  for (double m : marks) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" class=\"mark\"/>",
        f.Px(m), f.top, f.height - f.bottom);
  }
  for (const Series& ser : series) {
    std::string path;
    bool pen = false;
    double last_y = 0.0;
    std::size_t points = 0;
    for (std::size_t i = 0; i < ser.x.size() && i < ser.y.size(); ++i) {
      if (!std::isfinite(ser.y[i])) {
        pen = false;
        continue;
      }
      const double px = f.Px(ser.x[i]), py = f.Py(std::clamp(ser.y[i], y.min, y.max));
      if (!pen) {
        path += fmt::format("M{:.1f},{:.1f}", px, py);
      } else if (ser.step) {
        path += fmt::format("H{:.1f}V{:.1f}", px, py);
      } else {
        path += fmt::format("L{:.1f},{:.1f}", px, py);
      }
      pen = true;
      last_y = py;
      ++points;
    }
    (void)last_y;
    if (path.empty()) continue;
    s += fmt::format(
        "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}><title>{}</title></path>",
        path, ser.color, ser.dashed ? " stroke-dasharray=\"5 3\"" : "", E(ser.name));
    if (points <= 40) {
      for (std::size_t i = 0; i < ser.x.size() && i < ser.y.size(); ++i) {
        if (!std::isfinite(ser.y[i])) continue;
        s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.6\" fill=\"{}\"/>",
                         f.Px(ser.x[i]), f.Py(std::clamp(ser.y[i], y.min, y.max)), ser.color);
      }
    }
  }
  s += "</svg>";
  return s;
}

// Stacked bars per turn: stacks[s].y[t] on top of the stacks before it.
std::string StackedBars(const std::string& label, int turns, const std::vector<Series>& stacks) {
  double top = 0.0;
  for (int t = 0; t < turns; ++t) {
    double sum = 0.0;
    for (const Series& s : stacks) {
      if (static_cast<std::size_t>(t) < s.y.size() && std::isfinite(s.y[t])) sum += s.y[t];
    }
    top = std::max(top, sum);
  }
  Frame f;
  f.x = TurnAxis(turns);
  f.x.min = 0.5;
  f.x.max = std::max(turns, 1) + 0.5;
  f.y = ValueAxis(top);
  std::string s = OpenSvg(f, label);
  const double bar = std::max(1.0, 0.8 * (f.Px(1.5) - f.Px(0.5)));
  for (int t = 0; t < turns; ++t) {
    double base = 0.0;
    for (const Series& ser : stacks) {
      const double v = static_cast<std::size_t>(t) < ser.y.size() ? ser.y[t] : 0.0;
      if (!(v > 0.0)) continue;
      const double y0 = f.Py(base), y1 = f.Py(base + v);
      s += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
          "<title>turn {}: {} {}</title></rect>",
          f.Px(t + 1) - bar / 2, y1, bar, std::max(0.0, y0 - y1), ser.color, t + 1, E(ser.name),
          Fix(v));
      base += v;
    }
  }
  s += "</svg>";
  return s;
}

std::string Legend(const std::vector<Series>& series) {
  std::string s = "<div class=\"legend\">";
  for (const Series& ser : series) {
    s += fmt::format("<span><i style=\"background:{}\"{}></i>{}</span>", ser.color,
                     ser.dashed ? " class=\"dash\"" : "", E(ser.name));
  }
  return s + "</div>";
}

std::string Figure(const std::string& title, const std::string& svg, const std::string& legend,
                   const std::string& caption = "") {
  return fmt::format("<figure><figcaption><b>{}</b>{}</figcaption>{}{}</figure>", E(title),
                     caption.empty() ? "" : " &middot; " + E(caption), svg, legend);
}

// Red (0) through amber to green (1).
std::string TrustColor(double trust) {
  const double t = std::clamp(trust, 0.0, 1.0);
  return fmt::format("hsl({:.0f},70%,40%)", 120.0 * t);
}

// ------------------------------------------------------------------ model

struct View {
  const ReportData& d;
  int turns = 0;
  std::vector<std::string> actors;  // sorted ids
  std::map<std::string, std::string> color;
  std::vector<std::string> theaters;  // sorted ids (from theaters.csv)
  std::string patron;                 // unknown from the files: inferred, may be empty
  std::vector<std::string> humans;    // played games
  bool played = false;

  explicit View(const ReportData& data) : d(data) {
    std::set<std::string> a, t;
    for (const auto& r : d.actor_rows) a.insert(r.actor);
    for (const auto& r : d.theater_rows) t.insert(r.theater);
    for (const auto& r : d.theater_rows) turns = std::max(turns, r.turn);
    for (const auto& r : d.actor_rows) turns = std::max(turns, r.turn);
    for (const auto& r : d.turn_rows) turns = std::max(turns, r.turn);
    actors.assign(a.begin(), a.end());
    theaters.assign(t.begin(), t.end());
    for (std::size_t i = 0; i < actors.size(); ++i) {
      color[actors[i]] = kPalette[i % std::size(kPalette)];
    }
    for (const ReportEvent& e : d.events) {
      const std::string type = e.json.at("type").get<std::string>();
      if (type == "classroom") {
        played = true;
        for (const Json& h : e.json.at("humans")) humans.push_back(h.get<std::string>());
      } else if (type == "facilitator" || type == "human_decision") {
        played = true;
      }
    }
  }

  std::vector<double> Turns() const {
    std::vector<double> x;
    for (int t = 1; t <= turns; ++t) x.push_back(t);
    return x;
  }
  static double Nan() { return std::numeric_limits<double>::quiet_NaN(); }
};

// Turns at which something public happened in a theater (injects, openings),
// drawn as faint vertical lines on its charts.
std::vector<double> InjectMarks(const ReportData& d) {
  std::set<double> marks;
  for (const ReportEvent& e : d.events) {
    const std::string type = e.json.at("type").get<std::string>();
    if (type == "inject" || type == "facilitator") marks.insert(e.json.at("turn").get<int>());
  }
  return {marks.begin(), marks.end()};
}

// ------------------------------------------------------------------ sections

// A run metric of a summary read by ReadRunDirectory (which checked its type).
std::string Value(const RunMetric& metric, const Json& summary) {
  MetricValue value;
  std::string error;
  return MetricFromJson(metric, summary, &value, &error) ? MetricText(metric, value) : "n/a";
}

std::string SummarySection(const View& v) {
  const Json& s = v.d.summary;
  std::string html = "<section id=\"summary\"><h2>Summary metrics</h2><table class=\"kv\">";
  auto row = [&](const std::string& name, const std::string& value, const std::string& help) {
    html += fmt::format("<tr><th>{}</th><td>{}</td><td class=\"help\">{}</td></tr>", E(name),
                        E(value), E(help));
  };
  // Every run metric of the table (engine/metrics.h), by its summary.json name.
  for (const RunMetric& m : RunMetrics()) {
    row(std::string(m.name), Value(m, s),
        fmt::format("{}{}{}", m.unit, m.unit.empty() ? "" : "; ", m.description));
  }
  html += "</table>";

  html +=
      "<h3>Theaters</h3><table class=\"grid\"><tr><th>theater</th><th>opened</th>"
      "<th>deterred</th><th>lost</th><th>max escalation</th><th>final control</th>"
      "<th>final status</th><th>conflict turns</th><th>allied burden</th></tr>";
  for (const auto& [id, t] : s.at("theaters").items()) {
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
  html += "</table></section>";
  return html;
}

std::string TheaterSection(const View& v) {
  std::string html =
      "<section id=\"theaters\"><h2>Theaters: escalation, control and forces</h2>"
      "<p class=\"note\">Escalation levels: 0 latent, 1 tension, 2 crisis, 3 limited conflict, "
      "4 major conflict, 5 nuclear threshold. Control is the challengers' share of the "
      "theater's objectives; p is their contest success that turn. Faint vertical lines mark "
      "injects and facilitator actions.</p>";
  const std::vector<double> marks = InjectMarks(v.d);
  std::size_t shown = 0;
  for (const std::string& id : v.theaters) {
    if (shown++ == kMaxTheaterCards) {
      html += fmt::format("<p class=\"note\">{} more theaters not drawn.</p>",
                          v.theaters.size() - kMaxTheaterCards);
      break;
    }
    Series esc{"escalation", "#7d3c98", v.Turns(), std::vector<double>(v.turns, View::Nan()), true};
    Series control{"control (challengers)", kChallengerColor, v.Turns(),
                   std::vector<double>(v.turns, View::Nan())};
    Series p{"p (challengers' success)",
             "#7f8c8d",
             v.Turns(),
             std::vector<double>(v.turns, View::Nan()),
             false,
             true};
    Series phi_c{"delivered by challengers", kChallengerColor, v.Turns(),
                 std::vector<double>(v.turns, View::Nan())};
    Series phi_d{"delivered by defenders", kDefenderColor, v.Turns(),
                 std::vector<double>(v.turns, View::Nan())};
    Series loss_c{"losses of challengers", kChallengerColor, {}, std::vector<double>(v.turns, 0.0)};
    Series loss_d{"losses of defenders", kDefenderColor, {}, std::vector<double>(v.turns, 0.0)};
    std::string status;
    double max_phi = 0.0;
    for (const ReportTheaterRow& r : v.d.theater_rows) {
      if (r.theater != id) continue;
      const std::size_t t = static_cast<std::size_t>(r.turn - 1);
      status = r.status;
      if (r.status == "pending") continue;
      esc.y[t] = r.escalation;
      control.y[t] = r.control;
      if (r.p_challengers) p.y[t] = *r.p_challengers;
      if (r.p_challengers) {
        phi_c.y[t] = r.phi_challengers;
        phi_d.y[t] = r.phi_defenders;
        max_phi = std::max({max_phi, r.phi_challengers, r.phi_defenders});
      }
      loss_c.y[t] = r.losses_challengers;
      loss_d.y[t] = r.losses_defenders;
    }
    html += fmt::format(
        "<div class=\"card\"><h3>{} <small>final status: {}</small></h3>"
        "<div class=\"row\">",
        E(id), E(status.empty() ? "n/a" : status));
    html += Figure("Escalation",
                   LineChart(id + " escalation", TurnAxis(v.turns), EscalationAxis(), {esc}, marks),
                   "");
    html += Figure("Control and success",
                   LineChart(id + " control", TurnAxis(v.turns), UnitAxis(), {control, p}, marks),
                   Legend({control, p}));
    html += Figure("Delivered force",
                   LineChart(id + " delivered force", TurnAxis(v.turns), ValueAxis(max_phi),
                             {phi_c, phi_d}, marks),
                   Legend({phi_c, phi_d}), "force units after the loss of strength with distance");
    html += Figure("Losses", StackedBars(id + " losses", v.turns, {loss_c, loss_d}),
                   Legend({loss_c, loss_d}), "departure force units per turn");
    html += "</div></div>";
  }
  return html + "</section>";
}

std::string ForcesSection(const View& v) {
  std::string html = "<section id=\"forces\"><h2>Forces and losses</h2><div class=\"row\">";
  // The actors with the largest forces at turn 1 when there are many.
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

  std::map<std::string, Series> forces, losses;
  double max_forces = 0.0;
  for (const std::string& a : v.actors) {
    if (chosen.count(a) == 0) continue;
    forces[a] = Series{a, v.color.at(a), v.Turns(), std::vector<double>(v.turns, View::Nan())};
    losses[a] = Series{a, v.color.at(a), {}, std::vector<double>(v.turns, 0.0)};
  }
  for (const ReportActorRow& r : v.d.actor_rows) {
    auto it = forces.find(r.actor);
    if (it == forces.end()) continue;
    it->second.y[r.turn - 1] = r.forces;
    losses[r.actor].y[r.turn - 1] = r.losses;
    max_forces = std::max(max_forces, r.forces);
  }
  std::vector<Series> f, l;
  for (auto& [a, s] : forces) f.push_back(s);
  for (auto& [a, s] : losses) l.push_back(s);
  const std::string note =
      v.actors.size() > kMaxSeries ? fmt::format("the {} largest actors", kMaxSeries) : "";
  html +=
      Figure("Forces by actor", LineChart("forces", TurnAxis(v.turns), ValueAxis(max_forces), f),
             Legend(f), note.empty() ? "force units after losses and regeneration" : note);
  html += Figure("Losses by actor", StackedBars("losses", v.turns, l), Legend(l),
                 "attrition per turn, force units");
  html += "</div></section>";
  return html;
}

std::string BurdenSection(const View& v) {
  Series patron{"patron", kPatronColor, {}, std::vector<double>(v.turns, 0.0)};
  Series allies{"allies and partners", kAlliesColor, {}, std::vector<double>(v.turns, 0.0)};
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
                 StackedBars("burden", v.turns, {patron, allies}), Legend({patron, allies}),
                 "summed over theaters, force units");
  html += "<div class=\"card small\"><table class=\"kv\">";
  const double total = patron_total + allied_total;
  html += fmt::format("<tr><th>patron, all turns</th><td>{}</td></tr>", Fix(patron_total, 1));
  html += fmt::format("<tr><th>allies, all turns</th><td>{}</td></tr>", Fix(allied_total, 1));
  html += fmt::format("<tr><th>allied share, all turns</th><td>{}</td></tr>",
                      total > 0 ? Fix(allied_total / total, 3) : "n/a");
  html +=
      "</table><p class=\"note\">summary.json's allied burden share counts conflict turns "
      "(escalation ≥ 3) only.</p></div>";
  html += "</div></section>";
  return html;
}

std::string TrustSection(const View& v) {
  Series cohesion{"cohesion (share of pledged trust that survives)", "#111111", v.Turns(),
                  std::vector<double>(v.turns, View::Nan())};
  for (const ReportTurnRow& r : v.d.turn_rows) {
    if (r.cohesion) cohesion.y[r.turn - 1] = *r.cohesion;
  }
  std::map<std::string, Series> trust;
  for (const ReportActorRow& r : v.d.actor_rows) {
    if (!r.trust_in) continue;
    auto it = trust.find(r.actor);
    if (it == trust.end()) {
      if (trust.size() >= kMaxSeries) continue;
      it = trust
               .emplace(r.actor, Series{r.actor, v.color.at(r.actor), v.Turns(),
                                        std::vector<double>(v.turns, View::Nan())})
               .first;
    }
    it->second.y[r.turn - 1] = *r.trust_in;
  }
  std::vector<Series> t;
  for (auto& [a, s] : trust) t.push_back(s);
  std::vector<Series> c = {cohesion};
  std::string html = "<section id=\"trust\"><h2>Trust over time</h2><div class=\"row\">";
  html += Figure("Alliance cohesion", LineChart("cohesion", TurnAxis(v.turns), UnitAxis(), c),
                 Legend(c));
  html += Figure("Trust placed in each actor",
                 LineChart("trust in actors", TurnAxis(v.turns), UnitAxis(), t, InjectMarks(v.d)),
                 Legend(t), "mean trust of the allies it is committed to");
  html += "</div></section>";
  return html;
}

std::string GraphSvg(const View& v, int turn) {
  std::vector<const ReportTieRow*> ties;
  std::set<std::string> names(v.actors.begin(), v.actors.end());
  for (const ReportTieRow& r : v.d.tie_rows) {
    if (r.turn != turn) continue;
    names.insert(r.from);
    names.insert(r.to);
    if (r.commitment > 0.0) ties.push_back(&r);
  }
  std::vector<std::string> nodes(names.begin(), names.end());
  if (nodes.size() > kMaxGraphActors) nodes.resize(kMaxGraphActors);
  std::map<std::string, double> forces;
  double max_forces = 0.0;
  for (const ReportActorRow& r : v.d.actor_rows) {
    if (r.turn == turn) {
      forces[r.actor] = r.forces;
      max_forces = std::max(max_forces, r.forces);
    }
  }
  const double w = 440, h = 400, cx = w / 2, cy = h / 2;
  const double ring = std::min(w, h) / 2 - 48;
  std::map<std::string, std::pair<double, double>> at;
  std::map<std::string, double> radius;
  const double pi = std::acos(-1.0);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const double angle = -pi / 2 + 2 * pi * static_cast<double>(i) / nodes.size();
    at[nodes[i]] = {cx + ring * std::cos(angle), cy + ring * std::sin(angle)};
    const double f = forces.count(nodes[i]) ? forces[nodes[i]] : 0.0;
    radius[nodes[i]] = 9 + 15 * (max_forces > 0 ? std::sqrt(f / max_forces) : 0.0);
  }
  std::string s = fmt::format(
      "<svg class=\"graph\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
      "aria-label=\"alliance graph after turn {2}\" xmlns=\"http://www.w3.org/2000/svg\">",
      w, h, turn);
  for (const ReportTieRow* tie : ties) {
    if (!at.count(tie->from) || !at.count(tie->to)) continue;
    const auto [x1, y1] = at[tie->from];
    const auto [x2, y2] = at[tie->to];
    const double dx = x2 - x1, dy = y2 - y1, len = std::hypot(dx, dy);
    if (len < 1e-6) continue;
    const double ux = dx / len, uy = dy / len;
    // Bend every edge to its right so that A->B and B->A do not overlap.
    const double mx = (x1 + x2) / 2 - uy * 0.12 * len, my = (y1 + y2) / 2 + ux * 0.12 * len;
    const double r1 = radius[tie->from], r2 = radius[tie->to] + 2;
    auto toward = [](double ax, double ay, double bx, double by, double d) {
      const double l = std::hypot(bx - ax, by - ay);
      return std::pair<double, double>{ax + (bx - ax) / l * d, ay + (by - ay) / l * d};
    };
    const auto [sx, sy] = toward(x1, y1, mx, my, r1);
    const auto [ex, ey] = toward(x2, y2, mx, my, r2);
    const std::string color = TrustColor(tie->trust);
    const double width = 1 + 5 * tie->commitment;
    s += fmt::format(
        "<path d=\"M{:.1f},{:.1f} Q{:.1f},{:.1f} {:.1f},{:.1f}\" fill=\"none\" stroke=\"{}\" "
        "stroke-width=\"{:.2f}\" stroke-opacity=\"0.85\"><title>{} → {}: commitment {}, trust "
        "{}</title></path>",
        sx, sy, mx, my, ex, ey, color, width, E(tie->from), E(tie->to), Fix(tie->commitment),
        Fix(tie->trust));
    // Arrowhead along the curve's end tangent.
    const double tx = ex - mx, ty = ey - my, tl = std::hypot(tx, ty);
    if (tl > 1e-6) {
      const double ax = tx / tl, ay = ty / tl, size = 6 + width;
      s +=
          fmt::format("<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\" fill=\"{}\"/>",
                      ex, ey, ex - ax * size - ay * size * 0.5, ey - ay * size + ax * size * 0.5,
                      ex - ax * size + ay * size * 0.5, ey - ay * size - ax * size * 0.5, color);
    }
  }
  for (const std::string& n : nodes) {
    const auto [x, y] = at[n];
    const bool human = std::find(v.humans.begin(), v.humans.end(), n) != v.humans.end();
    s += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\" stroke=\"{}\" "
        "stroke-width=\"{}\"><title>{}: forces {}</title></circle>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"node\" text-anchor=\"middle\">{}</text>",
        x, y, radius[n], v.color.count(n) ? v.color.at(n) : "#999", human ? "#000" : "#fff",
        human ? 3 : 1.5, E(n), Fix(forces.count(n) ? forces[n] : 0.0, 1), x, y + radius[n] + 13,
        E(n));
  }
  return s + "</svg>";
}

std::string GraphSection(const View& v) {
  std::set<int> turns;
  for (const ReportTieRow& r : v.d.tie_rows) turns.insert(r.turn);
  std::string html =
      "<section id=\"graph\"><h2>Alliance graph at the start and at the end</h2>"
      "<p class=\"note\">Arrows are commitments i → j (i's obligation to defend j), width by "
      "commitment, colour by i's trust in j: <span class=\"sw\" style=\"background:" +
      TrustColor(0) + "\"></span> 0 <span class=\"sw\" style=\"background:" + TrustColor(0.5) +
      "\"></span> 0.5 <span class=\"sw\" style=\"background:" + TrustColor(1) +
      "\"></span> 1. Circle area by forces" +
      std::string(v.played ? "; human players have a black ring" : "") + ".</p>";
  if (turns.empty()) return html + "<p>No ties recorded.</p></section>";
  html += "<div class=\"row\">";
  html += Figure(fmt::format("After turn {}", *turns.begin()), GraphSvg(v, *turns.begin()), "");
  html += Figure(fmt::format("After turn {}", *turns.rbegin()), GraphSvg(v, *turns.rbegin()), "");
  html += "</div></section>";
  return html;
}

std::string EffectText(const Json& e) {
  std::string text = e.at("kind").get<std::string>();
  std::string args;
  for (const auto& [key, value] : e.items()) {
    if (key == "kind") continue;
    args += (args.empty() ? "" : ", ") + key + " " +
            (value.is_string() ? value.get<std::string>() : value.dump());
  }
  return args.empty() ? text : text + " (" + args + ")";
}

std::string EventsSection(const View& v) {
  struct Row {
    int turn;
    std::string kind, cls, text;
  };
  std::vector<Row> rows;
  std::size_t abandonments = 0;
  for (const ReportEvent& ev : v.d.events) {
    const Json& j = ev.json;
    const std::string type = j.at("type").get<std::string>();
    const int turn =
        j.contains("turn") && j.at("turn").is_number_integer() ? j.at("turn").get<int>() : 0;
    if (type == "inject") {
      std::string effects;
      for (const Json& e : j.at("effects"))
        effects += (effects.empty() ? "" : "; ") + EffectText(e);
      rows.push_back({turn, "inject", "inject",
                      fmt::format("{}: {}", j.at("label").get<std::string>(), effects)});
    } else if (type == "theater_opened") {
      rows.push_back({turn, "theater opened", "open",
                      fmt::format("{} opened at escalation {}", j.at("theater").get<std::string>(),
                                  Level(j.at("escalation").get<int>()))});
    } else if (type == "adjudication") {
      const int before = j.at("escalation_before").get<int>();
      const int after = j.at("escalation_after").get<int>();
      const std::string theater = j.at("theater").get<std::string>();
      if (after != before) {
        rows.push_back(
            {turn, after > before ? "escalation" : "de-escalation", after > before ? "up" : "down",
             fmt::format("{}: {} → {} (p challengers {}, delivered {} vs {})", theater,
                         Level(before), Level(after), Fix(j.at("p_challengers").get<double>()),
                         Fix(j.at("phi_challengers").get<double>(), 1),
                         Fix(j.at("phi_defenders").get<double>(), 1))});
      }
      const std::string status = j.at("status").get<std::string>();
      if (status != "active") {
        rows.push_back({turn, "outcome", status == "won" ? "up" : "down",
                        fmt::format("{} {} (control {})", theater, status,
                                    Fix(j.at("control_after").get<double>(), 3))});
      }
    } else if (type == "abandonment") {
      ++abandonments;
      rows.push_back(
          {turn, "abandonment", "abandon",
           fmt::format("{} did not deploy for {} in {} (commitment {}): {}'s trust in {} {} → {}",
                       j.at("abandoner").get<std::string>(), j.at("abandoned").get<std::string>(),
                       j.at("theater").get<std::string>(), Fix(j.at("commitment").get<double>()),
                       j.at("abandoned").get<std::string>(), j.at("abandoner").get<std::string>(),
                       Fix(j.at("trust_before").get<double>(), 3),
                       Fix(j.at("trust_after").get<double>(), 3))});
    } else if (type == "facilitator" && j.at("action") == "agreement" && j.contains("agreement") &&
               j.at("agreement").is_string()) {
      rows.push_back({turn, "agreement", "fac",
                      fmt::format("{} ({})", j.at("agreement").get<std::string>(),
                                  j.at("text").get<std::string>())});
    } else if (type == "facilitator") {
      std::string text = j.at("text").get<std::string>();
      if (j.contains("reason") && j.at("reason").is_string()) {
        text += " — reason: " + j.at("reason").get<std::string>();
      }
      rows.push_back({turn, "facilitator " + j.at("action").get<std::string>(), "fac", text});
    }
  }
  std::string html = fmt::format(
      "<section id=\"events\"><h2>Key events</h2><p class=\"note\">{} events shown ({} "
      "abandonment events); the full log, with every decision and the options weighed "
      "({} decision events), is events.jsonl.</p>",
      rows.size(), abandonments, v.d.decision_events);
  if (rows.empty())
    return html + "<p>No injects, escalation changes or abandonments.</p></section>";
  html += "<table class=\"grid events\"><tr><th>turn</th><th>event</th><th>what happened</th></tr>";
  for (std::size_t i = 0; i < rows.size() && i < kMaxEventRows; ++i) {
    html += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>", rows[i].cls,
                        rows[i].turn, E(rows[i].kind), E(rows[i].text));
  }
  html += "</table>";
  if (rows.size() > kMaxEventRows) {
    html += fmt::format("<p class=\"note\">{} more events not listed.</p>",
                        rows.size() - kMaxEventRows);
  }
  return html + "</section>";
}

std::string PlayersSection(const View& v) {
  if (!v.played) return "";
  std::string html = "<section id=\"players\"><h2>Human players' decisions</h2>";
  if (!v.humans.empty()) {
    std::string list;
    for (const std::string& h : v.humans) list += (list.empty() ? "" : ", ") + h;
    html += fmt::format("<p>Played by: <b>{}</b>; the models decided for every other actor.</p>",
                        E(list));
  }
  html +=
      "<table class=\"grid\"><tr><th>turn</th><th>actor</th><th>theater</th>"
      "<th>decision</th></tr>";
  std::size_t n = 0;
  for (const ReportEvent& ev : v.d.events) {
    if (ev.json.at("type").get<std::string>() != "human_decision") continue;
    if (n++ == kMaxEventRows) break;
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        ev.json.at("turn").get<int>(), E(ev.json.at("actor").get<std::string>()),
                        E(ev.json.at("theater").get<std::string>()),
                        E(ev.json.at("option").get<std::string>()));
  }
  return html + "</table></section>";
}

// Messages and proposals between teams (a served game's talks): private
// while the game runs, all of them here for the debrief.
std::string TalksSection(const View& v) {
  std::map<int, std::string> replies;
  bool any = false;
  for (const ReportEvent& ev : v.d.events) {
    const std::string type = ev.json.at("type").get<std::string>();
    any |= type == "message" || type == "proposal";
    if (type == "proposal_answer") {
      replies[ev.json.at("proposal").get<int>()] = ev.json.at("reply").get<std::string>();
    }
  }
  if (!any) return "";
  std::string proposals, messages;
  std::size_t n = 0;
  for (const ReportEvent& ev : v.d.events) {
    const Json& j = ev.json;
    const std::string type = j.at("type").get<std::string>();
    if ((type != "message" && type != "proposal") || n++ >= kMaxEventRows) continue;
    const std::string who = j.at("from").get<std::string>() + " → " + j.at("to").get<std::string>();
    if (type == "message") {
      messages += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", j.at("turn").get<int>(),
                              E(who), E(j.at("text").get<std::string>()));
      continue;
    }
    const auto reply = replies.find(j.at("proposal").get<int>());
    proposals +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    j.at("turn").get<int>(), E(who), E(j.at("terms").get<std::string>()),
                    E(j.at("note").get<std::string>()),
                    E(reply == replies.end() ? std::string("not answered") : reply->second),
                    j.at("announce").get<bool>() ? "announced" : "kept private");
  }
  std::string html =
      "<section id=\"talks\"><h2>Messages and proposals between teams</h2><p class=\"note\">"
      "Private during the game (only the two parties and the facilitator saw each); turn: the "
      "turn being decided. An accepted proposal took effect as an inject before that turn.</p>";
  if (!proposals.empty()) {
    html +=
        "<h3>Proposals</h3><table class=\"grid\"><tr><th>turn</th><th>from → to</th>"
        "<th>terms</th><th>note</th><th>answer</th><th>on acceptance</th></tr>" +
        proposals + "</table>";
  }
  if (!messages.empty()) {
    html +=
        "<h3>Messages</h3><table class=\"grid\"><tr><th>turn</th><th>from → to</th>"
        "<th>message</th></tr>" +
        messages + "</table>";
  }
  return html + "</section>";
}

constexpr const char* kCss = R"css(
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1b2631;background:#fdfefe;margin:0}
header{background:#1b2631;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;color:#d5d8dc}
nav{padding:8px 28px;background:#eaecee;position:sticky;top:0}
nav a{margin-right:14px;color:#1a5276;text-decoration:none;font-weight:600}
main{padding:8px 28px 40px;max-width:1400px}
h2{border-bottom:2px solid #d5d8dc;padding-bottom:4px;margin-top:28px}
h3{margin:8px 0}
h3 small{font-weight:400;color:#566573;margin-left:8px}
.row{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
figure{margin:0;background:#fff;border:1px solid #d5d8dc;border-radius:6px;padding:8px}
figcaption{font-size:13px;margin-bottom:4px;color:#34495e}
.card{border:1px solid #d5d8dc;border-radius:8px;padding:10px;margin:12px 0;background:#f8f9f9}
.card.small{max-width:340px}
svg.chart,svg.graph{display:block;max-width:100%;height:auto}
svg .grid{stroke:#e5e8e8;stroke-width:1}
svg .axis{stroke:#85929e;stroke-width:1}
svg .mark{stroke:#f5b041;stroke-width:1;stroke-dasharray:2 3}
svg .tick{font-size:10px;fill:#566573}
svg .node{font-size:11px;font-weight:700;fill:#1b2631}
.legend{font-size:12px;margin-top:4px}
.legend span{margin-right:12px;white-space:nowrap}
.legend i{display:inline-block;width:14px;height:4px;margin-right:4px;vertical-align:middle}
.legend i.dash{background-image:linear-gradient(90deg,transparent 60%,#fff 60%)!important}
.sw{display:inline-block;width:22px;height:6px;vertical-align:middle;margin:0 2px 0 8px}
table{border-collapse:collapse;margin:8px 0}
table.kv th{text-align:left;padding:3px 14px 3px 0;font-weight:600}
table.kv td{padding:3px 14px 3px 0}
table.grid th,table.grid td{border:1px solid #d5d8dc;padding:3px 8px;text-align:left}
table.grid th{background:#eaecee}
td.help{color:#717d7e;font-size:12px}
.note{color:#566573;font-size:13px}
.bad{color:#c0392b}
tr.up td:nth-child(2){color:#c0392b;font-weight:600}
tr.down td:nth-child(2){color:#1e8449;font-weight:600}
tr.abandon td:nth-child(2){color:#9a7d0a;font-weight:600}
tr.fac td:nth-child(2){color:#6c3483;font-weight:600}
tr.inject td:nth-child(2){color:#1a5276;font-weight:600}
@media print{nav{display:none}.card,figure{break-inside:avoid}}
)css";

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          out.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
      }
      ++i;
      continue;
    }
    // Validate one UTF-8 sequence; replace anything invalid.
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = len > 0 && i + len <= text.size();
    unsigned code = ok ? (c & (0x7F >> len)) : 0;
    for (std::size_t k = 1; ok && k < len; ++k) {
      const unsigned char b = static_cast<unsigned char>(text[i + k]);
      ok = (b & 0xC0) == 0x80;
      code = (code << 6) | (b & 0x3F);
    }
    const unsigned min_code = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    ok = ok && code >= min_code && code <= 0x10FFFF && !(code >= 0xD800 && code <= 0xDFFF) &&
         !(code >= 0x80 && code < 0xA0);
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

namespace {

// The run beside another (a branch of a played game, or the same scenario
// under other settings): headline metrics side by side, then escalation and
// control of every theater with the other run dashed.
std::string ComparisonSection(const View& v, const View& other) {
  const Json& a = v.d.summary;
  const Json& b = other.d.summary;
  std::string html = fmt::format(
      "<section id=\"compare\"><h2>Compared with {}</h2><p class=\"note\">Solid lines: this "
      "run ({}); dashed lines: the other run ({}).</p><table "
      "class=\"grid\"><tr><th>metric</th><th>this run</th>"
      "<th>other run</th></tr>",
      E(other.d.dir), E(v.d.dir), E(other.d.dir));
  for (const RunMetric& m : RunMetrics()) {
    if (!m.outcome) continue;
    html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", E(std::string(m.name)),
                        E(Value(m, a)), E(Value(m, b)));
  }
  html += "</table>";
  const int turns = std::max(v.turns, other.turns);
  std::set<std::string> ids(v.theaters.begin(), v.theaters.end());
  ids.insert(other.theaters.begin(), other.theaters.end());
  std::size_t shown = 0;
  for (const std::string& id : ids) {
    if (shown++ == kMaxTheaterCards) break;
    std::vector<double> x;
    for (int t = 1; t <= turns; ++t) x.push_back(t);
    auto series = [&](const View& run, bool escalation, bool dashed) {
      Series ser{escalation ? "escalation" : "control",
                 escalation ? "#7d3c98" : kChallengerColor,
                 x,
                 std::vector<double>(turns, View::Nan()),
                 escalation,
                 dashed};
      ser.name += dashed ? " (other run)" : " (this run)";
      for (const ReportTheaterRow& r : run.d.theater_rows) {
        if (r.theater != id || r.status == "pending") continue;
        ser.y[static_cast<std::size_t>(r.turn - 1)] = escalation ? r.escalation : r.control;
      }
      return ser;
    };
    const Series esc_a = series(v, true, false), esc_b = series(other, true, true);
    const Series ctl_a = series(v, false, false), ctl_b = series(other, false, true);
    html += fmt::format("<div class=\"card\"><h3>{}</h3><div class=\"row\">", E(id));
    html += Figure(
        "Escalation",
        LineChart(id + " escalation compared", TurnAxis(turns), EscalationAxis(), {esc_a, esc_b}),
        Legend({esc_a, esc_b}));
    html += Figure("Control",
                   LineChart(id + " control compared", TurnAxis(turns), UnitAxis(), {ctl_a, ctl_b}),
                   Legend({ctl_a, ctl_b}));
    html += "</div></div>";
  }
  return html + "</section>";
}

}  // namespace

std::string RenderReportHtml(const ReportData& data, const ReportData* compare) {
  const View v(data);
  const Json& s = data.summary;
  const std::string scenario = s.at("scenario").get<std::string>();
  const std::string version =
      s.contains("version") ? s.at("version").get<std::string>() : std::string("?");
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">";
  html += fmt::format("<title>Overstretch after-action report: {}</title><style>{}</style></head>",
                      E(scenario), kCss);
  html += fmt::format(
      "<body><header><h1>After-action report: {}</h1><p>{} &middot; seed {} &middot; {} turns "
      "played &middot; {} actors, {} theaters &middot; written by Overstretch {}, report by "
      "Overstretch {}</p></header>",
      E(scenario), v.played ? "classroom game" : "model run", s.at("seed").dump(), v.turns,
      v.actors.size(), v.theaters.size(), E(version), E(kVersion));
  html +=
      "<nav><a href=\"#summary\">Summary</a><a href=\"#theaters\">Theaters</a>"
      "<a href=\"#forces\">Forces</a><a href=\"#burden\">Burden sharing</a>"
      "<a href=\"#trust\">Trust</a><a href=\"#graph\">Alliance graph</a>"
      "<a href=\"#events\">Key events</a>";
  if (v.played) html += "<a href=\"#players\">Players</a>";
  const std::string talks = TalksSection(v);
  if (!talks.empty()) html += "<a href=\"#talks\">Talks</a>";
  if (compare != nullptr) html += "<a href=\"#compare\">Compared</a>";
  html += "</nav><main>";
  html += fmt::format("<p class=\"note\">Source: {}</p>", E(data.dir));
  if (v.turns == 0) {
    html += "<p>No turn was played: there is nothing to chart.</p>";
  }
  html += SummarySection(v);
  if (v.turns > 0) {
    html += TheaterSection(v);
    html += ForcesSection(v);
    html += BurdenSection(v);
    html += TrustSection(v);
    html += GraphSection(v);
  }
  if (compare != nullptr && v.turns > 0) html += ComparisonSection(v, View(*compare));
  html += EventsSection(v);
  html += PlayersSection(v);
  html += talks;
  html += "</main></body></html>\n";
  return html;
}

}  // namespace overstretch::cli
