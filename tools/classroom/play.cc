// `overstretch play` (tools/classroom/play.h): what to play (a new game, a
// resumed or a branched one), who plays, and the input; then the game
// (play_game.h) under the facilitator's loop (play_loop.cc). Every typed
// line is untrusted: it is parsed strictly, and anything invalid gets a
// message and a new prompt.
#include "tools/classroom/play.h"

#include <fmt/format.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <system_error>

#include "engine/diagnostics.h"
#include "engine/scenario_loader.h"
#include "engine/version.h"
#include "tools/classroom/game_directory.h"
#include "tools/classroom/human_players.h"
#include "tools/classroom/play_game.h"
#include "tools/classroom/play_text.h"
#include "tools/classroom/saved_game.h"
#include "tools/runio/exit_status.h"
#include "tools/runio/file_util.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

constexpr const char* kCommand = "overstretch play";

// --resume and --branch exclude each other; --branch goes with --turn. An
// error message, or empty.
std::string CheckSaveOptions(const PlayOptions& options) {
  if (!options.resume.empty() && !options.branch.empty()) {
    return "--resume and --branch exclude each other";
  }
  if (!options.branch.empty() && options.branch_turn < 0) {
    return "--branch needs --turn T (the turn to branch after)";
  }
  if (options.branch.empty() && options.branch_turn >= 0) return "--turn needs --branch FILE";
  return "";
}

// The overrides the game is built with: the --set texts (or the save's),
// then the seed. nullopt with *error on a malformed one.
std::optional<std::vector<Override>> GameOverrides(const PlayOptions& options,
                                                   const std::optional<SavedGame>& saved,
                                                   const std::vector<std::string>& sets,
                                                   std::string* error) {
  std::vector<Override> overrides;
  for (const std::string& text : sets) {
    std::string why;
    std::optional<Override> o = ParseOverride(text, &why);
    if (!o) {
      *error = "--set: " + why;
      return std::nullopt;
    }
    overrides.push_back(std::move(*o));
  }
  if (saved) {
    overrides.push_back(Override{"run.seed", fmt::format("{}", saved->seed)});
  } else if (!options.seed.empty()) {
    std::uint64_t seed = 0;
    const char* end = options.seed.data() + options.seed.size();
    const auto r = std::from_chars(options.seed.data(), end, seed);
    if (!IsDecimal(options.seed) || r.ec != std::errc() || r.ptr != end) {
      *error = fmt::format("--seed: expected a whole number in [0, {}], got '{}'",
                           std::numeric_limits<std::uint64_t>::max(), Shown(options.seed, 40));
      return std::nullopt;
    }
    overrides.push_back(Override{"run.seed", options.seed});
  }
  return overrides;
}

// The human players' ids: the save's, which a typed --human must repeat.
std::optional<std::vector<std::string>> HumanIds(const PlayOptions& options,
                                                 const std::optional<SavedGame>& saved,
                                                 std::string* error) {
  if (saved && options.humans.empty()) return saved->humans;
  std::vector<std::string> typed = SplitHumanIds(options.humans);
  if (saved && typed != saved->humans) {
    *error = "--human: the saved game was played by other players; leave --human out";
    return std::nullopt;
  }
  return typed;
}

// The terminal does not show headlines: it leaves a browser game that
// announced injects to `overstretch serve --resume` (docs/classroom.md).
bool HasHeadlines(const nlohmann::json& log) {
  for (const auto& entry : log) {
    if (entry.contains("headline")) return true;
  }
  return false;
}

void PrintWelcome(const Scenario& scenario, const std::vector<std::string>& human_ids,
                  std::ostream& out) {
  out << fmt::format("Overstretch {} classroom game: {} (seed {})\n", kVersion,
                     Shown(scenario.name, 80), scenario.run.seed);
  std::string players;
  for (const std::string& h : human_ids) players += (players.empty() ? "" : ", ") + h;
  out << fmt::format("players: {}; the models decide for every other actor\n",
                     players.empty() ? "none (the models decide for everyone)" : players);
}

}  // namespace

