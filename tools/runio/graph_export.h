// The alliance graph as Graphviz DOT or GraphML, for `overstretch graph`.
// Plain structs in, text out: Boost.Graph and its writers stay in
// graph_export.cc.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "engine/scenario.h"

namespace overstretch::cli {

struct GraphVertex {
  std::string id;  // actor id: the DOT node id, the GraphML `id` attribute
  std::string name;
  std::string model;
  double forces = 0.0;  // force units
  bool nuclear = false;
};

struct GraphEdge {
  std::size_t from = 0;  // positions in GraphData::vertices
  std::size_t to = 0;
  TieAttributes attrs;
};

struct GraphData {
  std::vector<GraphVertex> vertices;
  std::vector<GraphEdge> edges;
};

// The actors and initial ties of a scenario.
GraphData GraphFromScenario(const Scenario& scenario);

// Write with boost::write_graphviz_dp / boost::write_graphml. Numbers in
// shortest round-trip form; names with control characters or invalid UTF-8
// are cleaned so that the output always parses. Throws std::invalid_argument
// for an edge whose end is not a vertex.
void WriteDot(const GraphData& graph, std::ostream& out);
void WriteGraphml(const GraphData& graph, std::ostream& out);

}  // namespace overstretch::cli
