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
#include "tools/classroom/report.h"
#include "tools/classroom/serve/classroom_server.h"
#include "tools/runio/file_util.h"
#include "tools/runio/summary_json.h"

namespace overstretch::serve {
namespace {

namespace fs = std::filesystem;
constexpr const char* kCommand = "overstretch serve";
constexpr std::uintmax_t kMaxSaveBytes = std::uintmax_t{64} << 20;

// FNV-1a (64 bit) of a file, as the terminal's saves record it.
std::optional<std::string> FileHash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::uint64_t h = 1469598103934665603ULL;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buffer[i]);
      h *= 1099511628211ULL;
    }
  }
  if (in.bad()) return std::nullopt;
  return fmt::format("{:016x}", h);
}

std::optional<nlohmann::json> ReadSave(const std::string& path, std::string* error) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec || size > kMaxSaveBytes) {
    *error = ec ? fmt::format("{}: cannot read the saved game: {}", path, ec.message())
                : fmt::format("{}: too large for a saved game", path);
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!cli::JsonDepthWithin(text.str(), 64)) {
    *error = fmt::format("{}: not a saved game (nested too deeply)", path);
    return std::nullopt;
  }
  nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
  const bool ok = j.is_object() && j.value("format", "") == "overstretch-play" &&
                  j.contains("version") && j.at("version") == 1 && j.contains("scenario") &&
                  j.at("scenario").is_string() && j.contains("scenario_fnv1a64") &&
                  j.at("scenario_fnv1a64").is_string() && j.contains("seed") &&
                  j.at("seed").is_number_unsigned() && j.contains("sets") &&
                  j.at("sets").is_array() && j.contains("humans") && j.at("humans").is_array() &&
                  j.contains("log") && j.at("log").is_array();
  if (!ok) {
    *error = fmt::format("{}: not a saved game of this version (overstretch-play, version 1)", path);
    return std::nullopt;
  }
  for (const char* key : {"sets", "humans"}) {
    for (const auto& v : j.at(key)) {
      if (!v.is_string()) {
        *error = fmt::format("{}: '{}' must list strings", path, key);
        return std::nullopt;
      }
    }
  }
  return j;
}

std::vector<std::string> SplitIds(const std::string& text) {
  std::vector<std::string> ids;
  std::string rest = text;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    ids.push_back(rest.substr(0, comma));
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    if (comma != std::string::npos && rest.empty()) ids.push_back("");
  }
  return ids;
}

}  // namespace

