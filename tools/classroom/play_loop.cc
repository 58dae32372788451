// The facilitator's input loop of `overstretch play` and the game's end:
// saving and the run directory (play_game.h).
#include <fmt/format.h>

#include <filesystem>

#include "tools/classroom/play_game.h"
#include "tools/classroom/play_printers.h"
#include "tools/classroom/play_text.h"
#include "tools/runio/exit_status.h"
#include "tools/runio/file_util.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kCommand = "overstretch play";

// Prompts and runs facilitator commands (and the turns they start) until a
// quit or the end of the input; returns kQuit or kEof.
Flow Prompt(Game& game, PlaySession& session, LineReader& reader, std::ostream& out) {
  // From a decisions file a wrong command ends the input (line_reader.h).
  const Scenario& scenario = session.scenario();
  Flow flow = Flow::kContinue;
  bool announced_end = false;
  std::string error;
  while (flow != Flow::kQuit && flow != Flow::kEof) {
    if (session.Finished() && !announced_end) {
      out << fmt::format("\nThe game is over after turn {}.\n", session.state().turn);
      PrintGameSummary(out, session);
      out << "(undo to go back, save, truth, or quit)\n";
      announced_end = true;
    }
    const std::optional<std::string> line = AskLine(
        reader, out,
        fmt::format("facilitator [after turn {}/{}]> ", session.state().turn, scenario.run.turns));
    if (!line) {
      out << '\n';
      return Flow::kEof;
    }
    const int turn_before = session.state().turn;
    flow = game.Facilitator(*line, false, &error);
    if (!error.empty()) {
      out << error << '\n';
      if (game.Strict()) reader.Fail(error);
    }
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
  return flow;
}

}  // namespace

int PlayLoop(Game& game, PlaySession& session, LineReader& reader, const PlayOptions& options,
             const nlohmann::ordered_json& run_header, std::ostream& out, std::ostream& err) {
  const Flow flow = Prompt(game, session, reader, out);
  int status = kExitOk;
  std::string error;
  const std::string save_path = game.SavePath();
  if (!save_path.empty()) {
    if (game.Save(save_path, &error)) {
      out << fmt::format("saved the game to {} (continue it with: overstretch play --resume {})\n",
                         Shown(save_path, 200), Shown(save_path, 200));
    } else {
      err << fmt::format("{}: error: {}\n", kCommand, error);
      status = kExitInternal;
    }
  } else if (flow == Flow::kEof && reader.error().empty()) {
    out << "input ended: quitting without saving (start with --save FILE to keep the game)\n";
  }
  if (!reader.error().empty()) {
    err << fmt::format("{}: error: {}{}\n", kCommand,
                       options.decisions.empty() ? "" : Shown(options.decisions, 200) + ": ",
                       reader.error());
    status = kExitBadInput;
  }
  const fs::path dir = options.out;  // decided by GameDirectory (game_directory.h)
  bool bad_input = false;
  if (session.WriteRunDirectory(dir, run_header, &error, &bad_input)) {
    out << fmt::format("wrote {}/ (overstretch report {} makes the after-action report)\n",
                       dir.string(), dir.string());
  } else {
    err << fmt::format("{}: error: {}\n", kCommand, error);
    status = bad_input ? kExitBadInput : kExitInternal;
  }
  return status;
}

}  // namespace overstretch::cli
