// Reads one turn of a run directory into a GraphData (graph_run_reader.h).
#include "tools/runio/graph_run_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tools/runio/csv.h"

namespace overstretch::cli {
namespace {

// Looks up the columns a file must have; false with *error naming the first
// one missing.
bool FindColumns(const CsvReader& reader, const std::vector<std::string>& names,
                 std::vector<std::size_t>* columns, std::string* error) {
  columns->clear();
  for (const std::string& name : names) {
    const std::optional<std::size_t> c = reader.Column(name);
    if (!c) {
      *error = fmt::format("{}: no '{}' column in the header", reader.Where(), name);
      return false;
    }
    columns->push_back(*c);
  }
  return true;
}

// Tracks the turns a file holds, for the message when the wanted one is absent.
struct TurnRange {
  long long first = 0;
  long long last = 0;
  bool any = false;
  void Add(long long t) {
    first = any ? std::min(first, t) : t;
    last = any ? std::max(last, t) : t;
    any = true;
  }
  std::string Describe() const {
    return any ? fmt::format("it holds turns {} to {}", first, last) : "it holds no turns";
  }
};

class RunReader {
 public:
  RunReader(const Scenario& scenario, std::filesystem::path dir, long long turn)
      : scenario_(scenario), dir_(std::move(dir)), turn_(turn) {
    for (std::size_t i = 0; i < scenario.actors.size(); ++i)
      actor_index_[scenario.actors[i].id] = i;
  }

  // Replaces the forces and the ties of `graph` by those of the turn.
  bool Read(GraphData* graph, std::string* error) {
    if (!std::filesystem::is_directory(dir_)) {
      *error = fmt::format("{}: no such run directory", dir_.string());
      return false;
    }
    return ReadActors(graph, error) && ReadNetwork(graph, error);
  }

 private:
  // The turn column of the row just read; false with *error when malformed.
  bool RowTurn(const CsvReader& reader, const std::string& text, long long* turn,
               std::string* error) const {
    const std::optional<long long> t = ParseInteger(text);
    if (!t) {
      *error = fmt::format("{}: turn: expected a whole number, got '{}'", reader.Where(), text);
      return false;
    }
    *turn = *t;
    return true;
  }

  bool Actor(const CsvReader& reader, const std::string& column, const std::string& id,
             std::size_t* index, std::string* error) const {
    const auto it = actor_index_.find(id);
    if (it == actor_index_.end()) {
      *error = fmt::format(
          "{}: {}: actor '{}' is not in scenario '{}' (was the run made from another scenario?)",
          reader.Where(), column, id, scenario_.name);
      return false;
    }
    *index = it->second;
    return true;
  }

  bool Number(const CsvReader& reader, const std::string& column, const std::string& text,
              double min, double max, double* out, std::string* error) const {
    const std::optional<double> x = ParseFiniteDouble(text);
    if (!x || *x < min || *x > max) {
      *error = fmt::format("{}: {}: expected a number in [{}, {}], got '{}'", reader.Where(),
                           column, FormatNumber(min),
                           max > 1e300 ? std::string("inf") : FormatNumber(max), text);
      return false;
    }
    *out = *x;
    return true;
  }

  bool ReadActors(GraphData* graph, std::string* error) {
    CsvReader reader;
    if (!reader.Open((dir_ / "actors.csv").string(), error)) return false;
    std::vector<std::size_t> col;
    if (!FindColumns(reader, {"turn", "actor", "forces"}, &col, error)) return false;
    std::vector<bool> seen(graph->vertices.size(), false);
    std::size_t count = 0;
    TurnRange range;
    std::vector<std::string> row;
    while (reader.Next(&row, error)) {
      long long turn = 0;
      if (!RowTurn(reader, row[col[0]], &turn, error)) return false;
      range.Add(turn);
      if (turn != turn_) continue;
      std::size_t i = 0;
      if (!Actor(reader, "actor", row[col[1]], &i, error)) return false;
      if (seen[i]) {
        *error = fmt::format("{}: actor '{}' appears twice in turn {}", reader.Where(), row[col[1]],
                             turn_);
        return false;
      }
      seen[i] = true;
      ++count;
      if (!Number(reader, "forces", row[col[2]], 0.0, 1e308, &graph->vertices[i].forces, error)) {
        return false;
      }
    }
    if (!error->empty()) return false;
    if (count == 0) {
      *error = fmt::format("{}: turn {} is not in this run ({})", (dir_ / "actors.csv").string(),
                           turn_, range.Describe());
      return false;
    }
    if (count != graph->vertices.size()) {
      *error = fmt::format("{}: turn {} lists {} of the scenario's {} actors",
                           (dir_ / "actors.csv").string(), turn_, count, graph->vertices.size());
      return false;
    }
    return true;
  }

  bool ReadNetwork(GraphData* graph, std::string* error) {
    CsvReader reader;
    if (!reader.Open((dir_ / "network.csv").string(), error)) return false;
    std::vector<std::size_t> col;
    const std::vector<std::string> names = {"turn",   "from",  "to",    "commitment",
                                            "access", "intel", "trust", "hostility"};
    if (!FindColumns(reader, names, &col, error)) return false;
    std::vector<GraphEdge> edges;
    std::set<std::pair<std::size_t, std::size_t>> pairs;
    std::vector<std::string> row;
    while (reader.Next(&row, error)) {
      long long turn = 0;
      if (!RowTurn(reader, row[col[0]], &turn, error)) return false;
      if (turn != turn_) continue;
      GraphEdge e;
      if (!Actor(reader, "from", row[col[1]], &e.from, error)) return false;
      if (!Actor(reader, "to", row[col[2]], &e.to, error)) return false;
      if (!pairs.insert({e.from, e.to}).second) {
        *error = fmt::format("{}: tie {} -> {} appears twice in turn {}", reader.Where(),
                             row[col[1]], row[col[2]], turn_);
        return false;
      }
      double* fields[] = {&e.attrs.commitment, &e.attrs.access, &e.attrs.intel, &e.attrs.trust,
                          &e.attrs.hostility};
      for (std::size_t f = 0; f < 5; ++f) {
        if (!Number(reader, names[3 + f], row[col[3 + f]], 0.0, 1.0, fields[f], error)) {
          return false;
        }
      }
      edges.push_back(e);
    }
    if (!error->empty()) return false;
    std::sort(edges.begin(), edges.end(), [](const GraphEdge& a, const GraphEdge& b) {
      return std::pair(a.from, a.to) < std::pair(b.from, b.to);
    });
    graph->edges = std::move(edges);
    return true;
  }

  const Scenario& scenario_;
  std::filesystem::path dir_;
  long long turn_;
  std::map<std::string, std::size_t> actor_index_;
};

}  // namespace

bool ReadGraphAtTurn(const Scenario& scenario, const std::string& dir, long long turn,
                     GraphData* graph, std::string* error) {
  RunReader reader(scenario, dir, turn);
  return reader.Read(graph, error);
}

}  // namespace overstretch::cli
