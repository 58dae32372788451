#include "tools/runio/graph_export.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphml.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/property_map/dynamic_property_map.hpp>
#include <stdexcept>

#include "tools/runio/csv.h"

namespace overstretch::cli {
namespace {

struct VertexProps {
  std::string id;
  std::string name;
  std::string model;
  double forces = 0.0;
  bool nuclear = false;
};

struct EdgeProps {
  double commitment = 0.0;
  double access = 0.0;
  double intel = 0.0;
  double trust = 0.0;
  double hostility = 0.0;
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexProps, EdgeProps>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;

// Boost's dynamic properties print values with `ostream <<` at the default
// precision of 6 digits. These wrappers keep the declared value type (so
// GraphML still says attr.type="double" / "boolean") but print shortest
// round-trip numbers and true/false.
struct PreciseDouble {
  double value;
};
std::ostream& operator<<(std::ostream& out, PreciseDouble x) {
  const std::string text = FormatNumber(x.value);
  return out << (text.empty() ? std::string("nan") : text);
}

struct BoolText {
  bool value;
};
std::ostream& operator<<(std::ostream& out, BoolText x) {
  return out << (x.value ? "true" : "false");
}

// A read-only property map over a member of a bundled property.
template <typename Key, typename Bundle, typename T, typename Printed>
class MemberMap {
 public:
  using key_type = Key;
  using value_type = T;
  using reference = Printed;
  using category = boost::readable_property_map_tag;

  MemberMap(const Graph* graph, T Bundle::*member) : graph_(graph), member_(member) {}

  friend Printed get(const MemberMap& map, const Key& key) {
    return Printed{(*map.graph_)[key].*(map.member_)};
  }

 private:
  const Graph* graph_;
  T Bundle::*member_;
};

using VertexDouble = MemberMap<Vertex, VertexProps, double, PreciseDouble>;
using VertexBool = MemberMap<Vertex, VertexProps, bool, BoolText>;
using EdgeDouble = MemberMap<Edge, EdgeProps, double, PreciseDouble>;

// Text safe for both formats: valid UTF-8 (invalid bytes become '?'), no
// control characters (XML 1.0 forbids most of them), and no backslash (in a
// DOT string a trailing one would swallow the closing quote).
std::string CleanText(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(c < 0x20 || c == 0x7f ? ' ' : (c == '\\' ? '/' : static_cast<char>(c)));
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned min = 0;
    unsigned code = 0;
    if ((c & 0xe0) == 0xc0) {
      len = 2, min = 0x80, code = c & 0x1fu;
    } else if ((c & 0xf0) == 0xe0) {
      len = 3, min = 0x800, code = c & 0x0fu;
    } else if ((c & 0xf8) == 0xf0) {
      len = 4, min = 0x10000, code = c & 0x07u;
    }
    bool ok = len > 0 && i + len <= text.size();
    for (std::size_t b = 1; ok && b < len; ++b) {
      const auto cc = static_cast<unsigned char>(text[i + b]);
      ok = (cc & 0xc0) == 0x80;
      code = (code << 6) | (cc & 0x3fu);
    }
    ok = ok && code >= min && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) &&
         !(code >= 0x80 && code < 0xa0);
    if (ok) {
      out.append(text, i, len);
      i += len;
    } else {
      out.push_back('?');
      ++i;
    }
  }
  return out;
}

Graph Build(const GraphData& data) {
  Graph g(data.vertices.size());
  for (std::size_t v = 0; v < data.vertices.size(); ++v) {
    const GraphVertex& in = data.vertices[v];
    g[v] = VertexProps{CleanText(in.id), CleanText(in.name), CleanText(in.model), in.forces,
                       in.nuclear};
  }
  for (const GraphEdge& e : data.edges) {
    if (e.from >= data.vertices.size() || e.to >= data.vertices.size()) {
      throw std::invalid_argument("graph edge refers to a missing vertex");
    }
    const TieAttributes& a = e.attrs;
    boost::add_edge(e.from, e.to, EdgeProps{a.commitment, a.access, a.intel, a.trust, a.hostility},
                    g);
  }
  return g;
}

void AddProperties(Graph& g, boost::dynamic_properties& dp) {
  dp.property("name", boost::get(&VertexProps::name, g));
  dp.property("model", boost::get(&VertexProps::model, g));
  dp.property("forces", VertexDouble(&g, &VertexProps::forces));
  dp.property("nuclear", VertexBool(&g, &VertexProps::nuclear));
  dp.property("commitment", EdgeDouble(&g, &EdgeProps::commitment));
  dp.property("access", EdgeDouble(&g, &EdgeProps::access));
  dp.property("intel", EdgeDouble(&g, &EdgeProps::intel));
  dp.property("trust", EdgeDouble(&g, &EdgeProps::trust));
  dp.property("hostility", EdgeDouble(&g, &EdgeProps::hostility));
}

}  // namespace

GraphData GraphFromScenario(const Scenario& scenario) {
  GraphData data;
  for (const ActorDef& a : scenario.actors) {
    data.vertices.push_back({a.id, a.name, a.model, a.attrs.forces, a.attrs.nuclear});
  }
  for (const TieDef& t : scenario.ties) {
    data.edges.push_back({t.from.get(), t.to.get(), t.attrs});
  }
  return data;
}

void WriteDot(const GraphData& data, std::ostream& out) {
  Graph g = Build(data);
  boost::dynamic_properties dp;
  dp.property("node_id", boost::get(&VertexProps::id, g));
  AddProperties(g, dp);
  boost::write_graphviz_dp(out, g, dp, "node_id");
}

void WriteGraphml(const GraphData& data, std::ostream& out) {
  Graph g = Build(data);
  boost::dynamic_properties dp;
  // GraphML node ids are Boost's "n0", "n1", ...: the actor id is an attribute.
  dp.property("id", boost::get(&VertexProps::id, g));
  AddProperties(g, dp);
  boost::write_graphml(out, g, dp, true);
}

}  // namespace overstretch::cli
