// Input lines of `overstretch play`, from the players' terminal or a
// decisions file. Every line is untrusted: at most kMaxLine characters are
// kept (the rest of a longer line is read and refused), and a line still
// without a newline after kMaxRunaway bytes ends the input with error() set,
// so that /dev/zero or a binary file is never read forever. Comments ('#'
// at the start of a line or after a blank, decision files) are dropped: a
// comment line is skipped as if it were not there.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace overstretch::cli {

inline constexpr std::size_t kMaxLine = 4096;
inline constexpr std::size_t kMaxRunaway = std::size_t{1} << 20;  // 1 MiB

class LineReader {
 public:
  // With `echo`, every line read (but comments) is shown on `echo_to`: the
  // transcript of piped input reads like a typed session.
  LineReader(std::istream& in, std::ostream& echo_to, bool echo)
      : in_(in), echo_to_(echo_to), echo_(echo) {}

  // Why the input was ended early (empty if it was not), with its line.
  const std::string& error() const { return error_; }

  // Ends the input because the last line read was wrong (a decisions file
  // is not asked again: a reprompt would shift every later line).
  void Fail(const std::string& why);

  // The next line, or nullopt at the end of the input. *too_long is set
  // when the line was longer than kMaxLine.
  std::optional<std::string> Next(bool* too_long);

  // Gives `line` (just read, not too long) back: the next Next() returns it
  // again, without echoing it twice. For a prompt that reads a line meant
  // for the one after it.
  void Unread(std::string line) { unread_ = std::move(line); }

 private:
  std::optional<std::string> NextRaw(bool* too_long);

  std::istream& in_;
  std::ostream& echo_to_;
  bool echo_;
  std::string error_;
  std::size_t line_ = 0;  // lines read so far
  std::optional<std::string> unread_;
};

// Shows `prompt` on `out` and returns the next line, or nullopt at the end of
// the input. A line longer than kMaxLine is refused with a message (indented
// by `indent`, as the prompt's other replies are) and the prompt is shown
// again: every prompt of the game treats an over-long line the same way.
std::optional<std::string> AskLine(LineReader& reader, std::ostream& out, std::string_view prompt,
                                   std::string_view indent = "");

}  // namespace overstretch::cli
