#include "engine/random_stream.h"

#include <cmath>
#include <numbers>

namespace overstretch {
namespace {

std::uint64_t Mix(std::uint64_t z) {
  // SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijection with good
  // avalanche, so nearby keys give unrelated streams.
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

std::uint64_t StableKey(std::string_view id) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : id) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

RandomStream::RandomStream(std::uint64_t seed, Purpose purpose, int turn, std::uint64_t entity,
                           std::uint64_t sub) {
  std::uint64_t s = Mix(seed + 0x9e3779b97f4a7c15ULL);
  s = Mix(s ^ static_cast<std::uint64_t>(purpose));
  s = Mix(s ^ static_cast<std::uint64_t>(static_cast<std::int64_t>(turn)));
  s = Mix(s ^ entity);
  state_ = Mix(s ^ sub);
}

std::uint64_t RandomStream::NextU64() {
  state_ += 0x9e3779b97f4a7c15ULL;
  return Mix(state_);
}

double RandomStream::Uniform() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }

double RandomStream::Normal() {
  // 1 - Uniform() is in (0, 1], so the logarithm is finite.
  const double u1 = 1.0 - Uniform();
  const double u2 = Uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

}  // namespace overstretch
