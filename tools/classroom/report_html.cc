// The after-action report page (tools/classroom/report.h): the header,
// the navigation, the style sheet and the order of the sections, which are
// drawn in the files named in tools/classroom/report_page.h. Inline CSS and
// SVG only, no script: the page opens offline, reads on a 390 px phone
// (tables scroll sideways in their box, charts scale to the screen) and
// prints (no navigation, no figure split across pages).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/version.h"
#include "tools/classroom/report.h"
#include "tools/classroom/report_page.h"

namespace overstretch::cli {
namespace report {

std::string E(std::string_view text) { return HtmlEscape(text); }

std::string Fix(double x, int digits) {
  if (!std::isfinite(x)) return "n/a";
  return fmt::format("{:.{}f}", x, digits);
}

std::string Level(int e) {
  static const char* const kLevels[] = {"latent",           "tension",        "crisis",
                                        "limited conflict", "major conflict", "nuclear threshold"};
  return e >= 0 && e <= 5 ? fmt::format("{} ({})", e, kLevels[e]) : fmt::format("{}", e);
}

std::string Scroll(const std::string& table) { return "<div class=\"scroll\">" + table + "</div>"; }

View::View(const ReportData& data) : d(data) {
  std::set<std::string> a, t;
  for (const auto& r : d.actor_rows) a.insert(r.actor);
  for (const auto& r : d.theater_rows) t.insert(r.theater);
  for (const auto& r : d.theater_rows) turns = std::max(turns, r.turn);
  for (const auto& r : d.actor_rows) turns = std::max(turns, r.turn);
  for (const auto& r : d.turn_rows) turns = std::max(turns, r.turn);
  actors.assign(a.begin(), a.end());
  theaters.assign(t.begin(), t.end());
  for (std::size_t i = 0; i < actors.size(); ++i) color[actors[i]] = ActorColor(i);
  for (const ReportEvent& e : d.events) {
    const std::string type = e.json.at("type").get<std::string>();
    if (type == "classroom") {
      played = true;
      for (const Json& h : e.json.at("humans")) humans.push_back(h.get<std::string>());
    } else if (type == "facilitator" || type == "human_decision") {
      played = true;
    }
  }
  actions = Actions(d);
}

const std::string& View::ColorOf(const std::string& actor) const {
  static const std::string kUnknown = "#999999";
  const auto it = color.find(actor);
  return it == color.end() ? kUnknown : it->second;
}

}  // namespace report

namespace {

using report::E;
using report::Json;

constexpr const char* kCss = R"css(
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 color:#1b2631;background:#fdfefe;margin:0}
header{background:#1b2631;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:24px}
header p{margin:0;color:#d5d8dc}
nav{padding:8px 24px;background:#eaecee;position:sticky;top:0;overflow-x:auto;white-space:nowrap}
nav a{margin-right:14px;color:#1a5276;text-decoration:none;font-weight:600}
main{padding:8px 24px 40px;max-width:1400px}
h2{border-bottom:2px solid #d5d8dc;padding-bottom:4px;margin-top:28px}
h3{margin:8px 0}
h3 small{font-weight:400;color:#566573;margin-left:8px}
.row{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
figure{margin:0;background:#fff;border:1px solid #d5d8dc;border-radius:6px;padding:8px;
 max-width:100%}
figcaption{font-size:13px;margin-bottom:4px;color:#34495e;max-width:380px}
.card{border:1px solid #d5d8dc;border-radius:8px;padding:10px;margin:12px 0;background:#f8f9f9}
.card.small{max-width:340px}
svg.chart,svg.graph{display:block;max-width:100%;height:auto}
svg .grid{stroke:#e5e8e8;stroke-width:1}
svg .axis{stroke:#85929e;stroke-width:1}
svg .tick{font-size:13px;fill:#34495e}
svg .node{font-size:13px;font-weight:700;fill:#1b2631}
svg .marker line{stroke:#7b7d7d;stroke-width:1.2;stroke-dasharray:3 3}
svg .marker text{font-size:11px;font-weight:700;fill:#1b2631;paint-order:stroke;stroke:#fff;
 stroke-width:3px}
svg .marker.override line{stroke:#6A3D9A;stroke-width:2}
svg .marker.undo line,svg .marker.veto line{stroke:#999933}
svg .marker.branch line{stroke:#000;stroke-width:2;stroke-dasharray:6 2}
.legend{font-size:13px;margin-top:4px}
.legend span{margin-right:12px;display:inline-block}
.legend i{display:inline-block;width:14px;height:4px;margin-right:4px;vertical-align:middle}
.legend i.dash{background-image:linear-gradient(90deg,transparent 60%,#fff 60%)!important}
.legend svg{vertical-align:middle;margin-right:4px}
.sw{display:inline-block;width:22px;height:6px;vertical-align:middle;margin:0 2px 0 8px}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:8px 0}
table.kv th{text-align:left;padding:3px 14px 3px 0;font-weight:600}
table.kv td{padding:3px 14px 3px 0}
table.grid th,table.grid td{border:1px solid #d5d8dc;padding:3px 8px;text-align:left;
 vertical-align:top}
table.grid th{background:#eaecee}
td.help{color:#5d6d7e;font-size:13px}
.note{color:#566573;font-size:14px}
.provenance{font-weight:600}
.bad{color:#D55E00}
tr.differs td{background:#fdf2e0}
tr.up td:nth-child(2){color:#D55E00;font-weight:600}
tr.down td:nth-child(2){color:#0072B2;font-weight:600}
tr.abandon td:nth-child(2){color:#8a6d00;font-weight:600}
tr.override td:nth-child(2),tr.undo td:nth-child(2),tr.veto td:nth-child(2){color:#6A3D9A;font-weight:600}
tr.inject td:nth-child(2),tr.agreement td:nth-child(2){color:#1a5276;font-weight:600}
section.team{border-left:4px solid #0072B2;padding-left:10px}
@media (max-width:600px){
 header,nav,main{padding-left:10px;padding-right:10px}
 header h1{font-size:20px}
 .card,figure{padding:6px}
 .row{gap:8px}
 table.kv tr{display:grid;grid-template-columns:minmax(0,1fr) auto;border-bottom:1px solid #eaecee}
 table.kv td.help{grid-column:1/-1;padding-bottom:6px}
}
@media print{
 nav{display:none}
 header{background:none;color:#000;border-bottom:2px solid #000}
 header p{color:#000}
 body{font-size:11pt}
 main{max-width:none}
 .card,figure,tr{break-inside:avoid}
 h2,h3{break-after:avoid}
 section.team{break-before:page}
 .scroll{overflow:visible}
 a{color:inherit;text-decoration:none}
}
)css";

std::string Header(const report::View& v) {
  const Json& s = v.d.summary;
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
      "<body><header><h1>After-action report: {}</h1><p>{} {} &middot; seed {} &middot; {} turns "
      "played &middot; {} actors, {} theaters &middot; written by Overstretch {}, report by "
      "Overstretch {}</p></header>",
      E(scenario), v.played ? "classroom game" : "model run", E(v.d.name), s.at("seed").dump(),
      v.turns, v.actors.size(), v.theaters.size(), E(version), E(kVersion));
  return html;
}

std::string Nav(const report::View& v, bool talks, bool compare) {
  std::string html =
      "<nav><a href=\"#summary\">Summary</a><a href=\"#theaters\">Theaters</a>"
      "<a href=\"#forces\">Forces</a><a href=\"#burden\">Burden sharing</a>"
      "<a href=\"#trust\">Trust</a><a href=\"#graph\">Alliance graph</a>";
  if (!v.actions.empty()) html += "<a href=\"#actions\">Injects</a>";
  html += "<a href=\"#events\">Key events</a>";
  if (v.played) html += "<a href=\"#players\">Players</a>";
  if (!v.humans.empty()) html += "<a href=\"#teams\">Teams</a>";
  if (talks) html += "<a href=\"#talks\">Talks</a>";
  if (compare) html += "<a href=\"#compare\">Compared</a>";
  return html + "</nav>";
}

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

std::string RenderReportHtml(const ReportData& data, const ReportData* compare) {
  using namespace report;  // NOLINT: the sections
  const View v(data);
  const std::string talks = TalksSection(v);
  std::string html = Header(v) + Nav(v, !talks.empty(), compare != nullptr) + "<main>";
  html += fmt::format("<p class=\"note\">Source: {}</p>", E(data.dir));
  const std::string branch = BranchNote(v);
  if (!branch.empty()) html += "<p class=\"provenance\">" + E(branch) + "</p>";
  if (v.turns == 0) html += "<p>No turn was played: there is nothing to chart.</p>";
  html += SummarySection(v);
  if (v.turns > 0) {
    html +=
        TheaterSection(v) + ForcesSection(v) + BurdenSection(v) + TrustSection(v) + GraphSection(v);
  }
  html += ActionsSection(v);
  if (compare != nullptr && v.turns > 0) html += ComparisonSection(v, View(*compare));
  html += EventsSection(v) + PlayersSection(v) + TeamSections(v) + talks;
  return html + "</main></body></html>\n";
}

}  // namespace overstretch::cli
