// `overstretch models`: the registered actor models and their parameters.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "engine/scenario_loader.h"
#include "tools/cli/commands.h"
#include "tools/runio/csv.h"

namespace overstretch::cli {
namespace {

std::string Range(const ParamSpec& p) {
  return fmt::format("[{}, {}]", FormatNumber(p.min), FormatNumber(p.max));
}

void PrintModel(const ModelInfo& model, std::ostream& out) {
  out << fmt::format("{}: {}\n", model.name, model.summary);
  if (model.params.empty()) {
    out << "  (no parameters)\n";
    return;
  }
  const std::vector<std::string> head = {"parameter", "default", "range", "unit", "description"};
  std::vector<std::vector<std::string>> rows;
  for (const ParamSpec& p : model.params) {
    rows.push_back({p.name, FormatNumber(p.default_value), Range(p), p.unit, p.description});
  }
  std::vector<std::size_t> width(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    width[c] = head[c].size();
    for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
  }
  auto print = [&](const std::vector<std::string>& row) {
    std::string line = "  ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += c + 1 < row.size() ? fmt::format("{:<{}}  ", row[c], width[c]) : row[c];
    }
    out << line << '\n';
  };
  print(head);
  for (const auto& row : rows) print(row);
}

}  // namespace

Command AddModelsCommand(CLI::App& app, const std::vector<std::string>& /*args: no options*/) {
  CLI::App* command =
      app.add_subcommand("models", "List the actor models and their parameters (params: keys)");
  return {command, [](const CommandIo& io) {
            ModelInfo doctrine;
            doctrine.name = "doctrine weights";
            doctrine.summary =
                "keys of a `doctrine:` block (scenario-wide or per actor), used by every model "
                "built on the doctrine model; also argmax (bool) and deploy_levels (list)";
            doctrine.params = DoctrineParamSpecs();
            PrintModel(doctrine, io.out);
            io.out << '\n';
            bool first = true;
            for (const auto& [name, model] : io.registry.all()) {
              if (!first) io.out << '\n';
              first = false;
              PrintModel(model, io.out);
            }
            if (first) io.out << "no models registered\n";
            return kExitOk;
          }};
}

}  // namespace overstretch::cli
