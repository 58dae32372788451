// The game behind the terminal of `overstretch play` (tools/classroom/play.h):
// the facilitator's commands between turns, the human players' decisions of
// a turn, replaying a saved log, and saving. Every accepted command and
// played turn is appended to the log, so that replaying the log reaches the
// same state. Printing goes through tools/classroom/play_printers.h.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "engine/model_registry.h"
#include "engine/scenario_loader.h"
#include "tools/classroom/line_reader.h"
#include "tools/classroom/play.h"
#include "tools/classroom/play_session.h"

namespace overstretch::cli {

// What the input loop does next (kRedo: a team enters its decisions again).
enum class Flow { kContinue, kNext, kQuit, kEof, kRedo };

class Game {
 public:
  using Json = nlohmann::ordered_json;

  Game(const Scenario& scenario, const ScenarioSource& source, std::vector<Override> overrides,
       const ModelRegistry& registry, PlaySession& session, const PlayOptions& options,
       std::ostream& out);

  const Json& log() const { return log_; }

  // Runs one facilitator command. With `replay`, only state-changing commands
  // are allowed and nothing is printed but errors (returned in *error).
  Flow Facilitator(const std::string& line, bool replay, std::string* error);

  // Announces the turn's scheduled injects, briefs every human actor in the
  // --human order, reads their choices, waits for the turn to close (until
  // then 'redo TEAM' enters a team's choices again; any other line closes
  // it and is then read as the facilitator's next command, so that a line
  // of a decisions file means the same as before), plays the turn and shows
  // the adjudication. kEof when the input ended (or, from a decisions file, had
  // a wrong line: then reader.error() says which).
  Flow HumanTurn(LineReader& reader);

  // Replays one saved turn entry (play_replay.cc); false with *error when it
  // does not fit the game at this point.
  bool ReplayTurn(const nlohmann::json& entry, std::string* error);

  // Replays the first `count` entries of a saved log; false with *error
  // naming the entry that does not fit.
  bool ReplayLog(const nlohmann::json& log, std::size_t count, std::string* error);

  // Input from a decisions file: a wrong line ends it with an error instead
  // of a prompt to try again.
  bool Strict() const { return !options_.decisions.empty(); }

  // Where EOF, quit and "save" without a file save: --save, else --resume.
  std::string SavePath() const;
  void SetSaveHeader(Json header) { save_header_ = std::move(header); }
  bool Save(const std::string& file, std::string* error);

 private:
  const std::string& Id(ActorIndex i) const { return scenario_.actors[i.get()].id; }
  const std::string& TheaterId(TheaterIndex k) const { return scenario_.theaters[k.get()].id; }
  Json TurnEntry(Turn turn, const std::vector<HumanChoice>& choices) const;
  // Adjudicates the next turn with the teams' choices and logs it for saves:
  // the one way a turn is played, typed or replayed from a save.
  void PlayTurn(std::vector<HumanChoice> choices, PlayRecorder* recorder);
  void DoSave(const std::string& rest, std::string* error);
  void DoInject(const std::string& text, bool replay, std::string* error);
  void DoOverride(const std::string& text, bool replay, std::string* error);
  // One team's briefing and decisions, appended to *choices; a 'redo' at any
  // of its prompts starts its decisions again.
  Flow TeamDecides(LineReader& reader, const Briefing& b, std::vector<HumanChoice>* choices);
  // Once every team has entered its choices: 'redo TEAM' lines until
  // another line (given back to `reader`) or the end of the input closes
  // the turn. kContinue to play it; kEof as TeamDecides.
  Flow UntilTurnCloses(LineReader& reader, const std::vector<Briefing>& briefings,
                       std::vector<HumanChoice>* choices);
  // Reads one human choice for `view`; nullopt with *flow set when the input
  // ended (kEof) or the team asked to enter its decisions again (kRedo).
  std::optional<MenuOption> ReadChoice(LineReader& reader, const Briefing& b,
                                       const TheaterView& view, const std::vector<MenuOption>& menu,
                                       Flow* flow);

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

// The facilitator's prompt until quit or the end of the input (play_loop.cc);
// then saves to game.SavePath() if there is one and writes the run directory
// (--out, default runs/<scenario>-play-<seed>) with `run_header` first.
// Returns the exit status.
int PlayLoop(Game& game, PlaySession& session, LineReader& reader, const PlayOptions& options,
             const nlohmann::ordered_json& run_header, std::ostream& out, std::ostream& err);

}  // namespace overstretch::cli
