// What the facilitator (and the scenario's schedule) did to a game, read once
// from events.jsonl (report_page.h). A facilitator's inject is two events
// (the `facilitator` command, then the engine's `inject` with its effects):
// they are one action here, shown by its headline and its effects in words.
#include <fmt/format.h>

#include <map>

#include "tools/classroom/report_page.h"

namespace overstretch::cli::report {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::string Str(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Value(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_number()) return fmt::format("{:g}", v.get<double>());
  return v.dump();
}

std::string Words(const std::string& field) {
  std::string out = field;
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

std::string EffectsInWords(const Json& inject) {
  std::string text;
  for (const Json& e : inject.at("effects")) text += (text.empty() ? "" : "; ") + EffectWords(e);
  return text;
}

// An inject's label: a scenario's or a headline, or for a facilitator's
// inject without one the generic "facilitator: EFFECT" (not a headline).
std::string Headline(const Json& inject, const std::string& fallback) {
  const std::string label = Str(inject, "label");
  return label.empty() || label.rfind("facilitator:", 0) == 0 ? fallback : label;
}

std::string OverrideDetail(const Json& j) {
  const std::string field = Str(j, "field");
  std::string values;
  if (j.contains("before") && j.contains("after")) {
    values = fmt::format(" {} → {}", Value(j.at("before")), Value(j.at("after")));
  }
  return fmt::format("{} {}{}; reason: {}", Str(j, "theater"), field, values, Str(j, "reason"));
}

}  // namespace

std::string EffectWords(const Json& e) {
  const std::string kind = Str(e, "kind");
  const std::string value = e.contains("value") ? Value(e.at("value")) : "";
  if (kind == "set_actor") {
    return fmt::format("{} {} → {}", Str(e, "actor"), Words(Str(e, "field")), value);
  }
  if (kind == "set_theater") {
    if (Str(e, "field") == "stake") {
      return fmt::format("{}: stake of {} → {}", Str(e, "theater"), Str(e, "actor"), value);
    }
    return fmt::format("{} {} → {}", Str(e, "theater"), Words(Str(e, "field")), value);
  }
  if (kind == "set_base") {
    return fmt::format("base {} {} → {}", Str(e, "base"), Words(Str(e, "field")), value);
  }
  if (kind == "open") {
    const std::string level = e.contains("escalation") && e.at("escalation").is_number_integer()
                                  ? Level(e.at("escalation").get<int>())
                                  : "?";
    return fmt::format("{} opens at escalation {}", Str(e, "theater"), level);
  }
  if (kind == "close") return fmt::format("{} closed", Str(e, "theater"));
  if (kind == "cut") return fmt::format("tie {} → {} cut", Str(e, "from"), Str(e, "to"));
  if (kind == "tie") {
    std::string set;
    for (const char* key : {"commitment", "access", "intel", "trust", "hostility"}) {
      if (e.contains(key))
        set += fmt::format("{}{} {}", set.empty() ? "" : ", ", key, Value(e.at(key)));
    }
    return fmt::format("tie {} → {}: {}", Str(e, "from"), Str(e, "to"), set);
  }
  std::string text = kind;
  for (const auto& [key, v] : e.items()) {
    if (key != "kind") text += " " + key + " " + Value(v);
  }
  return text;
}

std::vector<Action> Actions(const ReportData& data) {
  std::vector<Action> actions;
  // A facilitator inject whose `inject` event follows (its index).
  std::size_t waiting = kNone;
  for (const ReportEvent& ev : data.events) {
    const Json& j = ev.json;
    const std::string type = Str(j, "type");
    const int turn =
        j.contains("turn") && j.at("turn").is_number_integer() ? j.at("turn").get<int>() : 0;
    if (type == "inject" && waiting != kNone) {
      Action& a = actions[waiting];
      a.detail = EffectsInWords(j);
      if (a.kind == "inject") a.headline = Headline(j, a.headline);
      waiting = kNone;
      continue;
    }
    if (type == "inject") {  // scheduled by the scenario, applied before its turn
      actions.push_back({turn - 1, "inject", "", Headline(j, "Scheduled inject"), EffectsInWords(j),
                         "", ev.line});
      continue;
    }
    if (type != "facilitator") continue;
    const std::string action = Str(j, "action");
    if (action == "inject" || action == "agreement") {
      const std::string headline =
          action == "agreement" ? "Agreement: " + Str(j, "agreement") : "Facilitator's inject";
      actions.push_back({turn, action, "", headline, "", "", ev.line});
      waiting = actions.size() - 1;
    } else if (action == "override") {
      actions.push_back({turn, "override", Str(j, "theater"),
                         fmt::format("Override of {} {}", Str(j, "theater"), Str(j, "field")),
                         OverrideDetail(j), "", ev.line});
    } else if (action == "undo") {
      // An undone inject never took effect: the events hold only its command.
      std::string text = Str(j, "text");
      if (text.rfind("inject ", 0) == 0)
        text = "the facilitator's inject, as typed: " + text.substr(7);
      actions.push_back({turn, "undo", "", "Undone: " + text, "", "", ev.line});
    } else if (action == "veto") {  // a proposal the two teams agreed, stopped before it acted
      std::string text = Str(j, "text");
      if (text.rfind("veto of ", 0) == 0) text = text.substr(8);
      actions.push_back(
          {turn, "veto", "", "Vetoed: " + text, "reason: " + Str(j, "reason"), "", ev.line});
    }
    if (action != "inject" && action != "agreement") waiting = kNone;
  }
  std::map<std::string, int> count;
  for (Action& a : actions) {
    const char letter = a.kind == "override"    ? 'O'
                        : a.kind == "undo"      ? 'U'
                        : a.kind == "agreement" ? 'A'
                        : a.kind == "veto"      ? 'V'
                                                : 'I';
    a.code = fmt::format("{}{}", letter, ++count[a.kind]);
  }
  return actions;
}

std::vector<Marker> Markers(const std::vector<Action>& actions, const std::string& theater) {
  std::vector<Marker> markers;
  for (const Action& a : actions) {
    if (!theater.empty() && !a.theater.empty() && a.theater != theater) continue;
    std::string title = fmt::format("{}: {}", a.code, a.headline);
    if (!a.detail.empty()) title += " (" + a.detail + ")";
    title += a.after_turn == 0 ? ", before turn 1" : fmt::format(", after turn {}", a.after_turn);
    markers.push_back({a.after_turn, a.code, a.kind, title});
  }
  return markers;
}

}  // namespace overstretch::cli::report
