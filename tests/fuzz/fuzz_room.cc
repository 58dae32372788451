// libFuzzer target: the messages of a served classroom game, as the server
// takes them (tools/classroom/serve/: parsed, authorised, applied by
// ApplyMessage). One message a line; the first byte of each picks the
// sender: the JPN team, the ROK team, the facilitator or the projector. After
// every message each view and the saved game must serialise as the server
// sends them, and at the end the saved game must replay in a fresh room to
// the same log (what `serve --resume` relies on). Any exception escaping is a
// finding: in the server it would end the session.
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario_loader.h"
#include "tests/fuzz/fuzz_support.h"
#include "tools/classroom/serve/game_room.h"
#include "tools/classroom/serve/message_dispatch.h"
#include "tools/classroom/serve/protocol.h"
#include "tools/runio/summary_json.h"

namespace {

using namespace overstretch;
using serve::Json;

struct Game {
  ScenarioSource source =
      ScenarioSource::FromFile(fuzz::RepoPath("scenarios/classroom/korea_japan.yaml"));
  std::vector<Override> overrides{{"run.turns", "6"}};
  LoadResult loaded = source.Build(overrides, fuzz::Registry());
  std::vector<ActorIndex> teams;

  Game() {
    if (!loaded.scenario) std::abort();
    for (const char* id : {"JPN", "ROK"}) {
      for (std::size_t a = 0; a < loaded.scenario->actors.size(); ++a) {
        if (loaded.scenario->actors[a].id == id) teams.emplace_back(static_cast<std::uint32_t>(a));
      }
    }
    if (teams.size() != 2) std::abort();
  }
  std::unique_ptr<serve::GameRoom> Room() const {
    return std::make_unique<serve::GameRoom>(*loaded.scenario, source, overrides, fuzz::Registry(),
                                             teams, Json{{"format", "overstretch-play"}});
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Game game;
  const std::vector<serve::Viewer> viewers = {{serve::Role::kTeam, game.teams[0]},
                                              {serve::Role::kTeam, game.teams[1]},
                                              {serve::Role::kFacilitator, {}},
                                              {serve::Role::kProjector, {}}};
  auto room = game.Room();
  std::string_view input = fuzz::Text(data, size);
  int messages = 0;
  while (!input.empty() && messages++ < 64) {
    const std::size_t end = std::min(input.find('\n'), input.size());
    const std::string_view line = input.substr(0, end);
    input.remove_prefix(std::min(end + 1, input.size()));
    if (line.empty()) continue;
    const serve::Viewer& from = viewers[static_cast<unsigned char>(line[0]) % viewers.size()];
    std::string error;
    const auto m = serve::ParseClientMessage(line.substr(1), &error);
    if (!m || !serve::MaySend(from, m->kind)) continue;
    const serve::Applied applied = serve::ApplyMessage(*room, from, *m);
    (void)cli::DumpJson(Json{{"type", "error"}, {"message", applied.error}});
    for (const serve::Viewer& v : viewers) (void)cli::DumpJson(room->ViewFor(v));
  }
  const Json saved = room->SaveJson();
  const nlohmann::json log = nlohmann::json::parse(cli::DumpJson(saved["log"]));
  auto again = game.Room();
  std::string error;
  if (!again->Replay(log, &error)) std::abort();  // a game played must replay
  if (cli::DumpJson(again->SaveJson()["log"]) != cli::DumpJson(saved["log"])) std::abort();
  return 0;
}
