// The terminal of `overstretch play` (tools/play.h): briefings, menus,
// adjudication with its reasons, the facilitator's commands, saving,
// resuming and branching. Every typed line is untrusted: it is parsed
// strictly, and anything invalid gets a message and a new prompt.
#include "tools/runio/file_util.h"
#include "tools/classroom/play.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "engine/diagnostics.h"
#include "engine/scenario_loader.h"
#include "engine/version.h"
#include "tools/runio/exit_status.h"
#include "tools/runio/csv.h"
#include "tools/classroom/play_session.h"
#include "tools/classroom/report.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kCommand = "overstretch play";
constexpr const char* kFormat = "overstretch-play";
constexpr std::size_t kMaxLine = 4096;
constexpr std::size_t kMaxRunaway = std::size_t{1} << 20;  // 1 MiB
constexpr std::uintmax_t kMaxSaveBytes = std::uintmax_t{64} << 20;
constexpr std::size_t kMaxScenarioBytes = std::size_t{8} << 20;

const char* const kLevels[] = {"latent", "tension", "crisis", "limited conflict",
                               "major conflict", "nuclear threshold"};

std::string Level(int e) {
  return e >= 0 && e <= kMaxEscalation ? fmt::format("{} ({})", e, kLevels[e])
                                       : fmt::format("{}", e);
}

// Typed text shown back: no control characters, not too long.
std::string Printable(std::string_view text, std::size_t max = 80) {
  std::string out;
  for (char c : text.substr(0, max)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  }
  if (text.size() > max) out += "...";
  return out;
}

std::string Trim(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

// Lowercase without spaces: how typed option labels are compared.
std::string Squash(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

std::pair<std::string, std::string> SplitWord(const std::string& line) {
  const std::string t = Trim(line);
  const std::size_t space = t.find_first_of(" \t");
  if (space == std::string::npos) return {t, ""};
  return {t.substr(0, space), Trim(t.substr(space + 1))};
}

// FNV-1a (64 bit) of a file: a saved game resumes only on the same scenario.
std::optional<std::string> FileHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::uint64_t h = 1469598103934665603ULL;
  std::size_t total = 0;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    total += got;
    if (total > kMaxScenarioBytes + 1) break;
    for (std::size_t i = 0; i < got; ++i) {
      h ^= static_cast<unsigned char>(buffer[i]);
      h *= 1099511628211ULL;
    }
  }
  if (in.bad()) return std::nullopt;
  return fmt::format("{:016x}", h);
}

// Lines from the players' terminal or a decisions file, at most kMaxLine
// characters each (the rest of a longer line is read and refused). A line
// still without a newline after kMaxRunaway bytes ends the input with
// error() set: /dev/zero or a binary file must not be read forever.
class LineReader {
 public:
  LineReader(std::istream& in, std::ostream& echo_to, bool echo)
      : in_(in), echo_to_(echo_to), echo_(echo) {}

  // The next line, or nullopt at the end of the input. *too_long is set
  // when the line was longer than kMaxLine.
  const std::string& error() const { return error_; }
  std::optional<std::string> Next(bool* too_long) {
    while (true) {
      std::optional<std::string> line = NextRaw(too_long);
      // A comment (decision files) is skipped like it was never there.
      const std::size_t first = line ? line->find_first_not_of(" \t") : std::string::npos;
      if (!line || first == std::string::npos || (*line)[first] != '#') return line;
    }
  }

 private:
  std::optional<std::string> NextRaw(bool* too_long) {
    *too_long = false;
    std::string line;
    char c = 0;
    bool any = false;
    std::size_t length = 0;
    if (!error_.empty()) return std::nullopt;
    while (in_.get(c)) {
      any = true;
      if (c == '\n') break;
      if (++length > kMaxRunaway) {
        error_ = fmt::format("the input has a line of more than {} bytes without a line end: "
                             "it is not a decisions file or typed input",
                             kMaxRunaway);
        return std::nullopt;
      }
      if (line.size() < kMaxLine) {
        line.push_back(c);
      } else {
        *too_long = true;
      }
    }
    if (!any) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::size_t first = line.find_first_not_of(" \t");
    if (echo_ && (first == std::string::npos || line[first] != '#')) {
      echo_to_ << Printable(line, 200) << '\n';
    }
    return line;
  }

  std::istream& in_;
  std::ostream& echo_to_;
  bool echo_;
  std::string error_;
};

// Keeps what one turn reported, to show the adjudication and its reasons.
class CaptureRecorder final : public PlayRecorder {
 public:
  struct Decision {
    ActorIndex actor;
    TheaterIndex theater;
    Side side;
    TheaterChoice applied;
  };
  bool wants_network() const override { return true; }  // the same path as the files
  bool wants_decisions() const override { return true; }
  void OnInject(Turn, const Inject& inject) override { injects.push_back(inject.label); }
  void OnTheaterOpened(Turn, TheaterIndex theater, int escalation) override {
    opened.push_back({theater, escalation});
  }
  void OnDecision(const DecisionRecord& r) override {
    decisions.push_back({r.actor, r.theater, r.side, r.applied});
  }
  void OnAdjudication(const AdjudicationRecord& r) override { adjudications.push_back(r); }
  void OnAbandonment(const AbandonmentRecord& r) override { abandonments.push_back(r); }
  void OnTurn(const TurnRecord& r) override {
    deployed.assign(r.deployed.begin(), r.deployed.end());
  }

  std::vector<std::string> injects;
  std::vector<std::pair<TheaterIndex, int>> opened;
  std::vector<Decision> decisions;
  std::vector<AdjudicationRecord> adjudications;
  std::vector<AbandonmentRecord> abandonments;
  std::vector<double> deployed;
};

// Same flags as the files' recorder, reports nothing: for replays.
class SilentRecorder final : public PlayRecorder {
 public:
  bool wants_network() const override { return true; }
  bool wants_decisions() const override { return true; }
};

