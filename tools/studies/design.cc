#include "tools/studies/design.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace overstretch::cli {
namespace {

// Joe & Kuo (2008), new-joe-kuo-6.21201, dimensions 2..31: degree s of the
// primitive polynomial, its coefficients a, and the initial direction
// numbers m_1..m_s. Dimension 1 is the van der Corput sequence (all m = 1).
struct DirectionNumbers {
  unsigned s;
  unsigned a;
  unsigned m[7];
};

constexpr DirectionNumbers kJoeKuo[] = {
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
};
static_assert(std::size(kJoeKuo) + 1 == SobolSequence::kMaxDims);

constexpr double kTwoPow32 = 4294967296.0;

}  // namespace

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

std::uint64_t RunSeed(std::uint64_t base_seed, std::uint64_t replication) {
  // Each input goes through its own mixing step, so (s, r) and (r, s) differ.
  // The design point is deliberately not an input (common random numbers).
  std::uint64_t h = SplitMix64(base_seed);
  h = SplitMix64(h ^ SplitMix64(replication ^ 0xE7037ED1A0B428DBULL));
  return h >> 1;
}

std::uint64_t DesignRandom::NextU64() {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double DesignRandom::Uniform() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }

std::size_t DesignRandom::Below(std::size_t n) {
  // Rejection from the largest multiple of n: no modulo bias.
  const std::uint64_t bound = static_cast<std::uint64_t>(n);
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t x = NextU64();
  while (x >= limit) x = NextU64();
  return static_cast<std::size_t>(x % bound);
}

UnitDesign GridDesign(std::span<const int> levels, std::span<const bool> midpoints) {
  UnitDesign design;
  design.dims = levels.size();
  if (levels.empty()) return design;
  std::size_t total = 1;
  for (int l : levels) total *= static_cast<std::size_t>(std::max(l, 1));
  design.u.resize(total * design.dims);
  std::vector<int> index(design.dims, 0);
  for (std::size_t p = 0; p < total; ++p) {
    for (std::size_t d = 0; d < design.dims; ++d) {
      const int n = std::max(levels[d], 1);
      const bool mid = d < midpoints.size() && midpoints[d];
      double u = 0.5;
      if (mid) {
        u = (index[d] + 0.5) / n;
      } else if (n > 1) {
        u = static_cast<double>(index[d]) / (n - 1);
      }
      design.u[p * design.dims + d] = u;
    }
    // Odometer: the last dimension fastest.
    for (std::size_t d = design.dims; d-- > 0;) {
      if (++index[d] < std::max(levels[d], 1)) break;
      index[d] = 0;
    }
  }
  return design;
}

UnitDesign LatinHypercubeDesign(std::size_t samples, std::size_t dims, std::uint64_t seed) {
  UnitDesign design;
  design.dims = dims;
  design.u.resize(samples * dims);
  DesignRandom random(seed);
  std::vector<std::size_t> strata(samples);
  for (std::size_t d = 0; d < dims; ++d) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = samples; i > 1; --i) std::swap(strata[i - 1], strata[random.Below(i)]);
    for (std::size_t p = 0; p < samples; ++p) {
      const double u =
          (static_cast<double>(strata[p]) + random.Uniform()) / static_cast<double>(samples);
      design.u[p * dims + d] = std::min(u, 1.0);
    }
  }
  return design;
}

