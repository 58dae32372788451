// Diagnostics: problems found in input, reported as `FILE:LINE:COL: error:
// MESSAGE` (lines and columns from 1), every one of them rather than the
// first. A diagnostic from a --set override has no position and names the
// override instead: `--set PATH=VALUE: error: MESSAGE`.
#pragma once

#include <string>
#include <vector>

namespace overstretch {

struct Diagnostic {
  std::string file;  // file name as given, or "--set PATH=VALUE"
  int line = 0;      // 1-based; 0 when there is no position
  int column = 0;    // 1-based; 0 when there is no position
  std::string message;
};

// "FILE:LINE:COL: error: MESSAGE", or "FILE: error: MESSAGE" without a position.
std::string FormatDiagnostic(const Diagnostic& d);

class Diagnostics {
 public:
  void Error(std::string file, int line, int column, std::string message);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Diagnostics sorted by (file, line, column), then in order of reporting.
  std::vector<Diagnostic> Sorted() const;

 private:
  std::vector<Diagnostic> items_;
};

// Levenshtein distance, for "did you mean" suggestions.
std::size_t EditDistance(const std::string& a, const std::string& b);
// The candidate nearest to `word` if it is close enough to be a plausible
// typo (distance <= max(2, word.size() / 3)), else "".
std::string NearestCandidate(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace overstretch
