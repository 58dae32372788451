// The saved game of `overstretch play` and `overstretch serve` (format in
// tools/classroom/play.h; serve's two optional additions in
// tools/classroom/serve/game_room.h): reading and checking one, the header a
// new one starts with, and where a branch's log ends. One definition for the
// terminal and the browser, so that either resumes the other's saves the
// same way.
//
// Integrity: a save of version 2 carries "integrity", the FNV-1a (64 bit) of
// every other field in canonical form (keys sorted, no spaces), so that a
// hand-edited seed, scenario hash, set or log entry is refused on load
// instead of replaying silently as a different game. It detects edits, not
// forgery: anyone with this source can recompute it. Version 1 saves (no
// integrity field, written before it existed) are still read, with a warning.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace overstretch::cli {

inline constexpr const char* kSaveFormat = "overstretch-play";
inline constexpr int kSaveVersion = 2;

struct SavedGame {
  std::string scenario;  // the scenario file's path as saved
  std::string hash;      // its FNV-1a (ScenarioHash), to resume on the same file only
  std::vector<std::string> sets;
  std::uint64_t seed = 0;
  std::vector<std::string> humans;
  nlohmann::json log;   // every entry an object with a "command" or a "turn"
                        // (or serve's "message", "proposal", "answer", "veto")
  nlohmann::json out;   // serve's run directory, if saved (else null)
  std::string warning;  // non-empty for a version 1 save (nothing verified it)
};

// Reads and checks a saved game (at most 64 MiB, JSON nested at most 64
// deep, the header's fields with their types, every log entry of one of the
// shapes of play.h and game_room.h with its fields' types, and the integrity
// field of a version 2 save). nullopt with *error naming `path` otherwise.
std::optional<SavedGame> ReadSavedGame(const std::string& path, std::string* error);

// FNV-1a (64 bit, 16 hex digits) of a scenario file: a saved game resumes
// only on the same file. nullopt when it cannot be read.
std::optional<std::string> ScenarioHash(const std::string& path);

// The text to write for `save` (a header from SaveHeader plus "log"): the
// same fields with "integrity" last, indented JSON ending in a newline.
std::string SaveText(const nlohmann::ordered_json& save);

// The integrity field of a save: FNV-1a (16 hex digits) of the canonical
// form of every field but "integrity".
std::string SaveIntegrity(const nlohmann::json& save);

// The fields a save starts with (format, version, scenario, its hash, sets,
// seed, humans); the log is added when saving.
nlohmann::ordered_json SaveHeader(const std::string& scenario, const std::string& hash,
                                  const std::vector<std::string>& sets, std::uint64_t seed,
                                  const std::vector<std::string>& humans);

// The length of the log prefix that ends the last time turn `turn` was
// completed, undos taken into account (0 for turn 0), or nullopt if the game
// never got there.
std::optional<std::size_t> BranchPrefix(const nlohmann::json& log, int turn);

}  // namespace overstretch::cli
