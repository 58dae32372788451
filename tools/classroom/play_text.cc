// Text helpers of the played game (play_text.h).
#include "tools/classroom/play_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "engine/scenario.h"

namespace overstretch::cli {

std::string Shown(std::string_view text, std::size_t max) {
  std::string out;
  // Never cut inside a UTF-8 sequence: the server sends this text as JSON,
  // which must be valid UTF-8 (a 300-byte Japanese headline cut mid-character
  // made every view throw).
  std::size_t cut = std::min(max, text.size());
  if (cut < text.size()) {
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  for (char c : text.substr(0, cut)) {
    out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
  }
  if (text.size() > max) out += "...";
  return out;
}

std::string Trim(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
  return std::string(text.substr(b, e - b));
}

std::string Squash(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

std::pair<std::string, std::string> SplitWord(const std::string& line) {
  const std::string t = Trim(line);
  const std::size_t space = t.find_first_of(" \t");
  if (space == std::string::npos) return {t, ""};
  return {t.substr(0, space), Trim(t.substr(space + 1))};
}

std::string EscalationLevel(int e) {
  static const char* const kLevels[] = {"latent",           "tension",        "crisis",
                                        "limited conflict", "major conflict", "nuclear threshold"};
  return e >= 0 && e <= kMaxEscalation ? fmt::format("{} ({})", e, kLevels[e])
                                       : fmt::format("{}", e);
}

}  // namespace overstretch::cli
