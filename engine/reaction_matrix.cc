#include "engine/reaction_matrix.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <utility>

namespace overstretch {

void ReactionMatrix::Assign(std::size_t n, std::span<Reaction> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const Reaction& a, const Reaction& b) {
    return std::pair(a.from, a.to) < std::pair(b.from, b.to);
  });
  row_begin_.assign(n + 1, 0);
  column_.clear();
  value_.clear();
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const Reaction& r = entries[e];
    assert(r.from < n && r.to < n);
    const bool repeated =
        e + 1 < entries.size() && entries[e + 1].from == r.from && entries[e + 1].to == r.to;
    if (repeated || r.from == r.to || r.k == 0.0) continue;
    column_.push_back(r.to);
    value_.push_back(r.k);
    ++row_begin_[r.from + 1];
  }
  for (std::size_t i = 0; i < n; ++i) row_begin_[i + 1] += row_begin_[i];
}

std::span<const std::uint32_t> ReactionMatrix::Columns(std::size_t row) const {
  return std::span(column_).subspan(row_begin_[row], row_begin_[row + 1] - row_begin_[row]);
}

std::span<const double> ReactionMatrix::Values(std::size_t row) const {
  return std::span(value_).subspan(row_begin_[row], row_begin_[row + 1] - row_begin_[row]);
}

// Tarjan's algorithm with an explicit depth-first path, so that a long chain
// of rivalries cannot overflow the call stack.
std::vector<std::uint32_t> ReactionMatrix::Components(std::size_t* count) const {
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  const std::size_t n = size();
  std::vector<std::uint32_t> order(n, kNone), low(n, 0), component(n, kNone);
  std::vector<std::uint32_t> open;                          // visited, component not yet closed
  std::vector<std::pair<std::uint32_t, std::size_t>> path;  // vertex, its next entry
  std::uint32_t visited = 0;
  std::uint32_t closed = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (order[root] != kNone) continue;
    order[root] = low[root] = visited++;
    open.push_back(root);
    path.emplace_back(root, row_begin_[root]);
    while (!path.empty()) {
      const std::uint32_t v = path.back().first;
      std::size_t& next = path.back().second;
      if (next < row_begin_[v + 1]) {
        const std::uint32_t w = column_[next++];
        if (order[w] == kNone) {
          order[w] = low[w] = visited++;
          open.push_back(w);
          path.emplace_back(w, row_begin_[w]);
        } else if (component[w] == kNone) {
          low[v] = std::min(low[v], order[w]);
        }
        continue;
      }
      path.pop_back();
      if (!path.empty()) low[path.back().first] = std::min(low[path.back().first], low[v]);
      if (low[v] != order[v]) continue;
      std::uint32_t w = kNone;
      do {
        w = open.back();
        open.pop_back();
        component[w] = closed;
      } while (w != v);
      ++closed;
    }
  }
  *count = closed;
  return component;
}

}  // namespace overstretch