SobolSequence::SobolSequence(std::size_t dims, bool shift, std::uint64_t seed)
    : dims_(dims), direction_(dims * 32), state_(dims, 0), mask_(dims, 0) {
  if (dims == 0 || dims > kMaxDims) throw std::invalid_argument("Sobol sequence: bad dimension");
  for (unsigned bit = 0; bit < 32; ++bit) direction_[bit] = 1U << (31 - bit);
  for (std::size_t d = 1; d < dims; ++d) {
    const DirectionNumbers& dn = kJoeKuo[d - 1];
    std::uint32_t* v = &direction_[d * 32];
    for (unsigned i = 0; i < 32; ++i) {
      if (i < dn.s) {
        v[i] = dn.m[i] << (31 - i);
      } else {
        v[i] = v[i - dn.s] ^ (v[i - dn.s] >> dn.s);
        for (unsigned k = 1; k < dn.s; ++k) {
          if ((dn.a >> (dn.s - 1 - k)) & 1U) v[i] ^= v[i - k];
        }
      }
    }
  }
  if (shift) {
    DesignRandom random(seed ^ 0x50B0'1000'0000'0000ULL);
    for (std::uint32_t& m : mask_) m = static_cast<std::uint32_t>(random.NextU64() >> 32);
  }
}

void SobolSequence::Next(std::span<double> out) {
  if (index_ > 0) {
    // Gray-code order: flip the direction number of the lowest zero bit of
    // index - 1 (equivalently the lowest set bit of index).
    unsigned c = 0;
    std::uint64_t value = index_ - 1;
    while (value & 1U) {
      value >>= 1;
      ++c;
    }
    if (c >= 32) throw std::length_error("Sobol sequence: more than 2^32 points");
    for (std::size_t d = 0; d < dims_; ++d) state_[d] ^= direction_[d * 32 + c];
  }
  ++index_;
  for (std::size_t d = 0; d < dims_ && d < out.size(); ++d) {
    out[d] = static_cast<double>(state_[d] ^ mask_[d]) / kTwoPow32;
  }
}

UnitDesign SaltelliDesign(std::size_t n, std::size_t dims, std::uint64_t seed) {
  if (dims == 0 || dims > kMaxSobolParameters) {
    throw std::invalid_argument("Saltelli design: bad number of parameters");
  }
  UnitDesign design;
  design.dims = dims;
  design.u.resize(n * (dims + 2) * dims);
  SobolSequence sequence(2 * dims, true, seed);
  std::vector<double> base(2 * dims);
  for (std::size_t j = 0; j < n; ++j) {
    sequence.Next(base);
    const double* a = base.data();
    const double* b = base.data() + dims;
    double* block = &design.u[j * (dims + 2) * dims];
    std::copy(a, a + dims, block);  // A_j
    for (std::size_t i = 0; i < dims; ++i) {
      double* row = block + (i + 1) * dims;  // AB_j^(i)
      std::copy(a, a + dims, row);
      row[i] = b[i];
    }
    std::copy(b, b + dims, block + (dims + 1) * dims);  // B_j
  }
  return design;
}

UnitDesign MorrisDesign(std::size_t trajectories, std::size_t dims, int levels,
                        std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0) {
    throw std::invalid_argument("Morris design: levels must be even and >= 2");
  }
  UnitDesign design;
  design.dims = dims;
  design.u.resize(trajectories * (dims + 1) * dims);
  DesignRandom random(seed ^ 0x3033'1500'0000'0000ULL);
  const std::size_t half = static_cast<std::size_t>(levels / 2);
  const double step = static_cast<double>(levels) / (2.0 * (levels - 1));  // Δ
  std::vector<double> x(dims);
  std::vector<int> direction(dims);
  std::vector<std::size_t> order(dims);
  for (std::size_t t = 0; t < trajectories; ++t) {
    for (std::size_t d = 0; d < dims; ++d) {
      // Moving up from level j needs j + p/2 <= p - 1; moving down, j >= p/2.
      direction[d] = random.Below(2) == 0 ? 1 : -1;
      const std::size_t j = random.Below(half) + (direction[d] > 0 ? 0 : half);
      x[d] = static_cast<double>(j) / (levels - 1);
    }
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = dims; i > 1; --i) std::swap(order[i - 1], order[random.Below(i)]);
    double* rows = &design.u[t * (dims + 1) * dims];
    std::copy(x.begin(), x.end(), rows);
    for (std::size_t k = 0; k < dims; ++k) {
      const std::size_t d = order[k];
      x[d] = std::clamp(x[d] + direction[d] * step, 0.0, 1.0);
      std::copy(x.begin(), x.end(), rows + (k + 1) * dims);
    }
  }
  return design;
}

}  // namespace overstretch::cli
