// The alliance graph of the report (report_page.h) at the start and at the
// end: actors on a circle, sized by forces; each directed tie drawn as up to
// three curves bent to its right (so A → B and B → A never overlap), one per
// instrument the exercises turn: commitment (solid, coloured by trust),
// intelligence sharing (dotted) and base access (dashed). Cutting intel or
// access removes its curve, and the table under the graphs lists every tie
// whose instruments changed.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "tools/classroom/report_page.h"

namespace overstretch::cli::report {
namespace {

constexpr std::size_t kMaxGraphActors = 60;
constexpr const char* kIntelColor = "#333333";
constexpr const char* kAccessColor = "#CC79A7";

struct Snapshot {
  std::string title;
  std::vector<ReportTieRow> ties;
  std::map<std::string, double> forces;
};

struct Layout {
  std::map<std::string, std::pair<double, double>> at;
  std::map<std::string, double> radius;
};

Layout Place(const std::vector<std::string>& nodes, const std::map<std::string, double>& forces) {
  double max_forces = 0.0;
  for (const auto& [id, f] : forces) max_forces = std::max(max_forces, f);
  const double w = 440, h = 400, ring = std::min(w, h) / 2 - 48;
  const double pi = std::acos(-1.0);
  Layout l;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const double angle = -pi / 2 + 2 * pi * static_cast<double>(i) / nodes.size();
    l.at[nodes[i]] = {w / 2 + ring * std::cos(angle), h / 2 + ring * std::sin(angle)};
    const auto f = forces.find(nodes[i]);
    const double share = f != forces.end() && max_forces > 0 ? f->second / max_forces : 0.0;
    l.radius[nodes[i]] = 9 + 15 * std::sqrt(share);
  }
  return l;
}

// One curve from -> to, bent by `bend` of its length, with an arrowhead.
std::string Curve(const Layout& l, const ReportTieRow& tie, double bend, const std::string& color,
                  double width, const char* dash, const std::string& title) {
  const auto [x1, y1] = l.at.at(tie.from);
  const auto [x2, y2] = l.at.at(tie.to);
  const double dx = x2 - x1, dy = y2 - y1, len = std::hypot(dx, dy);
  if (len < 1e-6) return "";
  const double ux = dx / len, uy = dy / len;
  const double mx = (x1 + x2) / 2 - uy * bend * len, my = (y1 + y2) / 2 + ux * bend * len;
  auto toward = [](double ax, double ay, double bx, double by, double d) {
    const double n = std::hypot(bx - ax, by - ay);
    return std::pair<double, double>{ax + (bx - ax) / n * d, ay + (by - ay) / n * d};
  };
  const auto [sx, sy] = toward(x1, y1, mx, my, l.radius.at(tie.from));
  const auto [ex, ey] = toward(x2, y2, mx, my, l.radius.at(tie.to) + 2);
  std::string s = fmt::format(
      "<path d=\"M{:.1f},{:.1f} Q{:.1f},{:.1f} {:.1f},{:.1f}\" fill=\"none\" stroke=\"{}\" "
      "stroke-width=\"{:.2f}\"{}><title>{}</title></path>",
      sx, sy, mx, my, ex, ey, color, width,
      *dash ? fmt::format(" stroke-dasharray=\"{}\"", dash) : "", E(title));
  const double tx = ex - mx, ty = ey - my, tl = std::hypot(tx, ty);
  if (tl > 1e-6) {
    const double ax = tx / tl, ay = ty / tl, size = 6 + width;
    s += fmt::format("<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\" fill=\"{}\"/>",
                     ex, ey, ex - ax * size - ay * size * 0.5, ey - ay * size + ax * size * 0.5,
                     ex - ax * size + ay * size * 0.5, ey - ay * size - ax * size * 0.5, color);
  }
  return s;
}

std::string TieCurves(const Layout& l, const ReportTieRow& t) {
  std::string s;
  const std::string who = t.from + " → " + t.to;
  if (t.commitment > 0) {
    s += Curve(l, t, 0.10, TrustColor(t.trust), 1 + 5 * t.commitment, "",
               fmt::format("{}: commitment {}, trust {}", who, Fix(t.commitment), Fix(t.trust)));
  }
  if (t.intel > 0) {
    s += Curve(l, t, 0.22, kIntelColor, 1 + 3 * t.intel, "2 3",
               fmt::format("{}: intelligence shared {}", who, Fix(t.intel)));
  }
  if (t.access > 0) {
    s += Curve(
        l, t, 0.34, kAccessColor, 1 + 3 * t.access, "8 4",
        fmt::format("{}: {} may use {}'s bases, access {}", who, t.to, t.from, Fix(t.access)));
  }
  return s;
}

std::string GraphSvg(const View& v, const Snapshot& snap) {
  std::set<std::string> names(v.actors.begin(), v.actors.end());
  for (const ReportTieRow& t : snap.ties) names.insert({t.from, t.to});
  std::vector<std::string> nodes(names.begin(), names.end());
  if (nodes.size() > kMaxGraphActors) nodes.resize(kMaxGraphActors);
  const Layout l = Place(nodes, snap.forces);
  std::string s = fmt::format(
      "<svg class=\"graph\" viewBox=\"0 0 440 400\" width=\"440\" height=\"400\" role=\"img\" "
      "aria-label=\"alliance graph: {}\" xmlns=\"http://www.w3.org/2000/svg\">",
      E(snap.title));
  for (const ReportTieRow& t : snap.ties) {
    if (l.at.count(t.from) != 0 && l.at.count(t.to) != 0) s += TieCurves(l, t);
  }
  for (const std::string& n : nodes) {
    const auto [x, y] = l.at.at(n);
    const bool human = std::find(v.humans.begin(), v.humans.end(), n) != v.humans.end();
    const auto f = snap.forces.find(n);
    s += fmt::format(
        "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"{}\" stroke=\"{}\" "
        "stroke-width=\"{}\"><title>{}: forces {}</title></circle>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"node\" text-anchor=\"middle\">{}</text>",
        x, y, l.radius.at(n), v.ColorOf(n), human ? "#000" : "#fff", human ? 3 : 1.5, E(n),
        Fix(f != snap.forces.end() ? f->second : 0.0, 1), x, y + l.radius.at(n) + 14, E(n));
  }
  return s + "</svg>";
}

Snapshot AfterTurn(const View& v, int turn, const std::string& title) {
  Snapshot s{title, {}, {}};
  for (const ReportTieRow& r : v.d.tie_rows) {
    if (r.turn == turn) s.ties.push_back(r);
  }
  for (const ReportActorRow& r : v.d.actor_rows) {
    if (r.turn == turn) s.forces[r.actor] = r.forces;
  }
  return s;
}

std::string Instruments(const ReportTieRow* t) {
  if (t == nullptr) return "no tie";
  return fmt::format("commitment {}, intel {}, access {}", Fix(t->commitment), Fix(t->intel),
                     Fix(t->access));
}

// Ties whose commitment, intelligence or access differ between the graphs.
std::string ChangedTies(const Snapshot& a, const Snapshot& b) {
  std::map<std::pair<std::string, std::string>, std::pair<const ReportTieRow*, const ReportTieRow*>>
      ties;
  for (const ReportTieRow& t : a.ties) ties[{t.from, t.to}].first = &t;
  for (const ReportTieRow& t : b.ties) ties[{t.from, t.to}].second = &t;
  std::string rows;
  for (const auto& [key, pair] : ties) {
    const auto [x, y] = pair;
    const bool same = x != nullptr && y != nullptr && x->commitment == y->commitment &&
                      x->intel == y->intel && x->access == y->access;
    if (same) continue;
    rows += fmt::format("<tr><td>{} → {}</td><td>{}</td><td>{}</td></tr>", E(key.first),
                        E(key.second), E(Instruments(x)), E(Instruments(y)));
  }
  if (rows.empty())
    return "<p class=\"note\">No commitment, intelligence or access tie changed.</p>";
  return "<h3>Ties that changed</h3>" +
         Scroll(fmt::format("<table class=\"grid\"><tr><th>tie</th><th>{}</th><th>{}</th></tr>",
                            E(a.title), E(b.title)) +
                rows + "</table>");
}

std::string GraphLegend(bool played) {
  return fmt::format(
      "<div class=\"legend\"><span><svg width=\"34\" height=\"8\" aria-hidden=\"true\"><line "
      "x1=\"0\" y1=\"4\" x2=\"34\" y2=\"4\" stroke=\"{0}\" stroke-width=\"4\"/></svg>commitment "
      "i → j (i's obligation to defend j; width by commitment, colour by i's trust in j)</span>"
      "<span><svg width=\"34\" height=\"8\" aria-hidden=\"true\"><line x1=\"0\" y1=\"4\" x2=\"34\" "
      "y2=\"4\" stroke=\"{1}\" stroke-width=\"3\" stroke-dasharray=\"2 3\"/></svg>intelligence "
      "i shares with j</span><span><svg width=\"34\" height=\"8\" aria-hidden=\"true\"><line "
      "x1=\"0\" y1=\"4\" x2=\"34\" y2=\"4\" stroke=\"{2}\" stroke-width=\"3\" "
      "stroke-dasharray=\"8 4\"/></svg>base access: j may use i's bases</span></div>"
      "<div class=\"legend\">trust: <span class=\"sw\" style=\"background:{3}\"></span>0 "
      "<span class=\"sw\" style=\"background:{4}\"></span>0.5 <span class=\"sw\" "
      "style=\"background:{5}\"></span>1 &middot; circle area by forces{6}</div>",
      TrustColor(1), kIntelColor, kAccessColor, TrustColor(0), TrustColor(0.5), TrustColor(1),
      played ? "; human players have a black ring" : "");
}

}  // namespace

