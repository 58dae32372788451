// Text helpers of the played game (terminal and browser): typed text shown
// back safely, and the words a typed line is split into.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace overstretch::cli {

// Typed text shown back: control characters as '?', at most `max` bytes
// (then "..."), never cut inside a UTF-8 character.
std::string Shown(std::string_view text, std::size_t max = 80);

// Without leading and trailing white space.
std::string Trim(std::string_view text);

// Lowercase without spaces: how typed commands and option labels are compared.
std::string Squash(std::string_view text);

// The first word of a trimmed line and the trimmed rest.
std::pair<std::string, std::string> SplitWord(const std::string& line);

// An escalation level with its name: "3 (limited conflict)".
std::string EscalationLevel(int e);

}  // namespace overstretch::cli