const char* kFacilitatorHelp =
    "facilitator commands (between turns):\n"
    "  next                       play the next turn (players decide, then adjudication)\n"
    "  inject EFFECT              apply an effect before the next turn, written as in a\n"
    "                             scenario's injects, e.g.\n"
    "                               inject {set: actors.US.global_commitments, value: 0.9}\n"
    "                               inject {tie: {between: [JPN, ROK], intel: 0.6}}\n"
    "                               inject {open: SCS, escalation: 2}\n"
    "  override THEATER control|escalation VALUE REASON...\n"
    "                             overrule the adjudicated outcome (a reason is required\n"
    "                             and logged), e.g. override KOR control 0.2 ceasefire line\n"
    "  undo                       take back the last turn, inject or override\n"
    "  save [FILE]                save the game (resume with --resume FILE)\n"
    "  truth                      the true state, hidden values included (facilitator only)\n"
    "  help                       this list\n"
    "  quit                       end the session (saves first if --save was given)\n";

enum class Flow { kContinue, kNext, kQuit, kEof };

class Game {
 public:
  Game(const Scenario& scenario, const ScenarioSource& source, std::vector<Override> overrides,
       const ModelRegistry& registry, PlaySession& session, const PlayOptions& options,
       std::ostream& out)
      : scenario_(scenario),
        source_(source),
        overrides_(std::move(overrides)),
        registry_(registry),
        session_(session),
        options_(options),
        out_(out) {}

  Json& log() { return log_; }

  // ---------------------------------------------------------- facilitator

  // Runs one facilitator command. With `replay`, only state-changing commands
  // are allowed and nothing is printed but errors (returned in *error).
  Flow Facilitator(const std::string& line, bool replay, std::string* error) {
    error->clear();
    const auto [word, rest] = SplitWord(line);
    const std::string command = Squash(word);
    if (command.empty()) return Flow::kContinue;
    if (replay && command != "inject" && command != "override" && command != "undo") {
      *error = fmt::format("'{}' is not a command that changes the game", Printable(word));
      return Flow::kContinue;
    }
    if (command == "help" || command == "?") {
      out_ << kFacilitatorHelp;
    } else if (command == "next" || command == "n") {
      return Flow::kNext;
    } else if (command == "quit" || command == "exit") {
      return Flow::kQuit;
    } else if (command == "truth") {
      Truth();
    } else if (command == "save") {
      const std::string file = rest.empty() ? SavePath() : rest;
      if (file.empty()) {
        *error = "save: name a file (save FILE), or start with --save FILE";
      } else {
        std::string why;
        if (Save(file, &why)) {
          out_ << fmt::format("saved the game to {} (continue it with: overstretch play "
                              "--resume {})\n",
                              Printable(file, 200), Printable(file, 200));
        } else {
          *error = "save: " + why;
        }
      }
    } else if (command == "undo") {
      std::string what;
      if (!session_.Undo(&what)) {
        *error = "undo: nothing to undo";
      } else {
        log_.push_back(Json{{"command", "undo"}});
        if (!replay) out_ << fmt::format("undone: {}\n", Printable(what, 200));
      }
    } else if (command == "inject") {
      DoInject(rest, replay, error);
    } else if (command == "override") {
      DoOverride(rest, replay, error);
    } else {
      *error = fmt::format("unknown command '{}': type 'help' for the list", Printable(word, 40));
    }
    return Flow::kContinue;
  }

  // ---------------------------------------------------------- turns

  // Briefs every human actor, reads their choices, plays the turn and shows
  // the adjudication. kEof/kQuit when the input ended or a player quit.
  Flow HumanTurn(LineReader& reader) {
    const std::vector<Briefing> briefings = session_.Brief();
    const Turn turn = session_.state().turn + 1;
    std::vector<HumanChoice> choices;
    for (const Briefing& b : briefings) {
      ShowBriefing(b);
      double deployed_share = 0.0;
      for (const TheaterView& view : b.views) {
        const std::vector<MenuOption> menu = MenuOptions(scenario_, b, view);
        if (menu.empty()) continue;
        ShowMenu(b, view, menu);
        while (true) {
          out_ << fmt::format("{} [{}] choose 1-{}> ", Id(b.actor), TheaterId(view.theater),
                              menu.size());
          out_.flush();
          bool too_long = false;
          const std::optional<std::string> line = reader.Next(&too_long);
          if (!line) {
            out_ << fmt::format("\ninput ended during the decisions of turn {}: the turn is "
                                "not played\n",
                                turn);
            return Flow::kEof;
          }
          if (too_long) {
            out_ << fmt::format("  that line is longer than {} characters: try again\n", kMaxLine);
            continue;
          }
          const std::string typed = Trim(*line);
          const std::string key = Squash(typed);
          if (key.empty()) continue;
          if (key == "help" || key == "?") {
            out_ << "  enter the number of an option, or its text as shown (e.g. 'support'); "
                    "'brief' shows the briefing again; 'quit' ends the session\n";
            continue;
          }
          if (key == "brief") {
            ShowBriefing(b);
            ShowMenu(b, view, menu);
            continue;
          }
          if (key == "quit" || key == "exit") return Flow::kQuit;
          std::optional<std::size_t> pick;
          if (IsDecimal(typed)) {
            std::size_t n = 0;
            const auto r = std::from_chars(typed.data(), typed.data() + typed.size(), n);
            if (r.ec == std::errc() && n >= 1 && n <= menu.size()) pick = n - 1;
          } else {
            for (std::size_t i = 0; i < menu.size(); ++i) {
              if (Squash(menu[i].label) == key) pick = i;
            }
          }
          if (!pick) {
            out_ << fmt::format(
                "  '{}' is not an option here: enter a number from 1 to {}, or an option's "
                "text (e.g. '{}')\n",
                Printable(typed, 40), menu.size(), menu.back().label);
            continue;
          }
          const MenuOption& option = menu[*pick];
          choices.push_back({b.actor, view.theater, option.choice, option.label});
          deployed_share += option.choice.share;
          out_ << fmt::format("  {} in {}: {}\n", Id(b.actor), TheaterId(view.theater),
                              option.label);
          break;
        }
      }
      if (deployed_share > 1.0 + 1e-9) {
        out_ << fmt::format(
            "  note: {}'s deployments add up to {:.0f}% of its available force; they are "
            "scaled down pro rata\n",
            Id(b.actor), deployed_share * 100.0);
      }
    }
    Step step;
    step.kind = Step::Kind::kTurn;
    step.choices = choices;
    CaptureRecorder capture;
    session_.Apply(std::move(step), &capture);
    log_.push_back(TurnEntry(turn, choices));
    ShowAdjudication(turn, capture);
    return Flow::kContinue;
  }

