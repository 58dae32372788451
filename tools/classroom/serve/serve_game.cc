#include "tools/classroom/serve/serve_game.h"

#include <fmt/format.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <charconv>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/diagnostics.h"
#include "engine/scenario_loader.h"
#include "tools/classroom/game_directory.h"
#include "tools/classroom/human_players.h"
#include "tools/classroom/report.h"
#include "tools/classroom/saved_game.h"
#include "tools/classroom/serve/classroom_server.h"
#include "tools/runio/file_util.h"
#include "tools/runio/summary_json.h"

namespace overstretch::serve {
namespace {

namespace fs = std::filesystem;
constexpr const char* kCommand = "overstretch serve";
}  // namespace

int RunServe(const ServeOptions& options, const ModelRegistry& registry, std::ostream& out,
             std::ostream& err) {
  auto fail = [&](const std::string& message) {
    err << fmt::format("{}: error: {}\n", kCommand, message);
    return 2;
  };
  std::string error;
  std::optional<cli::SavedGame> saved;
  if (!options.resume.empty()) {
    saved = cli::ReadSavedGame(options.resume, &error);
    if (!saved) return fail(error);
    if (!saved->warning.empty()) err << fmt::format("{}: warning: {}\n", kCommand, saved->warning);
    if (!options.seed.empty()) return fail("--seed: the saved game fixes the seed");
    if (!options.sets.empty()) return fail("--set: the saved game fixes the scenario's values");
  }
  const std::string scenario_path = !options.scenario.empty() ? options.scenario
                                    : saved                   ? saved->scenario
                                                              : "";
  if (scenario_path.empty()) return fail("name a SCENARIO (or --resume a saved game)");
  if (options.port < 0 || options.port > 65535) return fail("--port: 0 to 65535");
  if (options.turn_minutes && !(*options.turn_minutes > 0 && *options.turn_minutes <= 600)) {
    return fail("--turn-minutes: a number of minutes in (0, 600]");
  }

  const std::vector<std::string> sets = saved ? saved->sets : options.sets;
  std::vector<Override> overrides;
  for (const std::string& text : sets) {
    std::optional<Override> o = ParseOverride(text, &error);
    if (!o) return fail("--set: " + error);
    overrides.push_back(std::move(*o));
  }
  if (saved) {
    overrides.push_back(Override{"run.seed", std::to_string(saved->seed)});
  } else if (!options.seed.empty()) {
    if (!cli::IsDecimal(options.seed)) return fail("--seed: expected a whole number");
    overrides.push_back(Override{"run.seed", options.seed});
  }
  const ScenarioSource source = ScenarioSource::FromFile(scenario_path);
  LoadResult loaded = source.Build(overrides, registry);
  if (!loaded.scenario) {
    for (const Diagnostic& d : loaded.diagnostics) err << FormatDiagnostic(d) << '\n';
    if (loaded.diagnostics.empty())
      return fail(scenario_path + ": the scenario could not be loaded");
    return 2;
  }
  const Scenario& scenario = *loaded.scenario;
  const std::optional<std::string> hash = cli::ScenarioHash(scenario_path);
  if (!hash) return fail("cannot read " + scenario_path);
  if (saved && *hash != saved->hash) {
    return fail(scenario_path + " has changed since the game was saved: resume with the same file");
  }

  std::vector<std::string> human_ids;
  if (saved) {
    human_ids = saved->humans;
    if (!options.humans.empty() && cli::SplitHumanIds(options.humans) != human_ids) {
      return fail("--human: the saved game was played by other teams; leave --human out");
    }
  } else {
    human_ids = cli::SplitHumanIds(options.humans);
    if (human_ids.empty()) return fail("--human: name the teams' actors, e.g. --human JPN,ROK");
  }
  const std::optional<std::vector<ActorIndex>> found = cli::FindHumans(scenario, human_ids, &error);
  if (!found) return fail(error);
  const std::vector<ActorIndex>& teams = *found;

  const fs::path dir = cli::GameDirectory(
      {.out = options.out, .saved = saved ? &*saved : nullptr, .kind = "serve"}, scenario);
  const std::string save_path = !options.save.empty()     ? options.save
                                : !options.resume.empty() ? options.resume
                                                          : dir.string() + ".save.json";
  Json header = cli::SaveHeader(saved ? saved->scenario : fs::absolute(scenario_path).string(),
                                *hash, sets, scenario.run.seed, human_ids);
  header["out"] = fs::absolute(dir).string();
  GameRoom room(scenario, source, overrides, registry, teams, header);
  if (saved && !room.Replay(saved->log, &error)) {
    return fail(fmt::format("{}: {}", options.resume, error));
  }
  const Json run_header{{"type", "classroom"},
                        {"scenario", scenario.name},
                        {"seed", scenario.run.seed},
                        {"humans", human_ids},
                        {"served", true}};
  int status = 0;
  auto save = [&](GameRoom& r) {
    std::string why;
    bool bad_input = false;
    if (!cli::WriteFileAtomically(save_path, cli::SaveText(r.SaveJson()), &why)) {
      status = 1;
      return "could not save the game: " + why;
    }
    if (!r.WriteRunDirectory(dir, run_header, &why, &bad_input)) {
      status = bad_input ? 2 : 1;
      return "saved the game to " + save_path + ", but could not write the run directory: " + why;
    }
    status = 0;
    return fmt::format("saved the game to {} and the run to {}/", save_path, dir.string());
  };

  AccessCodes codes(teams);
  ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = static_cast<unsigned short>(options.port);
  server_options.turn_minutes = options.turn_minutes;
  server_options.save = save;
  ClassroomServer server(room, codes, server_options);
  if (!server.Listen(&error)) return fail(error);

  const std::string shown_host = options.host == "0.0.0.0" ? "THIS-MACHINE" : options.host;
  const std::string base = fmt::format("http://{}:{}/play?code=", shown_host, server.port());
  out << fmt::format("Overstretch classroom game: {} (seed {}), turn {} of {}\n", scenario.name,
                     scenario.run.seed, room.open_turn(), scenario.run.turns);
  if (saved)
    out << fmt::format("resumed {} ({} log entries replayed)\n", options.resume, saved->log.size());
  out << "Give each team its own link (anyone with a link sees that team's screen):\n";
  std::vector<std::string> code_list;
  for (ActorIndex t : teams) {
    out << fmt::format("  team {:<6} {}{}\n", scenario.actors[t.get()].id, base, codes.team(t));
    code_list.push_back(codes.team(t));
  }
  out << fmt::format("  facilitator  {}{}\n", base, codes.facilitator());
  out << fmt::format("  projector    {}{}\n", base, codes.projector());
  if (options.host == "0.0.0.0")
    out << "(THIS-MACHINE: this computer's address on the room's network)\n";
  out << fmt::format("the game is saved to {} after every turn; Ctrl-C ends the session\n",
                     save_path);
  out.flush();
  code_list.push_back(codes.facilitator());
  code_list.push_back(codes.projector());

  // Ctrl-C / SIGTERM end the session (after which the game is saved).
  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (!ec) server.Stop();
  });
  std::thread signal_thread([&] { signals_io.run(); });
  if (options.on_listening) options.on_listening(server.port(), code_list, [&] { server.Stop(); });
  server.Run();
  signals.cancel();
  signals_io.stop();
  signal_thread.join();

  const std::string result = save(room);
  out << result << '\n';
  if (status != 0) err << fmt::format("{}: error: {}\n", kCommand, result);
  return status;
}

}  // namespace overstretch::serve
