// The reaction matrix K of Richardson mobilisation (docs/model.md §3.7):
// K_ij = reaction x hostility of the tie i -> j. Only hostile ties give an
// entry, so K is kept in compressed rows (O(entries + actors) memory and
// work), with the strongly connected components of its graph (an edge i -> j
// per entry), which split K - D into independent eigenproblems.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace overstretch {

struct Reaction {
  std::uint32_t from = 0;
  std::uint32_t to = 0;
  double k = 0.0;  // K_from,to: from's arming per unit of to's forces, per turn
};

class ReactionMatrix {
 public:
  // Replaces the contents with an n x n matrix holding `entries` (sorted in
  // place). Zero entries and K_ii (an actor's reaction to its own arms is
  // what fatigue models) are dropped; of a repeated (from, to) the last wins.
  void Assign(std::size_t n, std::span<Reaction> entries);

  std::size_t size() const { return row_begin_.size() - 1; }
  // Row i's nonzero off-diagonal entries: their columns (ascending) and values.
  std::span<const std::uint32_t> Columns(std::size_t row) const;
  std::span<const double> Values(std::size_t row) const;

  // The strongly connected component of each row, numbered 0 .. count-1 in
  // the order Tarjan's algorithm completes them; *count is set.
  std::vector<std::uint32_t> Components(std::size_t* count) const;

 private:
  std::vector<std::size_t> row_begin_{0};
  std::vector<std::uint32_t> column_;
  std::vector<double> value_;
};

}  // namespace overstretch
