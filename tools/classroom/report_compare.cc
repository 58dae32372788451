// Two runs side by side (report_page.h): a branch of a played game beside
// the original, or the same scenario under other settings. Each run is
// called by its name; a branch says where it left its original; metrics get
// a difference column; each turn's decisions and the facilitator's actions
// of both runs sit in one row, marked where they differ; each theater's
// escalation and control are drawn with the other run dashed.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "tools/classroom/report_page.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli::report {
namespace {

constexpr std::size_t kMaxTheaterCards = 24;

// The branch_of of the run's classroom event: {file, turn}, or null.
const Json* BranchOf(const View& v) {
  for (const ReportEvent& ev : v.d.events) {
    const Json& j = ev.json;
    if (j.at("type") != "classroom") continue;
    const auto it = j.find("branch_of");
    if (it != j.end() && it->is_object() && it->contains("turn") &&
        it->at("turn").is_number_integer() && it->contains("file") && it->at("file").is_string()) {
      return &*it;
    }
  }
  return nullptr;
}

std::string MetricRow(const RunMetric& m, const Json& a, const Json& b) {
  MetricValue x, y;
  std::string error;
  const bool ok = MetricFromJson(m, a, &x, &error) && MetricFromJson(m, b, &y, &error);
  std::string diff = "n/a";
  if (ok && x && y) {
    if (m.type == MetricType::kBool) {
      diff = *x == *y ? "same" : "differs";
    } else if (m.type == MetricType::kInteger) {
      diff = fmt::format("{:+}", static_cast<long long>(*x - *y));
    } else {
      diff = fmt::format("{:+.3f}", *x - *y);
    }
  }
  const bool differs = ok && x != y;
  return fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                     differs ? " class=\"differs\"" : "", E(std::string(m.name)),
                     E(ok ? MetricText(m, x) : "n/a"), E(ok ? MetricText(m, y) : "n/a"), E(diff));
}

// What happened at turn t of a run: the actions just before it and the human
// players' decisions of the turn, one line each.
std::map<int, std::vector<std::string>> TurnLines(const View& v) {
  std::map<int, std::vector<std::string>> lines;
  for (const Action& a : v.actions) {
    lines[a.after_turn + 1].push_back(
        fmt::format("{} {}{}", a.code, a.headline, a.detail.empty() ? "" : " (" + a.detail + ")"));
  }
  for (const ReportEvent& ev : v.d.events) {
    const Json& j = ev.json;
    if (j.at("type") != "human_decision") continue;
    lines[j.at("turn").get<int>()].push_back(
        fmt::format("{} in {}: {}", j.at("actor").get<std::string>(),
                    j.at("theater").get<std::string>(), j.at("option").get<std::string>()));
  }
  return lines;
}

std::string Cell(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) s += (s.empty() ? "" : "<br>") + E(l);
  return s.empty() ? "&mdash;" : s;
}

std::string SideBySide(const View& v, const View& other) {
  const auto a = TurnLines(v), b = TurnLines(other);
  std::set<int> turns;
  for (const auto& [t, l] : a) turns.insert(t);
  for (const auto& [t, l] : b) turns.insert(t);
  if (turns.empty()) return "";
  std::string rows;
  const std::vector<std::string> none;
  for (int t : turns) {
    const auto& x = a.count(t) ? a.at(t) : none;
    const auto& y = b.count(t) ? b.at(t) : none;
    rows += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td></tr>",
                        x != y ? " class=\"differs\"" : "", t, Cell(x), Cell(y));
  }
  return fmt::format(
             "<h3>Decisions, injects and overrides, turn by turn</h3><p class=\"note\">Each "
             "turn's row: the facilitator's actions taken before it (codes as in each run's "
             "list) and the human players' decisions; rows that differ are marked.</p>") +
         Scroll(fmt::format("<table class=\"grid side\"><tr><th>turn</th><th>{}</th><th>{}</th>"
                            "</tr>",
                            E(v.d.name), E(other.d.name)) +
                rows + "</table>");
}

std::string TheaterCards(const View& v, const View& other, const std::vector<Marker>& marks) {
  const int turns = std::max(v.turns, other.turns);
  std::set<std::string> ids(v.theaters.begin(), v.theaters.end());
  ids.insert(other.theaters.begin(), other.theaters.end());
  std::string html;
  std::size_t shown = 0;
  for (const std::string& id : ids) {
    if (shown++ == kMaxTheaterCards) break;
    auto series = [&](const View& run, bool escalation, bool dashed) {
      Series ser{(escalation ? "escalation, " : "control, ") + run.d.name,
                 escalation ? kEscalationColor : kChallengerColor,
                 std::vector<double>(turns, Nan()), escalation, dashed};
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
        LineChart(id + " escalation compared", turns, EscalationAxis(), {esc_a, esc_b}, marks),
        Legend({esc_a, esc_b}));
    html += Figure("Control",
                   LineChart(id + " control compared", turns, UnitAxis(), {ctl_a, ctl_b}, marks),
                   Legend({ctl_a, ctl_b}));
    html += "</div></div>";
  }
  return html;
}

}  // namespace

std::string BranchNote(const View& v) {
  const Json* b = BranchOf(v);
  if (b == nullptr) return "";
  return fmt::format(
      "{} is a branch: it replays the game saved in {} up to the end of turn {}, "
      "then the teams decided anew.",
      v.d.name, b->at("file").get<std::string>(), b->at("turn").get<int>());
}

std::string ComparisonSection(const View& v, const View& other) {
  std::string html = fmt::format(
      "<section id=\"compare\"><h2>{} compared with {}</h2><p class=\"note\">{} is in {}; {} "
      "is in {}. Solid lines: {}; dashed lines: {}.</p>",
      E(v.d.name), E(other.d.name), E(v.d.name), E(v.d.dir), E(other.d.name), E(other.d.dir),
      E(v.d.name), E(other.d.name));
  std::vector<Marker> marks;
  for (const View* run : {&v, &other}) {
    const std::string note = BranchNote(*run);
    if (note.empty()) continue;
    html += "<p class=\"provenance\">" + E(note) + "</p>";
    const int turn = BranchOf(*run)->at("turn").get<int>();
    marks.push_back({turn, "branch", "branch",
                     fmt::format("{} branched here, after turn {}", run->d.name, turn)});
  }
  std::string table = fmt::format(
      "<table class=\"grid\"><tr><th>metric</th><th>{}</th><th>{}</th><th>difference ({} − "
      "{})</th></tr>",
      E(v.d.name), E(other.d.name), E(v.d.name), E(other.d.name));
  for (const RunMetric& m : RunMetrics()) {
    if (m.outcome) table += MetricRow(m, v.d.summary, other.d.summary);
  }
  html += Scroll(table + "</table>");
  html += SideBySide(v, other);
  html += TheaterCards(v, other, marks);
  return html + "</section>";
}

}  // namespace overstretch::cli::report
