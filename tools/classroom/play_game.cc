// The terminal game: facilitator commands, human turns, saving (play_game.h).
#include "tools/classroom/play_game.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <system_error>

#include "tools/classroom/facilitator_commands.h"
#include "tools/classroom/play_printers.h"
#include "tools/classroom/play_text.h"
#include "tools/classroom/saved_game.h"
#include "tools/runio/file_util.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

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

constexpr const char* kOverrideUsage =
    "usage: override THEATER control|escalation VALUE REASON..., e.g. override KOR "
    "control 0.2 ceasefire along the DMZ";

}  // namespace

Game::Game(const Scenario& scenario, const ScenarioSource& source, std::vector<Override> overrides,
           const ModelRegistry& registry, PlaySession& session, const PlayOptions& options,
           std::ostream& out)
    : scenario_(scenario),
      source_(source),
      overrides_(std::move(overrides)),
      registry_(registry),
      session_(session),
      options_(options),
      out_(out) {}

Flow Game::Facilitator(const std::string& line, bool replay, std::string* error) {
  error->clear();
  const auto [word, rest] = SplitWord(line);
  const std::string command = Squash(word);
  if (command.empty()) return Flow::kContinue;
  if (replay && command != "inject" && command != "override" && command != "undo") {
    *error = fmt::format("'{}' is not a command that changes the game", Shown(word));
    return Flow::kContinue;
  }
  if (command == "help" || command == "?") {
    out_ << kFacilitatorHelp;
  } else if (command == "next" || command == "n") {
    return Flow::kNext;
  } else if (command == "quit" || command == "exit") {
    return Flow::kQuit;
  } else if (command == "truth") {
    PrintTruth(out_, session_);
  } else if (command == "save") {
    DoSave(rest, error);
  } else if (command == "undo") {
    std::string what;
    if (!session_.Undo(&what)) {
      *error = "undo: nothing to undo";
    } else {
      log_.push_back(Json{{"command", "undo"}});
      if (!replay) out_ << fmt::format("undone: {}\n", Shown(what, 200));
    }
  } else if (command == "inject") {
    DoInject(rest, replay, error);
  } else if (command == "override") {
    DoOverride(rest, replay, error);
  } else {
    *error = fmt::format("unknown command '{}': type 'help' for the list", Shown(word, 40));
  }
  return Flow::kContinue;
}

void Game::DoSave(const std::string& rest, std::string* error) {
  const std::string file = rest.empty() ? SavePath() : rest;
  if (file.empty()) {
    *error = "save: name a file (save FILE), or start with --save FILE";
    return;
  }
  std::string why;
  if (Save(file, &why)) {
    out_ << fmt::format(
        "saved the game to {} (continue it with: overstretch play "
        "--resume {})\n",
        Shown(file, 200), Shown(file, 200));
  } else {
    *error = "save: " + why;
  }
}

void Game::DoInject(const std::string& text, bool replay, std::string* error) {
  FacilitatorCheck check = CheckInject(session_, source_, overrides_, registry_, text);
  if (check.problem == FacilitatorCheck::Problem::kUsage) {
    *error =
        "inject: give an effect, e.g. inject {set: actors.US.global_commitments, "
        "value: 0.9}";
    return;
  }
  if (check.problem == FacilitatorCheck::Problem::kBadEffect) {
    std::string messages;
    for (const std::string& m : check.diagnostics) messages += (messages.empty() ? "" : "\n  ") + m;
    *error = "inject: " + messages;
    return;
  }
  if (!check.step) {
    *error = check.error;
    return;
  }
  session_.Apply(std::move(*check.step), nullptr);
  log_.push_back(Json{{"command", "inject " + text}});
  if (!replay) {
    out_ << fmt::format("injected before turn {}: {}\n", session_.state().turn + 1,
                        Shown(text, 200));
  }
}

void Game::DoOverride(const std::string& text, bool replay, std::string* error) {
  FacilitatorCheck check = CheckOverride(session_, text);
  if (check.problem == FacilitatorCheck::Problem::kUsage) {
    *error = std::string("override: ") + kOverrideUsage;
    return;
  }
  if (check.problem == FacilitatorCheck::Problem::kNoReason) {
    *error = check.error + "; " + kOverrideUsage;
    return;
  }
  if (!check.step) {
    *error = check.error;
    return;
  }
  session_.Apply(std::move(*check.step), nullptr);
  log_.push_back(Json{{"command", "override " + text}});
  if (!replay) {
    out_ << fmt::format("overridden: {} {} is now {} (reason logged: {})\n", check.theater,
                        check.field, check.value, Shown(check.reason, 200));
  }
}

