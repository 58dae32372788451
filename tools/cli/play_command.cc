// `overstretch play SCENARIO --human JPN,ROK [--save FILE] [--resume FILE]
// [--branch FILE --turn T] [--decisions FILE] [--seed N] [--set PATH=VALUE]...
// [--out DIR]`: a classroom game in the terminal (tools/play.h).
#include <unistd.h>

#include <iostream>
#include <memory>

#include "tools/classroom/play.h"
#include "tools/cli/commands.h"

namespace overstretch::cli {

Command AddPlayCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command = app.add_subcommand(
      "play",
      "Play a classroom exercise in the terminal: teams decide for some actors, the "
      "models for the rest, a facilitator steers between turns");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<PlayOptions>();
  command
      ->add_option("scenario", options->scenario,
                   "Scenario file (YAML); may be left out with --resume or --branch")
      ->type_name("SCENARIO");
  command
      ->add_option("--human", options->humans,
                   "Actors played by people, comma separated (e.g. JPN,ROK)")
      ->type_name("IDS");
  command
      ->add_option("--save", options->save,
                   "Save the game here on quit or end of input (and for 'save' without a file)")
      ->type_name("FILE");
  command->add_option("--resume", options->resume, "Continue a saved game")->type_name("FILE");
  command
      ->add_option("--branch", options->branch,
                   "Replay a saved game up to --turn T and play on from there (what if?)")
      ->type_name("FILE");
  command->add_option("--turn", options->branch_turn, "The turn to branch after (with --branch)")
      ->type_name("T")
      ->check(CLI::Range(0, 1000000));
  command
      ->add_option("--decisions", options->decisions,
                   "Read the players' and facilitator's lines from this file instead of stdin")
      ->type_name("FILE");
  command->add_option("--seed", options->seed, "Random seed (overrides run.seed)")->type_name("N");
  AddSetOption(*command, &options->sets);
  command
      ->add_option("--out", options->out,
                   "Run directory of the game (default runs/<scenario>-play-<seed>)")
      ->type_name("DIR");
  return {command, [options](const CommandIo& io) {
            PlayOptions o = *options;
            o.echo = ::isatty(STDIN_FILENO) == 0;
            return RunPlay(o, io.registry, std::cin, io.out, io.err);
          }};
}

}  // namespace overstretch::cli
