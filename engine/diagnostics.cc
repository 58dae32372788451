#include "engine/diagnostics.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace overstretch {

std::string FormatDiagnostic(const Diagnostic& d) {
  std::string out = d.file;
  if (d.line > 0) {
    out += ':' + std::to_string(d.line) + ':' + std::to_string(d.column);
  }
  out += ": error: ";
  out += d.message;
  return out;
}

void Diagnostics::Error(std::string file, int line, int column, std::string message) {
  items_.push_back(Diagnostic{std::move(file), line, column, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::Sorted() const {
  std::vector<Diagnostic> sorted = items_;
  // Stable: diagnostics at the same position keep the order they were reported in.
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  return sorted;
}

std::size_t EditDistance(const std::string& a, const std::string& b) {
  // Two rows of the Wagner-Fischer table: O(|a| |b|) time, O(|b|) memory.
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string NearestCandidate(const std::string& word, const std::vector<std::string>& candidates) {
  const std::size_t threshold = std::max<std::size_t>(2, word.size() / 3);
  std::string best;
  std::size_t best_distance = threshold + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length: skip hopeless
    // candidates cheaply (long words against many candidates stay fast).
    const std::size_t length_gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                                  : word.size() - candidate.size();
    if (length_gap >= best_distance) continue;
    const std::size_t distance = EditDistance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace overstretch