Flow Game::HumanTurn(LineReader& reader) {
  std::vector<Briefing> briefings = session_.Brief();
  const Turn turn = session_.state().turn + 1;
  // Scheduled injects are news the teams decide on, not after.
  for (const Inject& inject : scenario_.injects) {
    if (inject.turn == turn) {
      out_ << fmt::format("\n*** News at the start of turn {}: {} ***\n", turn,
                          Shown(inject.label, 200));
    }
  }
  // Teams are asked in the order the facilitator named them (--human).
  const std::vector<ActorIndex>& order = session_.humans_as_named();
  auto position = [&](const Briefing& b) { return std::find(order.begin(), order.end(), b.actor); };
  std::stable_sort(briefings.begin(), briefings.end(),
                   [&](const Briefing& a, const Briefing& b) { return position(a) < position(b); });
  std::vector<HumanChoice> choices;
  for (const Briefing& b : briefings) {
    if (const Flow flow = TeamDecides(reader, b, &choices); flow != Flow::kContinue) return flow;
  }
  if (const Flow flow = UntilTurnCloses(reader, briefings, &choices); flow != Flow::kContinue) {
    return flow;
  }
  CaptureRecorder capture;
  PlayTurn(std::move(choices), &capture);
  PrintAdjudication(out_, session_, turn, capture);
  return Flow::kContinue;
}

void Game::PlayTurn(std::vector<HumanChoice> choices, PlayRecorder* recorder) {
  log_.push_back(TurnEntry(session_.state().turn + 1, choices));
  Step step;
  step.kind = Step::Kind::kTurn;
  step.choices = std::move(choices);
  session_.Apply(std::move(step), recorder);
}

Flow Game::TeamDecides(LineReader& reader, const Briefing& b, std::vector<HumanChoice>* choices) {
  PrintBriefing(out_, scenario_, session_.state(), b);
  const std::size_t first = choices->size();
  while (true) {
    choices->resize(first);
    double deployed_share = 0.0;
    Flow flow = Flow::kContinue;
    for (const TheaterView& view : b.views) {
      const std::vector<MenuOption> menu = MenuOptions(scenario_, b, view);
      if (menu.empty()) continue;
      PrintMenu(out_, scenario_, b, view, menu);
      const std::optional<MenuOption> option = ReadChoice(reader, b, view, menu, &flow);
      if (!option) break;
      choices->push_back({b.actor, view.theater, option->choice, option->label});
      deployed_share += option->choice.share;
      out_ << fmt::format("  {} in {}: {}\n", Id(b.actor), TheaterId(view.theater), option->label);
      // Shown while entering, so that the team can still change its mind.
      if (deployed_share > 1.0 + 1e-9) {
        out_ << fmt::format(
            "  note: {}'s deployments so far add up to {:.0f}% of its available force; they "
            "will be scaled down pro rata ('redo' enters them again)\n",
            Id(b.actor), deployed_share * 100.0);
      }
    }
    if (flow != Flow::kRedo) return flow;
    out_ << fmt::format("  {} enters its decisions for turn {} again\n", Id(b.actor), b.turn);
  }
}

