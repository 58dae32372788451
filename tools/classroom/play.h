// `overstretch play`: a classroom exercise in the terminal (line-based, so it
// works as well with piped input and with a file of decisions). Human teams
// play some actors; the models decide for the rest; a facilitator steers
// between turns. The game itself lives in tools/classroom/play_session.h;
// this is the terminal around it (play_game.h), and the saved-game format
// (read by tools/classroom/saved_game.h):
//
//   {"format": "overstretch-play", "version": 2,
//    "scenario": PATH, "scenario_fnv1a64": HEX, "sets": ["PATH=VALUE", ...],
//    "seed": N, "humans": ["JPN", "ROK"],
//    "branch_of": {"file": F, "turn": T}          (only for branches)
//    "log": [{"command": "inject {...}"}, {"command": "override ..."},
//            {"command": "undo"},
//            {"turn": 3, "decisions": [{"actor": "JPN", "theater": "KOR",
//                                       "posture": "deploy", "share": 0.5,
//                                       "move": "hold"}, ...]}, ...],
//    "integrity": HEX}      (FNV-1a of the rest: saved_game.h; not in version 1)
//
// The log holds every accepted facilitator command and every played turn's
// human decisions, in order; resuming replays it, which by construction
// reaches the very state the game was saved in.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "engine/model_registry.h"

namespace overstretch::cli {

struct PlayOptions {
  std::string scenario;  // may be empty with resume or branch (the save names it)
  std::string humans;    // "JPN,ROK"
  std::vector<std::string> sets;
  std::string seed;       // empty: run.seed
  std::string save;       // where EOF, quit and "save" without a file save
  std::string resume;     // a saved game to continue
  std::string branch;     // a saved game to branch from ...
  int branch_turn = -1;   // ... after this turn
  std::string decisions;  // read input lines from this file instead of `in`
  std::string out;        // run directory (default runs/<scenario>-play-<seed>)
  bool echo = false;      // echo input lines (input not from a terminal)
};

// Runs one game; returns the exit status (0 ok, 2 bad input, 1 write error).
int RunPlay(const PlayOptions& options, const ModelRegistry& registry, std::istream& in,
            std::ostream& out, std::ostream& err);

}  // namespace overstretch::cli
