// The human players of a played game (`--human JPN,ROK`, or a save's
// "humans"), for the terminal and the browser alike.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/scenario.h"

namespace overstretch::cli {

// "JPN, ROK" -> {"JPN", "ROK"} (each trimmed); "" -> {}; a trailing comma
// gives an empty id (refused by FindHumans).
std::vector<std::string> SplitHumanIds(const std::string& text);

// The actors named by `ids`, in order. nullopt with *error ("--human: ...")
// for an id that is not an actor of `scenario` (with the nearest one) or is
// listed twice.
std::optional<std::vector<ActorIndex>> FindHumans(const Scenario& scenario,
                                                  const std::vector<std::string>& ids,
                                                  std::string* error);

}  // namespace overstretch::cli