int RunServe(const ServeOptions& options, const ModelRegistry& registry, std::ostream& out,
             std::ostream& err) {
  auto fail = [&](const std::string& message) {
    err << fmt::format("{}: error: {}\n", kCommand, message);
    return 2;
  };
  std::string error;
  std::optional<nlohmann::json> saved;
  if (!options.resume.empty()) {
    saved = ReadSave(options.resume, &error);
    if (!saved) return fail(error);
    if (!options.seed.empty()) return fail("--seed: the saved game fixes the seed");
    if (!options.sets.empty()) return fail("--set: the saved game fixes the scenario's values");
  }
  const std::string scenario_path =
      !options.scenario.empty() ? options.scenario
      : saved                   ? saved->at("scenario").get<std::string>()
                                : "";
  if (scenario_path.empty()) return fail("name a SCENARIO (or --resume a saved game)");
  if (options.port < 0 || options.port > 65535) return fail("--port: 0 to 65535");
  if (options.turn_minutes && !(*options.turn_minutes > 0 && *options.turn_minutes <= 600)) {
    return fail("--turn-minutes: a number of minutes in (0, 600]");
  }

  std::vector<std::string> sets;
  if (saved) {
    for (const auto& s : saved->at("sets")) sets.push_back(s.get<std::string>());
  } else {
    sets = options.sets;
  }
  std::vector<Override> overrides;
  for (const std::string& text : sets) {
    std::optional<Override> o = ParseOverride(text, &error);
    if (!o) return fail("--set: " + error);
    overrides.push_back(std::move(*o));
  }
  if (saved) {
    overrides.push_back(Override{"run.seed", std::to_string(saved->at("seed").get<std::uint64_t>())});
  } else if (!options.seed.empty()) {
    if (!cli::IsDecimal(options.seed)) return fail("--seed: expected a whole number");
    overrides.push_back(Override{"run.seed", options.seed});
  }
  const ScenarioSource source = ScenarioSource::FromFile(scenario_path);
  LoadResult loaded = source.Build(overrides, registry);
  if (!loaded.scenario) {
    for (const Diagnostic& d : loaded.diagnostics) err << FormatDiagnostic(d) << '\n';
    if (loaded.diagnostics.empty()) return fail(scenario_path + ": the scenario could not be loaded");
    return 2;
  }
  const Scenario& scenario = *loaded.scenario;
  const std::optional<std::string> hash = FileHash(scenario_path);
  if (!hash) return fail("cannot read " + scenario_path);
  if (saved && *hash != saved->at("scenario_fnv1a64").get<std::string>()) {
    return fail(scenario_path + " has changed since the game was saved: resume with the same file");
  }

  std::vector<std::string> human_ids;
  if (saved) {
    for (const auto& h : saved->at("humans")) human_ids.push_back(h.get<std::string>());
    if (!options.humans.empty() && SplitIds(options.humans) != human_ids) {
      return fail("--human: the saved game was played by other teams; leave --human out");
    }
  } else {
    human_ids = SplitIds(options.humans);
    if (human_ids.empty()) return fail("--human: name the teams' actors, e.g. --human JPN,ROK");
  }
  std::vector<ActorIndex> teams;
  for (const std::string& id : human_ids) {
    std::optional<std::size_t> found;
    std::vector<std::string> all;
    for (std::size_t i = 0; i < scenario.actors.size(); ++i) {
      all.push_back(scenario.actors[i].id);
      if (scenario.actors[i].id == id) found = i;
    }
    if (!found) {
      const std::string near = NearestCandidate(id, all);
      return fail(fmt::format("--human: no actor '{}' in {}{}", id.substr(0, 40), scenario.name,
                              near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
    }
    if (std::find(teams.begin(), teams.end(), ActorIndex(*found)) != teams.end()) {
      return fail(fmt::format("--human: {} is listed twice", id));
    }
    teams.push_back(ActorIndex(*found));
  }

  fs::path dir =
      !options.out.empty() ? fs::path(options.out)
      : saved && saved->contains("out") && saved->at("out").is_string()
          ? fs::path(saved->at("out").get<std::string>())
          : fs::path("runs") / fmt::format("{}-serve-{}", cli::SafeName(scenario.name),
                                           scenario.run.seed);
  if (dir.filename().empty()) dir = dir.parent_path();  // "runs/class1/" -> "runs/class1"
  const std::string save_path = !options.save.empty()     ? options.save
                                : !options.resume.empty() ? options.resume
                                                          : dir.string() + ".save.json";
  Json header{{"format", "overstretch-play"},
              {"version", 1},
              {"scenario", saved ? saved->at("scenario").get<std::string>()
                                 : fs::absolute(scenario_path).string()},
              {"scenario_fnv1a64", *hash},
              {"sets", sets},
              {"seed", scenario.run.seed},
              {"humans", human_ids},
              {"out", fs::absolute(dir).string()}};
  GameRoom room(scenario, source, overrides, registry, teams, header);
  if (saved && !room.Replay(saved->at("log"), &error)) {
    return fail(fmt::format("{}: {}", options.resume, error));
  }
  const Json run_header{{"type", "classroom"}, {"scenario", scenario.name},
                        {"seed", scenario.run.seed}, {"humans", human_ids}, {"served", true}};
  int status = 0;
  auto save = [&](GameRoom& r) {
    std::string why;
    bool bad_input = false;
    if (!cli::WriteFileAtomically(save_path, cli::DumpJson(r.SaveJson(), 1) + "\n", &why)) {
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
  if (saved) out << fmt::format("resumed {} ({} log entries replayed)\n", options.resume, saved->at("log").size());
  out << "Give each team its own link (anyone with a link sees that team's screen):\n";
  std::vector<std::string> code_list;
  for (ActorIndex t : teams) {
    out << fmt::format("  team {:<6} {}{}\n", scenario.actors[t.get()].id, base, codes.team(t));
    code_list.push_back(codes.team(t));
  }
  out << fmt::format("  facilitator  {}{}\n", base, codes.facilitator());
  out << fmt::format("  projector    {}{}\n", base, codes.projector());
  if (options.host == "0.0.0.0") out << "(THIS-MACHINE: this computer's address on the room's network)\n";
  out << fmt::format("the game is saved to {} after every turn; Ctrl-C ends the session\n", save_path);
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
