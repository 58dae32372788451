// Where a classroom game (`play` or `serve`) writes its run directory, the
// after-action report's input. One rule for both, so that a resumed or
// branched game never reports a stale game or overwrites another one.
#pragma once

#include <filesystem>
#include <string>

#include "engine/scenario.h"
#include "tools/classroom/saved_game.h"

namespace overstretch::cli {

struct GameDirectoryRequest {
  std::string out;                   // --out, empty if not given
  const SavedGame* saved = nullptr;  // the saved game resumed or branched, if any
  bool branch = false;               // --branch (a new game from a saved one)
  int branch_turn = 0;               // --turn of the branch
  const char* kind = "play";         // "play" or "serve": the default name's middle
};

// --out if given. Otherwise a resumed game writes where its save says it
// wrote (saves without that record: the default), a new game writes to
// runs/<scenario>-<kind>-<seed>, and a branch to "<the original's
// directory>-branch<T>", numbered "-2", "-3"... while that name is taken,
// so that it never replaces the original's debrief or another branch's.
std::filesystem::path GameDirectory(const GameDirectoryRequest& request, const Scenario& scenario);

}  // namespace overstretch::cli
