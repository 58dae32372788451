// `overstretch serve`: a classroom game in the browser. Loads the scenario
// (or resumes a saved game), prints one join link per team, one for the
// facilitator and one for the projector, and serves until interrupted
// (Ctrl-C), saving the game and writing its run directory after every
// turn and at the end. The saved game is the terminal's format
// (tools/classroom/play.h, with the additions in game_room.h and an "out"
// key naming the run directory, so a resumed game writes where it did).
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "engine/model_registry.h"

namespace overstretch::serve {

struct ServeOptions {
  std::string scenario;  // may be empty with resume
  std::string humans;    // "JPN,ROK" (the board's order)
  std::vector<std::string> sets;
  std::string seed;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::optional<double> turn_minutes;
  std::string save;    // default: <out>.save.json
  std::string out;     // default: runs/<scenario>-serve-<seed>
  std::string resume;  // a saved game to continue
  // Tests: called once the server listens, with its port and the codes
  // (team codes in --human order, then facilitator, projector); may call
  // the stop function given (from any thread) to end the game.
  std::function<void(unsigned short port, std::vector<std::string> codes,
                     std::function<void()> stop)>
      on_listening;
};

// Runs one served game; the exit status (0 ok, 2 bad input, 1 write error).
int RunServe(const ServeOptions& options, const ModelRegistry& registry, std::ostream& out,
             std::ostream& err);

}  // namespace overstretch::serve