  // Replays one saved turn entry.
  bool ReplayTurn(const nlohmann::json& entry, std::string* error) {
    const Turn turn = session_.state().turn + 1;
    if (!entry.at("turn").is_number_integer() || entry.at("turn").get<long long>() != turn) {
      *error = fmt::format("expected turn {} here", turn);
      return false;
    }
    if (session_.Finished()) {
      *error = "the game was already over";
      return false;
    }
    if (!entry.contains("decisions") || !entry.at("decisions").is_array()) {
      *error = "'decisions' must be a list";
      return false;
    }
    const std::vector<Briefing> briefings = session_.Brief();
    std::vector<HumanChoice> choices;
    std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
    for (const nlohmann::json& d : entry.at("decisions")) {
      if (!d.is_object() || !d.contains("actor") || !d.at("actor").is_string() ||
          !d.contains("theater") || !d.at("theater").is_string() || !d.contains("posture") ||
          !d.at("posture").is_string() || !d.contains("share") || !d.at("share").is_number() ||
          !d.contains("move") || !d.at("move").is_string()) {
        *error = "a decision needs actor, theater, posture (strings), share (a number), move";
        return false;
      }
      if (d.contains("bases_closed") && !d.at("bases_closed").is_boolean()) {
        *error = "a decision's bases_closed must be true or false";
        return false;
      }
      const bool bases_closed = d.contains("bases_closed") && d.at("bases_closed").get<bool>();
      const std::string actor = d.at("actor").get<std::string>();
      const std::string theater = d.at("theater").get<std::string>();
      const Briefing* b = nullptr;
      for (const Briefing& x : briefings) {
        if (Id(x.actor) == actor) b = &x;
      }
      const TheaterView* view = nullptr;
      if (b != nullptr) {
        for (const TheaterView& v : b->views) {
          if (TheaterId(v.theater) == theater) view = &v;
        }
      }
      if (b == nullptr || view == nullptr) {
        *error = fmt::format("{} has no decision to make in {} on turn {}", Printable(actor, 40),
                             Printable(theater, 40), turn);
        return false;
      }
      const std::vector<MenuOption> menu = MenuOptions(scenario_, *b, *view);
      const MenuOption* match = nullptr;
      for (const MenuOption& m : menu) {
        if (d.at("posture").get<std::string>() == PostureName(m.choice.posture) &&
            d.at("move").get<std::string>() == MoveName(m.choice.move) &&
            d.at("share").get<double>() == m.choice.share &&
            bases_closed == !m.choice.grant_access) {
          match = &m;
        }
      }
      if (match == nullptr) {
        *error = fmt::format("{} in {}: not one of the options of turn {}", Printable(actor, 40),
                             Printable(theater, 40), turn);
        return false;
      }
      if (!seen.insert({b->actor.value, view->theater.value}).second) {
        *error = fmt::format("two decisions for {} in {}", Printable(actor, 40),
                             Printable(theater, 40));
        return false;
      }
      choices.push_back({b->actor, view->theater, match->choice, match->label});
    }
    for (const Briefing& b : briefings) {
      for (const TheaterView& v : b.views) {
        if (!MenuOptions(scenario_, b, v).empty() && !seen.count({b.actor.value, v.theater.value})) {
          *error = fmt::format("no decision for {} in {}", Id(b.actor), TheaterId(v.theater));
          return false;
        }
      }
    }
    Step step;
    step.kind = Step::Kind::kTurn;
    step.choices = choices;
    SilentRecorder silent;
    session_.Apply(std::move(step), &silent);
    log_.push_back(TurnEntry(turn, choices));
    return true;
  }

  // ---------------------------------------------------------- saving

  std::string SavePath() const {
    if (!options_.save.empty()) return options_.save;
    if (!options_.resume.empty()) return options_.resume;
    return {};
  }

  void SetSaveHeader(Json header) { save_header_ = std::move(header); }

  bool Save(const std::string& file, std::string* error) {
    if (file.size() > kMaxLine) {
      *error = "file name too long";
      return false;
    }
    Json j = save_header_;
    j["log"] = log_;
    return WriteFileAtomically(file, DumpJson(j, 1) + "\n", error);
  }

  // ---------------------------------------------------------- display

  void ShowSummary() {
    const RunSummary s = session_.Summary();
    auto fixed = [](const std::optional<double>& x) {
      return x ? fmt::format("{:.3f}", *x) : std::string("n/a");
    };
    out_ << fmt::format("after {} turns: deterrence rate {}, theaters lost {} of {} opened, max "
                        "escalation {}, cohesion {}, abandonment events {}\n",
                        s.turns_played, fixed(s.deterrence_rate), s.theaters_lost,
                        s.theaters_opened, Level(s.max_escalation), fixed(s.final_cohesion),
                        s.abandonment_events);
  }

