// Experimental designs on the unit cube [0, 1]^D (docs/studies.md): full
// factorial grids, Latin hypercubes, Saltelli's sampling for Sobol indices
// (from a digitally shifted Sobol sequence) and Morris elementary-effects
// trajectories. A study maps each unit coordinate to a parameter value
// (tools/study.h). Everything is deterministic from the seed given and
// independent of platform: no <random> distributions, whose algorithms vary
// between standard libraries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace overstretch::cli {

// One SplitMix64 step (Steele, Lea & Flood 2014): a bijective 64-bit mixer.
std::uint64_t SplitMix64(std::uint64_t x);

// The seed of replication `replication` of a sweep with `base_seed`: a hash of
// the two, shared by every design point (common random numbers), so two
// points differ only by their parameters and replication r of two points is a
// paired comparison; adding points or replications never changes an existing
// run's seed. 63 bits (non-negative as an SQLite INTEGER).
std::uint64_t RunSeed(std::uint64_t base_seed, std::uint64_t replication);

// A small SplitMix64 generator for the designs and the bootstrap.
class DesignRandom {
 public:
  explicit DesignRandom(std::uint64_t seed) : state_(SplitMix64(seed ^ 0x5DE5'16A7'0000'0001ULL)) {}
  std::uint64_t NextU64();
  double Uniform();                  // [0, 1), 53 bits
  std::size_t Below(std::size_t n);  // uniform in [0, n), n > 0, unbiased

 private:
  std::uint64_t state_;
};

// Points × dimensions, row-major, every value in [0, 1].
struct UnitDesign {
  std::size_t dims = 0;
  std::vector<double> u;

  std::size_t points() const { return dims == 0 ? 0 : u.size() / dims; }
  double at(std::size_t point, std::size_t dim) const { return u[point * dims + dim]; }
  std::span<const double> row(std::size_t point) const {
    return std::span<const double>(u).subspan(point * dims, dims);
  }
};

// Full factorial: every combination of levels[d] equally spaced values per
// dimension, i / (levels - 1) (0.5 for a single level), or with
// `midpoints[d]` true (i + 0.5) / levels, the centre of each of `levels` equal
// cells (what a list of values needs); the last dimension varies fastest.
UnitDesign GridDesign(std::span<const int> levels, std::span<const bool> midpoints);

// Latin hypercube: `samples` points; in every dimension each of the `samples`
// equal strata holds exactly one point, placed uniformly inside it.
UnitDesign LatinHypercubeDesign(std::size_t samples, std::size_t dims, std::uint64_t seed);

// The Sobol low-discrepancy sequence (Bratley & Fox 1988, Gray-code order)
// with the Joe & Kuo (2008) "new-joe-kuo-6.21201" direction numbers for the
// first kMaxDims dimensions, 32 bits, optionally with a random digital shift
// (every coordinate XORed with a per-dimension mask from the seed; the shift
// keeps the net properties and makes different seeds give different points).
class SobolSequence {
 public:
  static constexpr std::size_t kMaxDims = 31;

  // dims in [1, kMaxDims]. shift false: the plain sequence (starts at 0).
  SobolSequence(std::size_t dims, bool shift, std::uint64_t seed);

  // Writes the next point (dims values in [0, 1)) to out.
  void Next(std::span<double> out);

 private:
  std::size_t dims_;
  std::uint64_t index_ = 0;
  std::vector<std::uint32_t> direction_;  // [dim * 32 + bit]
  std::vector<std::uint32_t> state_;
  std::vector<std::uint32_t> mask_;
};

// The largest number of parameters a Saltelli design supports (2D Sobol
// dimensions: A and B side by side).
inline constexpr std::size_t kMaxSobolParameters = SobolSequence::kMaxDims / 2;

// Saltelli (2002, 2010) sampling for first-order and total Sobol indices:
// N base samples from a 2D-dimensional shifted Sobol sequence, A = its first
// D columns, B = the last D. Rows come in blocks of D + 2 per base sample j,
// in SALib's order (calc_second_order=False): A_j, AB_j^(1), ..., AB_j^(D),
// B_j, where AB^(i) is A with column i taken from B. N (D + 2) rows.
UnitDesign SaltelliDesign(std::size_t n, std::size_t dims, std::uint64_t seed);

// Morris (1991) elementary-effects design: `trajectories` trajectories of
// D + 1 points on the grid {0, 1/(p-1), ..., 1} with p = `levels` (even,
// >= 2), step Δ = p / (2 (p - 1)); along a trajectory each dimension moves
// once, by +Δ or −Δ, in a random order. Rows: trajectory by trajectory.
UnitDesign MorrisDesign(std::size_t trajectories, std::size_t dims, int levels, std::uint64_t seed);

}  // namespace overstretch::cli
