// The report's lists (report_page.h): the facilitator's actions (the key to
// the charts' markers), the key events in order, the human players'
// decisions, and the talks between teams.
#include <fmt/format.h>

#include <map>

#include "tools/classroom/report_page.h"

namespace overstretch::cli::report {
namespace {

constexpr std::size_t kMaxEventRows = 400;

std::string When(int after_turn) {
  return after_turn == 0 ? std::string("before turn 1") : fmt::format("after turn {}", after_turn);
}

struct Row {
  std::string turn, kind, cls, text;
};

// A model event worth a line in the key events (empty kind: none).
void ModelEventRows(const Json& j, const std::string& type, std::vector<Row>* rows,
                    std::size_t* abandonments) {
  const std::string turn = j.contains("turn") ? j.at("turn").dump() : "";
  if (type == "theater_opened") {
    rows->push_back({turn, "theater opened", "open",
                     fmt::format("{} opened at escalation {}", j.at("theater").get<std::string>(),
                                 Level(j.at("escalation").get<int>()))});
  } else if (type == "adjudication") {
    const int before = j.at("escalation_before").get<int>();
    const int after = j.at("escalation_after").get<int>();
    const std::string theater = j.at("theater").get<std::string>();
    if (after != before) {
      rows->push_back(
          {turn, after > before ? "escalation" : "de-escalation", after > before ? "up" : "down",
           fmt::format("{}: {} → {} (p challengers {}, delivered {} vs {})", theater, Level(before),
                       Level(after), Fix(j.at("p_challengers").get<double>()),
                       Fix(j.at("phi_challengers").get<double>(), 1),
                       Fix(j.at("phi_defenders").get<double>(), 1))});
    }
    const std::string status = j.at("status").get<std::string>();
    if (status != "active") {
      rows->push_back({turn, "outcome", status == "won" ? "up" : "down",
                       fmt::format("{} {} (control {})", theater, status,
                                   Fix(j.at("control_after").get<double>(), 3))});
    }
  } else if (type == "abandonment") {
    ++*abandonments;
    rows->push_back(
        {turn, "abandonment", "abandon",
         fmt::format("{} did not deploy for {} in {} (commitment {}): {}'s trust in {} {} → {}",
                     j.at("abandoner").get<std::string>(), j.at("abandoned").get<std::string>(),
                     j.at("theater").get<std::string>(), Fix(j.at("commitment").get<double>()),
                     j.at("abandoned").get<std::string>(), j.at("abandoner").get<std::string>(),
                     Fix(j.at("trust_before").get<double>(), 3),
                     Fix(j.at("trust_after").get<double>(), 3))});
  }
}

std::string ActionText(const Action& a) {
  return a.detail.empty() ? a.headline : a.headline + " (" + a.detail + ")";
}

}  // namespace

std::string ActionsSection(const View& v) {
  if (v.actions.empty()) return "";
  std::string rows;
  for (const Action& a : v.actions) {
    rows += fmt::format("<tr class=\"{}\"><td><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        E(a.kind), E(a.code), E(When(a.after_turn)), E(a.headline), E(a.detail));
  }
  return "<section id=\"actions\"><h2>Injects, overrides and undos</h2><p class=\"note\">Injects "
         "(I; the scenario's scheduled ones too), overrides (O), undos (U) and agreements "
         "between teams (A) and the facilitator's vetoes of agreed proposals (V), in the order "
         "they happened; the codes mark the charts between "
         "the turns where they took effect. An undone step is not in the charts (they show "
         "the game as it went on), but its undo is listed.</p>" +
         Scroll(
             "<table class=\"grid\"><tr><th>code</th><th>when</th><th>what</th>"
             "<th>details</th></tr>" +
             rows + "</table>") +
         "</section>";
}

std::string EventsSection(const View& v) {
  std::vector<Row> rows;
  std::size_t abandonments = 0, next_action = 0;
  for (const ReportEvent& ev : v.d.events) {
    if (next_action < v.actions.size() && v.actions[next_action].line == ev.line) {
      const Action& a = v.actions[next_action++];
      rows.push_back({When(a.after_turn), a.code + " " + a.kind, a.kind, ActionText(a)});
      continue;
    }
    ModelEventRows(ev.json, ev.json.at("type").get<std::string>(), &rows, &abandonments);
  }
  std::string html = fmt::format(
      "<section id=\"events\"><h2>Key events</h2><p class=\"note\">{} events shown ({} "
      "abandonment events); the full log, with every decision and the options weighed "
      "({} decision events), is events.jsonl.</p>",
      rows.size(), abandonments, v.d.decision_events);
  if (rows.empty()) {
    return html + "<p>No injects, escalation changes or abandonments.</p></section>";
  }
  std::string table =
      "<table class=\"grid events\"><tr><th>turn</th><th>event</th><th>what happened</th></tr>";
  for (std::size_t i = 0; i < rows.size() && i < kMaxEventRows; ++i) {
    table += fmt::format("<tr class=\"{}\"><td>{}</td><td>{}</td><td>{}</td></tr>", E(rows[i].cls),
                         E(rows[i].turn), E(rows[i].kind), E(rows[i].text));
  }
  html += Scroll(table + "</table>");
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
  std::string table =
      "<table class=\"grid\"><tr><th>turn</th><th>actor</th><th>theater</th>"
      "<th>decision</th></tr>";
  std::size_t n = 0;
  for (const ReportEvent& ev : v.d.events) {
    if (ev.json.at("type").get<std::string>() != "human_decision") continue;
    if (n++ == kMaxEventRows) break;
    table += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                         ev.json.at("turn").get<int>(), E(ev.json.at("actor").get<std::string>()),
                         E(ev.json.at("theater").get<std::string>()),
                         E(ev.json.at("option").get<std::string>()));
  }
  return html + Scroll(table + "</table>") + "</section>";
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
      std::string reply = ev.json.at("reply").get<std::string>();
      const auto reason = ev.json.find("reason");  // a veto's, shown to the two teams
      if (reason != ev.json.end() && reason->is_string())
        reply += ": " + reason->get<std::string>();
      replies[ev.json.at("proposal").get<int>()] = reply;
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
    html += "<h3>Proposals</h3>" +
            Scroll(
                "<table class=\"grid\"><tr><th>turn</th><th>from → to</th><th>terms</th>"
                "<th>note</th><th>answer</th><th>on acceptance</th></tr>" +
                proposals + "</table>");
  }
  if (!messages.empty()) {
    html +=
        "<h3>Messages</h3>" +
        Scroll("<table class=\"grid\"><tr><th>turn</th><th>from → to</th><th>message</th></tr>" +
               messages + "</table>");
  }
  return html + "</section>";
}

}  // namespace overstretch::cli::report