 private:
  const std::string& Id(ActorIndex i) const { return scenario_.actors[i.get()].id; }
  const std::string& TheaterId(TheaterIndex k) const { return scenario_.theaters[k.get()].id; }

  static Json TurnEntry(Turn turn, const std::vector<HumanChoice>& choices,
                        const Scenario& scenario) {
    Json decisions = Json::array();
    for (const HumanChoice& c : choices) {
      decisions.push_back(Json{{"actor", scenario.actors[c.actor.get()].id},
                               {"theater", scenario.theaters[c.theater.get()].id},
                               {"posture", PostureName(c.choice.posture)},
                               {"share", c.choice.share},
                               {"move", MoveName(c.choice.move)},
                               {"bases_closed", !c.choice.grant_access}});
    }
    return Json{{"turn", turn}, {"decisions", std::move(decisions)}};
  }
  Json TurnEntry(Turn turn, const std::vector<HumanChoice>& choices) const {
    return TurnEntry(turn, choices, scenario_);
  }

  void DoInject(const std::string& text, bool replay, std::string* error) {
    if (text.empty()) {
      *error = "inject: give an effect, e.g. inject {set: actors.US.global_commitments, "
               "value: 0.9}";
      return;
    }
    if (session_.Finished()) {
      *error = "inject: the game is over (undo first to go back)";
      return;
    }
    const ScenarioSource::EffectResult r = source_.ParseEffect(text, overrides_, registry_);
    if (!r.inject) {
      std::string messages;
      for (const Diagnostic& d : r.diagnostics) {
        messages += (messages.empty() ? "" : "\n  ") + Printable(d.message, 300);
      }
      *error = "inject: " + messages;
      return;
    }
    Step step;
    step.kind = Step::Kind::kInject;
    step.text = "inject " + Printable(text, kMaxLine);
    step.inject = *r.inject;
    step.inject.turn = session_.state().turn + 1;
    step.inject.label = "facilitator: " + Printable(text, 200);
    session_.Apply(std::move(step), nullptr);
    log_.push_back(Json{{"command", "inject " + text}});
    if (!replay) {
      out_ << fmt::format("injected before turn {}: {}\n", session_.state().turn + 1,
                          Printable(text, 200));
    }
  }

  void DoOverride(const std::string& text, bool replay, std::string* error) {
    std::istringstream words(text);
    std::string theater, field, value;
    words >> theater >> field >> value;
    std::string reason;
    std::getline(words, reason);
    reason = Trim(reason);
    const std::string usage =
        "usage: override THEATER control|escalation VALUE REASON..., e.g. override KOR "
        "control 0.2 ceasefire along the DMZ";
    if (theater.empty() || field.empty() || value.empty()) {
      *error = "override: " + usage;
      return;
    }
    std::optional<std::size_t> k;
    for (std::size_t i = 0; i < scenario_.theaters.size(); ++i) {
      if (scenario_.theaters[i].id == theater) k = i;
    }
    if (!k) {
      *error = fmt::format("override: no theater '{}'", Printable(theater, 40));
      return;
    }
    if (session_.state().theaters[*k].status != TheaterStatus::kActive) {
      *error = fmt::format("override: {} is {}: only an active theater's outcome can be "
                           "overridden",
                           theater, TheaterStatusName(session_.state().theaters[*k].status));
      return;
    }
    Step step;
    step.kind = Step::Kind::kOverride;
    step.theater = TheaterIndex(*k);
    const std::string f = Squash(field);
    if (f == "control") {
      const std::optional<double> v = ParseFiniteDouble(value);
      if (!v || *v < 0.0 || *v > 1.0) {
        *error = fmt::format("override: control must be a number in [0, 1], got '{}'",
                             Printable(value, 40));
        return;
      }
      step.value = *v;
    } else if (f == "escalation") {
      const std::optional<long long> v = ParseInteger(value);
      if (!v || *v < 0 || *v > kMaxEscalation) {
        *error = fmt::format("override: escalation must be a whole number 0-5, got '{}'",
                             Printable(value, 40));
        return;
      }
      step.escalation = true;
      step.value = static_cast<double>(*v);
    } else {
      *error = fmt::format("override: '{}' cannot be overridden: control or escalation",
                           Printable(field, 40));
      return;
    }
    if (std::none_of(reason.begin(), reason.end(),
                     [](unsigned char c) { return std::isalpha(c) != 0; })) {
      *error = "override: a reason is required (it is logged for the debrief); " + usage;
      return;
    }
    step.reason = Printable(reason, kMaxLine);
    step.text = fmt::format("override {} {} {}", theater, f, value);
    session_.Apply(std::move(step), nullptr);
    log_.push_back(Json{{"command", "override " + text}});
    if (!replay) {
      out_ << fmt::format("overridden: {} {} is now {} (reason logged: {})\n", theater, f, value,
                          Printable(reason, 200));
    }
  }

