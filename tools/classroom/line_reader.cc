// Untrusted input lines (line_reader.h).
#include "tools/classroom/line_reader.h"

#include <fmt/format.h>

#include "tools/classroom/play_text.h"

namespace overstretch::cli {

namespace {

// The line without its comment: '#' at its start or after a blank.
std::string WithoutComment(const std::string& line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
      return line.substr(0, i);
    }
  }
  return line;
}

}  // namespace

std::optional<std::string> AskLine(LineReader& reader, std::ostream& out, std::string_view prompt,
                                   std::string_view indent) {
  while (true) {
    out << prompt;
    out.flush();
    bool too_long = false;
    std::optional<std::string> line = reader.Next(&too_long);
    if (!line || !too_long) return line;
    out << fmt::format("{}that line is longer than {} characters: try again\n", indent, kMaxLine);
  }
}

std::optional<std::string> LineReader::Next(bool* too_long) {
  if (unread_) {
    *too_long = false;
    std::optional<std::string> line = std::move(unread_);
    unread_.reset();
    return line;
  }
  while (true) {
    std::optional<std::string> line = NextRaw(too_long);
    if (!line) return line;
    const std::size_t first = line->find_first_not_of(" \t");
    // A comment line (decision files) is skipped like it was never there.
    if (first != std::string::npos && (*line)[first] == '#') continue;
    return WithoutComment(*line);
  }
}

void LineReader::Fail(const std::string& why) {
  if (error_.empty()) error_ = fmt::format("line {}: {}", line_, why);
}

std::optional<std::string> LineReader::NextRaw(bool* too_long) {
  *too_long = false;
  std::string line;
  char c = 0;
  bool any = false;
  std::size_t length = 0;
  if (!error_.empty()) return std::nullopt;
  ++line_;
  while (in_.get(c)) {
    any = true;
    if (c == '\n') break;
    if (++length > kMaxRunaway) {
      error_ = fmt::format(
          "line {}: more than {} bytes without a line end: "
          "it is not a decisions file or typed input",
          line_, kMaxRunaway);
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