std::string GraphSection(const View& v) {
  std::set<int> turns;
  for (const ReportTieRow& r : v.d.tie_rows) turns.insert(r.turn);
  std::string html = "<section id=\"graph\"><h2>Alliance graph at the start and at the end</h2>" +
                     GraphLegend(v.played);
  if (turns.empty() && !v.d.start.known) return html + "<p>No ties recorded.</p></section>";
  Snapshot start;
  if (v.d.start.known) {
    start = Snapshot{"At the start (before turn 1)", v.d.start.ties, {}};
    for (const auto& [id, f] : v.d.start.forces) start.forces[id] = f;
  } else {
    start = AfterTurn(v, *turns.begin(), fmt::format("After turn {}", *turns.begin()));
    html +=
        "<p class=\"note\">This run directory was written before runs recorded the ties before "
        "turn 1: the first graph is after turn 1's updates and injects.</p>";
  }
  const int last = turns.empty() ? 0 : *turns.rbegin();
  const Snapshot end = AfterTurn(v, last, fmt::format("After turn {} (the end)", last));
  html += "<div class=\"row\">";
  html += Figure(start.title, GraphSvg(v, start), "");
  html += Figure(end.title, GraphSvg(v, end), "");
  html += "</div>" + ChangedTies(start, end);
  return html + "</section>";
}

}  // namespace overstretch::cli::report