  void ShowBriefing(const Briefing& b) {
    const ActorDef& me = scenario_.actors[b.actor.get()];
    out_ << fmt::format("\n=== Turn {} briefing for {} ({}) — what your government knows ===\n",
                        b.turn, me.id, me.name);
    out_ << fmt::format("Your forces: {:.1f} units; available to deploy this turn: {:.1f} units\n",
                        b.forces, b.available);
    const WorldState& s = session_.state();
    std::string mine, placed, hostile;
    auto allied = [](const TieState* t) {
      return t != nullptr &&
             (t->attrs.commitment > 0 || t->attrs.access > 0 || t->attrs.intel > 0);
    };
    for (const TieState& t : s.ties) {
      if (t.from == b.actor && t.attrs.hostility > 0) {
        hostile += fmt::format("{}{} {:.2f}", hostile.empty() ? "" : ", ", Id(t.to),
                               t.attrs.hostility);
      }
      // Alliance ties only: commitment, access or intelligence either way.
      const TieState* reverse = s.FindTie(t.to, t.from);
      if (!allied(&t) && !allied(reverse)) continue;
      if (t.from == b.actor) {
        mine += fmt::format("  you -> {:<5} commitment {:.2f}  access {:.2f}  intel {:.2f}  "
                            "your trust in them {:.2f}\n",
                            Id(t.to), t.attrs.commitment, t.attrs.access, t.attrs.intel,
                            t.attrs.trust);
      }
      if (t.to == b.actor) {
        const TieState* back = s.FindTie(b.actor, t.from);
        placed += fmt::format("  {:<5} trusts you {:.2f}{}\n", Id(t.from), t.attrs.trust,
                              back != nullptr && back->attrs.commitment > 0
                                  ? fmt::format(" (you are committed to them: {:.2f})",
                                                back->attrs.commitment)
                                  : "");
      }
    }
    out_ << "Your ties:\n" << (mine.empty() ? "  none\n" : mine);
    out_ << "Trust placed in you by your partners:\n" << (placed.empty() ? "  none\n" : placed);
    if (!hostile.empty()) out_ << "Your hostility toward: " << hostile << '\n';
    if (b.views.empty()) out_ << "No theater is active.\n";
    for (const TheaterView& v : b.views) {
      const TheaterDef& def = scenario_.theaters[v.theater.get()];
      out_ << fmt::format("[{}] {}: escalation {}, control {:.3f} (challengers' share), value {:g}\n",
                          def.id, def.name, Level(v.escalation), v.control, v.value);
      if (v.side == Side::kNone) {
        out_ << "  you stand aside: no pull strong enough to either side (nothing to decide)\n";
        continue;
      }
      out_ << fmt::format("  you stand with the {}{} (pull {:.2f})\n", SideName(v.side),
                          v.party ? " as a party: you may not abstain" : "", v.pull);
      out_ << fmt::format(
          "  last turn, estimated under fog: your side delivered ~{:.1f}, the other side "
          "~{:.1f}; you delivered {:.1f} yourself\n",
          v.observed_own, v.observed_other, v.own_last_delivered);
      out_ << fmt::format(
          "  your best route delivers {:.0f}% of what departs; allies' trust at stake {:.2f}; "
          "help requested {:.2f}{}\n",
          v.delivery * 100.0, v.credibility_at_stake, v.help_requested,
          v.other_side_nuclear ? "; the other side has nuclear weapons" : "");
      out_ << fmt::format("  last turn {} other actors backed your side, {} backed the other\n",
                          v.own_side_backers, v.other_side_backers);
    }
  }

  void ShowMenu(const Briefing& b, const TheaterView& view, const std::vector<MenuOption>& menu) {
    out_ << fmt::format("Decision for {} in {}:\n", Id(b.actor), TheaterId(view.theater));
    for (std::size_t i = 0; i < menu.size(); ++i) {
      const TheaterChoice& c = menu[i].choice;
      out_ << fmt::format("  {:>2}) {}{}\n", i + 1, menu[i].label,
                          c.posture == Posture::kDeploy
                              ? fmt::format("  (~{:.1f} units depart)", c.share * b.available)
                          : c.posture == Posture::kSupport
                              ? "  (non-kinetic: opens your bases to your side)"
                              : "");
    }
  }

  void ShowAdjudication(Turn turn, const CaptureRecorder& c) {
    const std::size_t tcount = scenario_.theaters.size();
    out_ << fmt::format("\n--- Turn {} adjudicated ---\n", turn);
    for (const std::string& label : c.injects) {
      out_ << fmt::format("inject at the start of the turn: {}\n", Printable(label, 200));
    }
    for (const auto& [k, e] : c.opened) {
      out_ << fmt::format("{} opened at escalation {}\n", TheaterId(k), Level(e));
    }
    const RunSettings& run = scenario_.run;
    for (const AdjudicationRecord& r : c.adjudications) {
      const TheaterDef& def = scenario_.theaters[r.theater.get()];
      out_ << fmt::format("[{}] {}\n", def.id, def.name);
      out_ << fmt::format(
          "  delivered force: challengers {:.1f} vs defenders {:.1f} -> p(challengers prevail) "
          "= {:.3f} (contest success, decisiveness {:g})\n",
          r.phi_challengers, r.phi_defenders, r.p_challengers, run.decisiveness);
      const char* move = r.move > 0 ? "escalate" : r.move < 0 ? "de-escalate" : "hold";
      out_ << fmt::format("  escalation: the challengers' strongest move was to {}: {} -> {}\n",
                          move, Level(r.escalation_before), Level(r.escalation_after));
      if (r.days_fought > 0) {
        out_ << fmt::format("  fighting: {:.1f} days; the challengers lost {:.1f}%, the "
                            "defenders {:.1f}% of the force they deployed\n",
                            r.days_fought, r.loss_share_challengers * 100.0,
                            r.loss_share_defenders * 100.0);
      } else {
        out_ << "  no fighting below limited conflict (escalation 3)\n";
      }
      const int e = std::clamp(r.escalation_after, 0, kMaxEscalation);
      out_ << fmt::format("  control: {:.3f} -> {:.3f} (rate {:g} x (2p - 1) = {:+.3f})\n",
                          r.control_before, r.control_after, run.control_rate[e],
                          run.control_rate[e] * (2 * r.p_challengers - 1));
      std::string verdict;
      if (r.status != TheaterStatus::kActive) {
        verdict = fmt::format("the theater has ended: {}", TheaterStatusName(r.status));
      } else if (r.escalation_after >= 3) {
        verdict = "deterrence has failed: the theater is at war (escalation 3 or above)";
      } else {
        verdict = "deterrence holds for now (escalation 2 or below)";
      }
      out_ << "  " << verdict << '\n';
      std::map<Side, std::string> who;
      for (const CaptureRecorder::Decision& d : c.decisions) {
        if (d.theater != r.theater) continue;
        std::string what = PostureName(d.applied.posture);
        if (d.applied.posture == Posture::kDeploy) {
          const std::size_t slot = d.actor.get() * tcount + d.theater.get();
          what += fmt::format(" {:.1f}", slot < c.deployed.size() ? c.deployed[slot] : 0.0);
        }
        if (session_.IsHuman(d.actor)) what += " [player]";
        std::string& list = who[d.side];
        list += (list.empty() ? "" : ", ") + fmt::format("{} {}", Id(d.actor), what);
      }
      out_ << fmt::format("  who did what: defenders: {}; challengers: {}{}\n",
                          who.count(Side::kDefenders) ? who[Side::kDefenders] : "none",
                          who.count(Side::kChallengers) ? who[Side::kChallengers] : "none",
                          who.count(Side::kNone) ? "; stood aside: " + who[Side::kNone] : "");
    }
    if (c.adjudications.empty()) out_ << "no theater was active\n";
    for (const AbandonmentRecord& a : c.abandonments) {
      out_ << fmt::format(
          "abandonment: {} delivered {:.0f}% of what {} needed of it in {} (commitment "
          "{:.2f}): {}'s trust in {} {:.3f} -> {:.3f}\n",
          Id(a.abandoner), 100.0 * a.delivered_share, Id(a.abandoned), TheaterId(a.theater),
          a.commitment, Id(a.abandoned), Id(a.abandoner), a.trust_before, a.trust_after);
    }
    ShowSummary();
  }