Flow Game::UntilTurnCloses(LineReader& reader, const std::vector<Briefing>& briefings,
                           std::vector<HumanChoice>* choices) {
  if (choices->empty()) return Flow::kContinue;  // nobody had anything to decide
  const Turn turn = session_.state().turn + 1;
  std::string teams;
  for (const Briefing& b : briefings) teams += (teams.empty() ? "" : ", ") + Id(b.actor);
  bool announce = true;  // the whole message once, and again after a revision
  while (true) {
    if (announce) {
      out_ << fmt::format(
          "\nEvery team's orders for turn {} are in. Until the turn closes a team may revise "
          "them: 'redo {}' enters that team's orders again. Press Enter (or type the next "
          "command) to close the turn and adjudicate.\n",
          turn, Id(briefings.front().actor));
      announce = false;
    }
    const std::optional<std::string> line =
        AskLine(reader, out_, fmt::format("facilitator [turn {}: orders in]> ", turn));
    if (!line) return Flow::kContinue;  // the input ended: the turn closes as entered
    const auto [word, rest] = SplitWord(*line);
    if (Squash(word) != "redo") {
      if (!Trim(*line).empty()) reader.Unread(*line);
      return Flow::kContinue;
    }
    const std::string who = Squash(rest);
    const Briefing* team = nullptr;
    for (const Briefing& b : briefings) {
      if (Squash(Id(b.actor)) == who || (who.empty() && briefings.size() == 1)) team = &b;
    }
    if (team == nullptr) {
      const std::string wrong =
          fmt::format("redo: name the team whose orders to enter again ({})", teams);
      out_ << wrong << '\n';
      if (Strict()) {
        reader.Fail(wrong);
        return Flow::kEof;
      }
      continue;
    }
    // The team's new choices replace its old ones, in the same place.
    std::vector<HumanChoice> again;
    if (const Flow flow = TeamDecides(reader, *team, &again); flow != Flow::kContinue) return flow;
    announce = true;
    auto first = std::find_if(choices->begin(), choices->end(),
                              [&](const HumanChoice& c) { return c.actor == team->actor; });
    const std::ptrdiff_t at = first - choices->begin();
    std::erase_if(*choices, [&](const HumanChoice& c) { return c.actor == team->actor; });
    choices->insert(choices->begin() + std::min(at, static_cast<std::ptrdiff_t>(choices->size())),
                    again.begin(), again.end());
  }
}

std::optional<MenuOption> Game::ReadChoice(LineReader& reader, const Briefing& b,
                                           const TheaterView& view,
                                           const std::vector<MenuOption>& menu, Flow* flow) {
  while (true) {
    const std::optional<std::string> line = AskLine(
        reader, out_,
        fmt::format("{} [{}] choose 1-{}> ", Id(b.actor), TheaterId(view.theater), menu.size()),
        "  ");
    if (!line) {
      out_ << fmt::format(
          "\ninput ended during the decisions of turn {}: the turn is "
          "not played\n",
          session_.state().turn + 1);
      *flow = Flow::kEof;
      return std::nullopt;
    }
    const std::string typed = Trim(*line);
    const std::string key = Squash(typed);
    if (key.empty()) continue;
    if (key == "help" || key == "?") {
      out_ << "  enter the number of an option, or its text as shown (e.g. 'support'); "
              "'brief' shows the briefing again; 'redo' enters this team's decisions of the "
              "turn again\n";
      continue;
    }
    if (key == "redo") {
      *flow = Flow::kRedo;
      return std::nullopt;
    }
    if (key == "brief") {
      PrintBriefing(out_, scenario_, session_.state(), b);
      PrintMenu(out_, scenario_, b, view, menu);
      continue;
    }
    std::string wrong;
    if (key == "quit" || key == "exit") {
      // One team must not end every team's session.
      wrong = "only the facilitator ends the session, at its prompt between turns";
    }
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
    if (pick && wrong.empty()) return menu[*pick];
    if (wrong.empty()) {
      wrong = fmt::format(
          "'{}' is not an option here: enter a number from 1 to {}, or an option's text "
          "(e.g. '{}')",
          Shown(typed, 40), menu.size(), menu.back().label);
    }
    out_ << "  " << wrong << '\n';
    if (Strict()) {  // a decisions file is not asked again (line_reader.h)
      reader.Fail(fmt::format("{} [{}]: {}", Id(b.actor), TheaterId(view.theater), wrong));
      *flow = Flow::kEof;
      return std::nullopt;
    }
  }
}

Game::Json Game::TurnEntry(Turn turn, const std::vector<HumanChoice>& choices) const {
  Json decisions = Json::array();
  for (const HumanChoice& c : choices) {
    decisions.push_back(Json{{"actor", Id(c.actor)},
                             {"theater", TheaterId(c.theater)},
                             {"posture", PostureName(c.choice.posture)},
                             {"share", c.choice.share},
                             {"move", MoveName(c.choice.move)},
                             {"bases_closed", !c.choice.grant_access}});
  }
  return Json{{"turn", turn}, {"decisions", std::move(decisions)}};
}

std::string Game::SavePath() const {
  if (!options_.save.empty()) return options_.save;
  if (!options_.resume.empty()) return options_.resume;
  return {};
}

bool Game::Save(const std::string& file, std::string* error) {
  if (file.size() > kMaxLine) {
    *error = "file name too long";
    return false;
  }
  Json j = save_header_;
  j["log"] = log_;
  return WriteFileAtomically(file, SaveText(j), error);
}

}  // namespace overstretch::cli