int RunPlay(const PlayOptions& options, const ModelRegistry& registry, std::istream& in,
            std::ostream& out, std::ostream& err) {
  auto fail = [&](const std::string& message) {
    err << fmt::format("{}: error: {}\n", kCommand, message);
    return kExitBadInput;
  };
  if (const std::string bad = CheckSaveOptions(options); !bad.empty()) return fail(bad);

  // What to play: a new game, or a saved one.
  std::optional<SavedGame> saved;
  const std::string saved_path = !options.resume.empty() ? options.resume : options.branch;
  std::string error;
  if (!saved_path.empty()) {
    saved = ReadSavedGame(saved_path, &error);
    if (!saved) return fail(error);
    if (!saved->warning.empty()) err << fmt::format("{}: warning: {}\n", kCommand, saved->warning);
    if (HasHeadlines(saved->log)) {
      return fail(
          fmt::format("{}: not a saved game of this version: every log entry is a "
                      "{{command}} or a {{turn, decisions}}",
                      saved_path));
    }
    if (!options.seed.empty()) return fail("--seed: the saved game fixes the seed");
    if (!options.sets.empty()) return fail("--set: the saved game fixes the scenario's values");
  }
  std::string scenario_path = options.scenario;
  if (scenario_path.empty()) {
    if (!saved) return fail("name a SCENARIO (or --resume / --branch a saved game)");
    scenario_path = saved->scenario;
  }
  const std::vector<std::string> sets = saved ? saved->sets : options.sets;
  std::optional<std::vector<Override>> overrides = GameOverrides(options, saved, sets, &error);
  if (!overrides) return fail(error);

  const ScenarioSource source = ScenarioSource::FromFile(scenario_path);
  LoadResult loaded = source.Build(*overrides, registry);
  if (!loaded.scenario) {
    for (const Diagnostic& d : loaded.diagnostics) err << FormatDiagnostic(d) << '\n';
    if (loaded.diagnostics.empty()) {
      err << fmt::format("{}: error: {}: the scenario could not be loaded\n", kCommand,
                         scenario_path);
    }
    return kExitBadInput;
  }
  const Scenario& scenario = *loaded.scenario;
  const std::optional<std::string> hash = ScenarioHash(scenario_path);
  if (!hash) return fail(fmt::format("cannot read {}", scenario_path));
  if (saved && *hash != saved->hash) {
    return fail(
        fmt::format("{} has changed since the game was saved (the saved game was played "
                    "on a different version of the file): resume with the same file",
                    scenario_path));
  }

  const std::optional<std::vector<std::string>> human_ids = HumanIds(options, saved, &error);
  if (!human_ids) return fail(error);
  const std::optional<std::vector<ActorIndex>> humans = FindHumans(scenario, *human_ids, &error);
  if (!humans) return fail(error);

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

  PlayOptions game_options = options;  // with the run directory decided
  game_options.out = GameDirectory({.out = options.out,
                                    .saved = saved ? &*saved : nullptr,
                                    .branch = !options.branch.empty(),
                                    .branch_turn = options.branch_turn,
                                    .kind = "play"},
                                   scenario)
                         .string();
  PlaySession session(scenario, registry, scenario.run.seed, *humans);
  Game game(scenario, source, *overrides, registry, session, game_options, out);
  Json save_header = SaveHeader(saved ? saved->scenario : fs::absolute(scenario_path).string(),
                                *hash, sets, scenario.run.seed, *human_ids);
  save_header["out"] = fs::absolute(game_options.out).string();  // where a resume writes
  Json header{{"type", "classroom"},
              {"scenario", scenario.name},
              {"seed", scenario.run.seed},
              {"humans", *human_ids}};
  if (!options.branch.empty()) {
    save_header["branch_of"] = Json{{"file", options.branch}, {"turn", options.branch_turn}};
    header["branch_of"] = save_header["branch_of"];
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
    if (!game.ReplayLog(saved->log, count, &error)) {
      return fail(fmt::format("{}: {}", saved_path, error));
    }
  }

  PrintWelcome(scenario, *human_ids, out);
  if (saved) {
    out << fmt::format("{} {} at turn {} ({} log entries replayed)\n",
                       options.branch.empty() ? "resumed" : "branched from", Shown(saved_path, 200),
                       session.state().turn,
                       options.branch.empty() ? saved->log.size() : game.log().size());
  }
  out << "type 'help' at the facilitator prompt for the commands; 'next' plays a turn\n";
  return PlayLoop(game, session, reader, game_options, header, out, err);
}

}  // namespace overstretch::cli
