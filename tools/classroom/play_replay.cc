// Replaying a saved game's log into the terminal game (play_game.h): every
// entry is checked against the game at that point, as strictly as typed input.
#include <fmt/format.h>

#include <set>

#include "tools/classroom/play_game.h"
#include "tools/classroom/play_printers.h"
#include "tools/classroom/play_text.h"

namespace overstretch::cli {

bool Game::ReplayLog(const nlohmann::json& log, std::size_t count, std::string* error) {
  for (std::size_t i = 0; i < count; ++i) {
    const nlohmann::json& entry = log[i];
    bool ok = true;
    if (entry.contains("command")) {
      Facilitator(entry.at("command").get<std::string>(), true, error);
      ok = error->empty();
    } else if (!entry.contains("turn")) {
      *error =
          "a message or proposal between teams of a served game: continue it with "
          "'overstretch serve --resume'";
      ok = false;
    } else {
      ok = ReplayTurn(entry, error);
    }
    if (!ok) {
      *error = fmt::format("log entry {}: {}", i + 1, *error);
      return false;
    }
  }
  return true;
}

bool Game::ReplayTurn(const nlohmann::json& entry, std::string* error) {
  const Turn turn = session_.state().turn + 1;
  if (!entry.at("turn").is_number_integer() || entry.at("turn").get<long long>() != turn) {
    *error = fmt::format("expected turn {} here", turn);
    return false;
  }
  if (session_.Finished()) {
    *error = "the game was already over";
    return false;
  }
  if (!entry.contains("decisions") || !entry.at("decisions").is_array()) {
    *error = "'decisions' must be a list";
    return false;
  }
  const std::vector<Briefing> briefings = session_.Brief();
  std::vector<HumanChoice> choices;
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;
  for (const nlohmann::json& d : entry.at("decisions")) {
    if (!d.is_object() || !d.contains("actor") || !d.at("actor").is_string() ||
        !d.contains("theater") || !d.at("theater").is_string() || !d.contains("posture") ||
        !d.at("posture").is_string() || !d.contains("share") || !d.at("share").is_number() ||
        !d.contains("move") || !d.at("move").is_string()) {
      *error = "a decision needs actor, theater, posture (strings), share (a number), move";
      return false;
    }
    if (d.contains("bases_closed") && !d.at("bases_closed").is_boolean()) {
      *error = "a decision's bases_closed must be true or false";
      return false;
    }
    const bool bases_closed = d.contains("bases_closed") && d.at("bases_closed").get<bool>();
    const std::string actor = d.at("actor").get<std::string>();
    const std::string theater = d.at("theater").get<std::string>();
    const Briefing* b = nullptr;
    for (const Briefing& x : briefings) {
      if (Id(x.actor) == actor) b = &x;
    }
    const TheaterView* view = nullptr;
    if (b != nullptr) {
      for (const TheaterView& v : b->views) {
        if (TheaterId(v.theater) == theater) view = &v;
      }
    }
    if (b == nullptr || view == nullptr) {
      *error = fmt::format("{} has no decision to make in {} on turn {}", Shown(actor, 40),
                           Shown(theater, 40), turn);
      return false;
    }
    const std::vector<MenuOption> menu = MenuOptions(scenario_, *b, *view);
    const MenuOption* match = nullptr;
    for (const MenuOption& m : menu) {
      if (d.at("posture").get<std::string>() == PostureName(m.choice.posture) &&
          d.at("move").get<std::string>() == MoveName(m.choice.move) &&
          d.at("share").get<double>() == m.choice.share && bases_closed == !m.choice.grant_access) {
        match = &m;
      }
    }
    if (match == nullptr) {
      *error = fmt::format("{} in {}: not one of the options of turn {}", Shown(actor, 40),
                           Shown(theater, 40), turn);
      return false;
    }
    if (!seen.insert({b->actor.value, view->theater.value}).second) {
      *error = fmt::format("two decisions for {} in {}", Shown(actor, 40), Shown(theater, 40));
      return false;
    }
    choices.push_back({b->actor, view->theater, match->choice, match->label});
  }
  for (const Briefing& b : briefings) {
    for (const TheaterView& v : b.views) {
      if (!MenuOptions(scenario_, b, v).empty() && !seen.count({b.actor.value, v.theater.value})) {
        *error = fmt::format("no decision for {} in {}", Id(b.actor), TheaterId(v.theater));
        return false;
      }
    }
  }
  SilentRecorder silent;
  PlayTurn(std::move(choices), &silent);
  return true;
}

}  // namespace overstretch::cli
