// Untrusted input lines (line_reader.h).
#include "tools/classroom/line_reader.h"

#include <fmt/format.h>

#include "tools/classroom/play_text.h"

namespace overstretch::cli {

std::optional<std::string> LineReader::Next(bool* too_long) {
  while (true) {
    std::optional<std::string> line = NextRaw(too_long);
    // A comment (decision files) is skipped like it was never there.
    const std::size_t first = line ? line->find_first_not_of(" \t") : std::string::npos;
    if (!line || first == std::string::npos || (*line)[first] != '#') return line;
  }
}

std::optional<std::string> LineReader::NextRaw(bool* too_long) {
  *too_long = false;
  std::string line;
  char c = 0;
  bool any = false;
  std::size_t length = 0;
  if (!error_.empty()) return std::nullopt;
  while (in_.get(c)) {
    any = true;
    if (c == '\n') break;
    if (++length > kMaxRunaway) {
      error_ = fmt::format(
          "the input has a line of more than {} bytes without a line end: "
          "it is not a decisions file or typed input",
          kMaxRunaway);
      return std::nullopt;
    }
    if (line.size() < kMaxLine) {
      line.push_back(c);
    } else {
      *too_long = true;
    }
  }
  if (!any) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::size_t first = line.find_first_not_of(" \t");
  if (echo_ && (first == std::string::npos || line[first] != '#')) {
    echo_to_ << Shown(line, 200) << '\n';
  }
  return line;
}

}  // namespace overstretch::cli
