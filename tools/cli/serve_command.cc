// `overstretch serve SCENARIO --human JPN,ROK [--host ADDR] [--port N]
// [--turn-minutes M] [--save FILE] [--out DIR] [--resume FILE] [--seed N]
// [--set PATH=VALUE]...`: a classroom game in the browser
// (tools/classroom/serve/serve_game.h).
#include <memory>

#include "tools/classroom/serve/serve_game.h"
#include "tools/cli/commands.h"

namespace overstretch::cli {

Command AddServeCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command =
      app.add_subcommand("serve",
                         "Serve a classroom exercise in the browser: a private page per team, a "
                         "facilitator console, a projector view, orders entered in parallel");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<serve::ServeOptions>();
  auto minutes = std::make_shared<double>(0.0);
  command
      ->add_option("scenario", options->scenario,
                   "Scenario file (YAML); may be left out with --resume")
      ->type_name("SCENARIO");
  command
      ->add_option("--human", options->humans,
                   "Actors played by teams, comma separated, in the board's order")
      ->type_name("IDS");
  command
      ->add_option("--host", options->host,
                   "Address to listen on (default 127.0.0.1; 0.0.0.0 opens it to the room)")
      ->type_name("ADDR");
  command->add_option("--port", options->port, "Port (default 8080; 0 picks a free one)")
      ->type_name("N");
  command
      ->add_option("--turn-minutes", *minutes,
                   "Close each turn by itself after M minutes (incomplete orders: the model "
                   "decides for that team)")
      ->type_name("M");
  command
      ->add_option("--save", options->save,
                   "Save the game here after every turn (default DIR.save.json)")
      ->type_name("FILE");
  command
      ->add_option("--out", options->out,
                   "Run directory of the game (default runs/<scenario>-serve-<seed>)")
      ->type_name("DIR");
  command->add_option("--resume", options->resume, "Continue a saved game")->type_name("FILE");
  command->add_option("--seed", options->seed, "Random seed (overrides run.seed)")->type_name("N");
  AddSetOption(*command, &options->sets);
  return {command, [options, minutes, command](const CommandIo& io) {
            serve::ServeOptions o = *options;
            if (command->count("--turn-minutes") > 0) o.turn_minutes = *minutes;
            return serve::RunServe(o, io.registry, io.out, io.err);
          }};
}

}  // namespace overstretch::cli
