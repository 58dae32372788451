// `overstretch report RUN_DIR [-o FILE]`: the after-action report of a run
// directory (tools/report.h) as one self-contained HTML file.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <system_error>

#include "tools/classroom/report.h"
#include "tools/cli/commands.h"
#include "tools/runio/file_util.h"

namespace overstretch::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kCommand = "overstretch report";

struct Options {
  std::string run_dir;
  std::string output;
  std::string compare;
  std::string name;          // what the page calls the run (default: its directory's name)
  std::string compare_name;  // and the other run
};

int Report(const Options& options, const CommandIo& io) {
  ReportData data;
  std::string error;
  if (!ReadRunDirectory(options.run_dir, &data, &error)) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return kExitBadInput;
  }
  ReportData other;
  if (!options.compare.empty() && !ReadRunDirectory(options.compare, &other, &error)) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return kExitBadInput;
  }
  if (!options.name.empty()) data.name = options.name;
  if (!options.compare_name.empty()) other.name = options.compare_name;
  if (!options.compare.empty() && other.name == data.name) {
    data.name += " (this run)";  // e.g. runs/a/game and runs/b/game
    other.name += " (other run)";
  }
  const std::string html = RenderReportHtml(data, options.compare.empty() ? nullptr : &other);
  if (options.output == "-") {
    io.out << html;
    return kExitOk;
  }
  fs::path output = options.output;
  if (output.empty()) {
    fs::path dir = fs::path(options.run_dir).lexically_normal();
    if (!dir.has_filename() && dir.has_parent_path()) dir = dir.parent_path();
    // `report .` inside the run directory names it by its real name, not "..html".
    if (dir.filename() == "." || dir.filename() == "..") {
      dir = fs::absolute(dir).lexically_normal();
      if (!dir.has_filename() && dir.has_parent_path()) dir = dir.parent_path();
    }
    output = dir;
    output += ".html";
  }
  if (!WriteFileAtomically(output, html, &error)) {
    io.err << fmt::format("{}: error: {}\n", kCommand, error);
    return kExitInternal;  // a write error
  }
  io.out << fmt::format("wrote {} ({} KiB)\n", output.string(), (html.size() + 1023) / 1024);
  return kExitOk;
}

}  // namespace

Command AddReportCommand(CLI::App& app, const std::vector<std::string>& args) {
  CLI::App* command = app.add_subcommand(
      "report", "Write a self-contained HTML after-action report of a run or played game");
  if (!Names(args, *command)) return {command, nullptr};  // by name only
  auto options = std::make_shared<Options>();
  command->add_option("run_dir", options->run_dir, "Run directory (from 'run' or 'play --out')")
      ->required()
      ->type_name("RUN_DIR");
  command
      ->add_option("-o,--output", options->output,
                   "HTML file to write (default RUN_DIR.html next to the directory; - for stdout)")
      ->type_name("FILE");
  command
      ->add_option("--compare", options->compare,
                   "Another run directory to set beside this one (e.g. a branch of a played game)")
      ->type_name("RUN_DIR");
  command
      ->add_option("--name", options->name,
                   "What the page calls this run (default: RUN_DIR's name)")
      ->type_name("NAME");
  command
      ->add_option("--compare-name", options->compare_name,
                   "What the page calls the --compare run (default: its directory's name)")
      ->type_name("NAME");
  return {command, [options](const CommandIo& io) { return Report(*options, io); }};
}

}  // namespace overstretch::cli
