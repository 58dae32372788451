// Saved games (saved_game.h).
#include "tools/classroom/saved_game.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "tools/classroom/play_text.h"
#include "tools/classroom/report.h"

namespace overstretch::cli {
namespace {

constexpr std::uintmax_t kMaxSaveBytes = std::uintmax_t{64} << 20;
// The scenario loader refuses larger files; hashing stops just past this.
constexpr std::size_t kMaxScenarioBytes = std::size_t{8} << 20;

bool IsUndo(const nlohmann::json& entry) {
  return entry.contains("command") &&
         Squash(SplitWord(entry.at("command").get<std::string>()).first) == "undo";
}

// serve's talks between teams (tools/classroom/serve/game_room.h): one key,
// an object; checked in full when replayed.
bool IsTalk(const nlohmann::json& entry) {
  if (!entry.is_object() || entry.size() != 1) return false;
  for (const char* key : {"message", "proposal", "answer"}) {
    if (entry.contains(key)) return entry.at(key).is_object();
  }
  return false;
}

// Whether an entry was a step of the game (undo takes back the last one): a
// turn, a facilitator command, an accepted proposal (applied as an inject).
bool IsStep(const nlohmann::json& entry) {
  if (!IsTalk(entry)) return true;
  const nlohmann::json& answer = entry.value("answer", nlohmann::json::object());
  return answer.contains("reply") && answer.at("reply") == "accept";
}

}  // namespace

std::optional<SavedGame> ReadSavedGame(const std::string& path, std::string* error) {
  std::error_code ec;
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
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
    *error = fmt::format("{}: not a saved game: {}", path, Shown(e.what(), 200));
    return std::nullopt;
  }
  auto bad = [&](const std::string& what) {
    *error = fmt::format("{}: not a saved game of this version: {}", path, what);
    return std::nullopt;
  };
  if (!j.is_object() || !j.contains("format") || j.at("format") != kSaveFormat) {
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
    if (!j.contains(key) || !j.at(key).is_array())
      return bad(fmt::format("'{}' must be a list", key));
    for (const auto& v : j.at(key)) {
      if (!v.is_string()) return bad(fmt::format("'{}' must list strings", key));
      (std::string(key) == "sets" ? g.sets : g.humans).push_back(v.get<std::string>());
    }
  }
  if (!j.contains("log") || !j.at("log").is_array()) return bad("'log' must be a list");
  for (const auto& entry : j.at("log")) {
    // A command entry may carry serve's "headline" (an announced inject).
    const bool headline =
        entry.is_object() && entry.contains("headline") && entry.at("headline").is_string();
    const bool command = entry.is_object() && entry.contains("command") &&
                         entry.at("command").is_string() && entry.size() == (headline ? 2u : 1u);
    const bool turn = entry.is_object() && entry.contains("turn") && entry.contains("decisions");
    if (!command && !turn && !IsTalk(entry)) {
      return bad(
          "every log entry is a {command}, a {turn, decisions} or a message, proposal or answer");
    }
  }
  g.log = j.at("log");
  if (j.contains("out")) g.out = j.at("out");
  return g;
}

std::optional<std::string> ScenarioHash(const std::string& path) {
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

nlohmann::ordered_json SaveHeader(const std::string& scenario, const std::string& hash,
                                  const std::vector<std::string>& sets, std::uint64_t seed,
                                  const std::vector<std::string>& humans) {
  return nlohmann::ordered_json{{"format", kSaveFormat},    {"version", 1}, {"scenario", scenario},
                                {"scenario_fnv1a64", hash}, {"sets", sets}, {"seed", seed},
                                {"humans", humans}};
}

std::optional<std::size_t> BranchPrefix(const nlohmann::json& log, int turn) {
  if (turn == 0) return 0;
  std::vector<bool> stack;  // true: a turn
  std::optional<std::size_t> end;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const nlohmann::json& entry = log[i];
    if (IsUndo(entry)) {
      if (!stack.empty()) stack.pop_back();
    } else if (IsStep(entry)) {
      stack.push_back(entry.contains("turn"));
    }
    if (entry.contains("turn") &&
        std::count(stack.begin(), stack.end(), true) == static_cast<long>(turn)) {
      end = i + 1;
    }
  }
  return end;
}

}  // namespace overstretch::cli