  void Truth() {
    const WorldState& s = session_.state();
    out_ << fmt::format("\n*** TRUE STATE after turn {} (facilitator only: hidden values) ***\n",
                        s.turn);
    for (std::size_t k = 0; k < scenario_.theaters.size(); ++k) {
      const TheaterState& t = s.theaters[k];
      out_ << fmt::format(
          "  {:<6} {:<8} escalation {}  control {:.3f}  delivered last turn: challengers "
          "{:.2f}, defenders {:.2f}\n",
          scenario_.theaters[k].id, TheaterStatusName(t.status), Level(t.escalation), t.control,
          s.last_phi[k * 2], s.last_phi[k * 2 + 1]);
    }
    for (std::size_t i = 0; i < scenario_.actors.size(); ++i) {
      const ActorState& a = s.actors[i];
      out_ << fmt::format(
          "  {:<6} forces {:8.2f}  available {:7.2f}  global commitments {:.2f}  readiness "
          "{:.2f}  losses so far {:.2f}{}\n",
          scenario_.actors[i].id, a.attrs.forces, AvailableForce(a.attrs), a.attrs.global_commitments,
          a.attrs.readiness, a.losses_total,
          session_.IsHuman(ActorIndex(i)) ? "  [player]" : "");
    }
    out_ << "  ties (trust = from's trust in to):\n";
    for (const TieState& t : s.ties) {
      out_ << fmt::format("    {:<5} -> {:<5} commitment {:.2f}  access {:.2f}  intel {:.2f}  "
                          "trust {:.3f}  hostility {:.2f}\n",
                          Id(t.from), Id(t.to), t.attrs.commitment, t.attrs.access, t.attrs.intel,
                          t.attrs.trust, t.attrs.hostility);
    }
    out_ << fmt::format("  seed {}; {} steps in the history\n", session_.seed(),
                        session_.steps().size());
  }

  const Scenario& scenario_;
  const ScenarioSource& source_;
  std::vector<Override> overrides_;
  const ModelRegistry& registry_;
  PlaySession& session_;
  const PlayOptions& options_;
  std::ostream& out_;
  Json log_ = Json::array();
  Json save_header_;
};

// ------------------------------------------------------------ saved games

struct SavedGame {
  std::string scenario;
  std::string hash;
  std::vector<std::string> sets;
  std::uint64_t seed = 0;
  std::vector<std::string> humans;
  nlohmann::json log;
};

std::optional<SavedGame> ReadSave(const std::string& path, std::string* error) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    *error = fmt::format("{}: cannot read the saved game: {}", path, ec.message());
    return std::nullopt;
  }
  if (size > kMaxSaveBytes) {
    *error = fmt::format("{}: too large for a saved game ({} bytes)", path, size);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string body = text.str();
  if (!JsonDepthWithin(body, 64)) {
    *error = fmt::format("{}: not a saved game (JSON nested too deeply)", path);
    return std::nullopt;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    *error = fmt::format("{}: not a saved game: {}", path, Printable(e.what(), 200));
    return std::nullopt;
  }
  auto bad = [&](const std::string& what) {
    *error = fmt::format("{}: not a saved game of this version: {}", path, what);
    return std::nullopt;
  };
  if (!j.is_object() || !j.contains("format") || j.at("format") != kFormat) {
    return bad("'format' must be \"overstretch-play\"");
  }
  if (!j.contains("version") || j.at("version") != 1) return bad("'version' must be 1");
  SavedGame g;
  if (!j.contains("scenario") || !j.at("scenario").is_string()) return bad("'scenario' missing");
  g.scenario = j.at("scenario").get<std::string>();
  if (!j.contains("scenario_fnv1a64") || !j.at("scenario_fnv1a64").is_string()) {
    return bad("'scenario_fnv1a64' missing");
  }
  g.hash = j.at("scenario_fnv1a64").get<std::string>();
  if (!j.contains("seed") || !j.at("seed").is_number_unsigned()) {
    return bad("'seed' must be a whole number");
  }
  g.seed = j.at("seed").get<std::uint64_t>();
  for (const char* key : {"sets", "humans"}) {
    if (!j.contains(key) || !j.at(key).is_array()) return bad(fmt::format("'{}' must be a list", key));
    for (const auto& v : j.at(key)) {
      if (!v.is_string()) return bad(fmt::format("'{}' must list strings", key));
      (std::string(key) == "sets" ? g.sets : g.humans).push_back(v.get<std::string>());
    }
  }
  if (!j.contains("log") || !j.at("log").is_array()) return bad("'log' must be a list");
  for (const auto& entry : j.at("log")) {
    const bool command = entry.is_object() && entry.contains("command") &&
                         entry.at("command").is_string() && entry.size() == 1;
    const bool turn = entry.is_object() && entry.contains("turn") && entry.contains("decisions");
    if (!command && !turn) return bad("every log entry is a {command} or a {turn, decisions}");
  }
  g.log = j.at("log");
  return g;
}

