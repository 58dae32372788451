// The human players of a played game (human_players.h).
#include "tools/classroom/human_players.h"

#include <fmt/format.h>

#include <algorithm>

#include "engine/diagnostics.h"
#include "tools/classroom/play_text.h"

namespace overstretch::cli {

std::vector<std::string> SplitHumanIds(const std::string& text) {
  std::vector<std::string> ids;
  std::string rest = text;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    ids.push_back(Trim(rest.substr(0, comma)));
    rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
    if (comma != std::string::npos && rest.empty()) ids.push_back("");
  }
  return ids;
}

std::optional<std::vector<ActorIndex>> FindHumans(const Scenario& scenario,
                                                  const std::vector<std::string>& ids,
                                                  std::string* error) {
  std::vector<ActorIndex> humans;
  std::vector<std::string> all;
  for (const ActorDef& a : scenario.actors) all.push_back(a.id);
  for (const std::string& id : ids) {
    const auto found = std::find(all.begin(), all.end(), id);
    if (found == all.end()) {
      const std::string near = NearestCandidate(id, all);
      *error = fmt::format("--human: no actor '{}' in {}{}", Shown(id, 40), scenario.name,
                           near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near));
      return std::nullopt;
    }
    const ActorIndex actor(static_cast<std::size_t>(found - all.begin()));
    if (std::find(humans.begin(), humans.end(), actor) != humans.end()) {
      *error = fmt::format("--human: {} is listed twice", id);
      return std::nullopt;
    }
    humans.push_back(actor);
  }
  return humans;
}

}  // namespace overstretch::cli
