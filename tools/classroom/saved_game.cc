// Saved games (saved_game.h).
#include "tools/classroom/saved_game.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <system_error>

#include "tools/classroom/play_text.h"
#include "tools/classroom/report.h"
#include "tools/runio/summary_json.h"

namespace overstretch::cli {
namespace {

constexpr std::uintmax_t kMaxSaveBytes = std::uintmax_t{64} << 20;
// The scenario loader refuses larger files; hashing stops just past this.
constexpr std::size_t kMaxScenarioBytes = std::size_t{8} << 20;

bool IsUndo(const nlohmann::json& entry) {
  return entry.contains("command") && entry.at("command").is_string() &&
         Squash(SplitWord(entry.at("command").get<std::string>()).first) == "undo";
}

// serve's talks between teams (tools/classroom/serve/game_room.h): one key,
// an object; checked in full when replayed.
bool IsTalk(const nlohmann::json& entry) {
  if (!entry.is_object() || entry.size() != 1) return false;
  for (const char* key : {"message", "proposal", "answer", "veto"}) {
    if (entry.contains(key)) return entry.at(key).is_object();
  }
  return false;
}

// The proposal an entry accepts or vetoes (0 if none): an accepted proposal
// is a step of the game (an inject undo can take back) when its turn closes,
// unless it was vetoed first (tools/classroom/serve/talks.h).
int AcceptedProposal(const nlohmann::json& entry) {
  const nlohmann::json& answer = entry.value("answer", nlohmann::json::object());
  const bool accepted = answer.contains("reply") && answer.at("reply") == "accept" &&
                        answer.contains("proposal") && answer.at("proposal").is_number_integer();
  return accepted ? answer.at("proposal").get<int>() : 0;
}
int VetoedProposal(const nlohmann::json& entry) {
  const nlohmann::json& veto = entry.value("veto", nlohmann::json::object());
  const bool shaped = veto.contains("proposal") && veto.at("proposal").is_number_integer();
  return shaped ? veto.at("proposal").get<int>() : 0;
}

std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t h = 1469598103934665603ULL) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

// Why a log entry has none of the shapes of play.h and game_room.h (every
// field of the right JSON type, no others), or empty. The replay checks the
// values against the game; this keeps a wrong type from reaching it.
std::string LogEntryProblem(const nlohmann::json& entry) {
  constexpr const char* kShapes =
      "every log entry is a {command}, a {turn, decisions} or a message, proposal, answer or "
      "veto";
  if (IsTalk(entry)) return "";  // checked in full when replayed
  if (!entry.is_object()) return kShapes;
  if (entry.contains("command")) {
    if (!entry.at("command").is_string()) return "a log entry's 'command' must be a string";
    for (const auto& [key, value] : entry.items()) {
      if (key == "headline" && !value.is_string())
        return "a log entry's 'headline' must be a string";
      if (key != "command" && key != "headline") {
        return fmt::format("a command entry has no field '{}'", Shown(key, 40));
      }
    }
    return "";
  }
  if (!entry.contains("turn") || !entry.contains("decisions")) return kShapes;
  for (const auto& [key, value] : entry.items()) {
    if (key == "turn" && !value.is_number_integer())
      return "a log entry's 'turn' must be a whole number";
    if (key == "decisions" && !value.is_array()) return "a log entry's 'decisions' must be a list";
    if (key == "model_decides" && !value.is_array()) {
      return "a log entry's 'model_decides' must be a list";
    }
    if (key != "turn" && key != "decisions" && key != "model_decides") {
      return fmt::format("a turn entry has no field '{}'", Shown(key, 40));
    }
  }
  return "";
}

// The canonical text the integrity field hashes: every field but itself,
// keys sorted, no spaces; invalid UTF-8 replaced as DumpJson writes it.
std::string CanonicalText(nlohmann::json save) {
  save.erase("integrity");
  return save.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string SaveIntegrity(const nlohmann::json& save) {
  return fmt::format("{:016x}", Fnv1a64(CanonicalText(save)));
}

std::string SaveText(const nlohmann::ordered_json& save) {
  // The same bytes as written, read back as a sorted object (this is what
  // ReadSavedGame will see).
  const nlohmann::json sorted = nlohmann::json::parse(DumpJson(save));
  nlohmann::ordered_json sealed = save;
  sealed.erase("integrity");
  sealed["integrity"] = SaveIntegrity(sorted);
  return DumpJson(sealed, 1) + "\n";
}

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
  if (!j.contains("version") || (j.at("version") != 1 && j.at("version") != kSaveVersion)) {
    return bad(fmt::format("'version' must be 1 or {}", kSaveVersion));
  }
  SavedGame g;
  if (j.at("version") == kSaveVersion) {
    if (!j.contains("integrity") || !j.at("integrity").is_string()) {
      return bad("'integrity' missing");
    }
    if (j.at("integrity") != SaveIntegrity(j)) {
      *error = fmt::format(
          "{}: the saved game was edited after it was saved (its integrity check does not "
          "match): its seed, settings or log are not the game that was played",
          path);
      return std::nullopt;
    }
  } else if (j.contains("integrity")) {
    return bad("a version 1 save has no 'integrity'");
  } else {
    g.warning = fmt::format(
        "{}: saved by an older overstretch without an integrity check: an edit of its seed or "
        "log would go unnoticed (saving the game again adds the check)",
        path);
  }
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
  const nlohmann::json& log = j.at("log");
  for (std::size_t i = 0; i < log.size(); ++i) {
    const std::string problem = LogEntryProblem(log[i]);
    if (!problem.empty()) return bad(fmt::format("log entry {}: {}", i + 1, problem));
  }
  g.log = j.at("log");
  if (j.contains("out")) g.out = j.at("out");
  return g;
}

std::optional<std::string> ScenarioHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::uint64_t h = Fnv1a64({});
  std::size_t total = 0;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    total += got;
    if (total > kMaxScenarioBytes + 1) break;
    h = Fnv1a64({buffer, got}, h);
  }
  if (in.bad()) return std::nullopt;
  return fmt::format("{:016x}", h);
}

nlohmann::ordered_json SaveHeader(const std::string& scenario, const std::string& hash,
                                  const std::vector<std::string>& sets, std::uint64_t seed,
                                  const std::vector<std::string>& humans) {
  return nlohmann::ordered_json{{"format", kSaveFormat}, {"version", kSaveVersion},
                                {"scenario", scenario},  {"scenario_fnv1a64", hash},
                                {"sets", sets},          {"seed", seed},
                                {"humans", humans}};
}

std::optional<std::size_t> BranchPrefix(const nlohmann::json& log, int turn) {
  if (turn == 0) return 0;
  std::vector<bool> stack;    // the steps undo takes back; true: a turn
  std::vector<int> accepted;  // proposals that take effect when the turn closes
  std::optional<std::size_t> end;
  for (std::size_t i = 0; i < log.size(); ++i) {
    const nlohmann::json& entry = log[i];
    if (IsUndo(entry)) {
      if (!stack.empty()) stack.pop_back();
    } else if (const int id = AcceptedProposal(entry); id != 0) {
      accepted.push_back(id);
    } else if (const int vetoed = VetoedProposal(entry); vetoed != 0) {
      std::erase(accepted, vetoed);
    } else if (!IsTalk(entry)) {
      if (entry.contains("turn")) {
        stack.insert(stack.end(), accepted.size(), false);  // the agreements, then the turn
        accepted.clear();
      }
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