bool IsUndo(const nlohmann::json& entry) {
  return entry.contains("command") && Squash(SplitWord(entry.at("command").get<std::string>()).first) == "undo";
}

// The length of the log prefix that ends the last time turn T was completed
// (0 for T = 0), or nullopt if the game never got there.
std::optional<std::size_t> BranchPrefix(const nlohmann::json& log, int turn) {
  if (turn == 0) return 0;
  std::vector<bool> stack;  // true: a turn
  std::optional<std::size_t> end;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const nlohmann::json& entry = log[i];
    if (IsUndo(entry)) {
      if (!stack.empty()) stack.pop_back();
    } else {
      stack.push_back(entry.contains("turn"));
    }
    if (entry.contains("turn") &&
        std::count(stack.begin(), stack.end(), true) == static_cast<long>(turn)) {
      end = i + 1;
    }
  }
  return end;
}

}  // namespace

int RunPlay(const PlayOptions& options, const ModelRegistry& registry, std::istream& in,
            std::ostream& out, std::ostream& err) {
  auto fail = [&](const std::string& message) {
    err << fmt::format("{}: error: {}\n", kCommand, message);
    return kExitBadInput;
  };
  if (!options.resume.empty() && !options.branch.empty()) {
    return fail("--resume and --branch exclude each other");
  }
  if (!options.branch.empty() && options.branch_turn < 0) {
    return fail("--branch needs --turn T (the turn to branch after)");
  }
  if (options.branch.empty() && options.branch_turn >= 0) return fail("--turn needs --branch FILE");

  // What to play: a new game, or a saved one.
  std::optional<SavedGame> saved;
  const std::string saved_path = !options.resume.empty() ? options.resume : options.branch;
  std::string error;
  if (!saved_path.empty()) {
    saved = ReadSave(saved_path, &error);
    if (!saved) return fail(error);
    if (!options.seed.empty()) return fail("--seed: the saved game fixes the seed");
    if (!options.sets.empty()) return fail("--set: the saved game fixes the scenario's values");
  }
  std::string scenario_path = options.scenario;
  if (scenario_path.empty()) {
    if (!saved) return fail("name a SCENARIO (or --resume / --branch a saved game)");
    scenario_path = saved->scenario;
  }
  const std::vector<std::string> sets = saved ? saved->sets : options.sets;
  std::vector<Override> overrides;
  for (const std::string& text : sets) {
    std::string why;
    std::optional<Override> o = ParseOverride(text, &why);
    if (!o) return fail("--set: " + why);
    overrides.push_back(std::move(*o));
  }
  if (saved) {
    overrides.push_back(Override{"run.seed", fmt::format("{}", saved->seed)});
  } else if (!options.seed.empty()) {
    std::uint64_t seed = 0;
    const auto r =
        std::from_chars(options.seed.data(), options.seed.data() + options.seed.size(), seed);
    if (!IsDecimal(options.seed) || r.ec != std::errc() ||
        r.ptr != options.seed.data() + options.seed.size()) {
      return fail(fmt::format("--seed: expected a whole number in [0, {}], got '{}'",
                              std::numeric_limits<std::uint64_t>::max(),
                              Printable(options.seed, 40)));
    }
    overrides.push_back(Override{"run.seed", options.seed});
  }

  const ScenarioSource source = ScenarioSource::FromFile(scenario_path);
  LoadResult loaded = source.Build(overrides, registry);
  if (!loaded.scenario) {
    for (const Diagnostic& d : loaded.diagnostics) err << FormatDiagnostic(d) << '\n';
    if (loaded.diagnostics.empty()) {
      err << fmt::format("{}: error: {}: the scenario could not be loaded\n", kCommand,
                         scenario_path);
    }
    return kExitBadInput;
  }
  const Scenario& scenario = *loaded.scenario;
  const std::optional<std::string> hash = FileHash(scenario_path);
  if (!hash) return fail(fmt::format("cannot read {}", scenario_path));
  if (saved && *hash != saved->hash) {
    return fail(fmt::format("{} has changed since the game was saved (the saved game was played "
                            "on a different version of the file): resume with the same file",
                            scenario_path));
  }

  // The human players.
  std::vector<std::string> human_ids = saved ? saved->humans : std::vector<std::string>{};
  if (!saved || !options.humans.empty()) {
    std::vector<std::string> typed;
    std::string rest = options.humans;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      typed.push_back(Trim(rest.substr(0, comma)));
      rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
      if (comma != std::string::npos && rest.empty()) typed.push_back("");
    }
    if (saved && typed != human_ids) {
      return fail("--human: the saved game was played by other players; leave --human out");
    }
    human_ids = typed;
  }
  std::vector<ActorIndex> humans;
  for (const std::string& id : human_ids) {
    std::optional<std::size_t> found;
    std::vector<std::string> all;
    for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
      all.push_back(scenario.actors[i].id);
      if (scenario.actors[i].id == id) found = i;
    }
    if (!found) {
      const std::string near = NearestCandidate(id, all);
      return fail(fmt::format("--human: no actor '{}' in {}{}", Printable(id, 40), scenario.name,
                              near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
    }
    if (std::find(humans.begin(), humans.end(), ActorIndex(*found)) != humans.end()) {
      return fail(fmt::format("--human: {} is listed twice", id));
    }
    humans.push_back(ActorIndex(*found));
  }

  std::ifstream decisions_file;
  if (!options.decisions.empty()) {
    decisions_file.open(options.decisions, std::ios::binary);
    std::error_code ec;
    if (!decisions_file || fs::is_directory(options.decisions, ec)) {
      return fail(fmt::format("--decisions: cannot read {}", options.decisions));
    }
  }
  std::istream& input = options.decisions.empty() ? in : decisions_file;
  LineReader reader(input, out, options.echo || !options.decisions.empty());

  PlaySession session(scenario, registry, scenario.run.seed, humans);
  Game game(scenario, source, overrides, registry, session, options, out);
  Json save_header{{"format", kFormat},
                   {"version", 1},
                   {"scenario", saved ? saved->scenario : fs::absolute(scenario_path).string()},
                   {"scenario_fnv1a64", *hash},
                   {"sets", sets},
                   {"seed", scenario.run.seed},
                   {"humans", human_ids}};
  if (!options.branch.empty()) {
    save_header["branch_of"] = Json{{"file", options.branch}, {"turn", options.branch_turn}};
  }
  game.SetSaveHeader(save_header);

  // Replay the saved game (or its prefix, for a branch).
  if (saved) {
    std::size_t count = saved->log.size();
    if (!options.branch.empty()) {
      const std::optional<std::size_t> prefix = BranchPrefix(saved->log, options.branch_turn);
      if (!prefix) {
        return fail(fmt::format("--turn {}: the saved game never completed turn {}",
                                options.branch_turn, options.branch_turn));
      }
      count = *prefix;
    }
    for (std::size_t i = 0; i < count; ++i) {
      const nlohmann::json& entry = saved->log[i];
      bool ok = true;
      if (entry.contains("command")) {
        game.Facilitator(entry.at("command").get<std::string>(), true, &error);
        ok = error.empty();
      } else {
        ok = game.ReplayTurn(entry, &error);
      }
      if (!ok) {
        return fail(fmt::format("{}: log entry {}: {}", saved_path, i + 1, error));
      }
    }
  }

  Json header{{"type", "classroom"},
              {"scenario", scenario.name},
              {"seed", scenario.run.seed},
              {"humans", human_ids}};
  if (!options.branch.empty()) {
    header["branch_of"] = Json{{"file", options.branch}, {"turn", options.branch_turn}};
  }

  out << fmt::format("Overstretch {} classroom game: {} (seed {})\n", kVersion,
                     Printable(scenario.name, 80), scenario.run.seed);
  std::string players;
  for (const std::string& h : human_ids) players += (players.empty() ? "" : ", ") + h;
  out << fmt::format("players: {}; the models decide for every other actor\n",
                     players.empty() ? "none (the models decide for everyone)" : players);
  if (saved) {
    out << fmt::format("{} {} at turn {} ({} log entries replayed)\n",
                       options.branch.empty() ? "resumed" : "branched from",
                       Printable(saved_path, 200), session.state().turn,
                       options.branch.empty() ? saved->log.size()
                                              : game.log().size());
  }
  out << "type 'help' at the facilitator prompt for the commands; 'next' plays a turn\n";

  Flow flow = Flow::kContinue;
  bool announced_end = false;
  while (flow != Flow::kQuit && flow != Flow::kEof) {
    if (session.Finished() && !announced_end) {
      out << fmt::format("\nThe game is over after turn {}.\n", session.state().turn);
      game.ShowSummary();
      out << "(undo to go back, save, truth, or quit)\n";
      announced_end = true;
    }
    out << fmt::format("facilitator [after turn {}/{}]> ", session.state().turn,
                       scenario.run.turns);
    out.flush();
    bool too_long = false;
    const std::optional<std::string> line = reader.Next(&too_long);
    if (!line) {
      out << '\n';
      flow = Flow::kEof;
      break;
    }
    if (too_long) {
      out << fmt::format("that line is longer than {} characters: try again\n", kMaxLine);
      continue;
    }
    const int turn_before = session.state().turn;
    flow = game.Facilitator(*line, false, &error);
    if (!error.empty()) out << error << '\n';
    if (session.state().turn < turn_before) announced_end = false;
    if (flow == Flow::kNext) {
      if (session.Finished()) {
        out << "the game is over: undo to go back, or quit\n";
        flow = Flow::kContinue;
        continue;
      }
      flow = game.HumanTurn(reader);
    }
  }

  int status = kExitOk;
  const std::string save_path = game.SavePath();
  if (!save_path.empty()) {
    if (game.Save(save_path, &error)) {
      out << fmt::format("saved the game to {} (continue it with: overstretch play --resume {})\n",
                         Printable(save_path, 200), Printable(save_path, 200));
    } else {
      err << fmt::format("{}: error: {}\n", kCommand, error);
      status = kExitInternal;
    }
  } else if (flow == Flow::kEof && reader.error().empty()) {
    out << "input ended: quitting without saving (start with --save FILE to keep the game)\n";
  }
  if (!reader.error().empty()) {
    err << fmt::format("{}: error: {}{}\n", kCommand,
                       options.decisions.empty() ? "" : "--decisions: ", reader.error());
    status = kExitBadInput;
  }
  const fs::path dir = options.out.empty()
                           ? fs::path("runs") / fmt::format("{}-play-{}", SafeName(scenario.name),
                                                            scenario.run.seed)
                           : fs::path(options.out);
  bool bad_input = false;
  if (session.WriteRunDirectory(dir, header, &error, &bad_input)) {
    out << fmt::format("wrote {}/ (overstretch report {} makes the after-action report)\n",
                       dir.string(), dir.string());
  } else {
    err << fmt::format("{}: error: {}\n", kCommand, error);
    status = bad_input ? kExitBadInput : kExitInternal;
  }
  return status;
}

}  // namespace overstretch::cli
